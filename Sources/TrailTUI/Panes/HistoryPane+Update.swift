import TrailCore

/// Asks for a page of the history, superseding any request in flight.
func requestPage(_ state: inout AppState, _ kind: HistoryPageKind) -> [Effect] {
  if let compound = state.history.compound { return requestCompoundPage(&state, compound, kind) }
  let history = state.history
  let cursor: HistoryCursor?
  let direction: PageDirection
  switch kind {
  case .newest, .refreshNewest: (cursor, direction) = (nil, .older)
  case .older:
    guard let last = history.rows.last else { return [] }
    (cursor, direction) = (last.cursor, .older)
  case .newer:
    guard let first = history.rows.first else { return [] }
    (cursor, direction) = (first.cursor, .newer)
  case .oldest: (cursor, direction) = (nil, .newer)
  }
  let id = state.takeRequestID()
  state.history.pending = PendingPage(requestID: id, kind: kind)
  return [
    .loadHistory(
      requestID: id, filter: state.historyFilter, from: cursor, direction: direction,
      limit: HistoryState.pageSize)
  ]
}

/// Puts an answered page into the window; answers to superseded requests are dropped.
func historyLoaded(_ state: inout AppState, requestID: Int, events: [EventSummary]) -> [Effect] {
  guard let pending = state.history.pending, pending.requestID == requestID else { return [] }
  var h = state.history
  h.pending = nil
  h.hasLoaded = true
  h.error = nil
  let isFullPage = events.count >= HistoryState.pageSize
  let visible = ScreenLayout(state.size).historyVisibleRows
  switch pending.kind {
  case .newest:
    h.rows = events
    h.scroll = ScrollState()
    h.isAtNewest = true
    h.hasOlder = isFullPage
    h.unseenNew = 0
  case .refreshNewest:
    let known = Set(h.rows.map(\.rowID))
    let selectedID = h.selectedEvent?.rowID
    for event in events where !known.contains(event.rowID) && !h.rows.isEmpty {
      h.newRows[event.rowID] = state.tickCount + HistoryState.newRowTicks
    }
    h.rows = events
    h.hasOlder = isFullPage
    h.isAtNewest = true
    let index = selectedID.flatMap { id in events.firstIndex(where: { $0.rowID == id }) } ?? 0
    h.scroll.select(h.scroll.selected == 0 ? 0 : index, count: h.rows.count, visible: visible)
    h.unseenNew = 0
  case .older:
    h.rows += events
    h.hasOlder = isFullPage
    let excess = h.rows.count - HistoryState.maxWindow
    if excess > 0 {
      h.rows.removeFirst(excess)
      h.scroll.offset = max(0, h.scroll.offset - excess)
      h.scroll.selected = max(0, h.scroll.selected - excess)
      h.isAtNewest = false
    }
  case .newer:
    h.rows = events + h.rows
    h.scroll.offset += events.count
    h.scroll.selected += events.count
    h.isAtNewest = !isFullPage
    let excess = h.rows.count - HistoryState.maxWindow
    if excess > 0 {
      h.rows.removeLast(excess)
      h.hasOlder = true
    }
  case .oldest:
    h.rows = events
    h.isAtNewest = !isFullPage
    h.hasOlder = false
    h.scroll.select(events.count - 1, count: events.count, visible: visible)
  }
  // A compound filter's answer is its whole window (Lake's newest matches): nothing to page in.
  if h.compound != nil { (h.hasOlder, h.isAtNewest) = (false, true) }
  h.scroll.keepVisible(count: h.rows.count, visible: visible)
  state.history = h
  return prefetchIfNeeded(&state)
}

/// Asks for the next page when the selection nears an edge of the window that is not the result's edge.
func prefetchIfNeeded(_ state: inout AppState) -> [Effect] {
  let h = state.history
  guard h.pending == nil, !h.rows.isEmpty else { return [] }
  if h.hasOlder && h.scroll.selected >= h.rows.count - HistoryState.prefetchMargin {
    return requestPage(&state, .older)
  }
  if !h.isAtNewest && h.scroll.selected < HistoryState.prefetchMargin { return requestPage(&state, .newer) }
  return []
}

func keepHistorySelectionVisible(_ state: inout AppState) {
  let visible = ScreenLayout(state.size).historyVisibleRows
  state.history.scroll.keepVisible(count: state.history.rows.count, visible: visible)
  if var compare = state.history.compare {
    compare.scroll.keepVisible(
      count: compare.visibleRows.count, visible: ScreenLayout(state.size).compareVisibleRows)
    state.history.compare = compare
  }
  if var detail = state.history.detail {
    detail.scroll.keepVisible(count: detail.lines.count, visible: ScreenLayout(state.size).detailVisibleLines)
    state.history.detail = detail
  }
}

/// Replaces the lookup attribute (the time range stays, as in the console) and reloads.
func applyAttribute(_ state: inout AppState, _ attribute: LookupAttribute?, highlightIP: String? = nil)
  -> [Effect]
{
  // A new attribute (a pivot, `f`, `x`) replaces the compound filter; a new time range keeps it.
  if attribute != state.history.attribute || attribute == nil { state.history.compound = nil }
  state.history.attribute = attribute
  state.history.highlightIP = highlightIP
  state.history.detail = nil
  state.history.rows = []
  state.history.hasLoaded = false
  state.pane = .history
  return requestPage(&state, .newest)
}

func performHistory(_ state: inout AppState, _ action: Action) -> [Effect] {
  let visible = ScreenLayout(state.size).historyVisibleRows
  let count = state.history.rows.count
  switch action {
  case .moveDown, .moveUp, .pageDown, .pageUp:
    let delta =
      switch action {
      case .moveDown: 1
      case .moveUp: -1
      case .pageDown: visible
      default: -visible
      }
    state.history.scroll.move(by: delta, count: count, visible: visible)
    return prefetchIfNeeded(&state)
  case .home:
    if state.history.isAtNewest {
      state.history.scroll.select(0, count: count, visible: visible)
      if state.history.unseenNew > 0 { return requestPage(&state, .newest) }
      return []
    }
    return requestPage(&state, .newest)
  case .end:
    if !state.history.hasOlder {
      state.history.scroll.select(count - 1, count: count, visible: visible)
      return []
    }
    return requestPage(&state, .oldest)
  case .open:
    guard let event = state.history.selectedEvent else { return [] }
    state.history.detail = EventDetailState(rowID: event.rowID, summary: event)
    return [.loadRecord(rowID: event.rowID)]
  case .editFilter:
    let index = state.history.attribute.flatMap { LookupAttributeKey.allCases.firstIndex(of: $0.key) } ?? 0
    state.overlay = .attributePicker(ScrollState(selected: index))
    return []
  case .editTimeRange:
    state.overlay = .timeRangePicker(ScrollState())
    return []
  case .compoundFilter:
    state.history.compoundForm = CompoundFilterForm(state.history.compound)
    return []
  case .chooseColumns:
    state.overlay = .columnChooser(ScrollState())
    return []
  case .clearFilter: return applyAttribute(&state, nil)
  case .refresh: return requestPage(&state, .newest)
  case .download:
    let stamp = state.now.map(TimeFormat.compact) ?? "now"
    return openDownloadPrompt(&state, fileName: "traildeck-history-\(stamp).csv")
  case .toggleMark: return toggleMark(&state)
  case .clearMarks:
    state.history.marked = []
    return []
  case .compare: return openCompare(&state)
  case .searchNext, .searchPrevious:
    findInHistory(&state, forward: action == .searchNext, includingCurrent: false)
    return prefetchIfNeeded(&state)
  default: return []
  }
}

/// Opens the download prompt with `fileName` (CSV first; tab switches to JSON), unless a download is
/// running: one job at a time, since the status bar has room for one progress count and `X` stops
/// "the" download. What it writes depends on the pane (`Update+Overlay`).
func openDownloadPrompt(_ state: inout AppState, fileName: String) -> [Effect] {
  if let download = state.download, download.isRunning {
    state.show("A download is running (↓ \(download.done)); X cancels it", role: .warning)
    return []
  }
  state.overlay = .downloadPrompt(format: .csv, path: InputLine(fileName), error: nil)
  return []
}

/// Moves the selection to the next loaded row containing the search text (wrapping).
func findInHistory(_ state: inout AppState, forward: Bool, includingCurrent: Bool) {
  guard let needle = state.history.search?.lowercased(), !needle.isEmpty else {
    state.show("No search; press / to search", role: .warning)
    return
  }
  let rows = state.history.rows
  guard !rows.isEmpty else { return }
  let columns = state.history.visibleColumns
  let start = state.history.scroll.selected
  for step in (includingCurrent ? 0 : 1)...rows.count {
    let index = ((forward ? start + step : start - step) % rows.count + rows.count) % rows.count
    if columns.contains(where: { $0.text(for: rows[index]).lowercased().contains(needle) }) {
      state.history.scroll.select(
        index, count: rows.count, visible: ScreenLayout(state.size).historyVisibleRows)
      return
    }
  }
  state.show("No match for \"\(needle)\" in the \(rows.count) loaded rows", role: .warning)
}
