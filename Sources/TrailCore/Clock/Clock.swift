import Foundation

/// The single source of "now" for every time rule (the 90-day window, live rates, dashboards).
///
/// Real use reads the system clock; `--now` fixes it so that old logs can be investigated "as of"
/// their own time, and tests pin it.
public protocol Clock: Sendable {
  func now() -> Date
}

/// The wall clock.
public struct SystemClock: Clock {
  public init() {}
  public func now() -> Date { Date() }
}

/// A clock that always answers the same instant (`--now 2024-01-02T00:00:00Z`, tests).
public struct FixedClock: Clock {
  public let instant: Date
  public init(_ instant: Date) { self.instant = instant }
  public func now() -> Date { instant }
}
