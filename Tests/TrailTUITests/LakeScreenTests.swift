import Foundation
import Testing
import TrailCore

@testable import TrailTUI

private func screen(_ state: AppState) -> CellGrid {
  var grid = CellGrid(width: state.size.width, height: state.size.height)
  render(state, into: &grid)
  return grid
}

/// The grid's roles as text (one legend letter per cell), so role snapshots use the text mechanism.
private func roleGrid(_ grid: CellGrid, rows: Range<Int>, legend: [Role: Character]) -> CellGrid {
  let lines = roles(of: grid, legend: legend)[rows]
  var out = CellGrid(width: grid.width, height: lines.count)
  for (y, line) in lines.enumerated() { out.write(line, x: 0, y: y) }
  return out
}

@Suite struct LakeScreenTests {
  @Test(arguments: ["80x24", "120x40"])
  func emptyStoreListAndEditor(_ name: String) {
    let size = name == "80x24" ? Size(width: 80, height: 24) : Size(width: 120, height: 40)
    assertSnapshot(screen(Fixture.lakeState(size: size)), named: "lake-empty-\(name)")
  }

  @Test func storeList() {
    assertSnapshot(screen(Fixture.lakeState(stores: Fixture.stores)), named: "lake-stores-80x24")
  }

  @Test func editorColoursSQL() {
    var state = Fixture.lakeState()
    Fixture.type(
      "-- top names\nSELECT eventName, count(*) AS n\nFROM all_events WHERE errorCode = 'AccessDenied'\nLIMIT 10",
      into: &state)
    let grid = screen(state)
    assertSnapshot(grid, named: "lake-editor-80x24")
    let legend: [Role: Character] = [
      .sqlKeyword: "k", .sqlString: "s", .sqlNumber: "n", .sqlComment: "c", .sqlFunction: "f",
      .selection: "_",
    ]
    let editor = LakeLayout(ScreenLayout(state.size).content, lake: state.lake).editor
    assertSnapshot(
      roleGrid(grid, rows: editor.y..<(editor.y + 4), legend: legend), named: "lake-editor-roles-80x24")
  }

  @Test func highlighterRolesPerToken() {
    let roles = SQLHighlighter.roles(of: [Array("SELECT lower(x), 'it''s', 42 /* c"), Array("still */ FROM")])
    let legend: [Role: Character] = [
      .sqlKeyword: "k", .sqlString: "s", .sqlNumber: "n", .sqlComment: "c", .sqlFunction: "f",
    ]
    let text = roles.map { String($0.map { legend[$0] ?? "." }) }
    #expect(text == ["kkkkkk.fffff.....sssssss..nn.cccc", "cccccccc.kkkk"])
  }

  @Test(arguments: ["80x24", "120x40"])
  func resultsGrid(_ name: String) {
    let size = name == "80x24" ? Size(width: 80, height: 24) : Size(width: 120, height: 40)
    assertSnapshot(screen(Fixture.lakeWithResult(size: size)), named: "lake-results-\(name)")
  }

  /// A result of a Lake query (StartQuery) names its QueryId after the statistics, whole or not at all:
  /// at 121 columns it just fits, at 120 the line keeps only the statistics.
  @Test(arguments: [(121, true), (120, false)])
  func statusLineNamesTheQueryIdWhenItFits(_ width: Int, _ isShown: Bool) throws {
    var result = Fixture.lakeResult
    result.queryId = "0123abcd-0000-4000-8000-000000000000"
    let grid = screen(Fixture.lakeWithResult(size: Size(width: width, height: 40), result: result))
    let status = try #require(grid.lines.first { $0.contains("events scanned") })
    let statistics = "31 rows · 4,321 events scanned · 2.5 MB · 0.25 s · $0.00001250 · row 1 of 31"
    let expected = statistics + (isShown ? " · query 0123abcd-0000-4000-8000-000000000000" : "")
    #expect(status.trimmingCharacters(in: .whitespaces) == expected)
  }

  @Test func wideResultsScrollSideways() {
    let columns = (0..<12).map { "column_number_\($0)" }
    let result = LakeResult(columns: columns, rows: [columns.map { "value of \($0)" }])
    var state = Fixture.lakeWithResult(result: result)
    for _ in 0..<8 { _ = update(&state, .key(.right)) }
    #expect(state.lake.firstColumn > 0)
    assertSnapshot(screen(state), named: "lake-wide-80x24")
  }

  @Test func errorPointsAtItsPosition() {
    var state = Fixture.lakeState()
    Fixture.type("SELECT eventName\nFROM all_events\nWHERE eventNam = 'x'", into: &state)
    _ = update(&state, .key(.control("r")))
    _ = update(
      &state,
      .lakeQueryFailed(
        requestID: state.lake.running!.requestID, .refused("line 3:7: Column 'eventnam' cannot be resolved")))
    let grid = screen(state)
    assertSnapshot(grid, named: "lake-error-80x24")
    let editor = LakeLayout(ScreenLayout(state.size).content, lake: state.lake).editor
    // The error line's gutter is red and the cursor sits on the offending token.
    #expect(grid[editor.x + 3, editor.y + 2].role == .error)
    #expect(grid[editor.x + TextEditor.gutterWidth, editor.y + 2].role == .error)
    #expect(grid[editor.x + TextEditor.gutterWidth, editor.y + 1].role == .sqlKeyword)
    #expect(grid[editor.x + TextEditor.gutterWidth + 6, editor.y + 2].role == .selection)
  }

  @Test func sampleQueryList() {
    var state = Fixture.lakeState()
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("p")))
    assertSnapshot(screen(state), named: "lake-samples-80x24")
  }

  /// On a store of configuration items `p` lists that kind's samples, under a title naming it.
  @Test func sampleQueryListOfAConfigurationItemStore() {
    var state = Fixture.lakeState(stores: Fixture.kindedStores)
    _ = update(&state, .key(.escape))
    _ = update(&state, .key(.character("p")))
    assertSnapshot(screen(state), named: "lake-samples-config-items-80x24")
  }

  @Test func runningShowsSpinnerAndCancelHint() {
    var state = Fixture.lakeState(size: Size(width: 120, height: 40))
    Fixture.type("SELECT 1", into: &state)
    _ = update(&state, .key(.control("r")))
    let grid = screen(state)
    #expect(grid.lines.contains { $0.contains("Running… 0 s (esc cancels)") })
    #expect(grid.lines.last?.contains("cancel the query") == true)
  }
}
