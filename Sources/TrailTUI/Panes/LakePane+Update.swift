import Foundation
import LakeSQL
import TrailCore

/// On showing the pane: (re)list the event data stores, and read the saved queries once.
func lakeShown(_ state: inout AppState) -> [Effect] {
  var effects: [Effect] = [.loadEventDataStores]
  if !state.lake.hasLoadedSaved { effects.append(.loadSavedLakeQueries) }
  return effects
}

/// Keys the pane takes before the key table: everything while a picker is open or the editor has the
/// focus, ctrl-r/F5 (run) and esc while a run is in flight. `nil`: let the key table have it.
func handleLakeKey(_ state: inout AppState, _ key: Key) -> [Effect]? {
  if state.lake.board != nil { return handleLakeBoardKey(&state, key) }
  if let picker = state.lake.picker { return handleLakePicker(&state, picker, key) }
  if key == .control("r") || key == .function(5) { return runLakeStatement(&state) }
  if key == .escape, state.lake.running != nil { return cancelLakeRun(&state) }
  guard state.lake.focus == .editor else { return nil }
  switch key {
  case .escape:
    state.lake.focus = .results
    state.lake.completion = nil
  // Tab completes; in a blank editor (nothing to complete) it and Shift-Tab still cycle the panes, so
  // Tab-ing through the tabs does not get stuck in the Lake pane.
  case .tab where state.lake.editor.isBlank, .backTab, .control("c"): return nil
  case .tab: completeLakeWord(&state)
  // `?` outside a quoted literal or identifier would be a bound parameter, which the editor's
  // statements never have, so there it opens the question search; inside quotes it is text.
  case .character("?") where !state.lake.editor.isCursorInsideQuotes:
    state.lake.picker = .generator(InputLine(), ScrollState())
  default:
    state.lake.completion = nil
    state.lake.editor.handle(key)
  }
  scrollLakeEditor(&state)
  return []
}

/// Actions of the pane's key table (results focus).
func performLake(_ state: inout AppState, _ action: Action) -> [Effect] {
  let visible = LakeLayout(ScreenLayout(state.size).content, lake: state.lake).visibleResultRows
  let count = state.lake.result?.rows.count ?? 0
  switch action {
  case .editQuery: state.lake.focus = .editor
  case .runQuery: return runLakeStatement(&state)
  case .sampleQueries:
    guard !state.lake.offeredSamples.isEmpty else {
      state.show(
        "No sample queries for a store of \(state.lake.storeKind.kindName) (v picks another store)",
        role: .warning)
      return []
    }
    state.lake.picker = .samples(ScrollState())
  case .savedQueries:
    guard !state.lake.saved.isEmpty else {
      state.show("No saved queries yet; w saves the statement under a name", role: .warning)
      return []
    }
    state.lake.picker = .saved(ScrollState())
  case .saveQuery:
    guard !state.lake.editor.isBlank else {
      state.show("Nothing to save: the editor is empty", role: .warning)
      return []
    }
    state.lake.picker = .saveName(InputLine())
  case .queryHistory:
    guard !state.lake.history.isEmpty else {
      state.show("No statements run yet", role: .warning)
      return []
    }
    state.lake.picker = .history(ScrollState())
  case .sortColumn: sortLakeResults(&state)
  case .scrollLeft, .scrollRight:
    let columns = state.lake.result?.columns.count ?? 0
    guard columns > 0 else { return [] }
    let step = action == .scrollRight ? 1 : -1
    state.lake.selectedColumn = max(0, min(columns - 1, state.lake.selectedColumn + step))
    keepLakeColumnVisible(&state)
  case .exportResults: return exportLakeResults(&state)
  case .lakeDashboards: return openLakeBoard(&state)
  case .nextStore:
    guard let stores = state.lake.stores, !stores.isEmpty else {
      state.show("No event data stores: statements read \(LakeState.allEventsTable)", role: .warning)
      return []
    }
    state.lake.selectedStore = (state.lake.selectedStore + 1) % stores.count
  case .moveDown: state.lake.scroll.move(by: 1, count: count, visible: visible)
  case .moveUp: state.lake.scroll.move(by: -1, count: count, visible: visible)
  case .pageDown: state.lake.scroll.move(by: visible, count: count, visible: visible)
  case .pageUp: state.lake.scroll.move(by: -visible, count: count, visible: visible)
  case .home: state.lake.scroll.select(0, count: count, visible: visible)
  case .end: state.lake.scroll.select(count - 1, count: count, visible: visible)
  default: break
  }
  return []
}

/// Answers of the Lake effects.
func lakeAnswer(_ state: inout AppState, _ input: Input) -> [Effect] {
  switch input {
  case .eventDataStoresLoaded(let stores):
    state.lake.stores = stores
    state.lake.storesError = nil
    state.lake.selectedStore = min(state.lake.selectedStore, max(0, stores.count - 1))
  case .lakeQueryFinished(let requestID, let result):
    guard state.lake.running?.requestID == requestID else { return [] }
    state.lake.running = nil
    state.lake.error = nil
    state.lake.result = result
    state.lake.columnWidths = LakeResultText.fittedWidths(result)
    state.lake.numericColumns = LakeResultText.numericColumns(result)
    state.lake.sort = nil
    state.lake.scroll = ScrollState()
    state.lake.selectedColumn = 0
    state.lake.firstColumn = 0
    // The results take the keys, so PgDn pages them at once; `i` goes back to the editor.
    state.lake.focus = .results
  case .lakeQueryFailed(let requestID, let error):
    guard state.lake.running?.requestID == requestID else { return [] }
    state.lake.running = nil
    if error.isCancelled {
      state.show("Query cancelled", role: .warning)
      return []
    }
    state.lake.error = error
    if let line = error.line {
      state.lake.editor.moveCursor(line: line, column: error.column ?? 1)
      state.lake.focus = .editor
      scrollLakeEditor(&state)
    }
    state.show(error.message, role: .error, ticks: 10)
  case .lakeExported(let path, let rows):
    state.show("Wrote \(rows) rows to \(path)", role: .success, ticks: 10)
  case .savedLakeQueriesLoaded(let queries):
    state.lake.saved = queries
    state.lake.hasLoadedSaved = true
  default: break
  }
  return []
}

/// Starts the editor's statement (a newer run supersedes one in flight) and records it in the history.
func runLakeStatement(_ state: inout AppState) -> [Effect] {
  let statement = state.lake.editor.text.trimmed
  guard !statement.isEmpty else {
    state.show("Type a statement first (p lists sample queries)", role: .warning)
    return []
  }
  var effects: [Effect] = []
  if let run = state.lake.running { effects.append(.cancelLakeQuery(requestID: run.requestID)) }
  let id = state.takeRequestID()
  state.lake.running = LakeRun(requestID: id, statement: statement, startTick: state.tickCount)
  state.lake.error = nil
  state.lake.completion = nil
  state.lake.history.removeAll { $0 == statement }
  state.lake.history.insert(statement, at: 0)
  if state.lake.history.count > LakeState.historyLimit { state.lake.history.removeLast() }
  effects.append(.runLakeQuery(requestID: id, statement: statement))
  return effects
}

private func cancelLakeRun(_ state: inout AppState) -> [Effect] {
  guard let run = state.lake.running, !run.isCancelling else { return [] }
  state.lake.running?.isCancelling = true
  state.show("Cancelling the query…")
  return [.cancelLakeQuery(requestID: run.requestID)]
}

/// Tab: replaces the word before the cursor with its first completion; Tab again cycles through them.
func completeLakeWord(_ state: inout AppState) {
  if var completion = state.lake.completion, completion.candidates.count > 1 {
    completion.index = (completion.index + 1) % completion.candidates.count
    state.lake.editor.replaceWordBeforeCursor(with: completion.candidates[completion.index])
    state.lake.completion = completion
    return
  }
  let prefix = state.lake.editor.wordBeforeCursor
  guard !prefix.isEmpty else {
    state.lake.editor.insert("  ")  // indentation, where there is no word to complete
    return
  }
  let candidates = LakeCompletions.candidates(for: prefix)
  guard let first = candidates.first else {
    state.show("No column, field or function starts with \"\(prefix)\"", role: .warning)
    return
  }
  state.lake.editor.replaceWordBeforeCursor(with: first)
  if candidates.count > 1 {
    state.lake.completion = LakeCompletion(prefix: prefix, candidates: candidates, index: 0)
    let shown = candidates.prefix(6).joined(separator: ", ")
    state.show("\(candidates.count) matches (tab cycles): \(shown)\(candidates.count > 6 ? ", …" : "")")
  } else {
    state.lake.completion = nil
  }
}

/// `s`: sorts by the selected column, ascending; again on the same column reverses.
func sortLakeResults(_ state: inout AppState) {
  guard var result = state.lake.result, !result.columns.isEmpty else { return }
  let column = min(state.lake.selectedColumn, result.columns.count - 1)
  let ascending = state.lake.sort.map { !($0.column == column && $0.isAscending) } ?? true
  result.rows = LakeResultText.sorted(result.rows, by: column, ascending: ascending)
  state.lake.result = result
  state.lake.sort = LakeSort(column: column, isAscending: ascending)
  state.lake.scroll = ScrollState()
}

/// `e`: the results as RFC 4180 CSV into `lake-results-<timestamp>.csv` in the current directory.
func exportLakeResults(_ state: inout AppState) -> [Effect] {
  guard let result = state.lake.result else {
    state.show("No results to export; ctrl-r runs the statement", role: .warning)
    return []
  }
  let stamp = state.now.map(TimeFormat.compact) ?? "now"
  return [.exportLakeResults(path: "lake-results-\(stamp).csv", csv: LakeResultText.csv(result))]
}

private func handleLakePicker(_ state: inout AppState, _ picker: LakePicker, _ key: Key) -> [Effect] {
  if key == .escape {
    state.lake.picker = nil
    return []
  }
  switch picker {
  case .generator(let line, let scroll):
    return handleLakeGeneratorKey(&state, line: line, scroll: scroll, key)
  case .saveName(var line):
    guard key == .enter else {
      line.handle(key)
      state.lake.picker = .saveName(line)
      return []
    }
    let name = line.text.trimmed
    guard !name.isEmpty else { return [] }
    let query = SavedLakeQuery(name: name, sql: state.lake.editor.text)
    if let index = state.lake.saved.firstIndex(where: { $0.name == name }) {
      state.lake.saved[index] = query
    } else {
      state.lake.saved.append(query)
    }
    state.lake.picker = nil
    state.show("Saved as \"\(name)\"", role: .success)
    return [.storeSavedLakeQueries(state.lake.saved)]
  case .samples(var scroll), .saved(var scroll), .history(var scroll):
    let texts = lakePickerSQL(state.lake, picker)
    if key == .enter, texts.indices.contains(scroll.selected) {
      state.lake.editor = TextEditor(texts[scroll.selected])
      state.lake.focus = .editor
      state.lake.picker = nil
      state.lake.error = nil
      scrollLakeEditor(&state)
      return []
    }
    if case .saved = picker, key == .character("d") || key == .delete, texts.indices.contains(scroll.selected)
    {
      let name = state.lake.saved[scroll.selected].name
      state.lake.saved.remove(at: scroll.selected)
      state.lake.picker = state.lake.saved.isEmpty ? nil : .saved(ScrollState())
      state.show("Deleted \"\(name)\"")
      return [.storeSavedLakeQueries(state.lake.saved)]
    }
    switch key {
    case .down, .character("j"): scroll.move(by: 1, count: texts.count, visible: texts.count)
    case .up, .character("k"): scroll.move(by: -1, count: texts.count, visible: texts.count)
    case .character("q"):
      state.lake.picker = nil
      return []
    default: break
    }
    switch picker {
    case .samples: state.lake.picker = .samples(scroll)
    case .saved: state.lake.picker = .saved(scroll)
    default: state.lake.picker = .history(scroll)
    }
    return []
  }
}

/// The statements a list picker offers, in its order (samples of the current store's kind, written
/// against it).
func lakePickerSQL(_ lake: LakeState, _ picker: LakePicker) -> [String] {
  switch picker {
  case .samples:
    lake.offeredSamples.map { $0.sql(forStore: lake.storeTable, cloudTrailStore: lake.cloudTrailStoreTable) }
  case .saved: lake.saved.map(\.sql)
  case .history: lake.history
  case .saveName, .generator: []
  }
}

private func scrollLakeEditor(_ state: inout AppState) {
  let layout = LakeLayout(ScreenLayout(state.size).content, lake: state.lake)
  state.lake.editor.scrollToCursor(
    height: layout.editor.height, width: layout.editor.width - TextEditor.gutterWidth)
}

/// Moves the horizontal scroll so the selected column is drawn.
private func keepLakeColumnVisible(_ state: inout AppState) {
  let width = ScreenLayout(state.size).content.width
  let widths = state.lake.columnWidths
  let selected = state.lake.selectedColumn
  if selected < state.lake.firstColumn { state.lake.firstColumn = selected }
  func fits(_ first: Int) -> Bool {
    guard first <= selected, selected < widths.count else { return true }
    return widths[first...selected].reduce(0, +) + (selected - first) <= width
  }
  while state.lake.firstColumn < selected, !fits(state.lake.firstColumn) { state.lake.firstColumn += 1 }
}

/// A click on a result column's title selects and sorts by it.
func lakeClicked(_ state: inout AppState, x: Int, y: Int) -> [Effect] {
  let layout = LakeLayout(ScreenLayout(state.size).content, lake: state.lake)
  if layout.editor.contains(x: x, y: y) || layout.editorTitle.contains(x: x, y: y) {
    state.lake.focus = .editor
    return []
  }
  guard y == layout.results.y, layout.results.contains(x: x, y: y) else { return [] }
  var left = layout.results.x
  let widths = state.lake.columnWidths
  for index in state.lake.firstColumn..<widths.count {
    if x < left + widths[index] {
      state.lake.selectedColumn = index
      state.lake.focus = .results
      sortLakeResults(&state)
      return []
    }
    left += widths[index] + 1
  }
  return []
}
