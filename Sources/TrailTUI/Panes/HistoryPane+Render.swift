import TrailCore

func renderHistory(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
  let h = state.history
  let (bar, tableArea) = layout.historyParts
  renderFilterBar(state, in: bar, into: &grid)
  let columns = h.visibleColumns
  // The marker column leads, as the console's check boxes do: a marked row shows its column number in
  // the comparison (1–5), so the user can tell which event is which there.
  let rows = h.rows.map { event in
    var row = historyRow(event, columns: columns, state: h, tick: state.tickCount)
    let number = h.markNumber(of: event.rowID)
    row.cells.insert(number.map(String.init) ?? " ", at: 0)
    row.cellRoles = Dictionary(uniqueKeysWithValues: row.cellRoles.map { ($0.key + 1, $0.value) })
    if number != nil { row.cellRoles[0] = .title }
    return row
  }
  let tableColumns = [TableColumn("", width: 1)] + columns.map(\.tableColumn)
  Table(columns: tableColumns, rows: rows, scroll: h.scroll).render(in: tableArea, into: &grid)
  let message: String? =
    if let error = h.error, h.rows.isEmpty {
      error.lineReference
    } else if !h.hasLoaded || (h.rows.isEmpty && h.pending != nil) {
      Spinner.frame(state.tickCount) + " Loading events…"
    } else if h.rows.isEmpty { "No events match this filter and time range." } else { nil }
  if let message, tableArea.height > 1 {
    grid.write(
      message, x: tableArea.x + 1, y: tableArea.y + 1, width: tableArea.width - 1,
      role: h.error == nil ? .muted : .error)
  }
}

private func renderFilterBar(_ state: AppState, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty else { return }
  let h = state.history
  var spans: [Span] = [Span("Filter ", .muted)]
  if let compound = h.compound, let range = compound.timeRangeLabel {
    // The Insights pane's related events: the period's range first, its conditions can be long.
    spans += [
      Span("Lake ", .title), Span(range, .normal), Span(" │ ", .border), Span(compound.label, .normal),
    ]
  } else if let compound = h.compound {
    spans += [Span("Lake ", .title), Span(compound.label, .normal)]
  } else if let attribute = h.attribute {
    spans += [Span(attribute.key.rawValue, .title), Span("=", .muted), Span(attribute.value, .normal)]
  } else {
    spans.append(Span("none", .normal))
  }
  // Lake reads every stored event (or the compound filter's own time range, shown above): the
  // history's time range does not apply to it.
  if h.compound?.timeRange == nil {
    spans += [
      Span(" │ ", .border), Span(h.compound == nil ? h.timeRange.label : "all stored events", .normal),
    ]
  }
  if let ip = h.highlightIP { spans += [Span(" │ ", .border), Span("IP " + ip, .match)] }
  if let search = h.search { spans += [Span(" │ ", .border), Span("/" + search, .match)] }
  grid.write(spans: spans, x: area.x, y: area.y, width: area.width)
  var right: [Span] = []
  if !h.marked.isEmpty {
    right += [Span(" \(h.marked.count) marked · ", .normal), Span("C", .keyHint), Span(" compares", .normal)]
  }
  if h.unseenNew > 0 { right.append(Span(" \(h.unseenNew) new ↑ ", .new)) }
  if h.pending != nil && h.hasLoaded { right.append(Span(" " + Spinner.frame(state.tickCount), .muted)) }
  let width = right.reduce(0) { $0 + displayWidth(of: $1.text) }
  if width > 0, width < area.width {
    grid.write(spans: right, x: area.x + area.width - width, y: area.y, width: width)
  }
}

/// A table row for an event: its role says new, highlighted IP, error, write or read.
func historyRow(_ event: EventSummary, columns: [HistoryColumn], state: HistoryState, tick: Int) -> TableRow {
  let role: Role
  if let until = state.newRows[event.rowID], until >= tick {
    role = .new
  } else if let ip = state.highlightIP, event.sourceIPAddress == ip {
    role = .match
  } else if event.errorCode != nil {
    role = .error
  } else if event.readOnly == false {
    role = .write
  } else if event.readOnly == true {
    role = .readonly
  } else {
    role = .normal
  }
  let texts = columns.map { $0.text(for: event) }
  var cellRoles: [Int: Role] = [:]
  if let needle = state.search?.lowercased(), !needle.isEmpty {
    for (index, text) in texts.enumerated() where text.lowercased().contains(needle) {
      cellRoles[index] = .match
    }
  }
  return TableRow(cells: texts, role: role, cellRoles: cellRoles)
}
