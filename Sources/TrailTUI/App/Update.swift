import Foundation
import TrailCore

/// Applies one input to the state and returns the effects the runtime must perform.
///
/// Pure: no I/O and no clock reads; time arrives as `.tick`.
public func update(_ state: inout AppState, _ input: Input) -> [Effect] {
  switch input {
  case .key(let key):
    if state.overlay != nil { return handleOverlayKey(&state, key) }
    // The timeline is drawn over its pane, so the pane's own key handling (Lake's editor) waits.
    if isShowingTimeline(state) {
      guard let action = Keymap.action(for: key, in: .timeline) else { return [] }
      return perform(&state, action)
    }
    if state.pane == .trails, state.trails.form != nil || state.trails.selectors != nil {
      return handleTrailsEditorKey(&state, key)
    }
    if state.pane == .lake, let effects = handleLakeKey(&state, key) { return effects }
    if state.pane == .history, state.history.compoundForm != nil { return handleCompoundFormKey(&state, key) }
    guard let action = Keymap.action(for: key, in: state.scope) else { return [] }
    return perform(&state, action)
  case .mouse(let event): return handleMouse(&state, event)
  case .resize(let size):
    state.size = size
    keepHistorySelectionVisible(&state)
    // The timeline's buckets follow the chart's width.
    return state.pane == .insights ? requestTimeline(&state) : []
  case .tick(let date): return handleTick(&state, date)
  case .historyLoaded(let requestID, let events):
    return historyLoaded(&state, requestID: requestID, events: events)
  case .recordLoaded(let rowID, let record):
    guard var detail = state.history.detail, detail.rowID == rowID else { return [] }
    detail.document = JSONDocument(text: record)
    state.history.detail = detail
    return []
  case .recordsLoaded(let rowIDs, let records):
    return recordsLoaded(&state, rowIDs: rowIDs, records: records)
  case .dashboardLoaded(let snapshot):
    state.dashboard.snapshot = snapshot
    state.dashboard.error = nil
    return []
  case .eventCountLoaded(let count):
    state.eventCount = count
    return []
  case .downloadProgress(let done, let total):
    state.download?.done = done
    state.download?.total = total
    return []
  case .downloadFinished(let path, let count):
    state.download = DownloadState(path: path, done: count, total: count, isFinished: true)
    if state.overlay == .downloadProgress { state.overlay = nil }
    state.show("Wrote \(count) events to \(path)", role: .success)
    return []
  case .downloadCancelled(let path):
    let done = state.download?.done ?? 0
    state.download = nil
    if state.overlay == .downloadProgress { state.overlay = nil }
    state.show("Download cancelled after \(done) events; removed \(path)", role: .warning, ticks: 8)
    return []
  case .themeApplied(let name, let diagnostics):
    state.themeName = name
    if let first = diagnostics.first {
      let more = diagnostics.count > 1 ? " (+\(diagnostics.count - 1) more)" : ""
      state.show(first.lineReference + more, role: .warning, ticks: 10)
    } else {
      state.show("Theme \(name)")
    }
    return []
  case .liveEvents(let count): return handleLiveEvents(&state, count: count)
  case .trailsLoaded(let trails): return trailsLoaded(&state, trails)
  case .trailActionDone, .trailSaved, .selectorsLoaded, .selectorPreviewLoaded, .selectorsSaved:
    return trailsAnswer(&state, input)
  case .eventDataStoresLoaded, .lakeQueryFinished, .lakeQueryFailed, .lakeExported, .savedLakeQueriesLoaded:
    return lakeAnswer(&state, input)
  case .lakeDashboardsLoaded, .lakeDashboardRefreshed:
    return lakeBoardAnswer(&state, input)
  case .insightsLoaded(let requestID, let activities):
    return insightsLoaded(&state, requestID: requestID, activities)
  case .insightTimelineLoaded(let requestID, let timeline):
    return insightTimelineLoaded(&state, requestID: requestID, timeline)
  case .resourceTimelineLoaded(let requestID, let timeline):
    return resourceTimelineLoaded(&state, requestID: requestID, timeline)
  case .causedByLoaded, .causedLoaded: return eventChainLoaded(&state, input)
  case .failed(let source, let diagnostic): return handleFailure(&state, source, diagnostic)
  }
}

private func handleTick(_ state: inout AppState, _ date: Date) -> [Effect] {
  let isFirst = state.now == nil
  state.now = date
  state.tickCount += 1
  if let message = state.message, message.untilTick < state.tickCount { state.message = nil }
  state.history.newRows = state.history.newRows.filter { $0.value >= state.tickCount }
  var effects: [Effect] = []
  if isFirst { effects.append(.loadEventCount) }
  if state.pane == .dashboard, state.dashboard.lastRequest.map({ date.timeIntervalSince($0) >= 1 }) ?? true {
    state.dashboard.lastRequest = date
    effects.append(.loadDashboard(region: state.region))
  }
  if state.pane == .history, !state.history.hasLoaded, state.history.pending == nil {
    effects += requestPage(&state, .newest)
  }
  effects += trailsTick(&state, date)
  effects += insightsTick(&state, date)
  effects += lakeBoardTick(&state, date)
  return effects
}

private func handleLiveEvents(_ state: inout AppState, count: Int) -> [Effect] {
  guard count > 0 else { return [] }
  var effects: [Effect] = [.loadEventCount]
  if state.history.hasLoaded {
    if state.history.isShowingTop && state.history.detail == nil && state.pane == .history {
      if state.history.pending == nil { effects += requestPage(&state, .refreshNewest) }
    } else {
      state.history.unseenNew += count
    }
  }
  return effects
}

private func handleFailure(_ state: inout AppState, _ source: FailureSource, _ diagnostic: Diagnostic)
  -> [Effect]
{
  switch source {
  case .history(let requestID):
    guard state.history.pending?.requestID == requestID else { return [] }
    state.history.pending = nil
    state.history.error = diagnostic
    state.history.hasLoaded = true
  case .record(let rowID):
    guard state.history.detail?.rowID == rowID else { return [] }
    state.history.detail?.error = diagnostic
  case .records(let rowIDs):
    guard state.history.compare?.rowIDs == rowIDs else { return [] }
    state.history.compare?.error = diagnostic
  case .dashboard: state.dashboard.error = diagnostic
  case .eventCount: break
  case .download:
    state.download = nil
    if state.overlay == .downloadProgress { state.overlay = nil }
  case .theme: break
  case .trails, .trailAction, .trailForm, .selectors, .selectorPreview:
    return trailsFailure(&state, source, diagnostic)
  case .lakeStores: state.lake.storesError = diagnostic
  case .lakeDashboards:
    state.lake.board?.isLoading = false
    state.lake.board?.error = diagnostic
    state.show(diagnostic.lineReference, role: .error, ticks: 10)
  case .lakeExport: break
  case .eventChain: state.history.chain.pending = nil
  case .savedLakeQueries: state.lake.hasLoadedSaved = true
  case .insights, .insightTimeline:
    guard insightsFailure(&state, source, diagnostic) else { return [] }
  case .resourceTimeline(let requestID):
    guard resourceTimelineFailed(&state, requestID: requestID, diagnostic) else { return [] }
  }
  state.show(diagnostic.lineReference, role: .error, ticks: 10)
  return []
}

/// Performs a bound action in the current scope.
func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
  switch action {
  case .quit:
    state.isQuitting = true
    return [.quit]
  case .help:
    state.overlay = .help(ScrollState())
    return []
  case .commandLine:
    state.overlay = .commandLine(InputLine())
    return []
  case .search:
    state.overlay = .search(InputLine(currentSearch(state) ?? ""))
    return []
  case .showPane(let pane): return showPane(&state, pane)
  case .cancelDownload: return cancelDownload(&state)
  case .resourceTimeline: return openResourceTimeline(&state)
  case .nextPane, .previousPane:
    let panes = PaneID.available
    let index = panes.firstIndex(of: state.pane) ?? 0
    let step = action == .nextPane ? 1 : panes.count - 1
    return showPane(&state, panes[(index + step) % panes.count])
  case .back:
    if let effects = timelineBack(&state) { return effects }
    if state.pane == .history, state.history.compare != nil {
      state.history.compare = nil
      return []
    }
    if state.pane == .history, state.history.detail != nil {
      if backOutOfChain(&state) { return [] }
      state.history.detail = nil
      return []
    }
    if state.pane == .history, state.history.search != nil {
      state.history.search = nil
      return []
    }
    state.isQuitting = true
    return [.quit]
  default:
    switch state.scope {
    case .dashboard: return performDashboard(&state, action)
    case .history: return performHistory(&state, action)
    case .detail: return performDetail(&state, action)
    case .trails: return performTrails(&state, action)
    case .compare: return performCompare(&state, action)
    case .lake: return performLake(&state, action)
    case .insights: return performInsights(&state, action)
    case .timeline: return performTimeline(&state, action)
    case .global: return []
    }
  }
}

/// Asks the running download to stop; the job answers with `.downloadCancelled` once it has.
func cancelDownload(_ state: inout AppState) -> [Effect] {
  guard let download = state.download, download.isRunning else {
    state.show("No download is running", role: .warning)
    return []
  }
  // A second X while the job winds down asks nothing new of it.
  guard !download.isCancelling else { return [] }
  state.download?.isCancelling = true
  state.show("Cancelling the download…", ticks: 10)
  return [.cancelDownload]
}

/// Switches pane; unbuilt panes explain themselves in the status line.
func showPane(_ state: inout AppState, _ pane: PaneID) -> [Effect] {
  guard pane.isAvailable else {
    state.show("\(pane.title) (\(pane.number)) is not built yet", role: .warning)
    return []
  }
  state.pane = pane
  switch pane {
  case .dashboard:
    guard let now = state.now else { return [] }
    state.dashboard.lastRequest = now
    // Its recent Insights come from the Insights list, when that is not fresh.
    return [.loadDashboard(region: state.region)] + insightsTick(&state, now)
  case .history:
    if !state.history.hasLoaded && state.history.pending == nil { return requestPage(&state, .newest) }
    return []
  case .trails: return requestTrails(&state)
  case .lake: return lakeShown(&state)
  case .insights: return insightsShown(&state)
  }
}

private func currentSearch(_ state: AppState) -> String? {
  state.scope == .detail ? state.history.detail?.search : state.history.search
}

/// Sets the region (`:region`) and reloads what shows it.
func setRegion(_ state: inout AppState, _ region: String?) -> [Effect] {
  state.region = region
  state.show("Region: \(region ?? "all regions")")
  var effects = requestPage(&state, .newest)
  if state.pane == .dashboard { effects.append(.loadDashboard(region: region)) }
  // The Insights list is per region too: a load on its way was asked for the old one.
  state.insights.pending = nil
  if state.pane == .dashboard || state.pane == .insights { effects += requestInsights(&state) }
  return effects
}
