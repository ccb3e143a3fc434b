import Foundation
import Testing

@testable import TrailCore

/// The live demo is a scheduled job on the clock: an accelerated clock (`--speed`) from a fixed start
/// (`--now`) makes it append each step's events in order, none twice, however far the clock jumps.
@Suite("Live simulation on the scheduler")
struct LiveSimulationTests {
  static let start = TestTime.date(TestTime.base)

  @Test func anAcceleratedClockDrivesEveryStepOnce() throws {
    let store = try TestStore()
    let real = ManualClock(Date(timeIntervalSince1970: 1_000_000))
    let clock = AcceleratedClock(origin: Self.start, speed: 300, base: real)
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(seed: 5, days: 1, accounts: 1, regions: 1, end: Self.start))
    let scheduler = Scheduler()
    let step = LiveSimulation.step(for: clock)
    #expect(step == 300)
    // Faster clocks still step at most 5 minutes, one trail delivery's worth.
    #expect(LiveSimulation.step(for: AcceleratedClock(origin: Self.start, speed: 3600, base: real)) == 300)
    let live = LiveSimulation(
      simulator: simulator, rate: 0.2, loader: try DemoLoader(databasePath: store.dbPath, clock: clock),
      scheduler: scheduler, start: Self.start, step: step)
    // A real second: one 5-minute step of the clock.
    real.advance(by: 1)
    #expect(try scheduler.runDue(upTo: clock.now()) == 1)
    #expect(live.simulatedUpTo == Self.start.addingTimeInterval(300))
    // The driver stalled for 5 real seconds: the clock jumped 25 minutes, and 5 steps run in order.
    real.advance(by: 5)
    #expect(try scheduler.runDue(upTo: clock.now()) == 5)
    #expect(live.simulatedUpTo == Self.start.addingTimeInterval(1_800))
    #expect(try scheduler.runDue(upTo: clock.now()) == 0)
    // What was appended is exactly the simulator's events of that hour at that rate.
    let expected = simulator.liveRecords(from: Self.start, to: Self.start.addingTimeInterval(300), rate: 0.2)
    #expect(!expected.isEmpty)
    #expect(live.appended >= expected.count)
    #expect(try store.statistics().events == live.appended)
  }

  @Test func aFixedClockNeverRunsAStep() throws {
    let scheduler = Scheduler()
    let clock = FixedClock(Self.start)
    var ran = 0
    scheduler.every(LiveSimulation.step(for: clock), startingAfter: clock.now(), name: "step") { _ in ran += 1
    }
    #expect(try scheduler.runDue(upTo: clock.now()) == 0)
    #expect(ran == 0)
  }
}
