import Foundation

/// Draws the whole screen for `state` into `grid` (which should have `state.size`). Pure.
public func render(_ state: AppState, into grid: inout CellGrid) {
  grid.fill(grid.bounds)
  let layout = ScreenLayout(Size(width: grid.width, height: grid.height))
  let tabs = Tabs(
    titles: PaneID.available.map { "\($0.number) \($0.title)" },
    selected: PaneID.available.firstIndex(of: state.pane) ?? 0)
  tabs.render(in: layout.tabs, into: &grid)
  let brand = " TrailDeck "
  let used = tabs.spans(in: layout.tabs).last?.upperBound ?? 0
  if layout.tabs.width - used > displayWidth(of: brand) + 1 {
    grid.write(brand, x: layout.tabs.width - displayWidth(of: brand), y: layout.tabs.y, role: .title)
  }
  switch state.pane {
  case _ where isShowingTimeline(state): renderTimeline(state, into: &grid)
  case .dashboard: renderDashboard(state, in: layout.content, into: &grid)
  case .history:
    if state.history.compare != nil {
      renderCompare(state, layout: layout, into: &grid)
    } else if state.history.detail != nil {
      renderDetail(state, layout: layout, into: &grid)
    } else {
      renderHistory(state, layout: layout, into: &grid)
      if let form = state.history.compoundForm { renderCompoundForm(form, screen: grid.bounds, into: &grid) }
    }
  case .trails: renderTrails(state, layout: layout, into: &grid)
  case .lake: renderLake(state, layout: layout, into: &grid)
  case .insights: renderInsights(state, layout: layout, into: &grid)
  }
  renderStatusBar(state, in: layout.status, into: &grid)
  if state.overlay != nil { renderOverlay(state, screen: grid.bounds, into: &grid) }
}

/// The clock text: live `HH:MM:SS UTC` or `as of YYYY-MM-DD HH:MM:SS UTC`.
func clockText(_ state: AppState) -> String {
  guard let now = state.now else { return "--:--:-- UTC" }
  switch state.clockMode {
  case .live: return TimeFormat.clock(now) + " UTC"
  case .asOf: return "as of " + TimeFormat.dateTime(now) + " UTC"
  }
}

private func renderStatusBar(_ state: AppState, in area: Rect, into grid: inout CellGrid) {
  guard !area.isEmpty else { return }
  var left: [Span] = []
  if let message = state.message {
    left.append(Span(" " + message.text + " ", message.role == .normal ? .statusBar : message.role))
  } else {
    let count = state.eventCount.map { "\(groupThousands($0)) events" } ?? "… events"
    var text = " \(state.databasePath) │ \(state.region ?? "all regions") │ \(clockText(state)) │ \(count)"
    if let download = state.download, download.isRunning {
      text += " │ ↓ \(download.done)" + (download.total.map { "/\($0)" } ?? "")
      text += download.isCancelling ? " cancelling" : " (X cancels)"
    }
    left.append(Span(text + " ", .statusBar))
  }
  StatusBar(left: left, hints: footerHints(state)).render(in: area, into: &grid)
}

/// The key table's hints, except while the trail form or selector editor takes every key.
private func footerHints(_ state: AppState) -> [(key: String, help: String)] {
  if state.pane == .lake, let hints = lakeFooterHints(state.lake) { return hints }
  if state.pane == .history, state.history.compoundForm != nil {
    return [
      (key: "enter", help: "apply"), (key: "tab", help: "field"), (key: "^T", help: "NOT"),
      (key: "^N", help: "add"),
      (key: "^X", help: "remove"), (key: "esc", help: "cancel"),
    ]
  }
  guard state.pane == .trails, state.trails.form != nil || state.trails.selectors != nil else {
    return Keymap.footer(for: state.scope)
  }
  return [(key: "enter", help: "save"), (key: "tab", help: "next field"), (key: "esc", help: "cancel")]
}

/// `1234567` → `1,234,567`.
func groupThousands(_ n: Int) -> String {
  let digits = Array(String(abs(n)))
  var out = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
    out.append(digit)
  }
  return (n < 0 ? "-" : "") + out
}
