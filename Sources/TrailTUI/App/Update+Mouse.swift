/// Clicks select tabs, rows and tiles; the wheel scrolls whatever has the focus.
func handleMouse(_ state: inout AppState, _ event: MouseEvent) -> [Effect] {
  guard state.overlay == nil else { return [] }
  let layout = ScreenLayout(state.size)
  switch event.kind {
  case .wheelUp, .wheelDown:
    var effects: [Effect] = []
    for _ in 0..<3 { effects += perform(&state, event.kind == .wheelUp ? .moveUp : .moveDown) }
    return effects
  case .press:
    if layout.tabs.contains(x: event.x, y: event.y) {
      let tabs = Tabs(titles: PaneID.available.map { "\($0.number) \($0.title)" }, selected: 0)
      guard let index = tabs.tab(atColumn: event.x, in: layout.tabs) else { return [] }
      return showPane(&state, PaneID.available[index])
    }
    switch state.scope {
    case .history:
      let area = layout.historyParts.table
      let line = event.y - area.y - 1
      guard area.contains(x: event.x, y: event.y), line >= 0 else { return [] }
      let index = state.history.scroll.offset + line
      guard index < state.history.rows.count else { return [] }
      if index == state.history.scroll.selected { return perform(&state, .open) }
      state.history.scroll.select(index, count: state.history.rows.count, visible: layout.historyVisibleRows)
      return prefetchIfNeeded(&state)
    case .dashboard:
      for (tile, rect) in dashboardTileRects(layout.content, focus: state.dashboard.focus)
      where rect.contains(x: event.x, y: event.y) {
        state.dashboard.focus = tile
        let row = event.y - rect.y - 1
        if row >= 0, row < state.dashboard.rowCount(tile) { state.dashboard.selectedRow[tile] = row }
      }
      return []
    case .detail:
      guard var detail = state.history.detail else { return [] }
      let body = layout.detailParts.body
      guard body.contains(x: event.x, y: event.y) else { return [] }
      detail.scroll.select(
        detail.scroll.offset + event.y - body.y, count: detail.lines.count, visible: body.height)
      state.history.detail = detail
      return []
    case .trails:
      guard state.trails.form == nil, state.trails.selectors == nil else { return [] }
      let area = layout.trailsParts.table
      let line = event.y - area.y - 1
      guard area.contains(x: event.x, y: event.y), line >= 0 else { return [] }
      let count = state.trails.trails?.count ?? 0
      let index = state.trails.scroll.offset + line
      guard index < count else { return [] }
      state.trails.scroll.select(index, count: count, visible: layout.trailsVisibleRows)
      return []
    case .lake: return lakeClicked(&state, x: event.x, y: event.y)
    case .insights:
      let area = layout.insightsParts.table
      let line = event.y - area.y - 1
      guard area.contains(x: event.x, y: event.y), line >= 0 else { return [] }
      return selectInsightsRow(&state, state.insights.scroll.offset + line)
    case .timeline: return timelineClicked(&state, x: event.x, y: event.y)
    case .compare, .global: return []
    }
  }
}
