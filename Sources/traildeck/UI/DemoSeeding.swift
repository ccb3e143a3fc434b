import Foundation
import TrailCore

/// Seeds the demo organization into an empty database before the UI starts, so the first
/// `traildeck` shows something; and tells whether a database is a demo one (live simulation default).
enum DemoSeeding {
  struct Outcome {
    /// Events were seeded just now.
    var seeded: Bool
    /// The database holds demo-generated events (seeded now or by an earlier run or `traildeck demo`).
    var isDemoDatabase: Bool
  }

  /// Seeds `days` × `accounts` × `regions` ending at `end` when the store holds no events, drawing a
  /// progress line on stderr when it is a terminal.
  static func seedIfEmpty(databasePath: String, end: Date, days: Int, accounts: Int, regions: Int)
    throws -> Outcome
  {
    if FileManager.default.fileExists(atPath: databasePath) {
      let reader = try EventStore.openReader(path: databasePath)
      if try EventStore.eventCount(reader) > 0 {
        return Outcome(seeded: false, isDemoDatabase: try EventStore.holdsDemoEvents(reader))
      }
    }
    let configuration = DemoConfiguration(
      seed: 1, days: days, accounts: accounts, regions: regions, end: end)
    let simulator = DemoSimulator(configuration: configuration)
    let loader = try DemoLoader(databasePath: databasePath, clock: FixedClock(end))
    let bar = ProgressLine(enabled: isatty(STDERR_FILENO) == 1)
    let what =
      "seeding demo account (\(days) days × \(accounts) accounts × \(regions) regions) into \(databasePath)"
    bar.showText("\(what): 0%")
    let summary = try loader.seed(simulator) { events, fraction in
      bar.showText("\(what): \(Int(fraction * 100))%  \(events) events")
    }
    // The demo organization has Insights on (as `traildeck demo` says): its history's Insights events.
    bar.showText("\(what): Insights")
    _ = try InsightsScan(context: StoreContext(databasePath: databasePath, clock: FixedClock(end))).run(
      from: configuration.span.start, to: configuration.span.end)
    bar.clear()
    return Outcome(seeded: summary.eventsLoaded > 0, isDemoDatabase: true)
  }
}
