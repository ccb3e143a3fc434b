import Foundation

/// What `traildeck demo` simulates: which seed, how many days, accounts and regions, and until when.
///
/// The span is `end - days … end`; `end` is the clock's now, so a demo store always looks current.
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
  /// Length of the span in days (at least 1).
  public var days: Int
  /// Number of accounts (1…50). Account 1 is the organization's main account and the busiest.
  public var accounts: Int
  /// Number of regions (1…8), taken from `regionOrder`.
  public var regions: Int
  /// The last instant of the span (exclusive).
  public var end: Date
  /// Average events per account and day before the day/night rhythm; account 1 gets 40% more.
  public var eventsPerAccountDay: Int

  /// - Precondition: `days >= 1`, `1...50` accounts, `1...8` regions, `eventsPerAccountDay >= 0`.
  public init(
    seed: UInt64, days: Int = 30, accounts: Int = 3, regions: Int = 3, end: Date,
    eventsPerAccountDay: Int = 8000
  ) {
    precondition(days >= 1, "DemoConfiguration.days must be at least 1, got \(days)")
    precondition((1...50).contains(accounts), "DemoConfiguration.accounts must be 1...50, got \(accounts)")
    precondition(
      (1...Self.regionOrder.count).contains(regions),
      "DemoConfiguration.regions must be 1...\(Self.regionOrder.count), got \(regions)")
    precondition(eventsPerAccountDay >= 0, "eventsPerAccountDay must not be negative")
    self.seed = seed
    self.days = days
    self.accounts = accounts
    self.regions = regions
    self.end = end
    self.eventsPerAccountDay = eventsPerAccountDay
  }

  /// The simulated span, `end - days … end`.
  public var span: DateInterval {
    DateInterval(start: end.addingTimeInterval(-Double(days) * 86_400), end: end)
  }

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
