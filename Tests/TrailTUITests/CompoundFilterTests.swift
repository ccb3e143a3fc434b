import Foundation
import Testing
import TrailCore

@testable import TrailTUI

@Suite struct CompoundFilterTests {
  @Test func conditionsBecomeBoundParametersNeverSQLText() {
    let filter = CompoundFilter([
      CompoundCondition(.eventName, "ConsoleLogin"),
      CompoundCondition(.errorCode, "x' OR '1'='1", isNegated: true),
      CompoundCondition(.resourceARN, "arn:aws:s3:::logs"),
      CompoundCondition(.readOnly, "false"),
    ])
    let (sql, parameters) = filter.statement()
    #expect(
      sql == """
        SELECT eventId FROM all_events
        WHERE eventName = ?
          AND NOT coalesce(errorCode = ?, false)
          AND any_match(resources, r -> r.arn = ?)
          AND readOnly = false
        ORDER BY eventTime DESC
        LIMIT 500
        """)
    #expect(parameters == ["ConsoleLogin", "x' OR '1'='1", "arn:aws:s3:::logs"])
    #expect(
      filter.label
        == "eventName = ConsoleLogin AND NOT errorCode = x' OR '1'='1 AND resource ARN = arn:aws:s3:::logs AND readOnly = false"
    )
  }

  @Test func formBuildsTheFilterAndRunsItThroughLake() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("F")))
    #expect(state.history.compoundForm != nil)
    Fixture.type("ConsoleLogin", into: &state)
    _ = update(&state, .key(.control("n")))
    for _ in 0..<6 { _ = update(&state, .key(.tab)) }  // eventName → … → errorCode
    _ = update(&state, .key(.control("t")))
    Fixture.type("AccessDenied", into: &state)
    let effects = update(&state, .key(.enter))
    #expect(state.history.compoundForm == nil)
    #expect(
      state.history.compound
        == CompoundFilter([
          CompoundCondition(.eventName, "ConsoleLogin"),
          CompoundCondition(.errorCode, "AccessDenied", isNegated: true),
        ]))
    guard case .runCompoundFilter(let id, _, let parameters) = effects.first else {
      Issue.record("no compound run: \(effects)")
      return
    }
    #expect(parameters == ["ConsoleLogin", "AccessDenied"])
    _ = update(&state, .historyLoaded(requestID: id, events: [Fixture.event(8, name: "ConsoleLogin")]))
    #expect(state.history.rows.map(\.rowID) == [8])
    #expect(!state.history.hasOlder)
  }

  @Test func aBadReadOnlyValueIsExplained() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("F")))
    for _ in 0..<9 { _ = update(&state, .key(.tab)) }
    #expect(state.history.compoundForm?.rows[0].field == .readOnly)
    Fixture.type("maybe", into: &state)
    #expect(update(&state, .key(.enter)).isEmpty)
    #expect(state.history.compoundForm?.error == "readOnly is true or false, not \"maybe\"")
  }

  @Test func theSingleAttributeFilterStillWorksAndReplacesTheCompound() {
    var state = Fixture.historyState()
    state.history.compound = CompoundFilter([CompoundCondition(.eventName, "X")])
    let effects = update(&state, .key(.character("x")))
    #expect(state.history.compound == nil)
    guard case .loadHistory = effects.first else {
      Issue.record("expected a LookupEvents page: \(effects)")
      return
    }
  }

  @Test func compoundFormSnapshot() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("F")))
    Fixture.type("ConsoleLogin", into: &state)
    _ = update(&state, .key(.control("n")))
    _ = update(&state, .key(.control("t")))
    var grid = CellGrid(width: 80, height: 24)
    render(state, into: &grid)
    assertSnapshot(grid, named: "history-compound-80x24")
  }
}
