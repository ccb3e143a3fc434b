import TrailCore

func renderCompare(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
  guard let compare = state.history.compare else { return }
  let (title, body) = layout.detailParts
  let fit = EventCompareState.columnsThatFit(totalWidth: body.width)
  let first = min(compare.firstColumn, max(0, compare.events.count - fit))
  let shown = Array(compare.events.indices.dropFirst(first).prefix(fit))
  var spans: [Span] = [
    Span("Compare ", .muted), Span("\(compare.events.count) events", .title), Span(" · ", .muted),
    Span(compare.showsOnlyDifferences ? "only fields that differ" : "fields that differ", .warning),
  ]
  if shown.count < compare.events.count, let low = shown.first, let high = shown.last {
    spans += [
      Span(" │ ", .border), Span("events \(low + 1)–\(high + 1) of \(compare.events.count) (h/l)", .normal),
    ]
  }
  grid.fill(title, role: .header)
  grid.write(spans: spans, x: title.x, y: title.y, width: title.width)
  if let error = compare.error {
    grid.write(error.lineReference, x: body.x + 1, y: body.y, width: body.width - 1, role: .error)
    return
  }
  guard compare.rows != nil else {
    grid.write(
      Spinner.frame(state.tickCount) + " Loading records…", x: body.x + 1, y: body.y, width: body.width - 1,
      role: .muted)
    return
  }
  let fieldWidth = EventCompareState.fieldWidth(totalWidth: body.width)
  let columns =
    [TableColumn("Field", width: fieldWidth)]
    + shown.map {
      TableColumn(
        "\($0 + 1) \(compare.events[$0].eventName)", width: EventCompareState.minimumEventWidth,
        isFlexible: true)
    }
  let rows = compare.visibleRows.map { row in
    // "-" as in the history's empty cells: the record has no such field.
    TableRow(
      cells: [truncateLeading(row.field, toWidth: fieldWidth)] + shown.map { row.values[$0] ?? "-" },
      role: row.differs ? .warning : .normal)
  }
  Table(columns: columns, rows: rows, scroll: compare.scroll).render(in: body, into: &grid)
}

/// The selected field's value in each compared event, wrapped to the box instead of cut.
func renderFieldValues(_ state: AppState, scroll: ScrollState, screen: Rect, into grid: inout CellGrid) {
  guard let compare = state.history.compare else { return }
  let rows = compare.visibleRows
  guard rows.indices.contains(compare.scroll.selected) else { return }
  let row = rows[compare.scroll.selected]
  let width = max(10, screen.width - 8)
  var lines: [StyledLine] = []
  for (index, event) in compare.events.enumerated() {
    lines.append(StyledLine(spans: [Span("\(index + 1) \(event.eventName)", .title)]))
    let value = index < row.values.count ? row.values[index] : nil
    for piece in wrapped(value ?? "- (no such field)", toWidth: max(1, width - 4)) {
      lines.append(StyledLine(spans: [Span("  " + piece, value == nil ? .muted : .normal)]))
    }
  }
  let title = truncateLeading(row.field, toWidth: max(1, width - 20)) + " (esc closes)"
  let modal = Modal(title: title, width: width, height: lines.count + 2)
  modal.render(in: screen, into: &grid)
  let area = modal.contentArea(in: screen)
  var view = scroll
  view.offset = min(scroll.offset, max(0, lines.count - area.height))
  TextView(lines: lines, scroll: view, highlightsSelection: false).render(in: area, into: &grid)
}

/// `text` in pieces of at most `width` cells, cut anywhere (values such as ARNs have no spaces).
private func wrapped(_ text: String, toWidth width: Int) -> [String] {
  var pieces: [String] = []
  var current = ""
  var used = 0
  for character in text {
    let w = displayWidth(of: character)
    if used + w > width, !current.isEmpty {
      pieces.append(current)
      (current, used) = ("", 0)
    }
    current.append(character)
    used += w
  }
  return pieces.isEmpty || !current.isEmpty ? pieces + [current] : pieces
}
