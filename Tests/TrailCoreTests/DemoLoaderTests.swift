import Foundation
import Testing

@testable import TrailCore

@Suite("Demo loader")
struct DemoLoaderTests {
  static let end = Date(timeIntervalSince1970: TimeInterval(TestTime.base))

  @Test func seedingTwiceLoadsOnceAndLiveEventsFollow() throws {
    let store = try TestStore()
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(seed: 3, days: 1, accounts: 1, regions: 1, end: Self.end))
    let first = try DemoLoader(databasePath: store.dbPath, clock: FixedClock(TestTime.date(TestTime.base)))
      .seed(simulator)
    #expect(first.eventsLoaded > 4000)
    #expect(first.rejected == 0)
    let second = try DemoLoader(databasePath: store.dbPath, clock: FixedClock(TestTime.date(TestTime.base)))
      .seed(simulator)
    #expect(second.eventsLoaded == 0)
    #expect(second.alreadyIngested == second.files)
    #expect(try store.statistics().events == first.eventsLoaded)

    let live = try DemoLoader(databasePath: store.dbPath, clock: FixedClock(TestTime.date(TestTime.base)))
      .appendLive(
        simulator, from: Self.end, to: Self.end.addingTimeInterval(5), rate: 20)
    #expect(live > 0)
    #expect(try store.statistics().events == first.eventsLoaded + live)
  }
}
