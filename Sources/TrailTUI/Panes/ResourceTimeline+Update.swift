import Foundation
import TrailCore

/// Whether the timeline is what the screen shows (its pane is current and no causing event is open).
func isShowingTimeline(_ state: AppState) -> Bool {
  guard let timeline = state.timeline else { return false }
  return timeline.origin == state.pane && !timeline.isShowingEvent
}

/// Puts a loaded timeline in place, selecting its newest item; answers for an older request drop.
func resourceTimelineLoaded(_ state: inout AppState, requestID: Int, _ timeline: ResourceTimeline) -> [Effect]
{
  guard var view = state.timeline, view.requestID == requestID else { return [] }
  view.timeline = timeline
  view.error = nil
  let count = timeline.entries.count
  view.scroll = ScrollState()
  view.changesOffset = 0
  view.causeIndex = 0
  state.timeline = view
  // The list's height depends on the loaded timeline (the layout of a view still loading is smaller),
  // so the newest item is scrolled into place only once the timeline is in the state.
  let visible = timelineVisibleItems(state)
  state.timeline?.scroll.select(count - 1, count: count, visible: visible)
  return []
}

/// A failed load shows in the view and the status line; false when it answered an older request.
func resourceTimelineFailed(_ state: inout AppState, requestID: Int, _ diagnostic: Diagnostic) -> Bool {
  guard state.timeline?.requestID == requestID else { return false }
  state.timeline?.error = diagnostic
  return true
}

/// Actions while the timeline is shown.
func performTimeline(_ state: inout AppState, _ action: Action) -> [Effect] {
  guard var view = state.timeline else { return [] }
  let visible = timelineVisibleItems(state)
  let count = view.entries.count
  let before = view.scroll.selected
  switch action {
  case .moveDown: view.scroll.move(by: 1, count: count, visible: visible)
  case .moveUp: view.scroll.move(by: -1, count: count, visible: visible)
  case .home: view.scroll.select(0, count: count, visible: visible)
  case .end: view.scroll.select(count - 1, count: count, visible: visible)
  case .pageDown, .pageUp:
    let page = max(1, timelineLayout(state).changes.height - 1)
    let lines = view.selectedEntry.map { timelineChangeLines($0).count } ?? 0
    let step = action == .pageDown ? page : -page
    view.changesOffset = max(0, min(max(0, lines - 1), view.changesOffset + step))
  case .scrollLeft, .scrollRight:
    let causes = view.selectedEntry?.causes.count ?? 0
    guard causes > 1 else { break }
    view.causeIndex = (view.causeIndex + (action == .scrollRight ? 1 : causes - 1)) % causes
  case .refresh: return loadResourceTimeline(&state, view.query, origin: view.origin)
  case .open:
    state.timeline = view
    return openCausingEvent(&state)
  default: break
  }
  if view.scroll.selected != before {
    view.changesOffset = 0
    view.causeIndex = 0
  }
  state.timeline = view
  return []
}

/// A click on an item selects it.
func timelineClicked(_ state: inout AppState, x: Int, y: Int) -> [Effect] {
  guard var view = state.timeline else { return [] }
  let area = timelineLayout(state).items
  let table = Table(columns: [], rows: view.entries.map { _ in TableRow(cells: []) }, scroll: view.scroll)
  guard area.contains(x: x, y: y), let index = table.row(atScreenRow: y, in: area),
    index != view.scroll.selected
  else { return [] }
  view.scroll.select(index, count: view.entries.count, visible: timelineVisibleItems(state))
  view.changesOffset = 0
  view.causeIndex = 0
  state.timeline = view
  return []
}

/// Enter: the selected causing event in Event history's detail (esc comes back to the timeline).
private func openCausingEvent(_ state: inout AppState) -> [Effect] {
  guard var view = state.timeline, let entry = view.selectedEntry else { return [] }
  guard let cause = view.selectedCause else {
    state.show("AWS Config names no CloudTrail event for this item (relatedEvents is empty)", role: .warning)
    return []
  }
  guard let rowID = cause.rowID else {
    state.show(
      "Event \(cause.eventID) is not in this store: ingest the CloudTrail logs of \(TimeFormat.dateTime(entry.item.captureDate))",
      role: .warning, ticks: 8)
    return []
  }
  view.returnDetail = state.history.detail
  view.isShowingEvent = true
  state.timeline = view
  state.history.detail = EventDetailState(rowID: rowID, summary: nil)
  state.pane = .history
  return [.loadRecord(rowID: rowID)]
}

/// Esc with the timeline involved: closes the timeline, or leaves a causing event for the timeline.
/// nil when the timeline has nothing to do with this esc.
func timelineBack(_ state: inout AppState) -> [Effect]? {
  guard var view = state.timeline else { return nil }
  if isShowingTimeline(state) {
    state.timeline = nil
    return []
  }
  guard view.isShowingEvent, state.pane == .history, state.history.compare == nil,
    state.history.detail != nil
  else { return nil }
  state.history.detail = view.returnDetail
  view.returnDetail = nil
  view.isShowingEvent = false
  state.timeline = view
  state.pane = view.origin
  return []
}

extension ConfigurationItemRecord {
  /// The capture time as a date.
  var captureDate: Date { Date(timeIntervalSince1970: TimeInterval(captureTime) / 1000) }
}
