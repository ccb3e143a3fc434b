import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// The Insights pane (and the Dashboard's recent Insights) as pure state → effects: loads and
/// refreshes, the selection of an API and a period, zoom and scroll of the timeline, the pivot to
/// Event history and the download.
@Suite struct InsightsUpdateTests {
  /// The timeline request among `effects`.
  static func timelineRequest(_ effects: [Effect]) -> InsightsTimelineRequest? {
    effects.compactMap { effect -> InsightsTimelineRequest? in
      if case .loadInsightTimeline(_, let request) = effect { return request }
      return nil
    }.first
  }

  @Test func showingThePaneLoadsTheListThenTheNewestAPIsTimeline() throws {
    var state = Fixture.historyState()
    let shown = update(&state, .key(.character("5")))
    #expect(state.pane == .insights)
    guard case .loadInsights(let id, nil) = shown.first, shown.count == 1 else {
      Issue.record("expected one list load, got \(shown)")
      return
    }
    let effects = update(&state, .insightsLoaded(requestID: id, Fixture.insightActivities))
    let request = try #require(Self.timelineRequest(effects))
    // The open storm (5 minutes so far) is framed at the hour zoom, its window held at the clock's now.
    #expect(request.subject == Fixture.assumeRole)
    #expect(request.zoom == .hour)
    #expect(request.end == Fixture.now)
    #expect(request.columns == ScreenLayout(state.size).insightsChartColumns)
    #expect(request.highlights == [Fixture.storm.start..<Fixture.now])
    #expect(state.insights.selectedPeriod == Fixture.storm)
  }

  @Test func theListRefreshesEveryTenSecondsOnlyWhileShown() {
    var state = Fixture.insightsState()
    #expect(update(&state, .tick(Fixture.now.addingTimeInterval(5))) == [])
    let due = update(&state, .tick(Fixture.now.addingTimeInterval(10)))
    guard case .loadInsights = due.first else {
      Issue.record("expected a refresh, got \(due)")
      return
    }
    // A second refresh does not pile up behind the one on its way.
    #expect(update(&state, .tick(Fixture.now.addingTimeInterval(30))) == [])
    var history = Fixture.historyState()
    history.insights = state.insights
    history.insights.pending = nil
    #expect(
      !update(&history, .tick(Fixture.now.addingTimeInterval(60))).contains { effect in
        if case .loadInsights = effect { return true }
        return false
      })
  }

  @Test func aReloadKeepsTheSelectedAPIAndPeriod() throws {
    var state = Fixture.insightsState()
    _ = update(&state, .key(.character("j")))
    Fixture.answerTimeline(&state, update(&state, .key(.character("["))))
    #expect(state.insights.selectedPeriod == Fixture.olderBurst)
    let effects = update(&state, .key(.character("r")))
    guard case .loadInsights(let id, _) = effects.first else {
      Issue.record("r should reload: \(effects)")
      return
    }
    // A new API has appeared on top: the selection follows RunInstances to its new row.
    let newer = InsightActivity(
      subject: InsightSubject(
        type: .apiCallRateInsight, accountId: "123456789012", region: "us-east-1",
        eventSource: "iam.amazonaws.com", eventName: "CreateUser"),
      periods: [])
    let reloaded = update(&state, .insightsLoaded(requestID: id, [newer] + Fixture.insightActivities))
    #expect(state.insights.scroll.selected == 2)
    #expect(state.insights.selectedPeriod == Fixture.olderBurst)
    // Its timeline is read again too, though framed the same: the rollups grow while the clock runs.
    #expect(Self.timelineRequest(reloaded) == state.insights.timeline?.request)
  }

  @Test func movingToAnotherAPIFramesItsNewestPeriod() throws {
    var state = Fixture.insightsState()
    let request = try #require(Self.timelineRequest(update(&state, .key(.character("j")))))
    #expect(request.subject == Fixture.runInstances)
    #expect(request.zoom == .hour)
    // The burst's middle (08:05) in the middle of the hour.
    #expect(request.end == Fixture.burst.start.addingTimeInterval(300 + 1800))
    #expect(request.highlights.count == 2)
    #expect(state.insights.periodIndex == 0)
  }

  @Test func bracketsStepThroughTheAPIsPeriodsAndStopAtItsEnds() throws {
    var state = Fixture.insightsState()
    _ = update(&state, .key(.character("j")))
    let older = try #require(Self.timelineRequest(update(&state, .key(.character("[")))))
    #expect(state.insights.selectedPeriod == Fixture.olderBurst)
    #expect(older.end == Fixture.olderBurst.start.addingTimeInterval(150 + 1800))
    #expect(update(&state, .key(.character("["))) == [])
    #expect(state.message?.text == "This is the earliest Insights period of this API in the last 90 days")
    _ = update(&state, .key(.character("]")))
    #expect(state.insights.selectedPeriod == Fixture.burst)
  }

  @Test func zoomKeepsThePeriodInTheMiddleAndScrollingMovesHalfAWindow() throws {
    var state = Fixture.insightsState()
    Fixture.answerTimeline(&state, update(&state, .key(.character("j"))))
    let day = try #require(Self.timelineRequest(update(&state, .key(.character("-")))))
    // A day around 08:05 would end at 20:05, past the clock's now: it ends at now.
    #expect(day.zoom == .day && day.end == Fixture.now)
    let hour = try #require(Self.timelineRequest(update(&state, .key(.character("+")))))
    #expect(hour.zoom == .hour && hour.end == Fixture.burst.start.addingTimeInterval(2100))
    let earlier = try #require(Self.timelineRequest(update(&state, .key(.character("h")))))
    #expect(earlier.end == hour.end.addingTimeInterval(-1800))
    _ = update(&state, .key(.right))
    let later = try #require(Self.timelineRequest(update(&state, .key(.character("l")))))
    #expect(later.end == hour.end.addingTimeInterval(1800))
    for _ in 0..<10 { _ = update(&state, .key(.character("l"))) }
    #expect(state.insights.windowEnd == Fixture.now)
    _ = update(&state, .key(.character("+")))
    #expect(state.message?.text == "The timeline is at its closest zoom (hour)")
    let fitted = try #require(Self.timelineRequest(update(&state, .key(.character("c")))))
    #expect(fitted.end == hour.end)
  }

  @Test func onlyTheNewestTimelineRequestIsAnswered() throws {
    var state = Fixture.insightsState()
    let first = update(&state, .key(.character("j")))
    let second = update(&state, .key(.character("-")))
    guard case .loadInsightTimeline(let old, let oldRequest) = first.first,
      case .loadInsightTimeline(let new, let newRequest) = second.first
    else {
      Issue.record("expected two timeline loads: \(first) \(second)")
      return
    }
    _ = update(&state, .insightTimelineLoaded(requestID: old, Fixture.timeline(for: oldRequest)))
    #expect(state.insights.timeline?.request.subject == Fixture.assumeRole)
    _ = update(&state, .insightTimelineLoaded(requestID: new, Fixture.timeline(for: newRequest)))
    #expect(state.insights.timeline?.request == newRequest)
    #expect(state.insights.pendingTimeline == nil)
  }

  @Test func aResizeAsksForBucketsThatFitTheNewWidth() throws {
    var state = Fixture.insightsState()
    let request = try #require(Self.timelineRequest(update(&state, .resize(Size(width: 120, height: 40)))))
    #expect(request.columns == 120 - TimelineChart.labelWidth)
  }

  @Test func eOpensEventHistoryOnThePeriodsWriteCallsByItsTopUser() throws {
    var state = Fixture.insightsState()
    _ = update(&state, .key(.character("j")))
    let effects = update(&state, .key(.character("e")))
    #expect(state.pane == .history)
    let range = Fixture.burst.start.addingTimeInterval(-60)...Fixture.burst.end!.addingTimeInterval(60)
    #expect(
      state.history.compound
        == CompoundFilter(
          [
            CompoundCondition(.eventName, "RunInstances"),
            CompoundCondition(.eventSource, "ec2.amazonaws.com"),
            CompoundCondition(.awsRegion, "us-east-1"), CompoundCondition(.readOnly, "false"),
            CompoundCondition(.userArn, "arn:aws:iam::123456789012:user/alice"),
          ], timeRange: range))
    guard case .runCompoundFilter(let id, let sql, let parameters) = effects.first else {
      Issue.record("expected the compound filter to run: \(effects)")
      return
    }
    #expect(sql.contains("eventTime >= '2024-01-02 07:59:00'\n  AND eventTime <= '2024-01-02 08:11:00'"))
    #expect(
      parameters == [
        "RunInstances", "ec2.amazonaws.com", "us-east-1", "arn:aws:iam::123456789012:user/alice",
      ])
    #expect(
      state.message?.text
        == "RunInstances 07:59:00–08:11:00 by arn:aws:iam::123456789012:user/alice · F edits")
    _ = update(&state, .historyLoaded(requestID: id, events: [Fixture.event(3, name: "RunInstances")]))
    #expect(state.history.rows.map(\.rowID) == [3])
    // The F form keeps the period's range while its conditions are edited.
    _ = update(&state, .key(.character("F")))
    #expect(state.history.compoundForm?.timeRange == range)
  }

  @Test func anOpenErrorRatePeriodsEventsAreItsFailuresUpToNow() {
    var state = Fixture.insightsState()
    _ = update(&state, .key(.enter))
    #expect(
      state.history.compound?.conditions.map(\.label) == [
        "eventName = AssumeRole", "eventSource = sts.amazonaws.com", "awsRegion = eu-west-1",
        "errorCode = AccessDenied",
        "userIdentity.arn = arn:aws:sts::210987654321:assumed-role/worker/payments",
      ])
    #expect(
      state.history.compound?.timeRange
        == Fixture.storm.start.addingTimeInterval(-60)...Fixture.now.addingTimeInterval(60))
  }

  @Test func dDownloadsTheInsightsEventsNotTheHistorysFilter() {
    var state = Fixture.insightsState()
    _ = update(&state, .key(.character("d")))
    #expect(
      state.overlay
        == .downloadPrompt(
          format: .csv, path: InputLine("traildeck-insights-20240102T100000Z.csv"), error: nil))
    _ = update(&state, .key(.tab))
    #expect(
      update(&state, .key(.enter)) == [
        .download(
          filter: HistoryFilter(isInsight: true), format: .json,
          path: "traildeck-insights-20240102T100000Z.json")
      ])
  }

  @Test func theDashboardListsTheNewestPeriodsAndEnterOpensOneInThePane() throws {
    var state = Fixture.dashboardState(size: Size(width: 120, height: 40))
    let id = try #require(state.insights.pending)
    _ = update(&state, .insightsLoaded(requestID: id, Fixture.insightActivities))
    #expect(state.dashboard.recentInsights == [Fixture.storm, Fixture.burst, Fixture.olderBurst])
    // r refreshes them with the dashboard's numbers.
    let refreshed = update(&state, .key(.character("r")))
    #expect(refreshed.first == .loadDashboard(region: nil))
    guard case .loadInsights(let again, nil) = refreshed.last else {
      Issue.record("r should reload the Insights: \(refreshed)")
      return
    }
    _ = update(&state, .insightsLoaded(requestID: again, Fixture.insightActivities))
    _ = update(&state, .key(.tab))
    _ = update(&state, .key(.tab))
    #expect(state.dashboard.focus == .insights)
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.down))
    let effects = update(&state, .key(.enter))
    #expect(state.pane == .insights)
    #expect(state.insights.selectedPeriod == Fixture.olderBurst)
    #expect(Self.timelineRequest(effects)?.subject == Fixture.runInstances)
  }

  @Test func aFailedLoadIsShownInThePaneAndTheStatusLine() {
    var state = Fixture.historyState()
    guard case .loadInsights(let id, _) = update(&state, .key(.character("5"))).first else {
      Issue.record("no load")
      return
    }
    let diagnostic = Diagnostic(code: "InternalError", summary: "query failed", reason: "disk I/O error")
    _ = update(&state, .failed(.insights(requestID: id), diagnostic))
    #expect(state.insights.error == diagnostic)
    #expect(state.insights.pending == nil)
    #expect(state.message?.role == .error)
  }

  @Test func anotherRegionReloadsTheListForIt() {
    var state = Fixture.insightsState()
    _ = update(&state, .tick(Fixture.now.addingTimeInterval(1)))
    let effects = runCommand(&state, "region eu-west-1")
    #expect(
      effects.contains { effect in
        if case .loadInsights(_, "eu-west-1") = effect { return true }
        return false
      })
  }

  @Test func aClickOnARowSelectsItsAPI() throws {
    var state = Fixture.insightsState()
    // The table's header is the content's first row (y 1); RunInstances is its second row.
    let effects = update(&state, .mouse(MouseEvent(kind: .press, x: 20, y: 3)))
    #expect(state.insights.selectedActivity?.subject == Fixture.runInstances)
    #expect(Self.timelineRequest(effects)?.subject == Fixture.runInstances)
  }
}
