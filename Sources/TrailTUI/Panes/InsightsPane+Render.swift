import Foundation
import TrailCore

func renderInsights(_ state: AppState, layout: ScreenLayout, into grid: inout CellGrid) {
  let parts = layout.insightsParts
  let s = state.insights
  guard let activities = s.activities else {
    let text = s.error.map(\.lineReference) ?? Spinner.frame(state.tickCount) + " Loading Insights events…"
    grid.write(
      text, x: parts.table.x + 1, y: parts.table.y + 1, width: parts.table.width - 1,
      role: s.error == nil ? .muted : .error)
    return
  }
  renderInsightsTable(activities, state: state, in: parts.table, into: &grid)
  guard !activities.isEmpty else {
    let lines = [
      "No Insights events in the last 90 days of the clock\(state.region.map { " in \($0)" } ?? "").",
      "traildeck insights scan finds unusual API call and error rates in stored events; ? explains how.",
    ]
    for (index, line) in lines.enumerated() where parts.table.height > index + 1 {
      grid.write(
        line, x: parts.table.x + 1, y: parts.table.y + 1 + index, width: parts.table.width - 1, role: .muted)
    }
    return
  }
  renderTimelineArea(state, in: parts.timeline, into: &grid)
  renderPeriodDetails(state, in: parts.details, into: &grid)
}

/// One row per API: its newest period's start, type, API, error code, account, region and (when there
/// is room) the rate change; `●` marks an API with an open period.
private func renderInsightsTable(
  _ activities: [InsightActivity], state: AppState, in area: Rect, into grid: inout CellGrid
) {
  let isWide = area.width >= 100
  var columns = [
    TableColumn("", width: 1), TableColumn(isWide ? "Latest start" : "Start", width: isWide ? 16 : 11),
    TableColumn("Type", width: 10), TableColumn("API", width: 20, isFlexible: true),
    TableColumn("Error code", width: 10, isFlexible: true), TableColumn("Account", width: 12),
    TableColumn("Region", width: 9),
  ]
  if isWide { columns.append(TableColumn("Change", width: 11, alignRight: true)) }
  let rows = activities.map { activity in
    let subject = activity.subject
    let newest = activity.periods.first
    let start = newest.map { TimeFormat.dateTime($0.start) } ?? ""
    var cells = [
      activity.isOpen ? "●" : " ", isWide ? String(start.prefix(16)) : String(start.dropFirst(5).prefix(11)),
      InsightText.type(subject.type), InsightText.api(subject), subject.errorCode ?? "-", subject.accountId,
      subject.region,
    ]
    if isWide { cells.append(InsightText.change(newest?.rateChange)) }
    return TableRow(cells: cells, cellRoles: [0: .insight, 4: subject.errorCode == nil ? .muted : .error])
  }
  Table(columns: columns, rows: rows, scroll: state.insights.scroll).render(in: area, into: &grid)
}

/// The title (what is drawn, at which zoom), the chart and its legend.
private func renderTimelineArea(_ state: AppState, in area: Rect, into grid: inout CellGrid) {
  guard area.height > 0, let activity = state.insights.selectedActivity else { return }
  let s = state.insights
  let subject = activity.subject
  let what =
    subject.type == .apiErrorRateInsight
    ? "error rate: share of \(subject.eventName) calls failing with \(subject.errorCode ?? "?")"
    : "call rate: write calls a minute of \(subject.eventName)"
  // The zoom first: the API's description is long and is cut at the right on narrow screens.
  var title = " \(what) · \(subject.accountId) \(subject.region)"
  if let timeline = s.timeline, timeline.request.subject == subject {
    let bar = InsightText.duration(minutes: timeline.bucketMinutes)
    title = " \(timeline.request.zoom.label) · \(bar) a bar ·" + title
  }
  grid.fill(area.row(0), role: .header)
  let hint = " +/- zoom · h/l scroll "
  let hintWidth = displayWidth(of: hint)
  let titleWidth = area.width > hintWidth + 20 ? area.width - hintWidth : area.width
  grid.write(title, x: area.x, y: area.y, width: titleWidth, role: .header)
  if titleWidth < area.width { grid.write(hint, x: area.x + titleWidth, y: area.y, role: .header) }
  let hasLegend = area.height >= 8
  let chart = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1 - (hasLegend ? 1 : 0))
  guard let timeline = s.timeline, timeline.request.subject == subject else {
    let text =
      s.timelineError.map(\.lineReference) ?? Spinner.frame(state.tickCount) + " Loading the timeline…"
    grid.write(
      text, x: chart.x + 1, y: chart.y + chart.height / 2, width: chart.width - 1,
      role: s.timelineError == nil ? .muted : .error)
    return
  }
  TimelineChart(timeline: timeline, selected: s.periodIndex).render(in: chart, into: &grid)
  if s.pendingTimeline != nil {
    grid.write(Spinner.frame(state.tickCount), x: area.x + area.width - 2, y: area.y, width: 1, role: .header)
  }
  if hasLegend {
    let unit = timeline.isErrorRate ? "failure share" : "calls a minute"
    let legend: [Span] = [
      Span(" █", .chart), Span(" \(unit) (bucket average)  ", .muted), Span("│", .chart),
      Span(" busiest minute  ", .muted), Span("░", .muted),
      Span(" baseline band: expected → unusual  ", .muted),
      Span("━", .insight), Span(" Insights period", .muted),
    ]
    grid.write(spans: legend, x: area.x, y: area.y + area.height - 1, width: area.width)
  }
}

/// The selected period: when and how long, then its statistics and attributions with the insight
/// values beside the baseline's.
private func renderPeriodDetails(_ state: AppState, in area: Rect, into grid: inout CellGrid) {
  guard area.height > 0, let activity = state.insights.selectedActivity,
    let period = state.insights.selectedPeriod
  else { return }
  let isErrorRate = period.subject.type == .apiErrorRateInsight
  let now = state.now ?? period.start
  let end = period.end(orNow: now)
  let minutes = period.durationMinutes ?? Int64((end.timeIntervalSince(period.start) / 60).rounded(.up))
  var header =
    " Period \(state.insights.periodIndex + 1) of \(activity.periods.count) (newest first) · "
    + "\(TimeFormat.dateTime(period.start)) – \(period.end.map(TimeFormat.clock) ?? "now") UTC · "
    + InsightText.duration(minutes: minutes)
  header += period.isOpen ? " · open, no End event yet" : ""
  grid.fill(area.row(0), role: .header)
  grid.write(header, x: area.x, y: area.y, width: area.width, role: .header)
  let hint = " [ ] period · e events "
  if area.width > displayWidth(of: header) + displayWidth(of: hint) {
    grid.write(hint, x: area.x + area.width - displayWidth(of: hint), y: area.y, role: .header)
  }
  let labelWidth = 18
  let columnWidth = max(0, (area.width - labelWidth - 2) / 2)
  let insightX = area.x + labelWidth + 1
  let baselineX = insightX + columnWidth + 1
  var y = area.y + 1
  let bottom = area.y + area.height
  func line(_ label: String, _ insight: String, _ baseline: String, role: Role = .normal) {
    guard y < bottom else { return }
    grid.write(" " + label, x: area.x, y: y, width: labelWidth, role: .title)
    grid.write(insight, x: insightX, y: y, width: columnWidth, role: role == .normal ? .insight : role)
    grid.write(baseline, x: baselineX, y: y, width: columnWidth, role: role)
    y += 1
  }
  line("", "Insight", "Baseline", role: .muted)
  let change = InsightText.change(period.rateChange)
  line(
    isErrorRate ? "Failure share" : "Calls a minute",
    InsightText.value(period.insightAverage, isErrorRate: isErrorRate) + "  (\(change))",
    InsightText.value(period.baselineAverage, isErrorRate: isErrorRate))
  line(
    "Duration",
    InsightText.duration(minutes: minutes)
      + (period.startAverage.map { ", first minute " + InsightText.value($0, isErrorRate: isErrorRate) } ?? ""),
    InsightText.duration(minutes: period.baselineMinutes) + " before the start")
  let attributions = period.attributions
  guard !attributions.isEmpty else {
    line("Attributions", "none recorded", "")
    return
  }
  // Each attribution gets an equal share of the rows left, at most its 5 values.
  let share = max(1, (bottom - y) / attributions.count)
  for attribution in attributions {
    let count = min(share, max(attribution.insight.count, attribution.baseline.count, 1), 5)
    for index in 0..<count {
      line(
        index == 0 ? attributionTitle(attribution.attribute) : "",
        valueText(attribution.insight, index, isErrorRate: isErrorRate, width: columnWidth),
        valueText(attribution.baseline, index, isErrorRate: isErrorRate, width: columnWidth))
    }
  }
}

/// The console's names of the attributes.
private func attributionTitle(_ attribute: String) -> String {
  switch attribute {
  case "userIdentityArn": "User identity ARN"
  case "userAgent": "User agent"
  case "errorCode": "Error code"
  default: attribute
  }
}

/// One value of an attribution list with its average at the column's right, or nothing.
private func valueText(
  _ list: [(value: String, average: Double)], _ index: Int, isErrorRate: Bool, width: Int
) -> String {
  guard list.indices.contains(index) else { return "" }
  let average = InsightText.value(list[index].average, isErrorRate: isErrorRate)
  let room = max(0, width - displayWidth(of: average) - 1)
  return pad(list[index].value, toWidth: room) + " " + average
}

/// The `?` overlay's explanation of the pane: how to read the timeline, then the detection model.
func insightsHelpLines() -> [StyledLine] {
  var lines = [StyledLine(spans: [Span("Reading the timeline", .title)])]
  let timeline = [
    "█ the bucket's average a minute, │ up to its busiest minute;",
    "░ the baseline band, from what the model expects at that",
    "time of day to the least value it calls unusual; ━ periods.",
    "Values come from the per-minute rollups, never the events.",
  ]
  lines += timeline.map { StyledLine(spans: [Span("  " + $0, .normal)]) }
  lines.append(StyledLine(spans: [Span("The detection model", .title)]))
  lines += InsightModel().summaryLines.map { StyledLine(spans: [Span("  " + $0, .normal)]) }
  return lines
}
