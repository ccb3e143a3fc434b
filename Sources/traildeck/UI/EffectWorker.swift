import Foundation
import TrailCore
import TrailTUI

/// Runs the UI's queries on one background thread, so a slow query never blocks the UI loop.
///
/// The thread owns its own `StoreServices` (SQLite connections belong to one thread) and performs store
/// reads through `EffectPerformer`, the UI's one effect dispatcher. Each kind of request has one slot: a newer request replaces a queued older one of the same kind, so a burst of
/// key presses costs one query, not one per key. The app state drops stale answers anyway.
final class EffectWorker: @unchecked Sendable {
  // @unchecked: `pending` and `isStopping` are only touched while holding `condition`.

  /// Slots, in the order they are served: what the user is waiting for first, the periodic
  /// refreshes and the selector preview (a scan of a day of events) last.
  ///
  /// Trail changes (start/stop, save, put selectors) come one key press at a time, each from a screen
  /// that waits for its answer, so their one slot does not drop a change in practice.
  enum Lane: Int, CaseIterable, Comparable {
    case history, record, records, resourceTimeline, theme, trailChange, selectors, insightTimeline,
      eventCount, trails,
      dashboard, insights, selectorPreview, lakeDashboardRefresh, lakeDashboards, eventChain
    static func < (a: Lane, b: Lane) -> Bool { a.rawValue < b.rawValue }

    /// The slot of an effect the worker takes (store reads and theme loads).
    init?(_ effect: Effect) {
      switch effect {
      case .loadHistory: self = .history
      case .loadRecord: self = .record
      case .loadRecords: self = .records
      case .setTheme: self = .theme
      case .loadEventCount: self = .eventCount
      case .loadDashboard: self = .dashboard
      case .setLogging, .saveTrail, .putSelectors: self = .trailChange
      case .loadSelectors: self = .selectors
      case .loadTrails: self = .trails
      case .previewSelectors: self = .selectorPreview
      case .loadInsights: self = .insights
      case .loadInsightTimeline: self = .insightTimeline
      case .refreshLakeDashboard: self = .lakeDashboardRefresh
      case .loadLakeDashboards: self = .lakeDashboards
      case .loadResourceTimeline: self = .resourceTimeline
      // One chain question at a time: a newer `b`/`c` supersedes the one waiting.
      case .loadCausedBy, .loadCaused: self = .eventChain
      case .download, .cancelDownload, .quit, .loadEventDataStores, .runLakeQuery, .cancelLakeQuery,
        .exportLakeResults, .loadSavedLakeQueries, .storeSavedLakeQueries, .runCompoundFilter:
        return nil
      }
    }
  }

  private let context: StoreContext
  private let catalog: ThemeCatalog
  private let post: @Sendable (RuntimeMessage) -> Void
  private let condition = NSCondition()
  private var pending: [Lane: Effect] = [:]
  private var isStopping = false
  private let finished = DispatchSemaphore(value: 0)

  /// - Parameter post: hands a result to the UI loop (its mailbox); called on the worker thread.
  init(
    context: StoreContext, catalog: ThemeCatalog,
    post: @escaping @Sendable (RuntimeMessage) -> Void
  ) {
    self.context = context
    self.catalog = catalog
    self.post = post
  }

  func start() {
    let thread = Thread { [self] in run() }
    thread.name = "traildeck.effects"
    thread.start()
  }

  /// Queues `effect` (a store read or a theme load), replacing a queued one of the same kind.
  func submit(_ effect: Effect) {
    guard let lane = Lane(effect) else { return }
    condition.withLock {
      pending[lane] = effect
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
    let performer = Result { EffectPerformer(try StoreServices(context)) }
    while let effect = next() {
      perform(effect, performer)
    }
  }

  private func next() -> Effect? {
    condition.withLock {
      while !isStopping && pending.isEmpty { condition.wait() }
      guard !isStopping, let lane = pending.keys.min() else { return nil }
      return pending.removeValue(forKey: lane)
    }
  }

  private func perform(_ effect: Effect, _ performer: Result<EffectPerformer, any Error>) {
    if case .setTheme(let name) = effect {
      let (theme, diagnostics) = catalog.load(name)
      post(.themeLoaded(name: name, theme: theme, diagnostics: diagnostics))
      return
    }
    let answer: Input?
    switch performer {
    case .success(let performer): answer = performer.answer(effect)
    case .failure(let error): answer = EffectPerformer.failure(of: effect, error)
    }
    if let answer { post(.input(answer)) }
  }
}
