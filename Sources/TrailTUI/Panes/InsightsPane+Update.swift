import Foundation
import TrailCore

/// Asks for the Insights list unless a load is already on its way.
func requestInsights(_ state: inout AppState) -> [Effect] {
  guard state.insights.pending == nil else { return [] }
  let id = state.takeRequestID()
  state.insights.pending = id
  state.insights.lastRequest = state.now
  return [.loadInsights(requestID: id, region: state.region)]
}

/// The list's refresh while the Insights pane or the Dashboard (its recent Insights) shows.
func insightsTick(_ state: inout AppState, _ date: Date) -> [Effect] {
  guard state.pane == .insights || state.pane == .dashboard else { return [] }
  let isDue = state.insights.lastRequest.map { date.timeIntervalSince($0) >= InsightsState.refreshInterval }
  guard isDue ?? true else { return [] }
  return requestInsights(&state)
}

/// Showing the pane: the list (when it is not fresh) and the selected API's timeline.
func insightsShown(_ state: inout AppState) -> [Effect] {
  var effects: [Effect] = []
  if state.insights.activities == nil || state.insights.lastRequest == nil {
    effects += requestInsights(&state)
  }
  return effects + requestTimeline(&state)
}

/// A loaded list: the selection stays on its API (and period) when they are still listed.
func insightsLoaded(_ state: inout AppState, requestID: Int, _ activities: [InsightActivity]) -> [Effect] {
  guard state.insights.pending == requestID else { return [] }
  var s = state.insights
  let previousSubject = s.selectedActivity?.subject
  let previousPeriod = s.selectedPeriod?.sharedEventID
  s.pending = nil
  s.error = nil
  s.activities = activities
  let visible = ScreenLayout(state.size).insightsVisibleRows
  if let target = s.selectOnLoad, let position = s.position(of: target) {
    s.selectOnLoad = nil
    s.scroll.select(position.row, count: activities.count, visible: visible)
    s.periodIndex = position.period
    s.windowEnd = nil
  } else if let previousSubject, let row = activities.firstIndex(where: { $0.subject == previousSubject }) {
    s.scroll.select(row, count: activities.count, visible: visible)
    s.periodIndex =
      previousPeriod.flatMap { id in activities[row].periods.firstIndex { $0.sharedEventID == id } } ?? 0
  } else {
    s.scroll.select(s.scroll.selected, count: activities.count, visible: visible)
    s.periodIndex = 0
    s.windowEnd = nil
  }
  state.insights = s
  state.dashboard.recentInsights = Array(s.recentPeriods.prefix(InsightsState.dashboardCount))
  // The timeline is read again with the list: rollups grow while the clock runs.
  return state.pane == .insights ? requestTimeline(&state, evenIfShown: true) : []
}

/// Shows the Insights pane on one period (the Dashboard's Enter): selected now when listed, else
/// once the list loads.
func openInsight(_ state: inout AppState, _ sharedEventID: String) -> [Effect] {
  if let position = state.insights.position(of: sharedEventID) {
    let count = state.insights.activities?.count ?? 0
    state.insights.scroll.select(
      position.row, count: count, visible: ScreenLayout(state.size).insightsVisibleRows)
    state.insights.periodIndex = position.period
    state.insights.windowEnd = nil
  } else {
    state.insights.selectOnLoad = sharedEventID
  }
  return showPane(&state, .insights)
}

func insightTimelineLoaded(_ state: inout AppState, requestID: Int, _ timeline: InsightsTimeline) -> [Effect]
{
  guard state.insights.pendingTimeline == requestID else { return [] }
  state.insights.pendingTimeline = nil
  state.insights.timeline = timeline
  state.insights.timelineError = nil
  return []
}

/// A failed list or timeline: shown in the pane until a load works.
func insightsFailure(_ state: inout AppState, _ source: FailureSource, _ diagnostic: Diagnostic) -> Bool {
  switch source {
  case .insights(let requestID):
    guard state.insights.pending == requestID else { return false }
    state.insights.pending = nil
    state.insights.error = diagnostic
  case .insightTimeline(let requestID):
    guard state.insights.pendingTimeline == requestID else { return false }
    state.insights.pendingTimeline = nil
    state.insights.timelineError = diagnostic
  default: return false
  }
  return true
}

/// Asks for the selected API's timeline as the pane now frames it, unless that is what it shows or is
/// loading (`evenIfShown`: read it again anyway); a newer request supersedes the one in flight.
func requestTimeline(_ state: inout AppState, evenIfShown: Bool = false) -> [Effect] {
  guard let activity = state.insights.selectedActivity else {
    state.insights.timeline = nil
    state.insights.pendingTimeline = nil
    return []
  }
  if state.insights.windowEnd == nil { fitSelectedPeriod(&state) }
  let now = state.now ?? activity.latestStart
  let request = InsightsTimelineRequest(
    subject: activity.subject, zoom: state.insights.zoom, end: state.insights.windowEnd ?? now,
    columns: ScreenLayout(state.size).insightsChartColumns,
    highlights: activity.periods.map { $0.start..<$0.end(orNow: now) })
  if !evenIfShown, state.insights.pendingTimeline == nil, state.insights.timeline?.request == request {
    return []
  }
  let id = state.takeRequestID()
  state.insights.pendingTimeline = id
  return [.loadInsightTimeline(requestID: id, request)]
}

/// Frames the selected period: the closest zoom that holds it three times over, centred on it (a
/// period ending near the clock's now sits at the right edge instead: the future has no data).
func fitSelectedPeriod(_ state: inout AppState) {
  guard let period = state.insights.selectedPeriod else { return }
  let end = period.end(orNow: state.now ?? period.start)
  let minutes = Int64((end.timeIntervalSince(period.start) / 60).rounded(.up))
  state.insights.zoom = InsightsZoom.fitting(durationMinutes: minutes)
  let middle = period.start.addingTimeInterval(end.timeIntervalSince(period.start) / 2)
  state.insights.windowEnd = clampedWindowEnd(
    middle.addingTimeInterval(Double(state.insights.zoom.minutes) * 30), state)
}

/// What a zoom keeps in the middle: the selected period while it is in the window (zooming out and
/// back in returns to it, though the window was held at the clock's now), else the window's middle.
private func zoomAnchor(_ state: AppState, zoom: InsightsZoom) -> Date {
  let end = state.insights.windowEnd ?? state.now ?? Date(timeIntervalSince1970: 0)
  let start = end.addingTimeInterval(-Double(zoom.minutes) * 60)
  if let period = state.insights.selectedPeriod {
    let periodEnd = period.end(orNow: state.now ?? period.start)
    let middle = period.start.addingTimeInterval(periodEnd.timeIntervalSince(period.start) / 2)
    if middle >= start && middle <= end { return middle }
  }
  return end.addingTimeInterval(-Double(zoom.minutes) * 30)
}

/// Keeps the window inside Insights' reach: not past the clock's now, not before its 90 days.
private func clampedWindowEnd(_ end: Date, _ state: AppState) -> Date {
  guard let now = state.now else { return end }
  let earliest = now.addingTimeInterval(
    -Double(EventPages.windowDays) * 86_400 + Double(state.insights.zoom.minutes) * 60)
  return min(now, max(earliest, end))
}

/// Selects the API of row `index` (keys, clicks): its newest period, framed in the timeline.
func selectInsightsRow(_ state: inout AppState, _ index: Int) -> [Effect] {
  let count = state.insights.activities?.count ?? 0
  guard index >= 0, index < count, index != state.insights.scroll.selected else { return [] }
  state.insights.scroll.select(index, count: count, visible: ScreenLayout(state.size).insightsVisibleRows)
  state.insights.periodIndex = 0
  state.insights.windowEnd = nil
  return requestTimeline(&state)
}

func performInsights(_ state: inout AppState, _ action: Action) -> [Effect] {
  let count = state.insights.activities?.count ?? 0
  let visible = ScreenLayout(state.size).insightsVisibleRows
  switch action {
  case .moveDown, .moveUp, .pageDown, .pageUp, .home, .end:
    let current = state.insights.scroll.selected
    let target =
      switch action {
      case .moveDown: current + 1
      case .moveUp: current - 1
      case .pageDown: current + visible
      case .pageUp: current - visible
      case .home: 0
      default: count - 1
      }
    return selectInsightsRow(&state, max(0, min(count - 1, target)))
  case .earlierPeriod, .laterPeriod:
    guard let periods = state.insights.selectedActivity?.periods else { return [] }
    // Periods are newest first: an earlier one is further down the list.
    let target = state.insights.periodIndex + (action == .earlierPeriod ? 1 : -1)
    guard periods.indices.contains(target) else {
      let which = action == .earlierPeriod ? "earliest" : "latest"
      state.show("This is the \(which) Insights period of this API in the last 90 days", role: .warning)
      return []
    }
    state.insights.periodIndex = target
    state.insights.windowEnd = nil
    return requestTimeline(&state)
  case .zoomIn, .zoomOut:
    let zoom = state.insights.zoom
    guard let next = action == .zoomIn ? zoom.zoomedIn : zoom.zoomedOut else {
      state.show("The timeline is at its \(action == .zoomIn ? "closest" : "widest") zoom (\(zoom.label))")
      return []
    }
    state.insights.zoom = next
    state.insights.windowEnd = clampedWindowEnd(
      zoomAnchor(state, zoom: zoom).addingTimeInterval(Double(next.minutes) * 30), state)
    return requestTimeline(&state)
  case .scrollLeft, .scrollRight:
    guard let end = state.insights.windowEnd else { return [] }
    let step = Double(state.insights.zoom.minutes) * 30 * (action == .scrollLeft ? -1 : 1)
    state.insights.windowEnd = clampedWindowEnd(end.addingTimeInterval(step), state)
    return requestTimeline(&state)
  case .fitPeriod:
    state.insights.windowEnd = nil
    return requestTimeline(&state)
  case .refresh: return requestInsights(&state)
  case .relatedEvents: return openRelatedEvents(&state)
  case .download:
    let stamp = state.now.map(TimeFormat.compact) ?? "now"
    return openDownloadPrompt(&state, fileName: "traildeck-insights-\(stamp).csv")
  default: return []
  }
}

/// The filter a download from the Insights pane writes: every stored Insights event of the last 90
/// days (in the UI's region), through Event history's insight category as the console downloads them.
func insightsDownloadFilter(_ state: AppState) -> HistoryFilter {
  HistoryFilter(region: state.region, isInsight: true)
}

/// The console's **CloudTrail events** tab as Event history: the subject API's calls from a minute
/// before the period to a minute after it (write calls for call rate, the failures for error rate),
/// by the period's top user when its attributions name one. A compound filter, since LookupEvents
/// takes one attribute; `F` then edits its conditions (drop the user to see every caller).
func openRelatedEvents(_ state: inout AppState) -> [Effect] {
  guard let period = state.insights.selectedPeriod else {
    state.show("No Insights period selected", role: .warning)
    return []
  }
  let subject = period.subject
  let range = period.relatedEventsWindow(now: state.now ?? period.end(orNow: period.start))
  var conditions = [
    CompoundCondition(.eventName, subject.eventName), CompoundCondition(.eventSource, subject.eventSource),
    CompoundCondition(.awsRegion, subject.region),
  ]
  if let code = subject.errorCode {
    conditions.append(CompoundCondition(.errorCode, code))
  } else {
    conditions.append(CompoundCondition(.readOnly, "false"))
  }
  if let user = period.topUserArn { conditions.append(CompoundCondition(.userArn, user)) }
  state.history.compound = CompoundFilter(conditions, timeRange: range)
  state.history.compoundForm = nil
  state.history.detail = nil
  state.history.compare = nil
  state.history.search = nil
  state.history.rows = []
  state.history.hasLoaded = false
  state.pane = .history
  let who = period.topUserArn.map { " by \($0)" } ?? ""
  state.show(
    "\(subject.eventName) \(TimeFormat.clock(range.lowerBound))–\(TimeFormat.clock(range.upperBound))\(who) · F edits",
    ticks: 8)
  return requestPage(&state, .newest)
}
