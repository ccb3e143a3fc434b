import Foundation
import TrailCore

/// Items of the time range picker: the presets, then "custom".
let timeRangeChoices: [String] = TimePreset.allCases.map(\.label) + ["custom from – to…"]

/// Keys while an overlay is open: the overlay takes them all (so typing `q` in a prompt types a q).
func handleOverlayKey(_ state: inout AppState, _ key: Key) -> [Effect] {
  guard let overlay = state.overlay else { return [] }
  if key == .escape {
    state.overlay = nil
    return []
  }
  switch overlay {
  case .help(var scroll):
    switch key {
    case .character("?"), .character("q"): state.overlay = nil
    case .down, .character("j"): scroll.offset += 1
    case .up, .character("k"): scroll.offset = max(0, scroll.offset - 1)
    default: break
    }
    if state.overlay != nil { state.overlay = .help(scroll) }
    return []
  case .commandLine(var line):
    if key == .enter {
      state.overlay = nil
      return runCommand(&state, line.text)
    }
    if key == .backspace && line.text.isEmpty {
      state.overlay = nil
    } else {
      line.handle(key)
      state.overlay = .commandLine(line)
    }
    return []
  case .search(var line):
    if key == .enter {
      state.overlay = nil
      return applySearch(&state, line.text)
    }
    line.handle(key)
    state.overlay = .search(line)
    return []
  case .attributePicker(var scroll):
    let keys = LookupAttributeKey.allCases
    if key == .enter {
      let chosen = keys[scroll.selected]
      let current = state.history.attribute?.key == chosen ? state.history.attribute?.value ?? "" : ""
      state.overlay = .attributeValue(chosen, InputLine(current))
      return []
    }
    moveInList(&scroll, key, count: keys.count)
    state.overlay = .attributePicker(scroll)
    return []
  case .attributeValue(let attributeKey, var line):
    if key == .enter {
      state.overlay = nil
      let value = line.text.trimmed
      return applyAttribute(&state, value.isEmpty ? nil : LookupAttribute(attributeKey, value))
    }
    line.handle(key)
    state.overlay = .attributeValue(attributeKey, line)
    return []
  case .timeRangePicker(var scroll):
    if key == .enter { return chooseTimeRange(&state, scroll.selected) }
    moveInList(&scroll, key, count: timeRangeChoices.count)
    state.overlay = .timeRangePicker(scroll)
    return []
  case .customRange(var from, var to, let editingTo, _):
    switch key {
    case .tab, .backTab, .up, .down:
      state.overlay = .customRange(from: from, to: to, editingTo: !editingTo, error: nil)
    case .enter: return applyCustomRange(&state, from: from, to: to, editingTo: editingTo)
    default:
      if editingTo { to.handle(key) } else { from.handle(key) }
      state.overlay = .customRange(from: from, to: to, editingTo: editingTo, error: nil)
    }
    return []
  case .columnChooser(var scroll):
    let columns = HistoryColumn.allCases
    if key == .enter || key == .character(" ") {
      let column = columns[scroll.selected]
      if state.history.hiddenColumns.contains(column) {
        state.history.hiddenColumns.remove(column)
      } else if state.history.visibleColumns.count > 1 {
        state.history.hiddenColumns.insert(column)
      }
    }
    moveInList(&scroll, key, count: columns.count)
    state.overlay = .columnChooser(scroll)
    return []
  case .downloadPrompt(var format, var path, _):
    switch key {
    case .tab, .backTab, .up, .down:
      let old = "." + format.rawValue
      format = format == .csv ? .json : .csv
      var text = path.text
      if text.hasSuffix(old) { text = String(text.dropLast(old.count)) + "." + format.rawValue }
      path = InputLine(text)
      state.overlay = .downloadPrompt(format: format, path: path, error: nil)
    case .enter:
      let target = path.text.trimmed
      guard !target.isEmpty else {
        state.overlay = .downloadPrompt(format: format, path: path, error: "Type a file path")
        return []
      }
      state.overlay = .downloadProgress
      state.download = DownloadState(path: target, done: 0, total: nil, isFinished: false)
      // The Insights pane downloads its Insights events; everywhere else it is the history's filter.
      let filter = state.pane == .insights ? insightsDownloadFilter(state) : state.historyFilter
      return [.download(filter: filter, format: format, path: target)]
    default:
      path.handle(key)
      state.overlay = .downloadPrompt(format: format, path: path, error: nil)
    }
    return []
  case .fieldValues(var scroll):
    switch key {
    case .enter, .character("q"): state.overlay = nil
    case .down, .character("j"): scroll.offset += 1
    case .up, .character("k"): scroll.offset = max(0, scroll.offset - 1)
    default: break
    }
    if state.overlay != nil { state.overlay = .fieldValues(scroll) }
    return []
  case .downloadProgress:
    // Esc (above), enter and q hide the window and the download goes on in the status bar; x stops it.
    if key == .character("x") || key == .character("X") { return cancelDownload(&state) }
    if key == .enter || key == .character("q") { state.overlay = nil }
    return []
  }
}

private func moveInList(_ scroll: inout ScrollState, _ key: Key, count: Int) {
  switch key {
  case .down, .character("j"): scroll.move(by: 1, count: count, visible: count)
  case .up, .character("k"): scroll.move(by: -1, count: count, visible: count)
  case .home, .character("g"): scroll.select(0, count: count, visible: count)
  case .end, .character("G"): scroll.select(count - 1, count: count, visible: count)
  default: break
  }
}

private func chooseTimeRange(_ state: inout AppState, _ index: Int) -> [Effect] {
  let presets = TimePreset.allCases
  if index < presets.count {
    state.overlay = nil
    state.history.timeRange = .last(presets[index])
    return applyAttribute(&state, state.history.attribute, highlightIP: state.history.highlightIP)
  }
  let now = state.now ?? Date(timeIntervalSince1970: 0)
  var from = TimeFormat.iso8601(now.addingTimeInterval(-3600))
  var to = TimeFormat.iso8601(now)
  if case .custom(let start, let end) = state.history.timeRange {
    (from, to) = (TimeFormat.iso8601(start), TimeFormat.iso8601(end))
  }
  state.overlay = .customRange(from: InputLine(from), to: InputLine(to), editingTo: false, error: nil)
  return []
}

private func applyCustomRange(_ state: inout AppState, from: InputLine, to: InputLine, editingTo: Bool)
  -> [Effect]
{
  func fail(_ message: String) -> [Effect] {
    state.overlay = .customRange(from: from, to: to, editingTo: editingTo, error: message)
    return []
  }
  guard let start = TimeFormat.parse(from.text) else {
    return fail("\"\(from.text)\" is not an ISO 8601 UTC time")
  }
  guard let end = TimeFormat.parse(to.text) else { return fail("\"\(to.text)\" is not an ISO 8601 UTC time") }
  guard start <= end else { return fail("the start is after the end") }
  state.overlay = nil
  state.history.timeRange = .custom(from: start, to: end)
  return applyAttribute(&state, state.history.attribute, highlightIP: state.history.highlightIP)
}

private func applySearch(_ state: inout AppState, _ text: String) -> [Effect] {
  let needle = text.isEmpty ? nil : text
  switch state.scope {
  case .detail:
    guard var detail = state.history.detail else { return [] }
    detail.search = needle
    findInDetail(
      &detail, forward: true, includingCurrent: true, visible: ScreenLayout(state.size).detailVisibleLines)
    state.history.detail = detail
    return []
  case .history:
    state.history.search = needle
    if needle != nil { findInHistory(&state, forward: true, includingCurrent: true) }
    return prefetchIfNeeded(&state)
  default:
    state.show("Search works in the event history and the event detail", role: .warning)
    return []
  }
}

/// Runs a `:` command line.
func runCommand(_ state: inout AppState, _ line: String) -> [Effect] {
  switch Command.parse(line) {
  case .failure(let error):
    state.show(error.message, role: .error, ticks: 8)
    return []
  case .success(let request):
    switch request {
    case .showPane(let pane): return showPane(&state, pane)
    case .help:
      state.overlay = .help(ScrollState())
      return []
    case .quit:
      state.isQuitting = true
      return [.quit]
    case .region(let region): return setRegion(&state, region)
    case .theme(let name):
      guard let name, !name.isEmpty else {
        let names =
          state.availableThemes.isEmpty
          ? "" : " (available: \(state.availableThemes.joined(separator: ", ")))"
        state.show("Theme: \(state.themeName)\(names)", ticks: 8)
        return []
      }
      if !state.availableThemes.isEmpty && !state.availableThemes.contains(name) {
        var text = "Unknown theme '\(name)'."
        if let guess = Suggestions.nearest(to: name, in: state.availableThemes) {
          text += " Did you mean '\(guess)'?"
        }
        text += " Available: \(state.availableThemes.joined(separator: ", "))"
        state.show(text, role: .error, ticks: 8)
        return []
      }
      return [.setTheme(name: name)]
    }
  }
}
