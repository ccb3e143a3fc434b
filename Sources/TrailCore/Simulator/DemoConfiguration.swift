import Foundation

/// What `traildeck demo` simulates: which seed, which span, how many accounts and regions, how busy.
///
/// The span is `end - duration … end`. `traildeck demo` sets `end` to the clock's now, so a demo store
/// always looks current, unless it is given a start (`init(seed:start:duration:…)`).
/// ```swift
/// let config = DemoConfiguration(seed: 7, days: 30, accounts: 3, regions: 3, end: clock.now())
/// ```
public struct DemoConfiguration: Sendable, Equatable {
  /// Regions in the order they are added; `us-east-1` comes first because it also carries the global
  /// services (IAM, STS, sign-in).
  public static let regionOrder = [
    "us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1", "eu-central-1", "ap-southeast-2",
    "sa-east-1", "ca-central-1",
  ]

  /// Same seed and settings → byte-identical records.
  public var seed: UInt64
  /// Length of the span in seconds (at least one hour).
  public var duration: TimeInterval
  /// Number of accounts (1…50). Account 1 is the organization's main account and the busiest.
  public var accounts: Int
  /// Number of regions (1…8), taken from `regionOrder`.
  public var regions: Int
  /// The last instant of the span (exclusive).
  public var end: Date
  /// Average management events per account and day before the day/night rhythm; account 1 gets 40%
  /// more.
  public var eventsPerAccountDay: Int
  /// Average data events (S3 objects, Lambda invocations, DynamoDB items) per account and day.
  ///
  /// Real accounts log far more data than management events once data events are on; the default
  /// (30% of `eventsPerAccountDay`) keeps a demo store small while still showing them.
  public var dataEventsPerAccountDay: Int
  /// Average network activity events (calls through VPC endpoints) per account and day; default 3% of
  /// `eventsPerAccountDay`.
  public var networkEventsPerAccountDay: Int
  /// Whether the demo resources' changes come with AWS Config configuration items and Audit Manager
  /// evidence (`ConfigActivity`); on by default. Their calls are management events too, so switching
  /// this off also drops those calls.
  public var recordsConfigurationItems = true

  /// A span of `days` ending at `end`.
  /// - Precondition: `days >= 1`, `1...50` accounts, `1...8` regions, event rates not negative.
  public init(
    seed: UInt64, days: Int = 30, accounts: Int = 3, regions: Int = 3, end: Date,
    eventsPerAccountDay: Int = 8000, dataEventsPerAccountDay: Int? = nil,
    networkEventsPerAccountDay: Int? = nil
  ) {
    precondition(days >= 1, "DemoConfiguration.days must be at least 1, got \(days)")
    self.init(
      seed: seed, end: end, duration: Double(days) * 86_400, accounts: accounts, regions: regions,
      eventsPerAccountDay: eventsPerAccountDay, dataEventsPerAccountDay: dataEventsPerAccountDay,
      networkEventsPerAccountDay: networkEventsPerAccountDay)
  }

  /// A span of `duration` seconds from `start`, for a demo of a chosen past (or future) window.
  /// - Precondition: `duration >= 3600`, `1...50` accounts, `1...8` regions, event rates not negative.
  public init(
    seed: UInt64, start: Date, duration: TimeInterval, accounts: Int = 3, regions: Int = 3,
    eventsPerAccountDay: Int = 8000, dataEventsPerAccountDay: Int? = nil,
    networkEventsPerAccountDay: Int? = nil
  ) {
    self.init(
      seed: seed, end: start.addingTimeInterval(duration), duration: duration, accounts: accounts,
      regions: regions, eventsPerAccountDay: eventsPerAccountDay,
      dataEventsPerAccountDay: dataEventsPerAccountDay,
      networkEventsPerAccountDay: networkEventsPerAccountDay)
  }

  // `end` is kept exactly as given (not recomputed from a start), so a span ending at the clock's now
  // rounds to the same whole seconds as before.
  private init(
    seed: UInt64, end: Date, duration: TimeInterval, accounts: Int, regions: Int, eventsPerAccountDay: Int,
    dataEventsPerAccountDay: Int?, networkEventsPerAccountDay: Int?
  ) {
    precondition(duration >= 3600, "DemoConfiguration.duration must be at least an hour, got \(duration)")
    precondition((1...50).contains(accounts), "DemoConfiguration.accounts must be 1...50, got \(accounts)")
    precondition(
      (1...Self.regionOrder.count).contains(regions),
      "DemoConfiguration.regions must be 1...\(Self.regionOrder.count), got \(regions)")
    precondition(eventsPerAccountDay >= 0, "eventsPerAccountDay must not be negative")
    self.seed = seed
    self.duration = duration
    self.accounts = accounts
    self.regions = regions
    self.end = end
    self.eventsPerAccountDay = eventsPerAccountDay
    self.dataEventsPerAccountDay = dataEventsPerAccountDay ?? eventsPerAccountDay * 3 / 10
    self.networkEventsPerAccountDay = networkEventsPerAccountDay ?? eventsPerAccountDay * 3 / 100
    precondition(self.dataEventsPerAccountDay >= 0, "dataEventsPerAccountDay must not be negative")
    precondition(self.networkEventsPerAccountDay >= 0, "networkEventsPerAccountDay must not be negative")
  }

  /// Length of the span in whole days, rounded up.
  public var days: Int { Int((duration / 86_400).rounded(.up)) }

  /// The simulated span, `end - duration … end`.
  public var span: DateInterval { DateInterval(start: end.addingTimeInterval(-duration), end: end) }

  /// Region names in use, `us-east-1` first.
  public var regionNames: [String] { Array(Self.regionOrder.prefix(regions)) }

  /// The 12-digit account ids, derived from the seed; index 0 is the main account.
  public var accountIds: [String] {
    (0..<accounts).map { index in
      let value =
        100_000_000_000 + StableHash.combine(seed, StableHash.label("account"), UInt64(index))
        % 900_000_000_000
      return String(value)
    }
  }
}
