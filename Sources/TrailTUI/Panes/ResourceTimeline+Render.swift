import Foundation
import TrailCore

/// Where the timeline's parts go: a title line, the items, a line naming the selected item and its
/// causing events, then its changes.
struct TimelineLayout {
  let title: Rect
  let items: Rect
  let causes: Rect
  let changes: Rect
}

/// The timeline's layout inside the content area: the items take up to two fifths (at least a header
/// and three rows), the causing events up to four lines, the changes the rest.
func timelineLayout(_ state: AppState) -> TimelineLayout {
  let content = ScreenLayout(state.size).content
  let entries = state.timeline?.entries.count ?? 0
  let causes = state.timeline?.selectedEntry?.causes.count ?? 0
  let itemsHeight = max(4, min(entries + 1, content.height * 2 / 5))
  let causesHeight = 1 + min(3, max(1, causes))
  let parts = content.split(.vertical, [.length(1), .length(itemsHeight), .length(causesHeight), .fill])
  return TimelineLayout(title: parts[0], items: parts[1], causes: parts[2], changes: parts[3])
}

/// Item rows that fit (for paging the selection).
func timelineVisibleItems(_ state: AppState) -> Int {
  max(1, Table.visibleRows(in: timelineLayout(state).items))
}

func renderTimeline(_ state: AppState, into grid: inout CellGrid) {
  guard let view = state.timeline else { return }
  let layout = timelineLayout(state)
  var title: [Span] = [Span("Timeline ", .muted)]
  if let resource = view.timeline?.resource {
    title += [
      Span(resource.label, .title), Span(" · ", .muted),
      Span("\(resource.accountId) \(resource.awsRegion)", .normal), Span(" · ", .muted),
      Span("\(view.entries.count) configuration item\(view.entries.count == 1 ? "" : "s")", .normal),
    ]
    if let other = view.timeline?.otherResources, let first = other.first {
      let more = other.count > 1 ? " and \(other.count - 1) more" : ""
      title.append(Span(" · also named so: \(first.label)\(more) (T on an ARN picks one)", .muted))
    }
  } else {
    title.append(Span(view.query.description, .title))
  }
  let content = ScreenLayout(state.size).content
  grid.fill(layout.title, role: .header)
  grid.write(spans: title, x: layout.title.x, y: layout.title.y, width: layout.title.width)
  let body = Rect(x: content.x + 1, y: layout.title.y + 1, width: max(0, content.width - 1), height: 1)
  if let error = view.error {
    grid.write(error.lineReference, x: body.x, y: body.y, width: body.width, role: .error)
    return
  }
  guard let timeline = view.timeline else {
    grid.write(
      Spinner.frame(state.tickCount) + " Reading configuration items…", x: body.x, y: body.y,
      width: body.width,
      role: .muted)
    return
  }
  guard !timeline.entries.isEmpty else {
    let (reason, help) = timeline.emptyExplanation
    grid.write(reason, x: body.x, y: body.y, width: body.width, role: .warning)
    grid.write("help: " + help, x: body.x, y: body.y + 1, width: body.width, role: .muted)
    return
  }
  renderTimelineItems(view, in: layout.items, into: &grid)
  if let entry = view.selectedEntry {
    renderCauses(view, entry, in: layout.causes, into: &grid)
    var scroll = ScrollState(offset: view.changesOffset, selected: -1)
    let lines = timelineChangeLines(entry)
    scroll.offset = min(view.changesOffset, max(0, lines.count - 1))
    TextView(lines: lines, scroll: scroll, highlightsSelection: false).render(in: layout.changes, into: &grid)
  }
}

private func renderTimelineItems(_ view: ResourceTimelineState, in area: Rect, into grid: inout CellGrid) {
  let columns = [
    TableColumn("Captured (UTC)", width: 19), TableColumn("Status", width: 18),
    TableColumn("What changed", width: 20, isFlexible: true),
    TableColumn("Caused by", width: 16, isFlexible: true),
  ]
  let rows = view.entries.map { entry in
    let cause = entry.causes.first.map { c in
      (c.eventName ?? "(not stored)") + " " + (c.userName ?? "")
        + (entry.causes.count > 1 ? " +\(entry.causes.count - 1)" : "")
    }
    let role: Role =
      switch entry.item.status {
      case .resourceDeleted, .resourceDeletedNotRecorded: .error
      case .resourceDiscovered: .success
      default: entry.isFirst ? .success : .normal
      }
    return TableRow(
      cells: [
        TimeFormat.dateTime(entry.item.captureDate), entry.item.status.rawValue, entry.summary, cause ?? "-",
      ], role: .normal, cellRoles: [1: role, 3: cause == nil ? .muted : .normal])
  }
  Table(columns: columns, rows: rows, scroll: view.scroll).render(in: area, into: &grid)
}

private func renderCauses(
  _ view: ResourceTimelineState, _ entry: ResourceTimeline.Entry, in area: Rect, into grid: inout CellGrid
) {
  guard !area.isEmpty else { return }
  var head: [Span] = [
    Span("Item \(view.scroll.selected + 1) of \(view.entries.count)", .title), Span(" · ", .muted),
    Span(TimeFormat.dateTime(entry.item.captureDate), .normal), Span(" · ", .muted),
    Span(entry.isFirst ? "changes: first item, every member new" : "changes since the item before", .muted),
  ]
  if entry.causes.count > 1 { head += [Span(" · ", .muted), Span("h/l cause", .keyHint)] }
  grid.fill(area.row(0), role: .border)
  grid.write(spans: head, x: area.x, y: area.y, width: area.width)
  guard area.height > 1 else { return }
  guard !entry.causes.isEmpty else {
    grid.write(
      "  caused by: AWS Config names no CloudTrail event (relatedEvents is empty)", x: area.x, y: area.y + 1,
      width: area.width, role: .muted)
    return
  }
  let shown = min(area.height - 1, entry.causes.count)
  let first = max(0, min(view.causeIndex - shown + 1, entry.causes.count - shown))
  for line in 0..<shown {
    let index = first + line
    let cause = entry.causes[index]
    let marker = index == view.causeIndex ? "▸ " : "  "
    var spans: [Span]
    if cause.isStored {
      spans = [
        Span(marker + "caused by ", .muted), Span(cause.eventName ?? "?", .title), Span(" · ", .muted),
        Span(cause.eventTime.map(TimeFormat.dateTime) ?? "", .normal), Span(" · ", .muted),
        Span(cause.userName ?? "-", .normal),
      ]
      if let arn = cause.userArn { spans.append(Span(" (\(arn))", .muted)) }
      if let ip = cause.sourceIPAddress { spans += [Span(" · ", .muted), Span(ip, .normal)] }
      if index == view.causeIndex { spans += [Span("  ", .normal), Span("enter opens", .keyHint)] }
    } else {
      spans = [
        Span(marker + "caused by ", .muted), Span(cause.eventID, .normal),
        Span(" (not in this store)", .muted),
      ]
    }
    grid.write(spans: spans, x: area.x, y: area.y + 1 + line, width: area.width)
  }
}

/// The selected item's changes as lines: `+ path  value` (added), `- path  value` (removed),
/// `~ path  old → new` (changed).
func timelineChangeLines(_ entry: ResourceTimeline.Entry) -> [StyledLine] {
  guard !entry.changes.isEmpty else {
    return [StyledLine(spans: [Span("  no change to configuration, relationships, tags or status", .muted)])]
  }
  return entry.changes.map { change in
    let role: Role =
      switch change.kind {
      case .added: .success
      case .removed: .error
      case .changed: .warning
      }
    var spans = [Span("\(change.kind.sign) ", role), Span(change.path, role), Span("  ", .normal)]
    switch change.kind {
    case .added: spans.append(Span(change.new?.compactText() ?? "", .normal))
    case .removed: spans.append(Span(change.old?.compactText() ?? "", .muted))
    case .changed:
      spans += [
        Span(change.old?.compactText() ?? "", .muted), Span(" → ", .muted),
        Span(change.new?.compactText() ?? "", .normal),
      ]
    }
    return StyledLine(spans: spans)
  }
}
