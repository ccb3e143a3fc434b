import ArgumentParser
import Foundation
import TrailCore

/// The options every subcommand accepts after its name: where the store and the buckets are, what time
/// it is, and who is calling from where. They build the `StoreContext` the operations run in.
struct StoreOptions: ParsableArguments {
  @Option(name: .long, help: ArgumentHelp("The TrailDeck database file.", valueName: "path"))
  var db: String = EventStore.defaultPath()

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Set the clock: an ISO 8601 time, or 'latest' for the newest stored event (investigate old logs 'as of' their time). Without --speed the clock stands still there. Default: real time.",
      valueName: "time"))
  var now: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Run the clock N times faster than real time, from --now (or from the real now): --speed 1440 is a simulated day a minute.",
      valueName: "N"))
  var speed: Double?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The folder that stands for S3: bucket NAME is DIR/NAME/. Default: $XDG_DATA_HOME/traildeck/buckets.",
      valueName: "dir"))
  var buckets: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The caller's AWS account id. Default: the store's management account (the demo's first), else 123456789012.",
      valueName: "id"))
  var account: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The caller's region. Event history and the UI show every region of the store when it is not given; operations that need one use us-east-1.",
      valueName: "region"))
  var region: String?

  func validate() throws {
    if let now, now != "latest", ISO8601Time.parseUserTime(now) == nil {
      throw ValidationError(
        "Please give --now as an ISO 8601 time (2024-01-02T03:04:05Z) or 'latest'; got '\(now)'.")
    }
    if let speed, !(speed > 0 && speed <= 1_000_000) {
      throw ValidationError("Please give --speed between 0 and 1000000 (1 is real time); got \(speed).")
    }
    if let account, account.count != 12 || !account.allSatisfy(\.isASCIIDigit) {
      throw ValidationError("Please give --account as a 12-digit AWS account id; got '\(account)'.")
    }
    if let region, region.isEmpty {
      throw ValidationError("Please give --region a region name such as us-east-1.")
    }
  }

  /// The clock stands still (`--now` without `--speed`): nothing happens by itself.
  var isClockFixed: Bool { now != nil && speed == nil }

  /// The clock every time rule reads: real, fixed at `--now`, or accelerated by `--speed` from `--now`
  /// (or from the real now). `latest` needs the store, so it is resolved against it.
  func clock() throws -> any Clock {
    var origin: Date?
    if let now {
      if now == "latest" {
        let reader = try EventStore.openReader(path: db)
        origin = try StoreStatistics.newestEventTime(reader) ?? SystemClock().now()
      } else {
        origin = ISO8601Time.parseUserTime(now)!
      }
    }
    switch (origin, speed) {
    case (let origin?, nil): return FixedClock(origin)
    case (let origin, let speed?):
      return AcceleratedClock(origin: origin ?? SystemClock().now(), speed: speed)
    case (nil, nil): return SystemClock()
    }
  }

  /// The context the operations run in. The account defaults to the store's management account when
  /// the store exists and has one.
  func context() throws -> StoreContext {
    var callerAccount = account
    if callerAccount == nil, FileManager.default.fileExists(atPath: db) {
      callerAccount = try EventStore.managementAccount(EventStore.openReader(path: db))
    }
    return StoreContext(
      databasePath: db, clock: try clock(), bucketsDirectory: buckets, account: callerAccount, region: region)
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
