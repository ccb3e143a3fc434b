import TrailCore

func renderOverlay(_ state: AppState, screen: Rect, into grid: inout CellGrid) {
  guard let overlay = state.overlay else { return }
  switch overlay {
  case .commandLine(let line), .search(let line):
    let row = Rect(x: 0, y: max(0, screen.height - 1), width: screen.width, height: 1)
    let prefix = overlay == .commandLine(line) ? ":" : "/"
    grid.fill(row, role: .input)
    grid.write(prefix, x: 0, y: row.y, width: 1, role: .input)
    line.render(in: Rect(x: 1, y: row.y, width: screen.width - 1, height: 1), into: &grid)
  case .help(let scroll):
    let lines = helpLines(for: state.scope)
    let modal = Modal(
      title: "Keys · \(state.scope.rawValue) (esc closes)", width: 64, height: lines.count + 2)
    modal.render(in: screen, into: &grid)
    let area = modal.contentArea(in: screen)
    var view = scroll
    view.offset = min(scroll.offset, max(0, lines.count - area.height))
    TextView(lines: lines, scroll: view, highlightsSelection: false).render(in: area, into: &grid)
  case .attributePicker(let scroll):
    picker(
      "Lookup attribute", LookupAttributeKey.allCases.map(\.rawValue), scroll, screen: screen, into: &grid)
  case .timeRangePicker(let scroll):
    picker("Time range", timeRangeChoices, scroll, screen: screen, into: &grid)
  case .columnChooser(let scroll):
    let marks = HistoryColumn.allCases.map { state.history.hiddenColumns.contains($0) ? "[ ]" : "[x]" }
    picker(
      "Columns (space toggles)", HistoryColumn.allCases.map(\.title), scroll, marks: marks, screen: screen,
      into: &grid)
  case .attributeValue(let key, let line):
    prompt("\(key.rawValue) =", fields: [("Value", line, true)], error: nil, screen: screen, into: &grid)
  case .customRange(let from, let to, let editingTo, let error):
    prompt(
      "Custom range (ISO 8601 UTC, tab switches)",
      fields: [("From", from, !editingTo), ("To", to, editingTo)],
      error: error, screen: screen, into: &grid)
  case .downloadPrompt(let format, let path, let error):
    let title = "Download \(format.rawValue.uppercased()) (tab: \(format == .csv ? "JSON" : "CSV"))"
    prompt(title, fields: [("Path", path, true)], error: error, screen: screen, into: &grid)
  case .fieldValues(let scroll):
    renderFieldValues(state, scroll: scroll, screen: screen, into: &grid)
  case .downloadProgress:
    let modal = Modal(title: "Downloading", width: 50, height: 5)
    modal.render(in: screen, into: &grid)
    let area = modal.contentArea(in: screen)
    let download = state.download ?? DownloadState(path: "", done: 0, total: nil, isFinished: false)
    grid.write(download.path, x: area.x, y: area.y, width: area.width, role: .muted)
    ProgressBar(done: download.done, total: download.total, tick: state.tickCount).render(
      in: area.row(1), into: &grid)
    let hint =
      download.isCancelling
      ? [Span("cancelling…", .warning)]
      : [Span("x", .keyHint), Span(" cancels · ", .muted), Span("esc", .keyHint), Span(" hides", .muted)]
    let row = area.row(2)
    grid.write(spans: hint, x: row.x, y: row.y, width: row.width)
  }
}

/// The `?` overlay's text: the scope's bindings, the global ones, then the commands.
func helpLines(for scope: Scope) -> [StyledLine] {
  var lines: [StyledLine] = []
  let scopes: [Scope] = scope == .global ? [.global] : [scope, .global]
  for s in scopes {
    lines.append(StyledLine(spans: [Span(s == .global ? "Everywhere" : s.rawValue.capitalized, .title)]))
    for binding in Keymap.bindings where binding.scope == s {
      lines.append(
        StyledLine(spans: [
          Span("  " + pad(binding.label, toWidth: 14), .keyHint), Span(" " + binding.help, .normal),
        ]))
    }
    // The pane's own explanation follows its keys, before the keys that work everywhere.
    if s == .insights { lines += insightsHelpLines() }
  }
  lines.append(StyledLine(spans: [Span("Commands", .title)]))
  for command in Command.all {
    let name = ":" + command.name + (command.argument.map { " " + $0 } ?? "")
    lines.append(
      StyledLine(spans: [Span("  " + pad(name, toWidth: 14), .keyHint), Span(" " + command.help, .normal)]))
  }
  return lines
}

private func picker(
  _ title: String, _ items: [String], _ scroll: ScrollState, marks: [String]? = nil, screen: Rect,
  into grid: inout CellGrid
) {
  let width = (items.map { displayWidth(of: $0) }.max() ?? 10) + (marks == nil ? 4 : 8)
  let modal = Modal(title: title, width: max(width, displayWidth(of: title) + 6), height: items.count + 2)
  modal.render(in: screen, into: &grid)
  PickerList(items: items, scroll: scroll, marks: marks).render(
    in: modal.contentArea(in: screen), into: &grid)
}

private func prompt(
  _ title: String, fields: [(String, InputLine, Bool)], error: String?, screen: Rect,
  into grid: inout CellGrid
) {
  let modal = Modal(title: title, width: 60, height: fields.count + 2 + (error == nil ? 0 : 1))
  modal.render(in: screen, into: &grid)
  let area = modal.contentArea(in: screen)
  for (index, field) in fields.enumerated() {
    let row = area.row(index)
    let label = field.0 + " "
    let used = grid.write(label, x: row.x, y: row.y, width: row.width, role: .muted)
    field.1.render(
      in: Rect(x: row.x + used, y: row.y, width: row.width - used, height: row.height), into: &grid,
      showsCursor: field.2)
  }
  if let error { grid.write(error, x: area.x, y: area.y + fields.count, width: area.width, role: .error) }
}
