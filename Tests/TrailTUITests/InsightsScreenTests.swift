import Foundation
import Testing
import TrailCore

@testable import TrailTUI

private let sizes: [String: Size] = [
  "80x24": Size(width: 80, height: 24), "120x40": Size(width: 120, height: 40),
  "40x10": Size(width: 40, height: 10),
]

private func screen(_ state: AppState) -> CellGrid {
  var grid = CellGrid(width: state.size.width, height: state.size.height)
  render(state, into: &grid)
  return grid
}

/// The Insights pane, the Dashboard's recent Insights and the pivot's history as text.
@Suite struct InsightsScreenTests {
  @Test(arguments: ["80x24", "120x40", "40x10"])
  func insightsPaneOnAnOpenErrorRatePeriod(_ name: String) {
    assertSnapshot(screen(Fixture.insightsState(size: sizes[name]!)), named: "insights-\(name)")
  }

  @Test func aCallRatePeriodShowsItsAttributionsBesideTheBaselines() {
    var state = Fixture.insightsState(size: sizes["120x40"]!)
    Fixture.answerTimeline(&state, update(&state, .key(.character("j"))))
    assertSnapshot(screen(state), named: "insights-burst-120x40")
  }

  @Test func theSelectedPeriodIsMarkedAndTheOthersOfItsAPIHighlighted() throws {
    var state = Fixture.insightsState(size: sizes["120x40"]!)
    _ = update(&state, .key(.character("j")))
    // A week shows both RunInstances periods; the newest is the selected one.
    Fixture.answerTimeline(&state, update(&state, .key(.character("-"))))
    Fixture.answerTimeline(&state, update(&state, .key(.character("-"))))
    let grid = screen(state)
    let parts = ScreenLayout(state.size).insightsParts
    let timeline = try #require(state.insights.timeline)
    #expect(timeline.request.zoom == .week)
    // The marker row sits under the chart: two rows above the legend at the area's foot.
    let markerRow = parts.timeline.y + parts.timeline.height - 3
    let map = roles(of: grid, legend: [.selection: "s", .insight: "i", .border: "-"])[markerRow]
    let chart = map.dropFirst(TimelineChart.labelWidth)
    #expect(chart.contains("s") && chart.contains("i"))
    #expect(chart.filter { $0 != "-" && $0 != "s" && $0 != "i" }.isEmpty, "\(map)")
    // The selected (newer) period is to the right of the older one.
    let older = try #require(chart.firstIndex(of: "i"))
    #expect(older < (chart.firstIndex(of: "s") ?? chart.startIndex))
  }

  @Test func theDashboardListsTheNewestInsightsPeriods() {
    var state = Fixture.dashboardState(size: sizes["120x40"]!)
    if let id = state.insights.pending {
      _ = update(&state, .insightsLoaded(requestID: id, Fixture.insightActivities))
    }
    assertSnapshot(screen(state), named: "dashboard-insights-120x40")
  }

  @Test func helpExplainsTheTimelineAndTheModel() {
    var state = Fixture.insightsState(size: Size(width: 80, height: 50))
    _ = update(&state, .key(.character("?")))
    let grid = screen(state)
    assertSnapshot(grid, named: "help-insights-80x50")
    #expect(grid.lines.contains { $0.contains("Baseline: the 7 days before each minute") })
  }

  @Test func theRelatedEventsShowThePeriodsRangeInTheFilterBar() {
    var state = Fixture.insightsState(size: sizes["120x40"]!)
    _ = update(&state, .key(.character("j")))
    let effects = update(&state, .key(.character("e")))
    if case .runCompoundFilter(let id, _, _) = effects.first {
      _ = update(
        &state,
        .historyLoaded(
          requestID: id,
          events: [
            Fixture.event(12, name: "RunInstances", readOnly: false, secondsAgo: 6900),
            Fixture.event(11, name: "RunInstances", readOnly: false, secondsAgo: 6950),
          ]))
    }
    let grid = screen(state)
    assertSnapshot(grid, named: "history-insight-events-120x40")
    #expect(
      grid.lines[1].hasPrefix(
        "Filter Lake 2024-01-02 07:59:00 – 2024-01-02 08:11:00 │ eventName = RunInstances"))
  }

  @Test(arguments: [Size(width: 40, height: 10), Size(width: 12, height: 3), Size(width: 1, height: 1)])
  func insightsScreensFitTinyTerminals(_ size: Size) {
    var state = Fixture.insightsState(size: size)
    #expect(screen(state).width == size.width)
    _ = update(&state, .key(.character("j")))
    _ = screen(state)
    var empty = Fixture.historyState(size: size)
    if case .loadInsights(let id, _) = update(&empty, .key(.character("5"))).first {
      _ = update(&empty, .insightsLoaded(requestID: id, []))
    }
    _ = screen(empty)
  }

  @Test func anEmptyListSaysHowInsightsAreFound() {
    var state = Fixture.historyState()
    guard case .loadInsights(let id, _) = update(&state, .key(.character("5"))).first else {
      Issue.record("no load")
      return
    }
    _ = update(&state, .insightsLoaded(requestID: id, []))
    let lines = screen(state).lines
    // Under the table's header.
    #expect(lines[2].contains("No Insights events in the last 90 days of the clock."))
    #expect(lines[3].contains("traildeck insights scan finds unusual API call and error rates"))
  }
}
