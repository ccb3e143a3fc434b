import ArgumentParser
import Foundation
import TrailCore

/// `--db PATH` and `--now ISO8601|latest`, accepted after every subcommand's name.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The TrailDeck database file.", valueName: "path"))
  var db: String = EventStore.defaultPath()

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Fix the clock: an ISO 8601 time, or 'latest' for the newest stored event (investigate old logs 'as of' their time). Default: real time.",
      valueName: "time"))
  var now: String?

  func validate() throws {
    if let now, now != "latest", ISO8601Time.parseUserTime(now) == nil {
      throw ValidationError(
        "Please give --now as an ISO 8601 time (2024-01-02T03:04:05Z) or 'latest'; got '\(now)'.")
    }
  }

  /// The clock every time rule reads. `latest` needs the store, so it is resolved against it.
  func clock() throws -> any Clock {
    guard let now else { return SystemClock() }
    if now == "latest" {
      let reader = try EventStore.openReader(path: db)
      let newest = try StoreStatistics.newestEventTime(reader)
      return FixedClock(newest ?? Date())
    }
    return FixedClock(ISO8601Time.parseUserTime(now)!)
  }
}
