import Foundation
import LakeSQL
import TrailCore

func renderLake(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
  let lake = state.lake
  if let board = lake.board {
    renderLakeBoard(board, in: layout.content, into: &grid)
    return
  }
  let parts = LakeLayout(layout.content, lake: lake)
  renderLakeStores(lake, in: parts.stores, into: &grid)
  renderLakeEditor(lake, parts: parts, into: &grid)
  renderLakeStatusLine(state, in: parts.statusLine, into: &grid)
  renderLakeResults(lake, in: parts.results, into: &grid)
  if let picker = lake.picker {
    renderLakePicker(lake, picker, now: state.now, screen: grid.bounds, into: &grid)
  }
}

private func renderLakeStores(_ lake: LakeState, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty else { return }
  grid.write("Event data stores", x: area.x, y: area.y, width: area.width, role: .title)
  let y = area.y + 1
  guard area.height > 1 else { return }
  guard let stores = lake.stores else {
    let text = lake.storesError.map(\.lineReference) ?? "Loading…"
    grid.write(
      " " + text, x: area.x, y: y, width: area.width, role: lake.storesError == nil ? .muted : .error)
    return
  }
  guard !stores.isEmpty else {
    grid.write(
      " None yet: FROM \(LakeState.allEventsTable) reads every stored event (p: sample queries)", x: area.x,
      y: y, width: area.width, role: .muted)
    return
  }
  let first = max(
    0, min(lake.selectedStore - LakeLayout.maxStoreRows + 1, stores.count - LakeLayout.maxStoreRows))
  for (line, index) in (first..<stores.count).prefix(area.height - 1).enumerated() {
    let store = stores[index]
    let events = store.eventCount.map { "\(groupThousands($0)) events" } ?? "… events"
    let text =
      "\(index == lake.selectedStore ? "▸" : " ") \(store.name)  \(store.id)  \(store.status)  "
      + "\(store.retentionDays) days  \(events)"
    let role: Role = store.status == "ENABLED" ? .normal : .warning
    grid.write(
      text, x: area.x, y: y + line, width: area.width, role: index == lake.selectedStore ? .title : role)
  }
}

private func renderLakeEditor(_ lake: LakeState, parts: LakeLayout, into grid: inout CellGrid) {
  let isEditing = lake.focus == .editor && lake.picker == nil
  let hint = isEditing ? "ctrl-r/F5 runs · tab completes · esc leaves the editor" : "i edits · ctrl-r runs"
  grid.fill(parts.editorTitle, role: .header)
  grid.write(
    spans: [Span(" SQL ", .header), Span(hint, .header)], x: parts.editorTitle.x, y: parts.editorTitle.y,
    width: parts.editorTitle.width)
  if lake.editor.isBlank && !isEditing {
    grid.write(
      "     SELECT eventName, count(*) AS n FROM \(LakeState.allEventsTable) GROUP BY eventName",
      x: parts.editor.x,
      y: parts.editor.y, width: parts.editor.width, role: .muted)
    return
  }
  lake.editor.render(in: parts.editor, into: &grid, showsCursor: isEditing, errorLine: lake.error?.line)
}

private func renderLakeStatusLine(_ state: AppState, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty else { return }
  let lake = state.lake
  if let run = lake.running {
    let seconds = state.tickCount - run.startTick
    let text =
      run.isCancelling
      ? "\(Spinner.frame(state.tickCount)) Cancelling…"
      : "\(Spinner.frame(state.tickCount)) Running… \(seconds) s (esc cancels)"
    grid.write(text, x: area.x, y: area.y, width: area.width, role: .muted)
  } else if let error = lake.error {
    let position = error.line.map { "line \($0)" + (error.column.map { ":\($0)" } ?? "") + " · " } ?? ""
    let message =
      error.line != nil && error.message.hasPrefix("line ") ? error.message : position + error.message
    grid.write(message, x: area.x, y: area.y, width: area.width, role: .error)
  } else if let result = lake.result {
    let count = result.rows.count
    var text = LakeResultText.statistics(result)
    if count > 0 { text += " · row \(lake.scroll.selected + 1) of \(groupThousands(count))" }
    // The QueryId is for `describe-query` and `get-query-results`: shown whole or not at all, since a
    // cut-off id is of no use.
    if let id = result.queryId, displayWidth(of: text) + displayWidth(of: " · query " + id) <= area.width {
      text += " · query " + id
    }
    grid.write(text, x: area.x, y: area.y, width: area.width, role: .success)
  } else {
    grid.write(
      "No results yet · ctrl-r runs the statement · p sample queries · o saved · y history", x: area.x,
      y: area.y,
      width: area.width, role: .muted)
  }
}

private func renderLakeResults(_ lake: LakeState, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty, let result = lake.result else { return }
  let shown = Array(lake.firstColumn..<result.columns.count)
  let columns = shown.map { index -> TableColumn in
    var title = result.columns[index]
    if let sort = lake.sort, sort.column == index { title += sort.isAscending ? " ▲" : " ▼" }
    return TableColumn(
      title, width: lake.columnWidths[index], alignRight: lake.numericColumns.contains(index))
  }
  let visible = Table.visibleRows(in: area)
  let window = result.rows.indices.dropFirst(lake.scroll.offset).prefix(visible)
  let rows = window.map { index in
    TableRow(
      cells: shown.map { column in
        let row = result.rows[index]
        return column < row.count ? (row[column] ?? LakeResultText.null) : ""
      })
  }
  let scroll = ScrollState(offset: 0, selected: lake.scroll.selected - lake.scroll.offset)
  Table(columns: columns, rows: rows, scroll: scroll, showsSelection: lake.focus == .results)
    .render(in: area, into: &grid)
  if result.rows.isEmpty, area.height > 1 {
    grid.write(" The statement returned no rows.", x: area.x, y: area.y + 1, width: area.width, role: .muted)
  }
  // The selected column's title wears `tab.active`: it is what `s` sorts by.
  var x = area.x
  for index in shown {
    let width = lake.columnWidths[index]
    if index == lake.selectedColumn, lake.focus == .results {
      grid.paint(
        Rect(x: x, y: area.y, width: min(width, area.x + area.width - x), height: 1), role: .tabActive)
    }
    x += width + 1
    if x >= area.x + area.width { break }
  }
}

private func renderLakePicker(
  _ lake: LakeState, _ picker: LakePicker, now: Date?, screen: Rect, into grid: inout CellGrid
) {
  switch picker {
  case .generator(let line, let scroll):
    renderLakeGenerator(lake, line: line, scroll: scroll, now: now, screen: screen, into: &grid)
  case .saveName(let line):
    let modal = Modal(title: "Save query as (enter saves, esc cancels)", width: 60, height: 3)
    modal.render(in: screen, into: &grid)
    line.render(in: modal.contentArea(in: screen), into: &grid)
  case .samples(let scroll), .saved(let scroll), .history(let scroll):
    let items: [String]
    let title: String
    switch picker {
    case .samples:
      items = lake.offeredSamples.map { "\($0.name) — \($0.description)" }
      // The kind is named when it is not the usual one, CloudTrail events.
      let kind = lake.storeKind == .cloudTrail ? "" : " for \(lake.storeKind.kindName)"
      title = "Sample queries\(kind) (enter opens, esc closes)"
    case .saved:
      items = lake.saved.map { "\($0.name) — \(oneLine($0.sql))" }
      title = "Saved queries (enter opens, d deletes)"
    default:
      items = lake.history.map(oneLine)
      title = "Statements run, newest first (enter recalls)"
    }
    let modal = Modal(
      title: title, width: min(screen.width - 4, 90), height: min(screen.height - 2, items.count + 2))
    modal.render(in: screen, into: &grid)
    PickerList(items: items, scroll: scroll).render(in: modal.contentArea(in: screen), into: &grid)
  }
}

private func oneLine(_ sql: String) -> String {
  sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(
    separator: " ")
}

/// Footer hints while the editor or a picker takes the keys; nil: the key table's.
func lakeFooterHints(_ lake: LakeState) -> [(key: String, help: String)]? {
  if let picker = lake.picker {
    if case .saveName = picker { return [(key: "enter", help: "save"), (key: "esc", help: "cancel")] }
    if case .generator = picker {
      return [
        (key: "enter", help: "write its SQL"), (key: "↑/↓", help: "choose"), (key: "esc", help: "close"),
      ]
    }
    return [(key: "enter", help: "open"), (key: "↑/↓", help: "choose"), (key: "esc", help: "close")]
  }
  if lake.running != nil { return [(key: "esc", help: "cancel the query")] }
  guard lake.focus == .editor else { return nil }
  return [
    (key: "^R/F5", help: "run"), (key: "tab", help: "complete"), (key: "esc", help: "leave editor"),
    (key: "?", help: "ask a question"),
  ]
}
