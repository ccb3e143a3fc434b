import TrailCore

/// The one place that turns an effect which reads the store into a call of the engine's services and
/// the answer into the `Input` that `update` expects.
///
/// The runtime calls it on its query thread, the UI benchmark inline, tests over fixed rows: all of
/// them dispatch the same way. Effects that do not read the store (download, theme, quit) are the
/// caller's: `answer` returns nil for them.
public struct EffectPerformer {
  public let services: any HistoryQuerying
  /// The Trails pane's operations; `nil` when the services do not manage trails (trail effects then
  /// fail with a diagnostic rather than vanish).
  public let trails: (any TrailManaging)?
  /// The Insights pane's reads; `nil` when the services do not answer them (their effects then fail
  /// with a diagnostic).
  public let insights: (any InsightsQuerying)?

  /// - Parameters:
  ///   - trails: defaults to `services` itself when it also manages trails (`StoreServices` does).
  ///   - insights: defaults to `services` itself when it also reads Insights (`StoreServices` does).
  public init(
    _ services: any HistoryQuerying, trails: (any TrailManaging)? = nil,
    insights: (any InsightsQuerying)? = nil
  ) {
    self.services = services
    self.trails = trails ?? (services as? any TrailManaging)
    self.insights = insights ?? (services as? any InsightsQuerying)
  }

  /// Whether `effect` reads the store (so `answer` performs it).
  public static func readsStore(_ effect: Effect) -> Bool {
    switch effect {
    case .loadHistory, .loadRecord, .loadRecords, .loadDashboard, .loadEventCount, .loadTrails, .setLogging,
      .saveTrail, .loadSelectors, .previewSelectors, .putSelectors, .loadInsights, .loadInsightTimeline,
      .loadLakeDashboards, .refreshLakeDashboard, .loadResourceTimeline, .loadCausedBy, .loadCaused:
      true
    case .download, .cancelDownload, .setTheme, .quit, .loadEventDataStores, .runLakeQuery, .cancelLakeQuery,
      .exportLakeResults, .loadSavedLakeQueries, .storeSavedLakeQueries, .runCompoundFilter:
      false
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
      case .loadTrails:
        return .trailsLoaded(try trailManager().trailSummaries())
      case .setLogging(let trail, let on):
        try trailManager().setLogging(trail: trail, on: on)
        return .trailActionDone(on ? "Logging started for \(trail)" : "Logging stopped for \(trail)")
      case .saveTrail(.create(let request)):
        return .trailSaved(name: try trailManager().createTrail(request))
      case .saveTrail(.update(let request)):
        return .trailSaved(name: try trailManager().updateTrail(request))
      case .loadSelectors(let trail):
        return .selectorsLoaded(trail: trail, try trailManager().eventSelectors(trail: trail))
      case .previewSelectors(let requestID, let request, let window):
        return .selectorPreviewLoaded(
          requestID: requestID, try trailManager().previewSelectors(request, window: window))
      case .putSelectors(let request):
        try trailManager().putEventSelectors(request)
        return .selectorsSaved(trail: request.trailName)
      case .loadInsights(let requestID, let region):
        return .insightsLoaded(requestID: requestID, try insightReader().insightActivities(region: region))
      case .loadInsightTimeline(let requestID, let request):
        return .insightTimelineLoaded(requestID: requestID, try insightReader().insightTimeline(request))
      case .loadLakeDashboards(let requestID):
        return .lakeDashboardsLoaded(requestID: requestID, try dashboardReader().lakeDashboardBoards())
      case .refreshLakeDashboard(let name):
        return .lakeDashboardRefreshed(
          name: name, refreshID: try dashboardReader().refreshLakeDashboard(name))
      case .loadResourceTimeline(let requestID, let query):
        guard let reader = services as? any ResourceTimelineReading else {
          throw Diagnostic(
            code: "InternalError", summary: "the resource timeline is not available",
            reason: "no configuration item services")
        }
        return .resourceTimelineLoaded(requestID: requestID, try reader.resourceTimeline(query))
      case .loadCausedBy(let rowID):
        return .causedByLoaded(rowID: rowID, try EventChains(services).causedBy(rowID: rowID))
      case .loadCaused(let rowID):
        return .causedLoaded(rowID: rowID, try EventChains(services).caused(rowID: rowID))
      case .download, .cancelDownload, .setTheme, .quit, .loadEventDataStores, .runLakeQuery,
        .cancelLakeQuery,
        .exportLakeResults, .loadSavedLakeQueries, .storeSavedLakeQueries, .runCompoundFilter:
        // Lake's effects are the runtime's Lake jobs (`LakeQuerying`), not store reads of this performer.
        return nil
      }
    } catch {
      return Self.failure(of: effect, error)
    }
  }

  private func trailManager() throws -> any TrailManaging {
    guard let trails else {
      throw Diagnostic(
        code: "InternalError", summary: "trails are not available", reason: "no trail services")
    }
    return trails
  }

  private func dashboardReader() throws -> any LakeDashboardReading {
    guard let dashboards = services as? any LakeDashboardReading else {
      throw Diagnostic(
        code: "InternalError", summary: "Lake dashboards are not available", reason: "no dashboard services")
    }
    return dashboards
  }

  private func insightReader() throws -> any InsightsQuerying {
    guard let insights else {
      throw Diagnostic(
        code: "InternalError", summary: "Insights are not available", reason: "no Insights services")
    }
    return insights
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
    case .loadTrails: source = .trails
    case .setLogging: source = .trailAction
    case .saveTrail: source = .trailForm
    case .loadSelectors, .putSelectors: source = .selectors
    case .previewSelectors(let requestID, _, _): source = .selectorPreview(requestID: requestID)
    case .loadEventDataStores: source = .lakeStores
    case .runLakeQuery, .cancelLakeQuery: return nil
    case .exportLakeResults: source = .lakeExport
    case .loadSavedLakeQueries, .storeSavedLakeQueries: source = .savedLakeQueries
    case .runCompoundFilter(let requestID, _, _): source = .history(requestID: requestID)
    case .loadInsights(let requestID, _): source = .insights(requestID: requestID)
    case .loadInsightTimeline(let requestID, _): source = .insightTimeline(requestID: requestID)
    case .loadLakeDashboards, .refreshLakeDashboard: source = .lakeDashboards
    case .loadResourceTimeline(let requestID, _): source = .resourceTimeline(requestID: requestID)
    case .loadCausedBy(let rowID), .loadCaused(let rowID): source = .eventChain(rowID: rowID)
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
