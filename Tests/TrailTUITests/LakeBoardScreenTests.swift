import Foundation
import Testing
import TrailCore

@testable import TrailTUI

/// The Lake pane's dashboards view: tiles chosen from ViewProperties and row shapes, keys, live reloads.
@Suite struct LakeBoardScreenTests {
  static let boards = [
    LakeDashboardBoard(
      name: "AWSCloudTrail-Highlights", type: "MANAGED", lastRefreshId: "17672256000001234",
      tiles: [
        LakeDashboardTile(
          alias: "A-TopEventNames", title: "Top APIs", view: "BarChart",
          statement:
            "SELECT eventName, COUNT(*) AS eventCount FROM eds GROUP BY eventName ORDER BY eventCount DESC LIMIT 10",
          status: "FINISHED", columns: ["eventName", "eventCount"],
          rows: [["DescribeInstances", "1200"], ["GetObject", "640"], ["AssumeRole", "95"]]),
        LakeDashboardTile(
          alias: "A-Total", title: "Events", view: "Number", statement: "SELECT COUNT(*) FROM eds",
          status: "FINISHED", columns: ["_col0"], rows: [["12345"]]),
        LakeDashboardTile(
          alias: "A-PerHour", title: "Per hour", view: "LineChart", statement: "SELECT …", status: "FINISHED",
          columns: ["hour", "n"], rows: (0..<12).map { ["2026-01-01 \($0):00", String(($0 * 37) % 100)] }),
        LakeDashboardTile(
          alias: "A-TopErrors", title: "Top error codes", view: "Table", statement: "SELECT …",
          status: "FINISHED", columns: ["errorCode", "eventCount"],
          rows: [["AccessDenied", "42"], ["ThrottlingException", "7"]]),
        LakeDashboardTile(
          alias: "A-Users", title: "Top users", view: "Table", statement: "SELECT …", status: "RUNNING",
          columns: [], rows: []),
      ]),
    LakeDashboardBoard(name: "ops", type: "CUSTOM", lastRefreshId: nil, tiles: []),
  ]

  static func opened(size: Size = Size(width: 80, height: 24)) -> (AppState, [Effect]) {
    var state = Fixture.lakeState(size: size)
    _ = update(&state, .key(.escape))
    let effects = update(&state, .key(.character("d")))
    return (state, effects)
  }

  static func loaded(size: Size = Size(width: 80, height: 24)) -> AppState {
    var (state, _) = opened(size: size)
    _ = update(&state, .lakeDashboardsLoaded(requestID: 1, boards))
    return state
  }

  static func screen(_ state: AppState) -> CellGrid {
    var grid = CellGrid(width: state.size.width, height: state.size.height)
    render(state, into: &grid)
    return grid
  }

  @Test func dOpensTheViewAndLoadsTheBoards() {
    let (state, effects) = Self.opened()
    #expect(effects == [.loadLakeDashboards(requestID: 1)])
    #expect(state.lake.board?.isLoading == true)
  }

  @Test(arguments: ["80x24", "120x40"])
  func tilesOfTheHighlightsDashboard(_ name: String) {
    let size = name == "80x24" ? Size(width: 80, height: 24) : Size(width: 120, height: 40)
    assertSnapshot(Self.screen(Self.loaded(size: size)), named: "lake-board-\(name)")
  }

  @Test func tileKindsFollowViewAndShape() {
    let kinds = Self.boards[0].tiles.map(LakeTileKind.init)
    #expect(kinds == [.bars, .number, .sparkline, .table, .table])
  }

  @Test func enterOpensTheSelectedTilesQueryInTheEditor() {
    var state = Self.loaded()
    _ = update(&state, .key(.right))
    #expect(state.lake.board?.selectedTile == 1)
    _ = update(&state, .key(.left))
    _ = update(&state, .key(.enter))
    #expect(state.lake.board == nil)
    #expect(state.lake.focus == .editor)
    #expect(state.lake.editor.text == Self.boards[0].tiles[0].statement)
  }

  @Test func rRefreshesAndTheAnswerReloads() {
    var state = Self.loaded()
    #expect(
      update(&state, .key(.character("r"))) == [.refreshLakeDashboard(name: "AWSCloudTrail-Highlights")])
    #expect(
      update(&state, .lakeDashboardRefreshed(name: "AWSCloudTrail-Highlights", refreshID: "1"))
        == [.loadLakeDashboards(requestID: 2)])
  }

  @Test func pagesCycleAndTheViewReloadsOnTheClock() {
    var state = Self.loaded()
    _ = update(&state, .key(.character("]")))
    #expect(state.lake.board?.board?.name == "ops")
    _ = update(&state, .key(.character("]")))
    #expect(state.lake.board?.page == 0)
    let now = state.now!
    #expect(
      update(&state, .tick(now.addingTimeInterval(1))).contains(.loadLakeDashboards(requestID: 2)) == false)
    #expect(update(&state, .tick(now.addingTimeInterval(3))).contains(.loadLakeDashboards(requestID: 2)))
    _ = update(&state, .key(.escape))
    #expect(state.lake.board == nil)
  }

  @Test func noDashboardsSaysHowToMakeOne() {
    var (state, _) = Self.opened()
    _ = update(&state, .lakeDashboardsLoaded(requestID: 1, []))
    assertSnapshot(Self.screen(state), named: "lake-board-empty-80x24")
  }
}
