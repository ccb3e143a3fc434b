import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// `T` opens the resource timeline from an event's detail or a Lake row; it loads off the UI loop,
/// moves among items and causing events, opens a cause in the detail and comes back with esc.
@Suite("Resource timeline (update)")
struct ResourceTimelineUpdateTests {
  @Test func tInTheDetailAsksForTheEventsFirstResource() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    let effects = update(&state, .key(.character("T")))
    #expect(
      effects == [
        .loadResourceTimeline(requestID: state.timeline!.requestID, query: .arn("arn:aws:s3:::写真-バケット"))
      ])
    #expect(state.scope == .timeline)
    #expect(state.timeline?.origin == .history)
  }

  @Test func tInTheDetailTakesTheResourceUnderTheCursor() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    let line = state.history.detail!.lines.firstIndex { $0.text.contains("bucketName") }!
    for _ in 0..<line { _ = update(&state, .key(.character("j"))) }
    let effects = update(&state, .key(.character("T")))
    #expect(
      effects.first
        == .loadResourceTimeline(requestID: state.timeline!.requestID, query: .identifier("写真-バケット")))
  }

  @Test func tOnAHistoryRowTakesItsFirstResourceAndEscReturnsToTheTable() {
    var state = Fixture.historyState()
    let effects = update(&state, .key(.character("T")))
    #expect(
      effects == [
        .loadResourceTimeline(requestID: state.timeline!.requestID, query: .identifier("写真-バケット"))
      ])
    _ = update(&state, .key(.escape))
    #expect(state.timeline == nil)
    #expect(state.scope == .history)
    _ = update(&state, .key(.character("j")))
    #expect(update(&state, .key(.character("T"))).isEmpty)
    #expect(state.message?.text.hasPrefix("This event names no resource; enter opens it") == true)
  }

  @Test func anEventThatNamesNoResourceSaysSo() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: #"{"eventName":"GetCallerIdentity"}"#))
    #expect(update(&state, .key(.character("T"))).isEmpty)
    #expect(state.timeline == nil)
    #expect(state.message?.text.hasPrefix("This event names no resource") == true)
  }

  /// A long timeline opens on its newest item with the list full, not scrolled as far as the smaller
  /// layout of the view that was still loading would have it.
  @Test func aLongTimelineOpensWithItsListFull() throws {
    let base = Fixture.timeline
    var entries: [ResourceTimeline.Entry] = []
    for _ in 0..<4 { entries += base.entries }
    let long = ResourceTimeline(query: base.query, resource: base.resource, entries: entries)
    let state = Fixture.timelineState(size: Size(width: 120, height: 40), timeline: long)
    let view = try #require(state.timeline)
    let visible = timelineVisibleItems(state)
    #expect(visible > 3)
    #expect(view.scroll.selected == entries.count - 1)
    #expect(view.scroll.offset == max(0, entries.count - visible))
  }

  @Test func aLoadSelectsTheNewestItemAndAStaleAnswerIsDropped() {
    var state = Fixture.timelineState()
    #expect(state.timeline?.scroll.selected == 2)
    #expect(state.timeline?.selectedCause?.eventName == "ModifySecurityGroupRules")
    _ = update(
      &state,
      .resourceTimelineLoaded(
        requestID: 999, ResourceTimeline(query: .identifier("x"), resource: nil, entries: [])))
    #expect(state.timeline?.entries.count == 3)
  }

  @Test func keysMoveAmongItemsAndCauses() {
    var state = Fixture.timelineState()
    _ = update(&state, .key(.character("l")))
    #expect(state.timeline?.causeIndex == 1)
    #expect(state.timeline?.selectedCause?.isStored == false)
    _ = update(&state, .key(.character("k")))
    #expect(state.timeline?.scroll.selected == 1)
    #expect(state.timeline?.causeIndex == 0)
    _ = update(&state, .key(.character("g")))
    #expect(state.timeline?.scroll.selected == 0)
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.message?.text.hasPrefix("AWS Config names no CloudTrail event") == true)
  }

  @Test func enterOpensTheCauseAndEscComesBackToTheTimelineThenToTheDetail() {
    var state = Fixture.timelineState()
    _ = update(&state, .key(.character("k")))
    #expect(update(&state, .key(.enter)) == [.loadRecord(rowID: 5)])
    #expect(state.scope == .detail)
    #expect(state.history.detail?.rowID == 5)
    _ = update(&state, .key(.escape))
    #expect(state.scope == .timeline)
    #expect(state.timeline?.scroll.selected == 1)
    #expect(state.history.detail?.rowID == 9)
    _ = update(&state, .key(.escape))
    #expect(state.timeline == nil)
    #expect(state.scope == .detail)
    #expect(state.history.detail?.rowID == 9)
  }

  @Test func aCauseTheStoreLacksIsNotOpened() {
    var state = Fixture.timelineState()
    _ = update(&state, .key(.character("l")))
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.message?.text.hasPrefix("Event 0000-missing is not in this store") == true)
  }

  @Test func tOnALakeRowTakesItsFirstResourceAndEscReturnsToTheResults() {
    let result = LakeResult(
      columns: ["eventTime", "resourceId"], rows: [["2024-01-02 09:00:00", "sg-0abc1234"]], eventsScanned: 1,
      bytesScanned: 10, elapsed: 0.1)
    var state = Fixture.lakeWithResult(result: result)
    let effects = update(&state, .key(.character("T")))
    #expect(
      effects == [
        .loadResourceTimeline(requestID: state.timeline!.requestID, query: .identifier("sg-0abc1234"))
      ])
    #expect(state.scope == .timeline)
    // Lake's own keys wait while the timeline is up: `e` would export.
    #expect(update(&state, .key(.character("e"))).isEmpty)
    _ = update(&state, .key(.escape))
    #expect(state.timeline == nil)
    #expect(state.scope == .lake)
  }

  @Test func theSelectedLakeCellIsTakenWhenNoCellLooksLikeAResource() {
    let result = LakeResult(
      columns: ["bucket", "role"], rows: [["logs-bucket", "admin"]], eventsScanned: 1, bytesScanned: 10,
      elapsed: 0.1)
    var state = Fixture.lakeWithResult(result: result)
    _ = update(&state, .key(.character("l")))
    let effects = update(&state, .key(.character("T")))
    #expect(
      effects.first
        == .loadResourceTimeline(requestID: state.timeline!.requestID, query: .identifier("admin")))
  }

  @Test func aFailedLoadShowsInTheView() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    _ = update(&state, .key(.character("T")))
    let id = state.timeline!.requestID
    let diagnostic = Diagnostic(code: "InternalError", summary: "query failed", reason: "disk I/O error")
    _ = update(&state, .failed(.resourceTimeline(requestID: id), diagnostic))
    #expect(state.timeline?.error == diagnostic)
  }

  @Test func theEffectReadsTheStore() {
    #expect(EffectPerformer.readsStore(.loadResourceTimeline(requestID: 1, query: .identifier("x"))))
    let failure = EffectPerformer.failure(
      of: .loadResourceTimeline(requestID: 4, query: .identifier("x")), ServiceError.invalidNextToken("x"))
    guard case .failed(.resourceTimeline(4), _) = failure else {
      Issue.record("expected a timeline failure, got \(String(describing: failure))")
      return
    }
  }
}
