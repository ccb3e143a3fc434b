import Foundation
import TrailCore

/// Everything that can happen to the UI: terminal events, time, and answers to effects.
public enum Input: Sendable {
  case key(Key)
  case mouse(MouseEvent)
  case resize(Size)
  /// The injected clock's now; send about once a second (and on start).
  case tick(Date)
  /// Answer to `Effect.loadHistory` with the same `requestID`; stale IDs are ignored.
  case historyLoaded(requestID: Int, events: [EventSummary])
  /// Answer to `Effect.loadRecord`: the verbatim JSON record.
  case recordLoaded(rowID: Int64, record: String)
  /// Answer to `Effect.loadRecords`: the verbatim JSON records, in `rowIDs` order.
  case recordsLoaded(rowIDs: [Int64], records: [String])
  /// Answer to `Effect.loadDashboard`.
  case dashboardLoaded(DashboardSnapshot)
  /// Answer to `Effect.loadEventCount`.
  case eventCountLoaded(Int)
  /// Progress of the running `Effect.download`; `total` when known.
  case downloadProgress(done: Int, total: Int?)
  case downloadFinished(path: String, count: Int)
  /// Answer to `Effect.cancelDownload`: the download stopped and its partial file at `path` is gone.
  case downloadCancelled(path: String)
  /// The runtime loaded the theme asked for by `Effect.setTheme` (diagnostics for its bad lines, if any).
  case themeApplied(name: String, diagnostics: [Diagnostic])
  /// New events arrived in the store (ingest, simulator) since the last notice.
  case liveEvents(newCount: Int)
  /// Answer to `Effect.loadTrails`.
  case trailsLoaded([TrailSummary])
  /// Answer to `Effect.setLogging`: what happened, for the status line.
  case trailActionDone(String)
  /// Answer to `Effect.saveTrail`: the trail's name.
  case trailSaved(name: String)
  /// Answer to `Effect.loadSelectors`.
  case selectorsLoaded(trail: String, GetEventSelectorsResponse)
  /// Answer to `Effect.previewSelectors`.
  case selectorPreviewLoaded(requestID: Int, SelectorPreview)
  /// Answer to `Effect.putSelectors`.
  case selectorsSaved(trail: String)
  /// Answer to `Effect.loadEventDataStores`.
  case eventDataStoresLoaded([EventDataStoreRow])
  /// Answer to `Effect.runLakeQuery`.
  case lakeQueryFinished(requestID: Int, LakeResult)
  /// `Effect.runLakeQuery` was refused, failed or cancelled.
  case lakeQueryFailed(requestID: Int, LakeRunError)
  /// Answer to `Effect.exportLakeResults`: where the file went.
  case lakeExported(path: String, rows: Int)
  /// Answer to `Effect.loadSavedLakeQueries`.
  case savedLakeQueriesLoaded([SavedLakeQuery])
  /// Answer to `Effect.loadInsights`: the Insights periods of the last 90 days, one entry per API.
  case insightsLoaded(requestID: Int, [InsightActivity])
  /// Answer to `Effect.loadInsightTimeline`.
  case insightTimelineLoaded(requestID: Int, InsightsTimeline)
  /// Answer to `Effect.loadLakeDashboards`.
  case lakeDashboardsLoaded(requestID: Int, [LakeDashboardBoard])
  /// Answer to `Effect.refreshLakeDashboard`: the refresh started.
  case lakeDashboardRefreshed(name: String, refreshID: String)
  /// Answer to `Effect.loadResourceTimeline`.
  case resourceTimelineLoaded(requestID: Int, ResourceTimeline)
  /// Answer to `Effect.loadCausedBy`: the event that caused `rowID`, if any.
  case causedByLoaded(rowID: Int64, EventSummary?)
  /// Answer to `Effect.loadCaused`: the events `rowID` caused, oldest first.
  case causedLoaded(rowID: Int64, [EventSummary])
  /// An effect failed; `source` says which one so the right pane stops waiting.
  case failed(FailureSource, Diagnostic)
}

/// Which effect a failure answers.
public enum FailureSource: Equatable, Sendable {
  case history(requestID: Int)
  case record(rowID: Int64)
  case records(rowIDs: [Int64])
  case dashboard
  case eventCount
  case download
  case theme
  case trails
  case trailAction
  case trailForm
  case selectors
  case selectorPreview(requestID: Int)
  case lakeStores
  case lakeExport
  case savedLakeQueries
  case insights(requestID: Int)
  case insightTimeline(requestID: Int)
  case lakeDashboards
  case resourceTimeline(requestID: Int)
  case eventChain(rowID: Int64)
}
