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
  }
  private let state = NIOLockedValueBox(State())
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
  }

  /// Starts the thread that appends.
  public func start() {
    let thread = Thread { [self] in loop() }
    thread.name = "traildeck-call-recorder"
    thread.start()
  }

  /// Queues `call`'s record.
  public func record(_ call: RecordedCall) {
    let bytes = Array(call.record().compactText().utf8)
    state.withLockedValue { $0.queued.append(bytes) }
  }

  /// Appends what is queued and stops the thread; returns when the last batch is stored.
  public func stop() {
    state.withLockedValue { $0.stopping = true }
    wake.lock()
    wake.unlock(withValue: 1)
    done.lock(whenValue: 1)
    done.unlock()
  }

  /// Appends what is queued now (tests, and `stop`).
  private func loop() {
    var intake: RecordIntake?
    while true {
      // A timed-out wait does not hold the lock: unlocking it then traps.
      if wake.lock(whenValue: 1, timeoutSeconds: interval) { wake.unlock() }
      let (records, stopping, batch) = state.withLockedValue { state in
        defer {
          state.queued = []
          state.batch += 1
        }
        return (state.queued, state.stopping, state.batch)
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
      if stopping { break }
    }
    intake?.finish()
    done.lock()
    done.unlock(withValue: 1)
  }
}
