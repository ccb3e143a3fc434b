import Foundation
import Testing
import TrailCore

@testable import TrailTUI

@Suite struct HistoryUpdateTests {
  private func loadedState(pages: Int = 1) -> AppState {
    var state = AppState(databasePath: "db", size: Size(width: 80, height: 24), pane: .history)
    _ = update(&state, .tick(Fixture.now))
    _ = update(
      &state,
      .historyLoaded(
        requestID: state.history.pending!.requestID, events: Fixture.page(from: 100_000, count: 100)))
    return state
  }

  @Test func firstTickAsksForTheNewestPageWithTheConsoleDefaultFilter() {
    var state = AppState(databasePath: "db", size: Size(width: 80, height: 24), pane: .history)
    let effects = update(&state, .tick(Fixture.now))
    #expect(
      effects == [
        .loadEventCount,
        .loadHistory(
          requestID: 1, filter: HistoryFilter(attribute: LookupAttribute(.readOnly, "false")), from: nil,
          direction: .older, limit: 100),
      ])
  }

  @Test func nearingTheEndOfTheWindowAsksForTheOlderPageOnce() {
    var state = loadedState()
    let last = state.history.rows.last!.cursor
    var effects: [Effect] = []
    for _ in 0..<79 { effects += update(&state, .key(.character("j"))) }
    #expect(effects == [])
    effects = update(&state, .key(.down))
    #expect(
      effects == [
        .loadHistory(requestID: 2, filter: state.historyFilter, from: last, direction: .older, limit: 100)
      ])
    #expect(update(&state, .key(.down)) == [], "one request in flight")
    _ = update(&state, .historyLoaded(requestID: 2, events: Fixture.page(from: 99_900, count: 100)))
    #expect(state.history.rows.count == 200)
    #expect(state.history.scroll.selected == 81)
  }

  @Test func theWindowStaysBoundedAndAsksForNewerRowsNearItsTop() {
    var state = loadedState()
    var top: Int64 = 99_900
    for _ in 0..<5 {
      state.history.scroll.select(state.history.rows.count - 1, count: state.history.rows.count, visible: 19)
      let effects = prefetchIfNeeded(&state)
      guard case .loadHistory(let id, _, _, .older, _) = effects.first else {
        Issue.record("no older request"); return
      }
      _ = update(&state, .historyLoaded(requestID: id, events: Fixture.page(from: top, count: 100)))
      top -= 100
    }
    #expect(state.history.rows.count == HistoryState.maxWindow)
    #expect(!state.history.isAtNewest)
    let first = state.history.rows.first!.cursor
    let effects = update(&state, .key(.character("g")))
    #expect(
      effects == [
        .loadHistory(requestID: 7, filter: state.historyFilter, from: nil, direction: .older, limit: 100)
      ])
    state.history.pending = nil
    state.history.scroll.select(5, count: state.history.rows.count, visible: 19)
    #expect(
      prefetchIfNeeded(&state) == [
        .loadHistory(requestID: 8, filter: state.historyFilter, from: first, direction: .newer, limit: 100)
      ])
  }

  @Test func bigGJumpsToTheOldestEndWithNewerFromNoCursor() {
    var state = loadedState()
    let effects = update(&state, .key(.character("G")))
    #expect(
      effects == [
        .loadHistory(requestID: 2, filter: state.historyFilter, from: nil, direction: .newer, limit: 100)
      ])
    _ = update(&state, .historyLoaded(requestID: 2, events: Fixture.page(from: 40, count: 40)))
    #expect(state.history.scroll.selected == 39)
    #expect(!state.history.hasOlder)
  }

  @Test func staleAnswersAreDropped() {
    var state = loadedState()
    _ = update(&state, .key(.character("r")))
    _ = update(&state, .key(.character("r")))
    _ = update(&state, .historyLoaded(requestID: 2, events: []))
    #expect(state.history.rows.count == 100)
    _ = update(&state, .historyLoaded(requestID: 3, events: [Fixture.event(1)]))
    #expect(state.history.rows.count == 1)
  }

  @Test func liveEventsAtTheTopRefreshAndMarkNewRows() {
    var state = loadedState()
    let effects = update(&state, .liveEvents(newCount: 2))
    #expect(
      effects == [
        .loadEventCount,
        .loadHistory(requestID: 2, filter: state.historyFilter, from: nil, direction: .older, limit: 100),
      ])
    let fresh = [Fixture.event(100_002), Fixture.event(100_001)] + Array(state.history.rows.prefix(98))
    _ = update(&state, .historyLoaded(requestID: 2, events: fresh))
    let row = historyRow(
      state.history.rows[0], columns: [.eventName], state: state.history, tick: state.tickCount)
    #expect(row.role == .new)
    for i in 0..<6 { _ = update(&state, .tick(Fixture.now.addingTimeInterval(Double(i + 1)))) }
    #expect(state.history.newRows.isEmpty)
  }

  @Test func liveEventsAwayFromTheTopOnlyCount() {
    var state = loadedState()
    for _ in 0..<30 { _ = update(&state, .key(.down)) }
    #expect(update(&state, .liveEvents(newCount: 3)) == [.loadEventCount])
    #expect(state.history.unseenNew == 3)
  }

  @Test func enterOpensTheRecordAndPivotsFilterByIt() {
    var state = Fixture.historyState()
    #expect(update(&state, .key(.enter)) == [.loadRecord(rowID: 9)])
    #expect(state.scope == .detail)
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    let effects = update(&state, .key(.character("u")))
    #expect(state.history.attribute == LookupAttribute(.username, "田中太郎"))
    #expect(state.scope == .history)
    guard case .loadHistory(_, let filter, nil, .older, 100) = effects.first else {
      Issue.record("\(effects)"); return
    }
    #expect(filter.attribute == LookupAttribute(.username, "田中太郎"))
  }

  @Test(arguments: [
    (Character("a"), LookupAttribute(.accessKeyId, "AKIAEXAMPLE9"), nil as String?),
    ("e", LookupAttribute(.eventName, "CreateBucket"), nil),
    ("r", LookupAttribute(.resourceName, "写真-バケット"), nil),
    ("i", LookupAttribute(.username, "田中太郎"), "203.0.113.5"),
  ])
  func pivots(_ key: Character, _ attribute: LookupAttribute, _ ip: String?) {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.character(key)))
    #expect(state.history.attribute == attribute)
    #expect(state.history.highlightIP == ip)
  }

  @Test func foldingTogglesAndFoldAll() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: Fixture.record))
    let full = state.history.detail!.lines.count
    _ = update(&state, .key(.character("z")))
    #expect(state.history.detail!.lines.count == 12)
    _ = update(&state, .key(.character("Z")))
    #expect(state.history.detail!.lines.count == full)
    _ = update(&state, .key(.enter))
    #expect(state.history.detail!.lines.count == 1)
  }

  @Test func downloadPromptEmitsTheEffectAndShowsProgress() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("d")))
    _ = update(&state, .key(.tab))
    #expect(
      state.overlay
        == .downloadPrompt(
          format: .json, path: InputLine("traildeck-history-20240102T100000Z.json"), error: nil))
    let effects = update(&state, .key(.enter))
    #expect(
      effects == [
        .download(filter: state.historyFilter, format: .json, path: "traildeck-history-20240102T100000Z.json")
      ])
    _ = update(&state, .downloadProgress(done: 50, total: 200))
    #expect(state.download?.done == 50)
    _ = update(&state, .downloadFinished(path: "x.json", count: 200))
    #expect(state.overlay == nil)
    #expect(state.message?.text == "Wrote 200 events to x.json")
  }

  @Test func xInTheProgressWindowCancelsAndTheAnswerClearsTheDownload() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("d")))
    _ = update(&state, .key(.enter))
    _ = update(&state, .downloadProgress(done: 500, total: nil))
    #expect(update(&state, .key(.character("x"))) == [.cancelDownload])
    #expect(state.download?.isCancelling == true)
    #expect(state.message?.text == "Cancelling the download…")
    #expect(update(&state, .key(.character("x"))) == [], "one cancel is enough")
    _ = update(&state, .downloadCancelled(path: "traildeck-history-20240102T100000Z.csv"))
    #expect(state.download == nil)
    #expect(state.overlay == nil)
    #expect(
      state.message?.text
        == "Download cancelled after 500 events; removed traildeck-history-20240102T100000Z.csv")
    #expect(update(&state, .key(.character("X"))) == [])
    #expect(state.message?.text == "No download is running")
  }

  /// With the window hidden the download shows in the status bar, and `X` (not `x`, which clears the
  /// filter) stops it from any pane; a second download waits for the first.
  @Test func capitalXCancelsAHiddenDownloadAndASecondOneIsRefused() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("d")))
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.escape))
    #expect(state.overlay == nil)
    #expect(state.download?.isRunning == true)
    #expect(update(&state, .key(.character("d"))) == [])
    #expect(state.overlay == nil)
    #expect(state.message?.text == "A download is running (↓ 0); X cancels it")
    _ = update(&state, .key(.character("1")))
    #expect(update(&state, .key(.character("X"))) == [.cancelDownload])
  }

  @Test func marksTakeAtMostFiveEventsAndToggle() {
    var state = Fixture.historyState(rows: Fixture.page(from: 100, count: 8))
    for _ in 0..<5 {
      #expect(update(&state, .key(.character("m"))) == [])
      _ = update(&state, .key(.down))
    }
    #expect(state.history.marked.map(\.rowID) == [100, 99, 98, 97, 96])
    _ = update(&state, .key(.character(" ")))
    #expect(state.history.marked.count == 5)
    #expect(state.message?.text == "At most 5 events can be compared; unmark one first (m)")
    _ = update(&state, .key(.up))
    _ = update(&state, .key(.character(" ")))
    #expect(state.history.marked.map(\.rowID) == [100, 99, 98, 97])
    #expect(state.history.markNumber(of: 98) == 3)
    _ = update(&state, .key(.character("M")))
    #expect(state.history.marked.isEmpty)
    _ = update(&state, .key(.character("C")))
    #expect(state.history.compare == nil)
    #expect(state.message?.text == "Mark events with m (up to 5), then C compares them")
  }

  @Test func compareLoadsTheRecordsAndDropsStaleAnswers() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("m")))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.character("m")))
    #expect(update(&state, .key(.character("C"))) == [.loadRecords(rowIDs: [9, 8])])
    #expect(state.scope == .compare)
    _ = update(&state, .recordsLoaded(rowIDs: [8, 9], records: ["{}", "{}"]))
    #expect(state.history.compare?.rows == nil)
    _ = update(
      &state,
      .recordsLoaded(rowIDs: [9, 8], records: [Fixture.record, #"{"eventVersion":"1.08","eventName":"X"}"#]))
    let rows = state.history.compare?.rows ?? []
    #expect(rows.first == CompareRow(field: "eventVersion", values: ["1.08", "1.08"]))
    #expect(rows.first?.differs == false)
    #expect(rows.contains(CompareRow(field: "userIdentity.userName", values: ["田中太郎", nil])))
    #expect(rows.contains(CompareRow(field: "requestParameters.tags[2]", values: ["null", nil])))
    #expect(rows.contains(CompareRow(field: "eventName", values: ["CreateBucket", "X"])))
    _ = update(&state, .key(.enter))
    #expect(state.overlay == .fieldValues(ScrollState()))
    _ = update(&state, .key(.escape))
    #expect(state.scope == .compare, "esc closes the values, not the comparison")
    _ = update(&state, .key(.character("d")))
    #expect(state.history.compare?.visibleRows.allSatisfy(\.differs) == true)
    _ = update(&state, .key(.escape))
    #expect(state.scope == .history)
    #expect(state.history.marked.count == 2, "closing the comparison keeps the marks")
  }

  @Test func compareScrollsRowsAndEventColumns() {
    var state = Fixture.historyState()
    for _ in 0..<5 {
      _ = update(&state, .key(.character("m")))
      _ = update(&state, .key(.down))
    }
    _ = update(&state, .key(.character("C")))
    _ = update(
      &state, .recordsLoaded(rowIDs: [9, 8, 7, 6, 5], records: Array(repeating: Fixture.record, count: 5)))
    _ = update(&state, .key(.character("G")))
    let count = state.history.compare!.visibleRows.count
    #expect(state.history.compare?.scroll.selected == count - 1)
    #expect(EventCompareState.columnsThatFit(totalWidth: 80) == 3)
    for _ in 0..<4 { _ = update(&state, .key(.character("l"))) }
    #expect(state.history.compare?.firstColumn == 2)
    _ = update(&state, .key(.left))
    #expect(state.history.compare?.firstColumn == 1)
  }

  @Test func aFailedCompareLoadShowsInTheComparison() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("m")))
    _ = update(&state, .key(.character("C")))
    let diagnostic = Diagnostic(code: "X", summary: "query failed", reason: "disk")
    _ = update(&state, .failed(.records(rowIDs: [9]), diagnostic))
    #expect(state.history.compare?.error == diagnostic)
  }

  @Test func filterPickerSetsAttributeAndKeepsTimeRange() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("t")))
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.enter))
    #expect(state.history.timeRange == .last(.hour1))
    #expect(state.historyFilter.startTime == Fixture.now.addingTimeInterval(-3600))
    _ = update(&state, .key(.character("f")))
    _ = update(&state, .key(.character("k")))
    _ = update(&state, .key(.enter))
    for c in "CreateBucket" { _ = update(&state, .key(.character(c))) }
    let effects = update(&state, .key(.enter))
    #expect(state.history.attribute == LookupAttribute(.eventName, "CreateBucket"))
    #expect(state.history.timeRange == .last(.hour1))
    #expect(effects.count == 1)
  }

  @Test func customRangeRejectsBadTimes() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("t")))
    _ = update(&state, .key(.character("G")))
    _ = update(&state, .key(.enter))
    _ = update(&state, .key(.control("u")))
    for c in "yesterday" { _ = update(&state, .key(.character(c))) }
    _ = update(&state, .key(.enter))
    guard case .customRange(_, _, _, let error) = state.overlay else { Issue.record("closed"); return }
    #expect(error == "\"yesterday\" is not an ISO 8601 UTC time")
  }
}

@Suite struct AppUpdateTests {
  @Test func commandLineSuggestsOnTypos() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character(":")))
    for c in "histroy" { _ = update(&state, .key(.character(c))) }
    _ = update(&state, .key(.enter))
    #expect(state.message?.text == "Unknown command ':histroy'. Did you mean ':history'?")
  }

  @Test func themeCommandChecksNames() {
    var state = AppState(
      databasePath: "db", size: Size(width: 80, height: 24), availableThemes: ["default", "light"])
    #expect(runCommand(&state, "theme ligth") == [])
    #expect(state.message?.text == "Unknown theme 'ligth'. Did you mean 'light'? Available: default, light")
    #expect(runCommand(&state, "theme light") == [.setTheme(name: "light")])
    #expect(runCommand(&state, "q") == [.quit])
  }

  @Test func qQuitsOnlyAtTopLevel() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.enter))
    #expect(update(&state, .key(.character("q"))) == [])
    #expect(update(&state, .key(.character("q"))) == [.quit])
  }

  @Test func dashboardAsksOnTicksAtLeastASecondApart() {
    var state = AppState(databasePath: "db", size: Size(width: 80, height: 24))
    // Its recent Insights come from the Insights list, read far less often (a 90-day scan).
    #expect(
      update(&state, .tick(Fixture.now)) == [
        .loadEventCount, .loadDashboard(region: nil), .loadInsights(requestID: 1, region: nil),
      ])
    #expect(update(&state, .tick(Fixture.now.addingTimeInterval(0.5))) == [])
    #expect(update(&state, .tick(Fixture.now.addingTimeInterval(1))) == [.loadDashboard(region: nil)])
  }

  @Test func dashboardEnterOpensFilteredHistory() {
    var state = Fixture.dashboardState(size: Size(width: 120, height: 40))
    // Events per minute → totals → Insights → top event names.
    for _ in 0..<3 { _ = update(&state, .key(.tab)) }
    _ = update(&state, .key(.down))
    let effects = update(&state, .key(.enter))
    #expect(state.pane == .history)
    #expect(state.history.attribute == LookupAttribute(.eventName, "ConsoleLogin"))
    #expect(effects.count == 1)
    state = Fixture.dashboardState(size: Size(width: 120, height: 40))
    for _ in 0..<6 { _ = update(&state, .key(.tab)) }
    _ = update(&state, .key(.down))
    _ = update(&state, .key(.enter))
    #expect(state.region == "eu-west-1")
    state = Fixture.dashboardState(size: Size(width: 120, height: 40))
    _ = update(&state, .key(.backTab))
    #expect(update(&state, .key(.enter)).first == .loadRecord(rowID: 8))
    #expect(state.scope == .detail)
  }

  @Test func everyPaneIsBuiltAndHasATab() {
    #expect(PaneID.available == PaneID.allCases)
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("5")))
    #expect(state.pane == .insights)
    #expect(state.message == nil)
  }

  @Test func mouseSelectsTabsAndRows() {
    var state = Fixture.historyState()
    _ = update(&state, .mouse(MouseEvent(kind: .press, x: 3, y: 0)))
    #expect(state.pane == .dashboard)
    _ = update(&state, .key(.character("2")))
    _ = update(&state, .mouse(MouseEvent(kind: .press, x: 10, y: 5)))
    #expect(state.history.scroll.selected == 2)
    #expect(update(&state, .mouse(MouseEvent(kind: .press, x: 10, y: 5))) == [.loadRecord(rowID: 7)])
  }

  @Test func searchFindsRowsAndWraps() {
    var state = Fixture.historyState()
    _ = update(&state, .key(.character("/")))
    for c in "put" { _ = update(&state, .key(.character(c))) }
    _ = update(&state, .key(.enter))
    #expect(state.history.scroll.selected == 3)
    _ = update(&state, .key(.character("n")))
    #expect(state.history.scroll.selected == 3)
  }

  @Test func failuresShowInTheStatusLine() {
    var state = Fixture.historyState()
    let diagnostic = Diagnostic(code: "X", summary: "s", reason: "database is locked")
    _ = update(&state, .failed(.dashboard, diagnostic))
    #expect(state.message?.text == "database is locked")
    #expect(state.message?.role == .error)
  }
}
