import TrailCore

func performDetail(_ state: inout AppState, _ action: Action) -> [Effect] {
  guard var detail = state.history.detail else { return [] }
  if let effects = performChainAction(&state, action) { return effects }
  let visible = ScreenLayout(state.size).detailVisibleLines
  let count = detail.lines.count
  switch action {
  case .moveDown: detail.scroll.move(by: 1, count: count, visible: visible)
  case .moveUp: detail.scroll.move(by: -1, count: count, visible: visible)
  case .pageDown: detail.scroll.move(by: visible, count: count, visible: visible)
  case .pageUp: detail.scroll.move(by: -visible, count: count, visible: visible)
  case .home: detail.scroll.select(0, count: count, visible: visible)
  case .end: detail.scroll.select(count - 1, count: count, visible: visible)
  case .toggleFold:
    let lines = detail.lines
    guard lines.indices.contains(detail.scroll.selected), let id = lines[detail.scroll.selected].foldID else {
      return []
    }
    if detail.folded.contains(id) { detail.folded.remove(id) } else { detail.folded.insert(id) }
  case .foldAll:
    // Keep the root open so the top-level members stay readable.
    detail.folded = Set(1..<max(1, detail.document?.containerCount ?? 1))
    detail.scroll.select(0, count: detail.lines.count, visible: visible)
  case .unfoldAll: detail.folded = []
  case .searchNext, .searchPrevious:
    findInDetail(&detail, forward: action == .searchNext, includingCurrent: false, visible: visible)
  case .pivot(let pivot):
    state.history.detail = detail
    return performPivot(&state, pivot, detail: detail)
  default: break
  }
  detail.scroll.keepVisible(count: detail.lines.count, visible: visible)
  state.history.detail = detail
  return []
}

/// Selects the next line containing the detail's search text.
func findInDetail(_ detail: inout EventDetailState, forward: Bool, includingCurrent: Bool, visible: Int) {
  guard let needle = detail.search?.lowercased(), !needle.isEmpty else { return }
  let lines = detail.lines
  guard !lines.isEmpty else { return }
  let start = detail.scroll.selected
  for step in (includingCurrent ? 0 : 1)...lines.count {
    let index = ((forward ? start + step : start - step) % lines.count + lines.count) % lines.count
    if lines[index].text.lowercased().contains(needle) {
      detail.scroll.select(index, count: lines.count, visible: visible)
      return
    }
  }
}

/// The value a pivot needs, from the row when the detail has one, else from the record itself.
func pivotValue(_ pivot: Pivot, detail: EventDetailState) -> String? {
  let record = detail.document?.root
  let identity = record?["userIdentity"]
  switch pivot {
  case .user:
    return detail.summary?.username ?? identity?["userName"]?.stringValue
      ?? identity?["sessionContext"]?["sessionIssuer"]?["userName"]?.stringValue
  case .accessKey: return detail.summary?.accessKeyId ?? identity?["accessKeyId"]?.stringValue
  case .eventName: return detail.summary?.eventName ?? record?["eventName"]?.stringValue
  case .resource:
    if let name = detail.summary?.resources.first?.name { return name }
    if case .array(let items) = record?["resources"], let first = items.first {
      return first["ARN"]?.stringValue
    }
    return nil
  case .sourceIP: return detail.summary?.sourceIPAddress ?? record?["sourceIPAddress"]?.stringValue
  }
}

private func performPivot(_ state: inout AppState, _ pivot: Pivot, detail: EventDetailState) -> [Effect] {
  guard let value = pivotValue(pivot, detail: detail) else {
    state.show("This event has no \(pivotNoun(pivot))", role: .warning)
    return []
  }
  switch pivot {
  case .user: return applyAttribute(&state, LookupAttribute(.username, value))
  case .accessKey: return applyAttribute(&state, LookupAttribute(.accessKeyId, value))
  case .eventName: return applyAttribute(&state, LookupAttribute(.eventName, value))
  case .resource: return applyAttribute(&state, LookupAttribute(.resourceName, value))
  case .sourceIP:
    // LookupEvents cannot filter by IP: show the event's user and mark that IP's rows instead.
    let user = pivotValue(.user, detail: detail)
    let effects = applyAttribute(&state, user.map { LookupAttribute(.username, $0) }, highlightIP: value)
    state.show("Source IP is not a lookup attribute: rows from \(value) are highlighted", ticks: 8)
    return effects
  }
}

private func pivotNoun(_ pivot: Pivot) -> String {
  switch pivot {
  case .user: "user name"
  case .accessKey: "access key"
  case .eventName: "event name"
  case .resource: "resource"
  case .sourceIP: "source IP address"
  }
}
