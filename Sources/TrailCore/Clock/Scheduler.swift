import Foundation

/// Names a job of a `Scheduler`, to cancel it or ask when it next runs.
public struct JobID: Hashable, Sendable, CustomStringConvertible {
  /// Registration order: ties between occurrences at one instant go to the lower value.
  let value: Int
  /// `job N`.
  public var description: String { "job \(value)" }
}

/// Runs jobs at instants read from a clock: periodic work (trail delivery every 5 minutes, a rollup
/// every hour at :07) and one-off work (an Insights close 36 hours after an anomaly, a purge 7 days
/// later).
///
/// The scheduler never reads a clock itself: `runDue(upTo:)` is told what "now" is. The same jobs thus
/// run from a long-running process each real second (see `SchedulerDriver`), from an accelerated
/// clock that jumps an hour between two ticks, or from a one-shot command that runs everything due up
/// to its `--now`, and every occurrence runs exactly once, in scheduled-time order, with its own
/// scheduled time (not the time it happened to be run at), so a late run does the same work as a
/// punctual one.
///
/// Owned by one thread (actions are not `Sendable` and run on the caller's thread). Finding the next
/// occurrence scans the jobs, which suits the handful a process registers.
public final class Scheduler {
  private enum Timing {
    /// Occurrences at `index × interval + offset` seconds after 1970; `index` is the next one's.
    case every(interval: TimeInterval, offset: TimeInterval, index: Int64)
    case once
  }

  private struct Job {
    var name: String
    var timing: Timing
    var next: Date
    var action: (Date) throws -> Void
  }

  private var jobs: [Int: Job] = [:]
  private var registered = 0
  private var isRunning = false

  /// An empty scheduler.
  public init() {}

  /// Runs `action` every `interval` seconds, at the instants `k × interval + offset` seconds after
  /// 1970-01-01T00:00:00Z (integer `k`) that are strictly later than `startingAfter`.
  ///
  /// Aligning to the epoch rather than to the start makes occurrences land on round times whenever
  /// the process starts: every 300 s gives :00, :05, :10…; every 3 600 s with offset 420 gives :07 of
  /// each hour. "Strictly after" lets a restarted process pass the last instant it handled and neither
  /// repeat nor skip one.
  ///
  /// - Parameters:
  ///   - interval: seconds between occurrences, finite and greater than 0.
  ///   - offset: seconds added to each multiple of `interval` (any finite value; only its remainder
  ///     modulo `interval` matters).
  ///   - startingAfter: occurrences at or before this instant never run.
  ///   - name: for errors and logs.
  ///   - action: called with each occurrence's scheduled time.
  /// - Returns: the job's id.
  @discardableResult
  public func every(
    _ interval: TimeInterval, offset: TimeInterval = 0, startingAfter: Date, name: String,
    _ action: @escaping (Date) throws -> Void
  ) -> JobID {
    precondition(interval > 0 && interval.isFinite, "a periodic job needs a finite interval above 0")
    precondition(offset.isFinite, "a periodic job needs a finite offset")
    let after = startingAfter.timeIntervalSince1970
    var index = Int64(((after - offset) / interval).rounded(.down)) + 1
    // The division may round either way; settle on the first multiple strictly after the start.
    while Self.instant(index, interval, offset) <= after { index += 1 }
    while Self.instant(index - 1, interval, offset) > after { index -= 1 }
    return add(
      Job(
        name: name, timing: .every(interval: interval, offset: offset, index: index),
        next: Self.date(index, interval, offset), action: action))
  }

  /// Runs `action` once, at `date` (already due when `date` is in the past).
  @discardableResult
  public func once(at date: Date, name: String, _ action: @escaping (Date) throws -> Void) -> JobID {
    add(Job(name: name, timing: .once, next: date, action: action))
  }

  /// Runs `action` once, `delay` seconds after `from` (e.g. 36 hours after an event's own time, not
  /// after the moment it was noticed). Sugar for `once(at: from + delay)`.
  @discardableResult
  public func after(
    _ delay: TimeInterval, from start: Date, name: String, _ action: @escaping (Date) throws -> Void
  ) -> JobID {
    once(at: start.addingTimeInterval(delay), name: name, action)
  }

  /// Removes a job: none of its occurrences runs any more. Unknown or finished ids are ignored, and
  /// an action may cancel its own job or another while `runDue` runs.
  public func cancel(_ id: JobID) {
    jobs[id.value] = nil
  }

  /// When job `id` next runs; nil once it has finished or been cancelled.
  public func nextTime(of id: JobID) -> Date? {
    jobs[id.value]?.next
  }

  /// The earliest scheduled time of any job; nil when there is none.
  public func nextDueTime() -> Date? {
    jobs.values.lazy.map(\.next).min()
  }

  /// Runs every occurrence scheduled at or before `now`, earliest first (occurrences at the same
  /// instant in the order their jobs were registered), passing each its scheduled time.
  ///
  /// An occurrence runs at most once: a periodic job's next occurrence is scheduled before its action
  /// is called. Jobs that actions register or cancel take effect at once (a job registered for a time
  /// at or before `now` runs in this same call). An action that throws stops nothing: the remaining
  /// due occurrences still run, and the errors are then thrown together as `ScheduledJobsFailed`.
  ///
  /// - Returns: how many occurrences ran (when none failed).
  /// - Throws: `ScheduledJobsFailed` after everything due has run, if any action threw.
  /// - Precondition: not called from inside an action (the scheduler is not reentrant).
  @discardableResult
  public func runDue(upTo now: Date) throws -> Int {
    precondition(!isRunning, "Scheduler.runDue was called from inside a scheduled action")
    isRunning = true
    defer { isRunning = false }
    var ran = 0
    var failures: [ScheduledJobsFailed.Failure] = []
    while let due = firstDue(upTo: now) {
      let (key, job) = due
      let scheduled = job.next
      switch job.timing {
      case .every(let interval, let offset, let index):
        var following = job
        following.timing = .every(interval: interval, offset: offset, index: index + 1)
        following.next = Self.date(index + 1, interval, offset)
        jobs[key] = following
      case .once:
        jobs[key] = nil
      }
      ran += 1
      do {
        try job.action(scheduled)
      } catch {
        failures.append(.init(job: JobID(value: key), name: job.name, scheduledTime: scheduled, error: error))
      }
    }
    guard failures.isEmpty else { throw ScheduledJobsFailed(occurrencesRun: ran, failures: failures) }
    return ran
  }

  private func add(_ job: Job) -> JobID {
    registered += 1
    jobs[registered] = job
    return JobID(value: registered)
  }

  /// The due job with the earliest time, the earliest registered among equals.
  private func firstDue(upTo now: Date) -> (Int, Job)? {
    var best: (Int, Job)?
    for (key, job) in jobs where job.next <= now {
      if let current = best, (current.1.next, current.0) < (job.next, key) { continue }
      best = (key, job)
    }
    return best
  }

  /// Seconds since 1970 of occurrence `index`; computed from the index each time, never accumulated,
  /// so a job that has run a million times is still on its grid.
  private static func instant(_ index: Int64, _ interval: TimeInterval, _ offset: TimeInterval) -> Double {
    Double(index) * interval + offset
  }

  private static func date(_ index: Int64, _ interval: TimeInterval, _ offset: TimeInterval) -> Date {
    Date(timeIntervalSince1970: instant(index, interval, offset))
  }
}

// Owned by one thread: its actions are plain closures run on the caller's thread.
@available(*, unavailable)
extension Scheduler: Sendable {}

/// What `Scheduler.runDue(upTo:)` throws when actions failed: every due occurrence has still run.
public struct ScheduledJobsFailed: Error, CustomStringConvertible {
  /// One occurrence whose action threw.
  public struct Failure: Sendable {
    /// The job whose action threw.
    public var job: JobID
    /// The job's name.
    public var name: String
    /// The occurrence's scheduled time.
    public var scheduledTime: Date
    /// What the action threw.
    public var error: any Error
  }

  /// Occurrences that ran, the failed ones included.
  public var occurrencesRun: Int
  /// The failed occurrences, in the order they ran.
  public var failures: [Failure]

  /// One line per failure: the job's name, its scheduled time and the error.
  public var description: String {
    failures.map { "\($0.name) at \(ISO8601Time.format($0.scheduledTime)): \($0.error)" }
      .joined(separator: "\n")
  }
}

/// Runs a scheduler from a clock: a long-running process (ui, demo --live, a server) calls `tick()`
/// about once a real second; a one-shot command calls it once to run everything due up to its clock.
public struct SchedulerDriver {
  /// Where "now" comes from (system, accelerated, fixed or manual).
  public let clock: any Clock
  /// The jobs to run.
  public let scheduler: Scheduler

  /// A driver of `scheduler` by `clock`.
  public init(clock: any Clock, scheduler: Scheduler) {
    self.clock = clock
    self.scheduler = scheduler
  }

  /// Runs what is due at `clock.now()`: with an accelerated clock, or after the process slept, that is
  /// every occurrence since the last tick, in order.
  ///
  /// - Returns: how many occurrences ran.
  /// - Throws: `ScheduledJobsFailed`, as `Scheduler.runDue(upTo:)`.
  @discardableResult
  public func tick() throws -> Int {
    try scheduler.runDue(upTo: clock.now())
  }
}
