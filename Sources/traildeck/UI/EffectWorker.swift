import Foundation
import TrailCore
import TrailTUI

/// Runs the UI's queries on one background thread, so a slow query never blocks the UI loop.
///
/// The thread owns its own `HistoryService` (SQLite connections belong to one thread). Each kind of
/// request has one slot: a newer request replaces a queued older one of the same kind, so a burst of
/// key presses costs one query, not one per key. The app state drops stale answers anyway.
final class EffectWorker: @unchecked Sendable {
  // @unchecked: `pending` and `isStopping` are only touched while holding `condition`.

  /// One unit of work; `Lane` says which slot it occupies.
  enum Job: Sendable {
    case history(
      requestID: Int, filter: HistoryFilter, from: HistoryCursor?, direction: PageDirection, limit: Int)
    case record(rowID: Int64)
    case dashboard(region: String?)
    case eventCount
    case theme(name: String)

    var lane: Lane {
      switch self {
      case .history: .history
      case .record: .record
      case .dashboard: .dashboard
      case .eventCount: .eventCount
      case .theme: .theme
      }
    }
  }

  /// Slots, in the order they are served: what the user is waiting for first, the periodic
  /// dashboard refresh last.
  enum Lane: Int, CaseIterable, Comparable {
    case history, record, theme, eventCount, dashboard
    static func < (a: Lane, b: Lane) -> Bool { a.rawValue < b.rawValue }
  }

  private let databasePath: String
  private let clock: any Clock
  private let catalog: ThemeCatalog
  private let post: @Sendable (RuntimeMessage) -> Void
  private let condition = NSCondition()
  private var pending: [Lane: Job] = [:]
  private var isStopping = false
  private let finished = DispatchSemaphore(value: 0)

  /// - Parameter post: hands a result to the UI loop (its mailbox); called on the worker thread.
  init(
    databasePath: String, clock: any Clock, catalog: ThemeCatalog,
    post: @escaping @Sendable (RuntimeMessage) -> Void
  ) {
    self.databasePath = databasePath
    self.clock = clock
    self.catalog = catalog
    self.post = post
  }

  func start() {
    let thread = Thread { [self] in run() }
    thread.name = "traildeck.effects"
    thread.start()
  }

  /// Queues `job`, replacing a queued job of the same kind.
  func submit(_ job: Job) {
    condition.withLock {
      pending[job.lane] = job
      condition.signal()
    }
  }

  /// Asks the thread to finish and waits a little for it; a query still running is abandoned (the
  /// process is about to exit, and SQLite's WAL keeps the file consistent).
  func stop() {
    condition.withLock {
      isStopping = true
      pending.removeAll()
      condition.signal()
    }
    _ = finished.wait(timeout: .now() + 1)
  }

  private func run() {
    defer { finished.signal() }
    let service = Result { try HistoryService(databasePath: databasePath, clock: clock) }
    while let job = next() {
      perform(job, service)
    }
  }

  private func next() -> Job? {
    condition.withLock {
      while !isStopping && pending.isEmpty { condition.wait() }
      guard !isStopping, let lane = pending.keys.min() else { return nil }
      return pending.removeValue(forKey: lane)
    }
  }

  private func perform(_ job: Job, _ opened: Result<HistoryService, any Error>) {
    if case .theme(let name) = job {
      let (theme, diagnostics) = catalog.load(name)
      post(.themeLoaded(name: name, theme: theme, diagnostics: diagnostics))
      return
    }
    do {
      let service = try opened.get()
      switch job {
      case .history(let requestID, let filter, let cursor, let direction, let limit):
        let events = try service.summaries(filter, from: cursor, direction: direction, limit: limit)
        post(.input(.historyLoaded(requestID: requestID, events: events)))
      case .record(let rowID):
        post(.input(.recordLoaded(rowID: rowID, record: try service.record(rowID: rowID))))
      case .dashboard(let region):
        post(.input(.dashboardLoaded(try service.dashboard(region: region))))
      case .eventCount:
        post(.input(.eventCountLoaded(try service.eventCount())))
      case .theme: break
      }
    } catch {
      post(.input(.failed(Self.failureSource(of: job), .wrapping(error, summary: "query failed"))))
    }
  }

  private static func failureSource(of job: Job) -> FailureSource {
    switch job {
    case .history(let requestID, _, _, _, _): .history(requestID: requestID)
    case .record(let rowID): .record(rowID: rowID)
    case .dashboard: .dashboard
    case .eventCount: .eventCount
    case .theme: .theme
    }
  }
}
