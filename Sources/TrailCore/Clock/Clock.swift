import Foundation
import Synchronization

/// The single source of "now" for every time rule (the 90-day window, live rates, dashboards).
///
/// Real use reads the system clock; `--now` fixes it so that old logs can be investigated "as of"
/// their own time, and tests pin it.
public protocol Clock: Sendable {
  /// The current instant as this clock sees it.
  func now() -> Date
}

/// The wall clock.
public struct SystemClock: Clock {
  /// The wall clock; it has no settings.
  public init() {}
  /// `Date()`.
  public func now() -> Date { Date() }
}

/// A clock that always answers the same instant (`--now 2024-01-02T00:00:00Z`, tests).
public struct FixedClock: Clock {
  /// The instant every reading answers.
  public let instant: Date
  /// A clock stopped at `instant`.
  public init(_ instant: Date) { self.instant = instant }
  /// Always `instant`.
  public func now() -> Date { instant }
}

/// A clock that starts at `origin` and runs `speed` times faster than `base` (`--speed N`, with
/// `--now T` as the origin): a simulated day passes in 24 minutes at speed 60.
///
/// Readings are computed from the base clock, never accumulated, so they do not drift however often
/// they are taken: `now() = origin + (base.now() − baseAtStart) × speed`. The base is injectable so
/// tests can drive it with a `ManualClock`.
public struct AcceleratedClock: Clock {
  /// The instant this clock reads when the base reads `baseAtStart`.
  public let origin: Date
  /// How many of this clock's seconds pass per second of the base clock (greater than 0).
  public let speed: Double
  /// The clock whose elapsed time is scaled.
  public let base: any Clock
  /// The base clock's reading that corresponds to `origin`.
  public let baseAtStart: Date

  /// A clock at `origin` now, running `speed` times as fast as `base` from here on.
  ///
  /// - Precondition: `speed` is finite and greater than 0 (a clock must move forwards).
  public init(origin: Date, speed: Double, base: any Clock = SystemClock()) {
    self.init(origin: origin, speed: speed, base: base, baseAtStart: base.now())
  }

  /// A clock that reads `origin` when `base` reads `baseAtStart` (for a start chosen elsewhere, such as
  /// a process's launch instant, or a restart that must continue where an earlier run was).
  ///
  /// - Precondition: `speed` is finite and greater than 0.
  public init(origin: Date, speed: Double, base: any Clock, baseAtStart: Date) {
    precondition(speed > 0 && speed.isFinite, "an accelerated clock needs a finite speed above 0")
    self.origin = origin
    self.speed = speed
    self.base = base
    self.baseAtStart = baseAtStart
  }

  /// `origin + (base.now() − baseAtStart) × speed`.
  public func now() -> Date {
    origin.addingTimeInterval(base.now().timeIntervalSince(baseAtStart) * speed)
  }
}

/// A clock that moves only when told to: tests, and one-shot commands that "run up to" a time.
///
/// Thread-safe: readings and changes may come from any thread (a test's driver and the worker it
/// observes). The instant lives in a `Mutex`, so the class is `Sendable` without `@unchecked`.
public final class ManualClock: Clock {
  private let instant: Mutex<Date>

  /// A clock reading `start` until it is set or advanced.
  public init(_ start: Date) { instant = Mutex(start) }

  /// The instant last set.
  public func now() -> Date { instant.withLock { $0 } }

  /// Moves the clock to `date`, forwards or backwards (a test may rewind it on purpose).
  public func set(_ date: Date) { instant.withLock { $0 = date } }

  /// Moves the clock by `interval` seconds (negative moves it back); returns the new reading.
  @discardableResult public func advance(by interval: TimeInterval) -> Date {
    instant.withLock {
      $0 = $0.addingTimeInterval(interval)
      return $0
    }
  }
}
