import Foundation
import LakeSQL
import Testing
import TrailCore

@testable import TrailTUI

@Suite struct LakeUpdateTests {
  @Test func showingThePaneListsStoresAndSavedQueries() {
    var state = AppState(databasePath: "/db", size: Size(width: 80, height: 24), pane: .history)
    _ = update(&state, .tick(Fixture.now))
    let effects = update(&state, .key(.character("4")))
    #expect(state.pane == .lake)
    #expect(effects == [.loadEventDataStores, .loadSavedLakeQueries])
  }

  @Test func typingEditsAMultiLineStatement() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT 1\nFROM x", into: &state)
    #expect(state.lake.editor.text == "SELECT 1\nFROM x")
    #expect(state.lake.editor.row == 1 && state.lake.editor.column == 6)
    _ = update(&state, .key(.home))
    _ = update(&state, .key(.backspace))  // joins the lines
    #expect(state.lake.editor.text == "SELECT 1FROM x")
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.up))
    _ = update(&state, .key(.end))
    _ = update(&state, .key(.delete))  // joins again from the end of line 1
    #expect(state.lake.editor.text == "SELECT 1FROM x")
    // Keys that are global elsewhere are text in the editor (`?` inside quotes; outside it opens the
    // question search, LakeGeneratorSearchTests).
    Fixture.type("q4'?'", into: &state)
    #expect(state.pane == .lake && !state.isQuitting)
    #expect(state.lake.picker == nil)
    #expect(state.lake.editor.text == "SELECT 1q4'?'FROM x")
  }

  @Test func wordMovesAndLineEnds() {
    var editor = TextEditor("SELECT eventName, n\nFROM t")
    editor.moveCursor(line: 1, column: 1)
    editor.handle(.control("f"))
    #expect(editor.column == 6)
    editor.handle(.control("f"))
    #expect(editor.column == 16)
    editor.handle(.control("b"))
    #expect(editor.column == 7)
    editor.handle(.end)
    editor.handle(.control("f"))  // at a line end: to the next line's start
    #expect(editor.row == 1 && editor.column == 0)
    editor.handle(.left)
    #expect(editor.row == 0 && editor.column == 19)
  }

  @Test func pasteKeepsLinesAsTyped() {
    var editor = TextEditor()
    editor.insert("SELECT *\n  FROM t\nWHERE a = 'x'")
    #expect(editor.lines.count == 3)
    #expect(editor.text == "SELECT *\n  FROM t\nWHERE a = 'x'")
  }

  @Test func tabCompletesColumnsNestedFieldsAndFunctions() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT eventN", into: &state)
    _ = update(&state, .key(.tab))
    #expect(state.lake.editor.text == "SELECT eventName")
    Fixture.type(", userIdentity.sessionContext.sessionIssuer.a", into: &state)
    _ = update(&state, .key(.tab))
    #expect(state.lake.editor.text.hasSuffix("userIdentity.sessionContext.sessionIssuer.arn"))
    Fixture.type(", approx_d", into: &state)
    _ = update(&state, .key(.tab))
    #expect(state.lake.editor.text.hasSuffix("approx_distinct"))
  }

  @Test func tabAgainCyclesThroughCandidates() {
    var state = Fixture.lakeState()
    Fixture.type("event", into: &state)
    _ = update(&state, .key(.tab))
    let first = state.lake.editor.text
    _ = update(&state, .key(.tab))
    #expect(first == "eventVersion")
    #expect(state.lake.editor.text == "eventTime")
    #expect(state.message?.text.hasPrefix("") == true)
  }

  @Test func tabInABlankEditorCyclesPanes() {
    var state = Fixture.lakeState()
    _ = update(&state, .key(.tab))
    #expect(state.pane == .insights)
    state = Fixture.lakeState()
    Fixture.type("SELECT 1", into: &state)
    _ = update(&state, .key(.backTab))
    #expect(state.pane == .trails)
  }

  @Test func completionCandidatesComeFromTheSchema() {
    #expect(LakeCompletions.candidates(for: "userIdentity.sessionContext.sessionIssuer.").count == 5)
    #expect(LakeCompletions.fieldPaths.contains("tlsDetails.cipherSuite"))
    // The other kinds of store's fields complete too: configuration items, evidence, integrations.
    #expect(
      LakeCompletions.candidates(for: "eventData.resourceT") == ["eventData.resourceType"])
    #expect(LakeCompletions.candidates(for: "eventData.configurationItemS").count == 2)
    #expect(LakeCompletions.fieldPaths.contains("eventData.resourceComplianceCheck"))
    #expect(LakeCompletions.fieldPaths.contains("metadata.channelArn"))
    #expect(LakeCompletions.candidates(for: "date_").contains("date_trunc"))
    #expect(LakeCompletions.candidates(for: "zzz").isEmpty)
  }

  @Test func ctrlRAndF5RunTheStatementAndRememberIt() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT 1", into: &state)
    let effects = update(&state, .key(.control("r")))
    guard case .runLakeQuery(let id, let statement) = effects.last else {
      Issue.record("no run: \(effects)")
      return
    }
    #expect(statement == "SELECT 1")
    #expect(state.lake.running?.requestID == id)
    // F5 again supersedes the run in flight.
    let again = update(&state, .key(.function(5)))
    #expect(again.first == .cancelLakeQuery(requestID: id))
    #expect(state.lake.history == ["SELECT 1"])
  }

  @Test func escCancelsARunningQuery() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT 1", into: &state)
    _ = update(&state, .key(.control("r")))
    let id = state.lake.running!.requestID
    #expect(update(&state, .key(.escape)) == [.cancelLakeQuery(requestID: id)])
    #expect(state.lake.running?.isCancelling == true)
    _ = update(&state, .lakeQueryFailed(requestID: id, .cancelled))
    #expect(state.lake.running == nil)
    #expect(state.message?.text == "Query cancelled")
  }

  @Test func aRefusalMovesTheCursorToItsPosition() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT eventNam\nFROM all_events", into: &state)
    _ = update(&state, .key(.control("r")))
    let id = state.lake.running!.requestID
    let error = LakeRunError.refused("line 1:8: Column 'eventNam' cannot be resolved")
    #expect(error.line == 1 && error.column == 8)
    _ = update(&state, .lakeQueryFailed(requestID: id, error))
    #expect(state.lake.editor.row == 0 && state.lake.editor.column == 7)
    #expect(state.lake.focus == .editor)
    #expect(state.message?.role == .error)
  }

  @Test func resultsTakeTheKeysAndPage() {
    var state = Fixture.lakeWithResult()
    #expect(state.lake.focus == .results)
    let visible = LakeLayout(ScreenLayout(state.size).content, lake: state.lake).visibleResultRows
    _ = update(&state, .key(.pageDown))
    #expect(state.lake.scroll.selected == visible)
    _ = update(&state, .key(.pageUp))
    #expect(state.lake.scroll.selected == 0)
    _ = update(&state, .key(.end))
    #expect(state.lake.scroll.selected == 30)
    _ = update(&state, .key(.character("i")))
    #expect(state.lake.focus == .editor)
  }

  @Test func sortByTheSelectedColumnThenReverse() {
    var state = Fixture.lakeWithResult()
    _ = update(&state, .key(.character("l")))
    _ = update(&state, .key(.character("s")))
    #expect(state.lake.sort == LakeSort(column: 1, isAscending: true))
    // Numbers sort as numbers, NULL last.
    #expect(state.lake.result?.rows.first == ["Event29", "13"])
    #expect(state.lake.result?.rows.last == ["NullCount", nil])
    _ = update(&state, .key(.character("s")))
    #expect(state.lake.result?.rows.first == ["Event0", "100"])
  }

  @Test func clickingAHeaderSorts() {
    var state = Fixture.lakeWithResult()
    let results = LakeLayout(ScreenLayout(state.size).content, lake: state.lake).results
    _ = update(&state, .mouse(MouseEvent(kind: .press, x: results.x + 1, y: results.y)))
    #expect(state.lake.sort == LakeSort(column: 0, isAscending: true))
  }

  @Test func exportWritesRFC4180CSV() {
    var state = Fixture.lakeWithResult()
    let effects = update(&state, .key(.character("e")))
    guard case .exportLakeResults(let path, _) = effects.first else {
      Issue.record("no export: \(effects)")
      return
    }
    #expect(path == "lake-results-20240102T100000Z.csv")
    let csv = LakeResultText.csv(
      LakeResult(columns: ["a", "b,c"], rows: [["x\"y", nil], ["line\nbreak", "plain"]]))
    #expect(csv == "a,\"b,c\"\r\n\"x\"\"y\",\r\n\"line\nbreak\",plain\r\n")
    _ = update(&state, .lakeExported(path: "/tmp/\(path)", rows: 31))
    #expect(state.message?.text == "Wrote 31 rows to /tmp/\(path)")
  }

  @Test func statisticsShowCostAtLakesPrice() {
    #expect(LakeResultText.cost(bytes: 1_000_000_000) == "$0.00500000")
    #expect(LakeResultText.cost(bytes: 10_000_000_000) == "$0.05")
    #expect(
      LakeResultText.statistics(Fixture.lakeResult)
        == "31 rows · 4,321 events scanned · 2.5 MB · 0.25 s · $0.00001250")
  }

  @Test func historyRecallsStatementsNewestFirst() {
    var state = Fixture.lakeState()
    for statement in ["SELECT 1", "SELECT 2", "SELECT 1"] {
      _ = update(&state, .key(.control("u")))
      Fixture.type(statement, into: &state)
      _ = update(&state, .key(.control("r")))
      _ = update(
        &state,
        .lakeQueryFinished(requestID: state.lake.running!.requestID, LakeResult(columns: [], rows: [])))
      _ = update(&state, .key(.character("i")))
    }
    #expect(state.lake.history == ["SELECT 1", "SELECT 2"])
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("y")))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.enter))
    #expect(state.lake.editor.text == "SELECT 2")
    #expect(state.lake.focus == .editor)
  }

  @Test func samplesAreWrittenAgainstTheSelectedStore() {
    var state = Fixture.lakeState(stores: Fixture.stores)
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("p")))
    _ = update(&state, .key(.enter))
    #expect(state.lake.editor.text.contains("FROM EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"))
    #expect(SampleQuery.all.count >= 12)
    #expect(SampleQuery.all.allSatisfy { $0.sql.contains(SampleQuery.storePlaceholder) })
    var empty = Fixture.lakeState()
    _ = update(&empty, .key(.escape))
    _ = update(&empty, .key(.character("p")))
    _ = update(&empty, .key(.enter))
    #expect(empty.lake.editor.text.contains("FROM all_events"))
  }

  @Test func samplesAreThoseOfTheSelectedStoresKind() {
    var state = Fixture.lakeState(stores: Fixture.kindedStores)
    _ = update(&state, .key(.escape))
    #expect(state.lake.offeredSamples == SampleQuery.configurationItems)
    // The join's CloudTrail store is the first store of CloudTrail events.
    _ = update(&state, .key(.character("p")))
    _ = update(&state, .key(.enter))
    #expect(state.lake.editor.text.contains("FROM CONFIG-1111 AS compliance"))
    #expect(state.lake.editor.text.contains("JOIN TRAIL-3333 AS cloudtrail"))
    // v selects the evidence store: its samples.
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("v")))
    #expect(state.lake.offeredSamples == SampleQuery.evidence)
    _ = update(&state, .key(.character("p")))
    _ = update(&state, .key(.enter))
    #expect(state.lake.editor.text.contains("FROM EVIDENCE-2222"))
    // Without a store of CloudTrail events the join is not offered.
    let alone = Fixture.lakeState(stores: [Fixture.kindedStores[0]])
    #expect(alone.lake.offeredSamples.count == SampleQuery.configurationItems.count - 1)
    #expect(alone.lake.offeredSamples.allSatisfy { !$0.needsCloudTrailStore })
  }

  @Test func aStoreWithoutSamplesSaysSo() {
    let events = EventDataStoreRow(
      id: "INT-1", arn: "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/INT-1", name: "partner",
      status: "ENABLED", retentionDays: 90, eventCount: 3, tableSchema: .integration)
    var state = Fixture.lakeState(stores: [events])
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("p")))
    #expect(state.lake.picker == nil)
    #expect(
      state.message?.text
        == "No sample queries for a store of ActivityAuditLog events (v picks another store)")
  }

  @Test func savingAQueryStoresTheList() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT 1", into: &state)
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("w")))
    Fixture.type("one", into: &state)
    let effects = update(&state, .key(.enter))
    #expect(effects == [.storeSavedLakeQueries([SavedLakeQuery(name: "one", sql: "SELECT 1")])])
    _ = update(&state, .key(.character("o")))
    _ = update(&state, .key(.character("d")))
    #expect(state.lake.saved.isEmpty)
  }
}
