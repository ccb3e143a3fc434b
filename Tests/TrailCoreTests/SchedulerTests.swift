import Foundation
import Testing

@testable import TrailCore

/// The scheduler runs every due occurrence once, in scheduled-time order, with its scheduled time,
/// however far the clock jumped.
@Suite("Scheduler")
struct SchedulerTests {
  /// 2024-03-01T12:00:00Z, on a 5-minute and an hour boundary.
  static let start = TestTime.date(TestTime.base)
  static let minute: TimeInterval = 60
  static let hour: TimeInterval = 3600
  static let day: TimeInterval = 86_400

  static func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

  /// Appends each occurrence as `(name, scheduled time)`.
  final class Log {
    var entries: [(String, Date)] = []
    func action(_ name: String) -> (Date) throws -> Void {
      { self.entries.append((name, $0)) }
    }
    var times: [Date] { entries.map(\.1) }
    var names: [String] { entries.map(\.0) }
  }

  struct PeriodicCase: CustomTestStringConvertible, Sendable {
    var name: String
    var interval: TimeInterval
    var offset: TimeInterval = 0
    /// Seconds after `start`.
    var startingAfter: TimeInterval = 0
    var upTo: TimeInterval
    /// Seconds after `start` of each occurrence that runs.
    var expected: [TimeInterval]
    var testDescription: String { name }
  }

  static let periodicCases: [PeriodicCase] = [
    PeriodicCase(
      name: "every 5 minutes over a jump of an hour: 12 occurrences", interval: 5 * minute, upTo: hour,
      expected: (1...12).map { TimeInterval($0) * 5 * minute }),
    PeriodicCase(
      name: "the start instant itself is not an occurrence", interval: 5 * minute, upTo: 5 * minute - 1,
      expected: []),
    PeriodicCase(
      name: "starting off the grid: the next 5-minute boundary", interval: 5 * minute, startingAfter: 61,
      upTo: 15 * minute, expected: [5 * minute, 10 * minute, 15 * minute]),
    PeriodicCase(
      name: "hourly at :07", interval: hour, offset: 7 * minute, upTo: 3 * hour,
      expected: [7 * minute, hour + 7 * minute, 2 * hour + 7 * minute]),
    PeriodicCase(
      name: "hourly at :07 starting at :07 begins an hour later", interval: hour, offset: 7 * minute,
      startingAfter: 7 * minute, upTo: 3 * hour, expected: [hour + 7 * minute, 2 * hour + 7 * minute]),
    PeriodicCase(
      name: "an offset beyond the interval is taken modulo it", interval: hour, offset: hour + 7 * minute,
      upTo: 2 * hour, expected: [7 * minute, hour + 7 * minute]),
    PeriodicCase(
      name: "a negative offset: hourly at :53", interval: hour, offset: -7 * minute, upTo: 2 * hour,
      expected: [53 * minute, hour + 53 * minute]),
    PeriodicCase(
      name: "daily at 00:00 UTC", interval: day, upTo: 3 * day,
      expected: [12 * hour, day + 12 * hour, 2 * day + 12 * hour]),
    PeriodicCase(
      name: "fractional interval stays on its grid", interval: 0.25, upTo: 1, expected: [0.25, 0.5, 0.75, 1]),
  ]

  @Test(arguments: periodicCases)
  func periodicJobsRunEachOccurrenceWithItsScheduledTime(_ c: PeriodicCase) throws {
    let scheduler = Scheduler()
    let log = Log()
    scheduler.every(
      c.interval, offset: c.offset, startingAfter: Self.at(c.startingAfter), name: "job", log.action("job"))
    let ran = try scheduler.runDue(upTo: Self.at(c.upTo))
    #expect(ran == c.expected.count)
    #expect(log.times == c.expected.map(Self.at))
  }

  /// One big jump and many small steps run the same occurrences: none skipped, none doubled.
  @Test func smallStepsRunWhatOneJumpRuns() throws {
    let scheduler = Scheduler()
    let log = Log()
    scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "deliver", log.action("deliver"))
    for second in stride(from: 0.0, through: Self.hour, by: 7) { try scheduler.runDue(upTo: Self.at(second)) }
    try scheduler.runDue(upTo: Self.at(Self.hour))
    #expect(log.times == (1...12).map { Self.at(TimeInterval($0) * 5 * Self.minute) })
  }

  struct OneShotCase: CustomTestStringConvertible, Sendable {
    var name: String
    var register: @Sendable (Scheduler, @escaping (Date) throws -> Void) -> JobID
    /// Seconds after `start` it is due.
    var due: TimeInterval
    var testDescription: String { name }
  }

  static let oneShotCases: [OneShotCase] = [
    OneShotCase(
      name: "36 hours after an instant",
      register: { $0.after(36 * hour, from: start, name: "close", $1) }, due: 36 * hour),
    OneShotCase(
      name: "once at 7 days later", register: { $0.once(at: at(7 * day), name: "purge", $1) }, due: 7 * day),
    OneShotCase(
      name: "once at an instant already past", register: { $0.once(at: at(-hour), name: "late", $1) },
      due: -hour),
  ]

  @Test(arguments: oneShotCases)
  func oneShotJobsRunOnceWhenDue(_ c: OneShotCase) throws {
    let scheduler = Scheduler()
    let log = Log()
    let id = c.register(scheduler, log.action("job"))
    #expect(scheduler.nextTime(of: id) == Self.at(c.due))
    #expect(scheduler.nextDueTime() == Self.at(c.due))
    #expect(try scheduler.runDue(upTo: Self.at(c.due - 1)) == 0)
    #expect(try scheduler.runDue(upTo: Self.at(c.due + 30 * Self.day)) == 1)
    #expect(try scheduler.runDue(upTo: Self.at(c.due + 60 * Self.day)) == 0)
    #expect(log.times == [Self.at(c.due)])
    #expect(scheduler.nextTime(of: id) == nil)
    #expect(scheduler.nextDueTime() == nil)
  }

  @Test func runningTwiceWithTheSameNowDoesNothingTheSecondTime() throws {
    let scheduler = Scheduler()
    let log = Log()
    scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "deliver", log.action("deliver"))
    scheduler.once(at: Self.at(10 * Self.minute), name: "once", log.action("once"))
    #expect(try scheduler.runDue(upTo: Self.at(Self.hour)) == 13)
    #expect(try scheduler.runDue(upTo: Self.at(Self.hour)) == 0)
    #expect(try scheduler.runDue(upTo: Self.at(Self.hour - 1)) == 0)
    #expect(log.entries.count == 13)
    #expect(scheduler.nextDueTime() == Self.at(Self.hour + 5 * Self.minute))
  }

  @Test func cancelledJobsNeverRunAgain() throws {
    let scheduler = Scheduler()
    let log = Log()
    let periodic = scheduler.every(
      5 * Self.minute, startingAfter: Self.start, name: "periodic", log.action("periodic"))
    let oneShot = scheduler.once(at: Self.at(Self.hour), name: "once", log.action("once"))
    try scheduler.runDue(upTo: Self.at(10 * Self.minute))
    scheduler.cancel(periodic)
    scheduler.cancel(oneShot)
    scheduler.cancel(oneShot)  // twice is harmless
    #expect(try scheduler.runDue(upTo: Self.at(Self.day)) == 0)
    #expect(log.names == ["periodic", "periodic"])
    #expect(scheduler.nextDueTime() == nil)
  }

  /// An action may cancel another job due at the same instant, or its own job.
  @Test func actionsMayCancelJobs() throws {
    let scheduler = Scheduler()
    let log = Log()
    var victim: JobID?
    var own: JobID?
    own = scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "first") {
      log.entries.append(("first", $0))
      if let victim { scheduler.cancel(victim) }
      if $0 >= Self.at(15 * Self.minute), let own { scheduler.cancel(own) }
    }
    victim = scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "second", log.action("second"))
    try scheduler.runDue(upTo: Self.at(Self.hour))
    #expect(log.names == ["first", "first", "first"])
    #expect(log.times == [5, 10, 15].map { Self.at($0 * Self.minute) })
  }

  /// At one instant, occurrences run in the order their jobs were registered, periodic or not.
  @Test func tiesRunInRegistrationOrder() throws {
    let scheduler = Scheduler()
    let log = Log()
    scheduler.once(at: Self.at(10 * Self.minute), name: "b", log.action("b"))
    scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "p", log.action("p"))
    scheduler.after(10 * Self.minute, from: Self.start, name: "a", log.action("a"))
    scheduler.once(at: Self.at(5 * Self.minute), name: "c", log.action("c"))
    try scheduler.runDue(upTo: Self.at(15 * Self.minute))
    #expect(log.names == ["p", "c", "b", "p", "a", "p"])
    #expect(log.times == [5, 5, 10, 10, 10, 15].map { Self.at($0 * Self.minute) })
  }

  struct Boom: Error, Equatable {}

  /// A throwing action stops nothing: every due occurrence runs, its own job's next ones included, and
  /// the failures are thrown together at the end.
  @Test func aThrowingActionDoesNotStopOthers() throws {
    let scheduler = Scheduler()
    let log = Log()
    let failing = scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "failing") {
      log.entries.append(("failing", $0))
      throw Boom()
    }
    scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "healthy", log.action("healthy"))
    do {
      try scheduler.runDue(upTo: Self.at(15 * Self.minute))
      Issue.record("runDue did not throw")
    } catch let error as ScheduledJobsFailed {
      #expect(error.occurrencesRun == 6)
      #expect(error.failures.map(\.job) == [failing, failing, failing])
      #expect(error.failures.map(\.name) == ["failing", "failing", "failing"])
      #expect(error.failures.map(\.scheduledTime) == [5, 10, 15].map { Self.at($0 * Self.minute) })
      #expect(error.failures.allSatisfy { $0.error is Boom })
      #expect(error.description.hasPrefix("failing at 2024-03-01T12:05:00Z: Boom"))
    }
    #expect(log.names == ["failing", "healthy", "failing", "healthy", "failing", "healthy"])
    #expect(scheduler.nextTime(of: failing) == Self.at(20 * Self.minute))
    // Nothing already run runs again.
    #expect(try scheduler.runDue(upTo: Self.at(15 * Self.minute)) == 0)
  }

  /// A job an action registers for a time already due runs in the same call, in time order.
  @Test func jobsRegisteredByActionsRunWhenDue() throws {
    let scheduler = Scheduler()
    let log = Log()
    scheduler.once(at: Self.at(Self.minute), name: "detect") { detected in
      log.entries.append(("detect", detected))
      scheduler.after(36 * Self.hour, from: detected, name: "close", log.action("close"))
      scheduler.after(30 * Self.minute, from: detected, name: "notify", log.action("notify"))
    }
    #expect(try scheduler.runDue(upTo: Self.at(Self.hour)) == 2)
    #expect(log.names == ["detect", "notify"])
    #expect(scheduler.nextDueTime() == Self.at(36 * Self.hour + Self.minute))
    #expect(try scheduler.runDue(upTo: Self.at(2 * Self.day)) == 1)
    #expect(log.times.last == Self.at(36 * Self.hour + Self.minute))
  }

  @Test func nextDueTimeIsTheEarliestOccurrence() {
    let scheduler = Scheduler()
    #expect(scheduler.nextDueTime() == nil)
    scheduler.once(at: Self.at(Self.day), name: "later") { _ in }
    scheduler.every(Self.hour, offset: 7 * Self.minute, startingAfter: Self.start, name: "hourly") { _ in }
    #expect(scheduler.nextDueTime() == Self.at(7 * Self.minute))
  }

  /// A fixed clock never advances: what is due at its instant runs once, nothing later ever does.
  @Test func aFixedClockRunsNothingLater() throws {
    let scheduler = Scheduler()
    let log = Log()
    scheduler.every(5 * Self.minute, startingAfter: Self.start, name: "deliver", log.action("deliver"))
    scheduler.once(at: Self.at(Self.hour + 1), name: "later", log.action("later"))
    let driver = SchedulerDriver(clock: FixedClock(Self.at(Self.hour)), scheduler: scheduler)
    #expect(try driver.tick() == 12)
    for _ in 0..<5 { #expect(try driver.tick() == 0) }
    #expect(log.names == Array(repeating: "deliver", count: 12))
  }

  /// At speed 60 one real minute is a simulated hour: the tick after it runs the hour's 12 deliveries.
  @Test func anAcceleratedClockThatJumpedAnHourRunsEveryOccurrence() throws {
    let base = ManualClock(Date(timeIntervalSince1970: 5_000))
    let clock = AcceleratedClock(origin: Self.start, speed: 60, base: base)
    let scheduler = Scheduler()
    let log = Log()
    scheduler.every(5 * Self.minute, startingAfter: clock.now(), name: "deliver", log.action("deliver"))
    let driver = SchedulerDriver(clock: clock, scheduler: scheduler)
    #expect(try driver.tick() == 0)
    base.advance(by: 60)
    #expect(try driver.tick() == 12)
    #expect(log.times == (1...12).map { Self.at(TimeInterval($0) * 5 * Self.minute) })
    base.advance(by: 4)  // four simulated minutes: nothing new is due
    #expect(try driver.tick() == 0)
    base.advance(by: 1)
    #expect(try driver.tick() == 1)
  }

  /// A one-shot command with a manual clock runs up to each instant it is set to.
  @Test func aManualClockRunsUpToWhereItIsSet() throws {
    let clock = ManualClock(Self.start)
    let scheduler = Scheduler()
    let log = Log()
    scheduler.every(Self.hour, offset: 7 * Self.minute, startingAfter: Self.start, name: "h", log.action("h"))
    let driver = SchedulerDriver(clock: clock, scheduler: scheduler)
    clock.set(Self.at(7 * Self.minute))
    #expect(try driver.tick() == 1)
    clock.advance(by: Self.day)
    #expect(try driver.tick() == 24)
    #expect(log.times.last == Self.at(Self.day + 7 * Self.minute))
  }
}
