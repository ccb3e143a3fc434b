import Foundation
import TrailCore

/// Work `update` asks the runtime to do, off the UI loop; results come back as `Input`s.
public enum Effect: Equatable, Sendable {
  /// Reads one page through `HistoryQuerying.summaries(filter, from:, direction:, limit:)`; answer with
  /// `.historyLoaded(requestID:events:)` (or `.failed(.history(requestID:), …)`).
  ///
  /// Pages are always newest first. `.older` from a cursor: the `limit` events just below it; from `nil`:
  /// the newest `limit`. `.newer` from a cursor: the `limit` events just above it; from `nil`: the
  /// *oldest* `limit` events of the filter (how `G` jumps to the oldest end without reading everything).
  /// Only one history request is in flight: a newer ID supersedes older ones, whose answers are dropped.
  case loadHistory(
    requestID: Int, filter: HistoryFilter, from: HistoryCursor?, direction: PageDirection, limit: Int)
  /// Reads `HistoryQuerying.record(rowID:)`; answer with `.recordLoaded`.
  case loadRecord(rowID: Int64)
  /// Reads `HistoryQuerying.record(rowID:)` of each row, for the comparison; answer with
  /// `.recordsLoaded` (records in `rowIDs` order) or `.failed(.records(rowIDs:), …)`. One effect, not
  /// one `.loadRecord` per event: the worker keeps one queued request per kind.
  case loadRecords(rowIDs: [Int64])
  /// Reads `HistoryQuerying.dashboard(region:)`; answer with `.dashboardLoaded`.
  case loadDashboard(region: String?)
  /// Reads `HistoryQuerying.eventCount()`; answer with `.eventCountLoaded`.
  case loadEventCount
  /// Writes every event matching `filter` to `path` (newest first), reporting `.downloadProgress` and
  /// finishing with `.downloadFinished` or `.failed(.download, …)`.
  case download(filter: HistoryFilter, format: DownloadFormat, path: String)
  /// Stops the running download between two pages and removes its partial file; answer with
  /// `.downloadCancelled` (or `.downloadFinished`, when the download ended first).
  case cancelDownload
  /// Loads theme `name` (see `ThemeCatalog.load`) and paints with it; answer with `.themeApplied`.
  case setTheme(name: String)
  /// Reads `TrailManaging.trailSummaries()`; answer with `.trailsLoaded`.
  case loadTrails
  /// StartLogging (`on`) or StopLogging; answer with `.trailActionDone` (or `.failed(.trailAction, …)`).
  case setLogging(trail: String, on: Bool)
  /// CreateTrail or UpdateTrail; answer with `.trailSaved` (or `.failed(.trailForm, …)`).
  case saveTrail(TrailSave)
  /// GetEventSelectors; answer with `.selectorsLoaded`.
  case loadSelectors(trail: String)
  /// Counts the events of `window` that `request`'s selectors select; answer with
  /// `.selectorPreviewLoaded` carrying the same `requestID` (stale ones are dropped).
  case previewSelectors(requestID: Int, request: PutEventSelectorsRequest, window: Range<Date>)
  /// PutEventSelectors; answer with `.selectorsSaved`.
  case putSelectors(PutEventSelectorsRequest)
  /// Reads `LakeQuerying.eventDataStores()`; answer with `.eventDataStoresLoaded`.
  case loadEventDataStores
  /// Runs a Lake statement through `LakeQuerying.run` off the UI loop; answer with `.lakeQueryFinished`
  /// or `.lakeQueryFailed` carrying the same `requestID`.
  case runLakeQuery(requestID: Int, statement: String)
  /// Sets the `LakeCancellation` of the run `requestID`; the run answers `.lakeQueryFailed(…cancelled)`.
  case cancelLakeQuery(requestID: Int)
  /// Writes `csv` to `path` (relative to the current directory); answer with `.lakeExported`.
  case exportLakeResults(path: String, csv: String)
  /// Reads the saved Lake queries; answer with `.savedLakeQueriesLoaded`.
  case loadSavedLakeQueries
  /// Replaces the saved Lake queries with `queries` (no answer unless it fails).
  case storeSavedLakeQueries([SavedLakeQuery])
  /// The history's compound filter: runs `statement` (which selects `eventid`) with `parameters` bound
  /// and answers `.historyLoaded(requestID:events:)` with those events, newest first.
  case runCompoundFilter(requestID: Int, statement: String, parameters: [String])
  /// Reads `InsightsQuerying.insightActivities(region:)`; answer with `.insightsLoaded` carrying the
  /// same `requestID` (or `.failed(.insights(requestID:), …)`).
  case loadInsights(requestID: Int, region: String?)
  /// Reads `InsightsQuerying.insightTimeline(request)`; answer with `.insightTimelineLoaded` carrying
  /// the same `requestID` (or `.failed(.insightTimeline(requestID:), …)`). A newer one supersedes it.
  case loadInsightTimeline(requestID: Int, InsightsTimelineRequest)
  /// Reads `LakeDashboardReading.lakeDashboardBoards()`; answer with `.lakeDashboardsLoaded` carrying
  /// the same `requestID` (or `.failed(.lakeDashboards, …)`).
  case loadLakeDashboards(requestID: Int)
  /// Starts a refresh of dashboard `name`; answer with `.lakeDashboardRefreshed`.
  case refreshLakeDashboard(name: String)
  /// Reads `ResourceTimelineReading.resourceTimeline(query)`; answer with `.resourceTimelineLoaded`
  /// carrying the same `requestID` (or `.failed(.resourceTimeline(requestID:), …)`).
  case loadResourceTimeline(requestID: Int, query: ResourceQuery)
  /// Reads `EventChains.causedBy(rowID:)`; answer with `.causedByLoaded` (or `.failed(.eventChain…)`).
  case loadCausedBy(rowID: Int64)
  /// Reads `EventChains.caused(rowID:)`; answer with `.causedLoaded` (or `.failed(.eventChain…)`).
  case loadCaused(rowID: Int64)
  case quit
}

/// What the trail form saves: a new trail or changes to one.
public enum TrailSave: Equatable, Sendable {
  case create(CreateTrailRequest)
  case update(UpdateTrailRequest)
}

/// File formats of the history download.
public enum DownloadFormat: String, CaseIterable, Equatable, Sendable {
  case csv
  case json
}
