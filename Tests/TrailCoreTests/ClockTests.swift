import Foundation
import Testing

@testable import TrailCore

/// The clocks behind `--now` and `--speed`: an accelerated clock scales a base clock's elapsed time,
/// and a manual clock moves only when told to.
@Suite("Clocks")
struct ClockTests {
  static let origin = TestTime.date(TestTime.base)
  static let baseStart = Date(timeIntervalSince1970: 1_000_000)

  struct Case: CustomTestStringConvertible, Sendable {
    var speed: Double
    /// Real (base) seconds elapsed.
    var elapsed: TimeInterval
    /// Simulated seconds after the origin.
    var expected: TimeInterval
    var testDescription: String { "speed \(speed), \(elapsed) s of base time" }
  }

  static let cases: [Case] = [
    Case(speed: 60, elapsed: 0, expected: 0),
    Case(speed: 60, elapsed: 1, expected: 60),
    Case(speed: 60, elapsed: 24 * 60, expected: 86_400),  // a simulated day in 24 minutes
    Case(speed: 3600, elapsed: 1, expected: 3600),
    Case(speed: 3600, elapsed: 24, expected: 86_400),  // a simulated day in 24 seconds
    Case(speed: 3600, elapsed: 0.5, expected: 1800),
    Case(speed: 1, elapsed: 42, expected: 42),
  ]

  @Test(arguments: cases)
  func acceleratedClockScalesTheBaseClock(_ c: Case) {
    let base = ManualClock(Self.baseStart)
    let clock = AcceleratedClock(origin: Self.origin, speed: c.speed, base: base)
    #expect(clock.now() == Self.origin)
    base.advance(by: c.elapsed)
    #expect(clock.now() == Self.origin.addingTimeInterval(c.expected))
  }

  /// Readings are computed from the base each time, never accumulated: a thousand readings along the
  /// way leave the last one where a single reading would be.
  @Test func acceleratedClockDoesNotDrift() {
    let base = ManualClock(Self.baseStart)
    let clock = AcceleratedClock(origin: Self.origin, speed: 60, base: base)
    for step in 1...1000 {
      base.set(Self.baseStart.addingTimeInterval(TimeInterval(step) * 0.1))
      _ = clock.now()
    }
    #expect(
      clock.now()
        == AcceleratedClock(origin: Self.origin, speed: 60, base: base, baseAtStart: Self.baseStart).now())
    #expect(abs(clock.now().timeIntervalSince(Self.origin) - 6000) < 1e-3)
  }

  @Test func acceleratedClockWithAnExplicitBaseStart() {
    let base = FixedClock(Self.baseStart.addingTimeInterval(10))
    let clock = AcceleratedClock(origin: Self.origin, speed: 60, base: base, baseAtStart: Self.baseStart)
    #expect(clock.now() == Self.origin.addingTimeInterval(600))
  }

  @Test func acceleratedSystemClockStartsAtItsOrigin() {
    let clock = AcceleratedClock(origin: Self.origin, speed: 60)
    let elapsed = clock.now().timeIntervalSince(Self.origin)
    #expect(elapsed >= 0 && elapsed < 60 * 60)
  }

  @Test func manualClockMovesOnlyWhenTold() {
    let clock = ManualClock(Self.origin)
    #expect(clock.now() == Self.origin)
    #expect(clock.now() == Self.origin)
    #expect(clock.advance(by: 90) == Self.origin.addingTimeInterval(90))
    #expect(clock.now() == Self.origin.addingTimeInterval(90))
    clock.set(Self.baseStart)
    #expect(clock.now() == Self.baseStart)
    clock.advance(by: -1)
    #expect(clock.now() == Self.baseStart.addingTimeInterval(-1))
  }

  /// Advances from several threads at once are none of them lost.
  @Test func manualClockIsThreadSafe() {
    let clock = ManualClock(Self.origin)
    DispatchQueue.concurrentPerform(iterations: 8) { _ in
      for _ in 0..<1000 {
        clock.advance(by: 1)
        _ = clock.now()
      }
    }
    #expect(clock.now() == Self.origin.addingTimeInterval(8000))
  }

  @Test func fixedClockNeverMoves() {
    let clock = FixedClock(Self.origin)
    #expect(clock.now() == Self.origin)
    #expect(clock.now() == clock.instant)
  }
}
