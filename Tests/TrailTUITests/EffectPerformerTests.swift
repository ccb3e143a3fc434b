import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// The UI's one effect dispatcher: store reads become service calls and their answers inputs; a
/// failure names the effect it answers; effects that are not reads are left to the runtime.
@Suite("Effect performer")
struct EffectPerformerTests {
  /// Fixed answers, and a failure on demand.
  final class FixedServices: HistoryQuerying {
    var fails = false
    func summaries(_ filter: HistoryFilter, from cursor: HistoryCursor?, direction: PageDirection, limit: Int)
      throws -> [EventSummary]
    {
      if fails { throw ServiceError.invalidNextToken("gone") }
      return Array(Fixture.screenRows.prefix(limit))
    }
    func record(rowID: Int64) throws -> String {
      if rowID < 0 { throw ServiceError.invalidNextToken("no such row") }
      return rowID == 3 ? Fixture.record : "{\"row\":\(rowID)}"
    }
    func dashboard(region: String?) throws -> DashboardSnapshot { Fixture.dashboard }
    func eventCount() throws -> Int { 42 }
  }

  @Test func readsBecomeTheirAnswers() {
    let performer = EffectPerformer(FixedServices())
    let page = performer.answer(
      .loadHistory(requestID: 7, filter: HistoryFilter(), from: nil, direction: .older, limit: 2))
    guard case .historyLoaded(7, let events) = page else {
      Issue.record("expected a page, got \(String(describing: page))")
      return
    }
    #expect(events == Array(Fixture.screenRows.prefix(2)))
    guard case .recordLoaded(3, let record) = performer.answer(.loadRecord(rowID: 3)) else {
      Issue.record("expected a record")
      return
    }
    #expect(record == Fixture.record)
    guard case .recordsLoaded([3, 5], let records) = performer.answer(.loadRecords(rowIDs: [3, 5])) else {
      Issue.record("expected the comparison's records")
      return
    }
    #expect(records == [Fixture.record, "{\"row\":5}"])
    guard case .failed(.records(rowIDs: [3, -1]), _) = performer.answer(.loadRecords(rowIDs: [3, -1])) else {
      Issue.record("expected the comparison's failure")
      return
    }
    guard case .dashboardLoaded(let snapshot) = performer.answer(.loadDashboard(region: nil)) else {
      Issue.record("expected a dashboard")
      return
    }
    #expect(snapshot == Fixture.dashboard)
    guard case .eventCountLoaded(42) = performer.answer(.loadEventCount) else {
      Issue.record("expected the count")
      return
    }
  }

  @Test func aFailureNamesItsEffectAndKeepsTheExceptionName() {
    let services = FixedServices()
    services.fails = true
    let answer = EffectPerformer(services).answer(
      .loadHistory(requestID: 9, filter: HistoryFilter(), from: nil, direction: .older, limit: 2))
    guard case .failed(.history(requestID: 9), let diagnostic) = answer else {
      Issue.record("expected a history failure, got \(String(describing: answer))")
      return
    }
    #expect(diagnostic.code == "InvalidNextTokenException")
  }

  @Test func effectsThatDoNotReadTheStoreAreTheRuntimes() {
    let performer = EffectPerformer(FixedServices())
    for effect: Effect in [
      .quit, .setTheme(name: "light"), .download(filter: HistoryFilter(), format: .csv, path: "/x"),
      .cancelDownload,
    ] {
      #expect(!EffectPerformer.readsStore(effect))
      #expect(performer.answer(effect) == nil)
    }
    #expect(EffectPerformer.readsStore(.loadEventCount))
  }

  /// Trail answers that record what was asked.
  final class FixedTrails: TrailManaging {
    var started: [String] = []
    func trailSummaries() throws -> [TrailSummary] { Fixture.trails }
    func setLogging(trail: String, on: Bool) throws {
      guard trail != "missing" else { throw ServiceError("TrailNotFoundException", "Unknown trail: missing") }
      started.append(trail)
    }
    func createTrail(_ request: CreateTrailRequest) throws -> String { request.name }
    func updateTrail(_ request: UpdateTrailRequest) throws -> String { request.name }
    func eventSelectors(trail: String) throws -> GetEventSelectorsResponse { GetEventSelectorsResponse() }
    func putEventSelectors(_ request: PutEventSelectorsRequest) throws {}
    func previewSelectors(_ request: PutEventSelectorsRequest, window: Range<Date>) throws -> SelectorPreview
    {
      SelectorPreview(matched: 3, scanned: 4)
    }
  }

  @Test func trailEffectsGoThroughTheTrailServices() {
    let trails = FixedTrails()
    let performer = EffectPerformer(FixedServices(), trails: trails)
    guard case .trailsLoaded(let loaded) = performer.answer(.loadTrails) else {
      Issue.record("expected trails")
      return
    }
    #expect(loaded == Fixture.trails)
    guard case .trailActionDone(let text) = performer.answer(.setLogging(trail: "t", on: true)) else {
      Issue.record("expected an answer")
      return
    }
    #expect(text == "Logging started for t")
    #expect(trails.started == ["t"])
    guard
      case .failed(.trailAction, let diagnostic) = performer.answer(.setLogging(trail: "missing", on: true))
    else {
      Issue.record("expected a failure")
      return
    }
    #expect(diagnostic.code == "TrailNotFoundException")
    #expect(EffectPerformer.readsStore(.loadTrails))
  }

  @Test func withoutTrailServicesTrailEffectsFailRatherThanVanish() {
    guard case .failed(.trails, _) = EffectPerformer(FixedServices()).answer(.loadTrails) else {
      Issue.record("expected a failure")
      return
    }
  }

  /// Insights answers: the fixture's APIs for any region but one, which fails.
  final class FixedInsights: InsightsQuerying {
    var regions: [String?] = []
    func insightActivities(region: String?) throws -> [InsightActivity] {
      regions.append(region)
      guard region != "gone-1" else { throw ServiceError("InternalError", "disk I/O error") }
      return Fixture.insightActivities
    }
    func insightTimeline(_ request: InsightsTimelineRequest) throws -> InsightsTimeline {
      Fixture.timeline(for: request)
    }
  }

  @Test func insightsEffectsGoThroughTheInsightsServices() {
    let insights = FixedInsights()
    let performer = EffectPerformer(FixedServices(), insights: insights)
    guard
      case .insightsLoaded(4, let activities) = performer.answer(
        .loadInsights(requestID: 4, region: "eu-west-1"))
    else {
      Issue.record("expected the list")
      return
    }
    #expect(activities == Fixture.insightActivities && insights.regions == ["eu-west-1"])
    let request = InsightsTimelineRequest(
      subject: Fixture.runInstances, zoom: .hour, end: Fixture.now, columns: 60)
    guard
      case .insightTimelineLoaded(5, let timeline) = performer.answer(
        .loadInsightTimeline(requestID: 5, request))
    else {
      Issue.record("expected the timeline")
      return
    }
    #expect(timeline.request == request)
    guard
      case .failed(.insights(requestID: 6), _) = performer.answer(
        .loadInsights(requestID: 6, region: "gone-1"))
    else {
      Issue.record("expected the list's failure")
      return
    }
    #expect(EffectPerformer.readsStore(.loadInsights(requestID: 1, region: nil)))
    #expect(EffectPerformer.readsStore(.loadInsightTimeline(requestID: 1, request)))
    // Without Insights services the effects fail, naming themselves, rather than vanish.
    guard
      case .failed(.insightTimeline(requestID: 7), _) = EffectPerformer(FixedServices()).answer(
        .loadInsightTimeline(requestID: 7, request))
    else {
      Issue.record("expected a failure")
      return
    }
  }
}
