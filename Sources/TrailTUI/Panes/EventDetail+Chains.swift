import TrailCore

/// `b` / `c` in the event detail, and the keys of the caused list while it is open; nil when `action`
/// is the detail's own business.
func performChainAction(_ state: inout AppState, _ action: Action) -> [Effect]? {
  guard let detail = state.history.detail else { return nil }
  if var list = state.history.chain.caused, list.sourceRowID == detail.rowID {
    let count = list.events.count
    let visible = min(count, causedListRows(state))
    switch action {
    case .moveDown: list.scroll.move(by: 1, count: count, visible: visible)
    case .moveUp: list.scroll.move(by: -1, count: count, visible: visible)
    case .home: list.scroll.select(0, count: count, visible: visible)
    case .end: list.scroll.select(count - 1, count: count, visible: visible)
    case .toggleFold, .open:
      state.history.chain.caused = nil
      return openLinked(&state, list.events[list.scroll.selected])
    case .caused:
      state.history.chain.caused = nil
      return []
    default: return []
    }
    state.history.chain.caused = list
    return []
  }
  switch action {
  case .causedBy, .caused:
    let isCausedBy = action == .causedBy
    state.history.chain.pending = .init(rowID: detail.rowID, isCausedBy: isCausedBy)
    state.show(
      isCausedBy ? "Looking for the call that caused this event…" : "Looking for the calls it caused…")
    return [isCausedBy ? .loadCausedBy(rowID: detail.rowID) : .loadCaused(rowID: detail.rowID)]
  default: return nil
  }
}

/// Answers to `.loadCausedBy` / `.loadCaused`, dropped when the detail moved on meanwhile.
func eventChainLoaded(_ state: inout AppState, _ input: Input) -> [Effect] {
  guard let pending = state.history.chain.pending, state.history.detail?.rowID == pending.rowID else {
    return []
  }
  switch input {
  case .causedByLoaded(let rowID, let event) where rowID == pending.rowID && pending.isCausedBy:
    state.history.chain.pending = nil
    guard let event else {
      state.show("No call found that caused this event (same session, invokedBy and time)", role: .warning)
      return []
    }
    state.message = nil
    return openLinked(&state, event)
  case .causedLoaded(let rowID, let events) where rowID == pending.rowID && !pending.isCausedBy:
    state.history.chain.pending = nil
    guard !events.isEmpty else {
      state.show("No calls found that this event caused", role: .warning)
      return []
    }
    state.message = nil
    state.history.chain.caused = .init(sourceRowID: rowID, events: events)
    return []
  default: return []
  }
}

/// Opens `event`'s detail in place of the one shown, which `esc` then brings back.
private func openLinked(_ state: inout AppState, _ event: EventSummary) -> [Effect] {
  guard let current = state.history.detail else { return [] }
  if state.history.chain.linkedRowID != current.rowID { state.history.chain.previous = [] }
  state.history.chain.previous.append(current)
  state.history.chain.linkedRowID = event.rowID
  state.history.detail = EventDetailState(rowID: event.rowID, summary: event)
  return [.loadRecord(rowID: event.rowID)]
}

/// `esc` in the detail: closes the caused list, or goes back to the detail a link left; false when
/// neither applies (the detail itself then closes).
func backOutOfChain(_ state: inout AppState) -> Bool {
  guard let detail = state.history.detail else { return false }
  if state.history.chain.caused?.sourceRowID == detail.rowID {
    state.history.chain.caused = nil
    return true
  }
  guard state.history.chain.linkedRowID == detail.rowID, let previous = state.history.chain.previous.popLast()
  else {
    state.history.chain = EventChainState()
    return false
  }
  state.history.detail = previous
  state.history.chain.linkedRowID = state.history.chain.previous.isEmpty ? nil : previous.rowID
  return true
}

/// How many events the caused list shows at once.
func causedListRows(_ state: AppState) -> Int { max(1, ScreenLayout(state.size).detailVisibleLines - 4) }

/// The caused list, drawn over the detail's body.
func renderCausedList(_ state: AppState, in body: Rect, into grid: inout CellGrid) {
  guard let list = state.history.chain.caused, list.sourceRowID == state.history.detail?.rowID else { return }
  let rows = min(list.events.count, causedListRows(state))
  let modal = Modal(
    title: "Caused \(list.events.count) (enter opens, esc closes)", width: min(body.width, 96),
    height: rows + 2)
  modal.render(in: body, into: &grid)
  let area = modal.contentArea(in: body)
  let items = list.events.map { event in
    "\(TimeFormat.dateTime(event.eventTime))  \(event.eventName)  \(event.username ?? "-")  \(event.awsRegion)"
  }
  var scroll = list.scroll
  scroll.keepVisible(count: items.count, visible: rows)
  PickerList(items: items, scroll: scroll).render(in: area, into: &grid)
}
