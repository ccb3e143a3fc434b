import TrailCore

/// Marks or unmarks the selected row for comparison; a sixth mark is refused, as in the console.
func toggleMark(_ state: inout AppState) -> [Effect] {
  guard let event = state.history.selectedEvent else { return [] }
  if let index = state.history.marked.firstIndex(where: { $0.rowID == event.rowID }) {
    state.history.marked.remove(at: index)
    return []
  }
  guard state.history.marked.count < HistoryState.maxMarked else {
    state.show(
      "At most \(HistoryState.maxMarked) events can be compared; unmark one first (m)", role: .warning)
    return []
  }
  state.history.marked.append(event)
  return []
}

/// Opens the comparison of the marked events and asks for their records.
func openCompare(_ state: inout AppState) -> [Effect] {
  let events = state.history.marked
  guard !events.isEmpty else {
    state.show("Mark events with m (up to \(HistoryState.maxMarked)), then C compares them", role: .warning)
    return []
  }
  state.history.compare = EventCompareState(events: events)
  return [.loadRecords(rowIDs: events.map(\.rowID))]
}

/// Puts the loaded records into the comparison they were asked for; answers for an older one drop.
func recordsLoaded(_ state: inout AppState, rowIDs: [Int64], records: [String]) -> [Effect] {
  guard var compare = state.history.compare, compare.rowIDs == rowIDs else { return [] }
  compare.rows = EventCompareState.rows(records: records)
  compare.error = nil
  state.history.compare = compare
  return []
}

func performCompare(_ state: inout AppState, _ action: Action) -> [Effect] {
  guard var compare = state.history.compare else { return [] }
  let visible = ScreenLayout(state.size).compareVisibleRows
  let count = compare.visibleRows.count
  switch action {
  case .moveDown: compare.scroll.move(by: 1, count: count, visible: visible)
  case .moveUp: compare.scroll.move(by: -1, count: count, visible: visible)
  case .pageDown: compare.scroll.move(by: visible, count: count, visible: visible)
  case .pageUp: compare.scroll.move(by: -visible, count: count, visible: visible)
  case .home: compare.scroll.select(0, count: count, visible: visible)
  case .end: compare.scroll.select(count - 1, count: count, visible: visible)
  case .scrollLeft, .scrollRight:
    let fit = EventCompareState.columnsThatFit(totalWidth: state.size.width)
    let last = max(0, compare.events.count - fit)
    compare.firstColumn = max(0, min(last, compare.firstColumn + (action == .scrollRight ? 1 : -1)))
  case .open:
    guard compare.visibleRows.indices.contains(compare.scroll.selected) else { return [] }
    state.overlay = .fieldValues(ScrollState())
  case .toggleDifferences:
    compare.showsOnlyDifferences.toggle()
    compare.scroll = ScrollState()
    if compare.rows != nil && compare.visibleRows.isEmpty {
      state.show("These events agree on every field", role: .warning)
    }
  default: break
  }
  state.history.compare = compare
  return []
}
