import Foundation
import Synchronization

/// How this process runs Lake queries: the engine, the settings, and the worker threads.
///
/// Queries run off the caller's thread, on at most `settings.workerThreads` workers (each opens its
/// own connections); further queries wait QUEUED. One watchdog thread renews the heartbeats of this
/// process's queries and stops those cancelled from another process or past the timeout.
///
/// There is one host per store file per process (`host(for:)`): threads belong to the process, and
/// every front of the process (the server's requests, a CLI command) must share them. Fronts and
/// tests that need another engine or other limits `install` theirs before the first query.
public final class LakeQueryHost: @unchecked Sendable {
  public let engine: any LakeQueryEngine
  public let settings: LakeQuerySettings

  // Guarded by `condition` (which is also how waiters learn that a job ended): hence @unchecked.
  private let condition = NSCondition()
  private var pending: [LakeQueryJob] = []
  private var running: [String: LakeQueryJob] = [:]
  private var workers = 0
  private var watchdogRuns = false

  /// A host running `engine` with `settings`.
  public init(
    engine: any LakeQueryEngine = LakeSQLEngine(), settings: LakeQuerySettings = LakeQuerySettings()
  ) {
    self.engine = engine
    self.settings = settings
  }

  private static let hosts = Mutex<[String: LakeQueryHost]>([:])

  /// The host of the store at `databasePath`: the one installed, else a new one with `LakeSQLEngine`
  /// and CloudTrail's limits.
  public static func host(for databasePath: String) -> LakeQueryHost {
    let key = Self.key(databasePath)
    return hosts.withLock { hosts in
      if let host = hosts[key] { return host }
      let host = LakeQueryHost()
      hosts[key] = host
      return host
    }
  }

  /// Makes `host` the one that runs queries on the store at `databasePath` in this process.
  public static func install(_ host: LakeQueryHost, for databasePath: String) {
    hosts.withLock { $0[Self.key(databasePath)] = host }
  }

  /// One key per file however the path is spelt (`store.db`, `./store.db`, absolute).
  private static func key(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  // MARK: Jobs

  /// Queues `job` and starts a worker (and the watchdog) when one is free.
  func submit(_ job: LakeQueryJob) {
    condition.lock()
    defer { condition.unlock() }
    pending.append(job)
    if workers < settings.workerThreads {
      workers += 1
      Thread.detachNewThread { [self] in work() }
    }
    if !watchdogRuns {
      watchdogRuns = true
      Thread.detachNewThread { [self] in watch() }
    }
  }

  /// Blocks until query `id` of this process has ended (at once when this process does not run it).
  public func waitUntilEnded(_ id: String) {
    condition.lock()
    defer { condition.unlock() }
    while running[id] != nil || pending.contains(where: { $0.id == id }) {
      condition.wait()
    }
  }

  /// Blocks until query `id` of this process has ended or `seconds` (real time) have passed; true when
  /// it has ended (or this process does not run it).
  public func waitUntilEnded(_ id: String, atMost seconds: TimeInterval) -> Bool {
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while running[id] != nil || pending.contains(where: { $0.id == id }) {
      guard condition.wait(until: deadline) else { return false }
    }
    return true
  }

  /// Stops query `id` if this process runs it (CancelQuery also marks it CANCELLED in the store, which
  /// is how a query of another process learns of it).
  func cancelLocally(_ id: String) {
    condition.lock()
    let job = running[id] ?? pending.first { $0.id == id }
    condition.unlock()
    job?.stop(.cancelled)
  }

  private func work() {
    while true {
      condition.lock()
      guard !pending.isEmpty else {
        workers -= 1
        condition.unlock()
        return
      }
      let job = pending.removeFirst()
      running[job.id] = job
      condition.unlock()

      LakeQueryRun(job: job, settings: settings).execute()

      condition.lock()
      running[job.id] = nil
      condition.broadcast()
      condition.unlock()
    }
  }

  /// Every `heartbeatInterval`: heartbeats for this process's queries, and stops for those cancelled
  /// elsewhere or past the timeout. Ends when no job is left.
  private func watch() {
    var store: LakeQueryStore?
    while true {
      Thread.sleep(forTimeInterval: settings.heartbeatInterval)
      condition.lock()
      let jobs = pending + Array(running.values)
      if jobs.isEmpty { watchdogRuns = false }
      condition.unlock()
      guard let first = jobs.first else { return }
      do {
        let store = try store ?? LakeQueryStore(databasePath: first.context.databasePath)
        try check(jobs, in: store)
      } catch {
        // A busy or vanished store: try again next beat with a fresh connection.
        store = nil
      }
    }
  }

  private func check(_ jobs: [LakeQueryJob], in store: LakeQueryStore) throws {
    let wallNow = settings.wallClock.now()
    try store.connection.transaction {
      for job in jobs { try store.heartbeat(job.id, at: wallNow) }
    }
    for job in jobs {
      guard let startedAt = job.startedAt else { continue }
      if try store.status(job.id) == .cancelled {
        job.stop(.cancelled)
      } else if job.context.clock.now().timeIntervalSince(startedAt) >= settings.timeout {
        job.stop(.timedOut)
      }
    }
  }
}
