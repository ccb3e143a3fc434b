import TrailCore

/// The one place that turns an effect which reads the store into a call of the engine's services and
/// the answer into the `Input` that `update` expects.
///
/// The runtime calls it on its query thread, the UI benchmark inline, tests over fixed rows: all of
/// them dispatch the same way. Effects that do not read the store (download, theme, quit) are the
/// caller's: `answer` returns nil for them.
public struct EffectPerformer {
  public let services: any HistoryQuerying

  public init(_ services: any HistoryQuerying) { self.services = services }

  /// Whether `effect` reads the store (so `answer` performs it).
  public static func readsStore(_ effect: Effect) -> Bool {
    switch effect {
    case .loadHistory, .loadRecord, .loadRecords, .loadDashboard, .loadEventCount: true
    case .download, .cancelDownload, .setTheme, .quit: false
    }
  }

  /// Performs `effect` and returns its answer — a loaded page, record, dashboard or count, or
  /// `.failed` naming the effect — or nil when the effect does not read the store.
  public func answer(_ effect: Effect) -> Input? {
    do {
      switch effect {
      case .loadHistory(let requestID, let filter, let cursor, let direction, let limit):
        let events = try services.summaries(filter, from: cursor, direction: direction, limit: limit)
        return .historyLoaded(requestID: requestID, events: events)
      case .loadRecord(let rowID):
        return .recordLoaded(rowID: rowID, record: try services.record(rowID: rowID))
      case .loadRecords(let rowIDs):
        return .recordsLoaded(rowIDs: rowIDs, records: try rowIDs.map { try services.record(rowID: $0) })
      case .loadDashboard(let region):
        return .dashboardLoaded(try services.dashboard(region: region))
      case .loadEventCount:
        return .eventCountLoaded(try services.eventCount())
      case .download, .cancelDownload, .setTheme, .quit:
        return nil
      }
    } catch {
      return Self.failure(of: effect, error)
    }
  }

  /// The `.failed` input for `effect`, when performing it threw `error` (or its services could not
  /// be opened).
  public static func failure(of effect: Effect, _ error: any Error) -> Input? {
    let source: FailureSource
    switch effect {
    case .loadHistory(let requestID, _, _, _, _): source = .history(requestID: requestID)
    case .loadRecord(let rowID): source = .record(rowID: rowID)
    case .loadRecords(let rowIDs): source = .records(rowIDs: rowIDs)
    case .loadDashboard: source = .dashboard
    case .loadEventCount: source = .eventCount
    case .setTheme: source = .theme
    case .download, .cancelDownload: source = .download
    case .quit: return nil
    }
    return .failed(source, .wrapping(error, summary: "query failed"))
  }
}

extension Diagnostic {
  /// Wraps any error a query threw, so every failure reaches the status line as a `Diagnostic`.
  public static func wrapping(_ error: any Error, summary: String) -> Diagnostic {
    if let diagnostic = error as? Diagnostic { return diagnostic }
    if let error = error as? ServiceError { return error.diagnostic }
    return Diagnostic(code: "InternalError", summary: summary, reason: String(describing: error))
  }
}
