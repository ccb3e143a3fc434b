import TrailCore

/// Where each tile goes. Small screens show only the focused tile, full size, rather than nine unreadable ones.
/// The Insights tile is a full-width strip: its lines name an API, an account and a region.
func dashboardTileRects(_ content: Rect, focus: DashboardTile) -> [(DashboardTile, Rect)] {
  if content.width < 60 || content.height < 14 { return [(focus, content)] }
  let insightsHeight = content.height >= 30 ? 1 + InsightsState.dashboardCount : 4
  let rows = content.split(
    .vertical, [.length(max(3, content.height / 4)), .length(insightsHeight), .fill, .fill])
  let top = rows[0].split(.horizontal, [.percent(66), .length(1), .fill])
  let middle = rows[2].split(.horizontal, [.fill, .length(1), .fill, .length(1), .fill])
  let bottom = rows[3].split(.horizontal, [.fill, .length(1), .fill, .length(1), .fill])
  return [
    (.eventsPerMinute, top[0]), (.totals, top[2]), (.insights, rows[1]),
    (.eventNames, middle[0]), (.users, middle[2]), (.sourceIPs, middle[4]),
    (.regions, bottom[0]), (.signIns, bottom[2]), (.errors, bottom[4]),
  ]
}

func renderDashboard(_ state: AppState, in content: Rect, into grid: inout CellGrid) {
  let d = state.dashboard
  guard let snapshot = d.snapshot else {
    let text = d.error.map(\.lineReference) ?? Spinner.frame(state.tickCount) + " Loading dashboard…"
    grid.write(
      text, x: content.x + 1, y: content.y + 1, width: content.width - 1,
      role: d.error == nil ? .muted : .error)
    return
  }
  let tiles = dashboardTileRects(content, focus: d.focus)
  for (tile, rect) in tiles where !rect.isEmpty {
    let isFocused = tile == d.focus
    var title = " " + tile.title
    if tiles.count == 1 { title += "  (\(tile.rawValue + 1)/\(DashboardTile.allCases.count), tab: next)" }
    grid.fill(rect.row(0), role: isFocused ? .tabActive : .header)
    grid.write(title, x: rect.x, y: rect.y, width: rect.width, role: isFocused ? .tabActive : .header)
    let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
    if tile == .insights {
      renderRecentInsights(
        d.recentInsights, state: state, selected: isFocused ? d.selected(tile) : nil, in: body, into: &grid)
    } else {
      renderTile(
        tile, snapshot: snapshot, selected: isFocused ? d.selected(tile) : nil, in: body, into: &grid)
    }
  }
}

/// The newest Insights periods, as the console's Dashboard lists its newest Insights events: start,
/// type, API, error code, account, region, insight against baseline; `●` marks an open period.
private func renderRecentInsights(
  _ periods: [StoredInsightPeriod]?, state: AppState, selected: Int?, in area: Rect, into grid: inout CellGrid
) {
  guard !area.isEmpty else { return }
  guard let periods else {
    grid.write(
      Spinner.frame(state.tickCount) + " loading Insights…", x: area.x + 1, y: area.y, width: area.width - 1,
      role: .muted)
    return
  }
  if periods.isEmpty {
    grid.write(
      "no Insights events in the last 90 days (traildeck insights scan finds them)", x: area.x + 1, y: area.y,
      width: area.width - 1, role: .muted)
  }
  for (index, period) in periods.prefix(area.height).enumerated() {
    let subject = period.subject
    let isErrorRate = subject.type == .apiErrorRateInsight
    let text =
      "\(TimeFormat.dateTime(period.start).prefix(16)) \(pad(InsightText.type(subject.type), toWidth: 10)) "
      + "\(InsightText.api(subject))\(subject.errorCode.map { " " + $0 } ?? "") · \(subject.accountId) "
      + "\(subject.region) · \(InsightText.value(period.insightAverage, isErrorRate: isErrorRate)) against "
      + "\(InsightText.value(period.baselineAverage, isErrorRate: isErrorRate))"
    let role: Role = index == selected ? .selection : .normal
    grid.fill(area.row(index), role: role)
    grid.write(
      period.isOpen ? "●" : " ", x: area.x, y: area.y + index, width: 1,
      role: index == selected ? role : .insight)
    grid.write(text, x: area.x + 2, y: area.y + index, width: area.width - 2, role: role)
  }
}

private func renderTile(
  _ tile: DashboardTile, snapshot: DashboardSnapshot, selected: Int?, in area: Rect, into grid: inout CellGrid
) {
  guard !area.isEmpty else { return }
  func ranked(_ list: [RankedValue]) {
    if list.isEmpty {
      grid.write("none in the last hour", x: area.x + 1, y: area.y, width: area.width - 1, role: .muted)
    }
    BarChart(items: list.map { (label: $0.value, value: $0.count) }, selected: selected).render(
      in: area, into: &grid)
  }
  switch tile {
  case .insights: break  // drawn from the Insights list, not the snapshot
  case .eventsPerMinute:
    let peak = snapshot.eventsPerMinute.max() ?? 0
    let last = snapshot.eventsPerMinute.last ?? 0
    let summary = "\(groupThousands(snapshot.total)) events · peak \(peak)/min · now \(last)/min"
    if area.height > 1 { grid.write(summary, x: area.x + 1, y: area.y, width: area.width - 1, role: .muted) }
    Sparkline(values: snapshot.eventsPerMinute).render(in: area, into: &grid)
  case .totals:
    let percent = Int((snapshot.errorRate * 1000).rounded())
    BarChart(items: [
      (label: "Read", value: snapshot.readCount), (label: "Write", value: snapshot.writeCount),
      (label: "Errors", value: snapshot.errorCount),
    ]).render(in: Rect(x: area.x, y: area.y, width: area.width, height: min(3, area.height)), into: &grid)
    if area.height > 3 {
      grid.write(
        "error rate \(percent / 10).\(percent % 10)%", x: area.x, y: area.y + 3, width: area.width,
        role: snapshot.errorCount > 0 ? .error : .success)
    }
  case .eventNames: ranked(snapshot.topEventNames)
  case .users: ranked(snapshot.topUsers)
  case .sourceIPs: ranked(snapshot.topSourceIPs)
  case .regions: ranked(snapshot.eventsPerRegion)
  case .signIns:
    if snapshot.recentSignIns.isEmpty {
      grid.write("no sign-ins", x: area.x + 1, y: area.y, width: area.width - 1, role: .muted)
    }
    for (index, signIn) in snapshot.recentSignIns.prefix(area.height).enumerated() {
      let mark = signIn.isSuccess ? "✓" : "✗"
      let mfa = signIn.mfaUsed == true ? " MFA" : ""
      let text =
        "\(TimeFormat.clock(signIn.eventTime)) \(mark) \(signIn.username) \(signIn.sourceIPAddress)\(mfa)"
      let role: Role = index == selected ? .selection : (signIn.isSuccess ? .success : .error)
      grid.fill(area.row(index), role: role)
      grid.write(text, x: area.x, y: area.y + index, width: area.width, role: role)
    }
  case .errors:
    if snapshot.recentErrors.isEmpty {
      grid.write("no errors", x: area.x + 1, y: area.y, width: area.width - 1, role: .muted)
    }
    for (index, event) in snapshot.recentErrors.prefix(area.height).enumerated() {
      let text =
        "\(TimeFormat.clock(event.eventTime)) \(event.errorCode ?? "?") \(event.eventName) \(event.username ?? "-")"
      let role: Role = index == selected ? .selection : .error
      grid.fill(area.row(index), role: role)
      grid.write(text, x: area.x, y: area.y + index, width: area.width, role: role)
    }
  }
}
