import TrailCore

func performDashboard(_ state: inout AppState, _ action: Action) -> [Effect] {
  var d = state.dashboard
  let tiles = DashboardTile.allCases
  switch action {
  case .nextTile: d.focus = tiles[(d.focus.rawValue + 1) % tiles.count]
  case .previousTile: d.focus = tiles[(d.focus.rawValue + tiles.count - 1) % tiles.count]
  case .moveDown, .moveUp, .pageDown, .pageUp, .home, .end:
    let count = d.rowCount(d.focus)
    let current = d.selected(d.focus)
    let target =
      switch action {
      case .moveDown: current + 1
      case .moveUp: current - 1
      case .pageDown: current + 5
      case .pageUp: current - 5
      case .home: 0
      default: count - 1
      }
    d.selectedRow[d.focus] = max(0, min(count - 1, target))
  case .refresh:
    d.lastRequest = state.now
    state.dashboard = d
    // Its Insights too, which otherwise come every `InsightsState.refreshInterval`.
    return [.loadDashboard(region: state.region)] + requestInsights(&state)
  case .open:
    state.dashboard = d
    return openTile(&state)
  default: break
  }
  state.dashboard = d
  return []
}

/// Enter on a tile: the history filtered to what the selected row names, or that event's detail.
private func openTile(_ state: inout AppState) -> [Effect] {
  guard let snapshot = state.dashboard.snapshot else { return [] }
  let tile = state.dashboard.focus
  let row = state.dashboard.selected(tile)
  func value(_ list: [RankedValue]) -> String? { list.indices.contains(row) ? list[row].value : nil }
  switch tile {
  case .insights:
    guard let periods = state.dashboard.recentInsights, periods.indices.contains(row) else { return [] }
    return openInsight(&state, periods[row].sharedEventID)
  case .eventsPerMinute:
    state.history.timeRange = .last(.hour1)
    return applyAttribute(&state, state.history.attribute)
  case .totals: return applyAttribute(&state, LookupAttribute(.readOnly, "false"))
  case .eventNames:
    guard let name = value(snapshot.topEventNames) else { return [] }
    return applyAttribute(&state, LookupAttribute(.eventName, name))
  case .users:
    guard let user = value(snapshot.topUsers) else { return [] }
    return applyAttribute(&state, LookupAttribute(.username, user))
  case .sourceIPs:
    guard let ip = value(snapshot.topSourceIPs) else { return [] }
    let effects = applyAttribute(&state, nil, highlightIP: ip)
    state.show("Source IP is not a lookup attribute: rows from \(ip) are highlighted", ticks: 8)
    return effects
  case .regions:
    guard let region = value(snapshot.eventsPerRegion) else { return [] }
    state.region = region
    return applyAttribute(&state, state.history.attribute)
  case .signIns:
    guard snapshot.recentSignIns.indices.contains(row) else { return [] }
    return openDetail(&state, rowID: snapshot.recentSignIns[row].rowID, summary: nil)
  case .errors:
    guard snapshot.recentErrors.indices.contains(row) else { return [] }
    let event = snapshot.recentErrors[row]
    return openDetail(&state, rowID: event.rowID, summary: event)
  }
}

private func openDetail(_ state: inout AppState, rowID: Int64, summary: EventSummary?) -> [Effect] {
  state.pane = .history
  state.history.detail = EventDetailState(rowID: rowID, summary: summary)
  var effects: [Effect] = [.loadRecord(rowID: rowID)]
  if !state.history.hasLoaded && state.history.pending == nil { effects += requestPage(&state, .newest) }
  return effects
}
