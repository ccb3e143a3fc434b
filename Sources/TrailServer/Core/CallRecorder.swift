import Foundation
import NIOConcurrencyHelpers
import TrailCore

/// Stores the server's own calls as CloudTrail events, in batches: requests only queue their record,
/// and one thread appends what has queued every `interval` through `RecordIntake` (source
/// `api:…`), so 200 clients do not make 200 write transactions and trails deliver the calls like any
/// other live management event.
public final class CallRecorder: Sendable {
  private struct State {
    var queued: [[UInt8]] = []
    var stopping = false
    var batch = 0
    /// The arrival times of calls being answered, by ticket.
    var inFlight: [Int: Date] = [:]
    var nextTicket = 0
    /// Every call that arrived before this instant is stored (or is in `inFlight`).
    var storedThrough: Date
  }
  private let state: NIOLockedValueBox<State>
  private let wake = NIOConcurrencyHelpers.ConditionLock(value: 0)
  private let databasePath: String
  private let clock: any Clock
  private let interval: TimeInterval
  private let done = NIOConcurrencyHelpers.ConditionLock(value: 0)
  /// Problems appending (a full disk): reported, never fatal to the request that was answered.
  private let report: @Sendable (String) -> Void

  /// A recorder into the store at `databasePath`, flushing every `interval` seconds of real time.
  public init(
    databasePath: String, clock: any Clock, interval: TimeInterval = 0.1,
    report: @escaping @Sendable (String) -> Void = { _ in }
  ) {
    self.databasePath = databasePath
    self.clock = clock
    self.interval = interval
    self.report = report
    state = NIOLockedValueBox(State(storedThrough: clock.now()))
  }

  /// Notes that a call arrives now and is being answered: its ticket (for `record`) and its time by
  /// the clock, read under the same lock a batch is cut under, so no call falls between the two.
  public func begin() -> (ticket: Int, time: Date) {
    state.withLockedValue { state in
      let time = clock.now()
      state.nextTicket += 1
      state.inFlight[state.nextTicket] = time
      return (state.nextTicket, time)
    }
  }

  /// The instant before which every call is stored: trail delivery waits for it, so a call answered
  /// across a delivery's boundary is delivered with its own 5 minutes, not lost.
  public var writtenThrough: Date {
    state.withLockedValue { state in min(state.storedThrough, state.inFlight.values.min() ?? .distantFuture) }
  }

  /// Starts the thread that appends.
  public func start() {
    let thread = Thread { [self] in loop() }
    thread.name = "traildeck-call-recorder"
    thread.start()
  }

  /// Queues `call`'s record (and ends its `ticket` from `begin`, when it has one).
  public func record(_ call: RecordedCall, ticket: Int? = nil) {
    let bytes = Array(call.record().compactText().utf8)
    state.withLockedValue { state in
      state.queued.append(bytes)
      if let ticket { state.inFlight[ticket] = nil }
    }
  }

  /// Ends `ticket` of a call that is not recorded (an unknown operation).
  public func abandon(_ ticket: Int) {
    state.withLockedValue { _ = $0.inFlight.removeValue(forKey: ticket) }
  }

  /// Appends what is queued and stops the thread; returns when the last batch is stored.
  public func stop() {
    state.withLockedValue { $0.stopping = true }
    wake.lock()
    wake.unlock(withValue: 1)
    done.lock(whenValue: 1)
    done.unlock()
  }

  /// Appends what has queued every `interval` until stopped, then what is left.
  private func loop() {
    var intake: RecordIntake?
    while true {
      // Woken early by `stop`; otherwise the interval passes.
      if wake.lock(whenValue: 1, timeoutSeconds: interval) { wake.unlock() }
      // Every call that began before `cut` is in this batch or still in flight.
      let (records, stopping, batch, cut) = state.withLockedValue { state in
        defer {
          state.queued = []
          state.batch += 1
        }
        return (state.queued, state.stopping, state.batch, clock.now())
      }
      if !records.isEmpty {
        do {
          let writer = try intake ?? RecordIntake(databasePath: databasePath, clock: clock)
          intake = writer
          let source = "api:\(ISO8601Time.format(Int64(clock.now().timeIntervalSince1970)))/\(batch)"
          try writer.append([RecordIntake.Batch(source: source, records: records)]) { problem in
            report("recording an API call: \(problem)")
          }
        } catch {
          report("recording \(records.count) API calls failed: \(error)")
        }
      }
      state.withLockedValue { $0.storedThrough = max($0.storedThrough, cut) }
      if stopping { break }
    }
    intake?.finish()
    done.lock()
    done.unlock(withValue: 1)
  }
}
