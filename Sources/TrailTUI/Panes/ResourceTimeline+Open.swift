import Foundation
import TrailCore

/// `T`: the timeline of the resource under the cursor — in an event's detail, on Event history's
/// selected row (its first resource), or on the Lake results' selected row.
func openResourceTimeline(_ state: inout AppState) -> [Effect] {
  let resource: String?
  switch state.scope {
  case .detail: resource = state.history.detail.flatMap(detailResource)
  case .history: resource = state.history.selectedEvent?.resources.first?.name
  case .lake: resource = lakeRowResource(state.lake)
  default: resource = nil
  }
  guard let resource, let query = ResourceQuery(parsing: resource) else {
    let why: String =
      switch state.scope {
      case .lake: "No resource on this row: select a column with an ARN, id or name (h/l), then T"
      case .history: "This event names no resource; enter opens it, and T there looks in its request"
      default: "This event names no resource (no resources[], no ids in its request or response)"
      }
    state.show(why, role: .warning, ticks: 8)
    return []
  }
  return loadResourceTimeline(&state, query, origin: state.pane)
}

/// Starts (or restarts, `r`) the timeline of `query` over pane `origin`.
func loadResourceTimeline(_ state: inout AppState, _ query: ResourceQuery, origin: PaneID) -> [Effect] {
  let id = state.takeRequestID()
  state.timeline = ResourceTimelineState(query: query, origin: origin, requestID: id)
  return [.loadResourceTimeline(requestID: id, query: query)]
}

/// The resource an event's detail points at: the string under the cursor when it names a resource,
/// else the record's first resource (`resources[]`, then ids in its request and response).
func detailResource(_ detail: EventDetailState) -> String? {
  let lines = detail.lines
  if lines.indices.contains(detail.scroll.selected) {
    let spans = lines[detail.scroll.selected].spans
    let key = spans.first { $0.role == .jsonKey }.map { String($0.text.dropFirst().dropLast()) }
    if let raw = spans.first(where: { $0.role == .jsonString })?.text, raw.count >= 2 {
      let value = String(raw.dropFirst().dropLast())
      if ResourceMentions.namesResource(key: key ?? "", value: value) { return value }
    }
  }
  guard let text = detail.document?.rawText, let record = try? JSONValue(parsing: text) else {
    return nil
  }
  return ResourceMentions.candidates(in: record).first
}

/// The resource a Lake result row names: the selected column's cell when it reads as an ARN or
/// id, else the row's first cell that does, else the selected cell (a bucket or role name the
/// user pointed at).
func lakeRowResource(_ lake: LakeState) -> String? {
  guard let result = lake.result, result.rows.indices.contains(lake.scroll.selected) else { return nil }
  let row = result.rows[lake.scroll.selected]
  let selected = row.indices.contains(lake.selectedColumn) ? row[lake.selectedColumn] : nil
  if let selected, ResourceMentions.looksLikeResource(selected) { return selected }
  if let first = row.compactMap({ $0 }).first(where: ResourceMentions.looksLikeResource) { return first }
  return selected.flatMap { $0.trimmed.isEmpty ? nil : $0 }
}
