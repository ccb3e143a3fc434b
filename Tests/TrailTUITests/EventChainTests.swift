import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// `b` (caused by) and `c` (caused) in the event detail.
@Suite struct EventChainTests {
  static let cause = Fixture.event(40, name: "CreateStack", user: "alice", readOnly: false)
  static let effects = [
    Fixture.event(41, name: "CreateSecurityGroup", user: "alice", readOnly: false),
    Fixture.event(42, name: "CreateRole", user: "alice", readOnly: false),
    Fixture.event(43, name: "RunInstances", user: "alice", readOnly: false),
  ]

  static func openedDetail(size: Size = Size(width: 80, height: 24)) -> AppState {
    var state = Fixture.historyState(size: size)
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    return state
  }

  @Test func causedByOpensTheInitiatorAndEscGoesBack() {
    var state = Self.openedDetail()
    #expect(update(&state, .key(.character("b"))) == [.loadCausedBy(rowID: 9)])
    #expect(update(&state, .causedByLoaded(rowID: 9, Self.cause)) == [.loadRecord(rowID: 40)])
    #expect(state.history.detail?.rowID == 40)
    #expect(state.history.detail?.summary == Self.cause)
    #expect(state.scope == .detail)
    _ = update(&state, .key(.escape))
    #expect(state.history.detail?.rowID == 9)
    #expect(state.history.detail?.document != nil, "the record is still there, no reload")
    _ = update(&state, .key(.escape))
    #expect(state.history.detail == nil)
    #expect(state.history.chain == EventChainState())
  }

  @Test func causedByWithoutAnswerSaysSo() {
    var state = Self.openedDetail()
    _ = update(&state, .key(.character("b")))
    #expect(update(&state, .causedByLoaded(rowID: 9, nil)) == [])
    #expect(state.history.detail?.rowID == 9)
    #expect(state.message?.text == "No call found that caused this event (same session, invokedBy and time)")
  }

  @Test func causedListsPicksAndOpens() {
    var state = Self.openedDetail()
    #expect(update(&state, .key(.character("c"))) == [.loadCaused(rowID: 9)])
    _ = update(&state, .causedLoaded(rowID: 9, Self.effects))
    #expect(state.history.chain.caused?.events == Self.effects)
    _ = update(&state, .key(.character("j")))
    _ = update(&state, .key(.character("j")))
    _ = update(&state, .key(.character("k")))
    #expect(update(&state, .key(.enter)) == [.loadRecord(rowID: 42)])
    #expect(state.history.detail?.rowID == 42)
    #expect(state.history.chain.caused == nil)
    _ = update(&state, .key(.escape))
    #expect(state.history.detail?.rowID == 9)
  }

  @Test func escClosesTheListFirst() {
    var state = Self.openedDetail()
    _ = update(&state, .key(.character("c")))
    _ = update(&state, .causedLoaded(rowID: 9, Self.effects))
    _ = update(&state, .key(.escape))
    #expect(state.history.chain.caused == nil)
    #expect(state.history.detail?.rowID == 9)
  }

  @Test func emptyCausedSaysSo() {
    var state = Self.openedDetail()
    _ = update(&state, .key(.character("c")))
    _ = update(&state, .causedLoaded(rowID: 9, []))
    #expect(state.history.chain.caused == nil)
    #expect(state.message?.text == "No calls found that this event caused")
  }

  @Test func answersForAnotherDetailAreDropped() {
    var state = Self.openedDetail()
    _ = update(&state, .key(.character("b")))
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("j")))
    _ = update(&state, .key(.enter))
    #expect(update(&state, .causedByLoaded(rowID: 9, Self.cause)) == [])
    #expect(state.history.detail?.rowID != 40)
  }

  @Test func failureStopsWaiting() {
    var state = Self.openedDetail()
    _ = update(&state, .key(.character("b")))
    _ = update(
      &state, .failed(.eventChain(rowID: 9), Diagnostic(code: "InternalError", summary: "boom", reason: "x")))
    #expect(state.history.chain.pending == nil)
    #expect(state.history.detail?.rowID == 9)
  }

  @Test func causedListSnapshot() {
    var state = Self.openedDetail()
    _ = update(&state, .key(.character("c")))
    _ = update(&state, .causedLoaded(rowID: 9, Self.effects))
    _ = update(&state, .key(.character("j")))
    var grid = CellGrid(width: 80, height: 24)
    render(state, into: &grid)
    assertSnapshot(grid, named: "detail-caused-80x24")
  }

  /// A store with one forwarded call and nothing before it; a negative row fails.
  final class LoneCallServices: HistoryQuerying {
    func summaries(_ filter: HistoryFilter, from cursor: HistoryCursor?, direction: PageDirection, limit: Int)
      throws -> [EventSummary]
    { [] }
    func record(rowID: Int64) throws -> String {
      if rowID < 0 { throw ServiceError.invalidNextToken("no such row") }
      return
        #"{"eventTime":"2024-01-02T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateRole","userIdentity":{"type":"IAMUser","accessKeyId":"AKIAEXAMPLE","invokedBy":"cloudformation.amazonaws.com"}}"#
    }
    func dashboard(region: String?) throws -> DashboardSnapshot { Fixture.dashboard }
    func eventCount() throws -> Int { 1 }
  }

  @Test func theEffectPerformerAsksEventChains() {
    let performer = EffectPerformer(LoneCallServices())
    #expect(EffectPerformer.readsStore(.loadCausedBy(rowID: 1)))
    #expect(EffectPerformer.readsStore(.loadCaused(rowID: 1)))
    guard case .causedByLoaded(1, nil) = performer.answer(.loadCausedBy(rowID: 1)) else {
      Issue.record("expected no cause")
      return
    }
    guard case .causedLoaded(1, let events) = performer.answer(.loadCaused(rowID: 1)), events.isEmpty else {
      Issue.record("expected nothing caused")
      return
    }
    guard case .failed(.eventChain(rowID: -1), _) = performer.answer(.loadCausedBy(rowID: -1)) else {
      Issue.record("expected the chain's failure")
      return
    }
  }
}
