import Testing

@testable import TrailTUI

@Suite struct InputLineTests {
  @Test func editsLikeAShell() {
    var line = InputLine("hello")
    line.handle(.left)
    line.handle(.left)
    line.handle(.character("X"))
    #expect(line.text == "helXlo")
    line.handle(.backspace)
    line.handle(.home)
    line.handle(.delete)
    #expect(line.text == "ello")
    line.handle(.end)
    line.handle(.character("!"))
    line.handle(.left)
    line.handle(.control("u"))
    #expect(line.text == "!")
    #expect(line.cursor == 0)
    let handled = line.handle(.enter)
    #expect(!handled)
  }

  @Test func scrollsToKeepTheCursorVisible() {
    var grid = CellGrid(width: 5, height: 1)
    InputLine("abcdefgh").render(in: grid.bounds, into: &grid)
    expectLines(grid, ["efgh "])
    #expect(grid[4, 0].role == .selection)
  }
}

@Suite struct ChartTests {
  @Test func sparklineScalesToTheLargestShownValue() {
    #expect(Sparkline(values: [0, 1, 2, 4, 8]).text(width: 5) == " ▁▂▄█")
    #expect(Sparkline(values: [1, 2, 3]).text(width: 2) == "▆█")
  }

  @Test func barsHaveEighthPrecision() {
    #expect(BarChart.bar(value: 10, maximum: 10, width: 4) == "████")
    #expect(BarChart.bar(value: 5, maximum: 10, width: 3) == "█▌")
    #expect(BarChart.bar(value: 1, maximum: 1000, width: 3) == "▏")
    #expect(BarChart.bar(value: 0, maximum: 10, width: 3) == "")
  }

  @Test func progressBar() {
    #expect(ProgressBar(done: 1, total: 2).text(width: 17) == "[█████     ]  50%")
  }

  @Test func tableRendersOnlyTheVisibleWindow() {
    var grid = CellGrid(width: 12, height: 3)
    let rows = (0..<100).map { TableRow(cells: ["row \($0)"]) }
    Table(
      columns: [TableColumn("Name", width: 12)], rows: rows, scroll: ScrollState(offset: 50, selected: 51)
    )
    .render(in: grid.bounds, into: &grid)
    expectLines(grid, ["Name        ", "row 50      ", "row 51      "])
    #expect(grid[0, 2].role == .selection)
  }
}

@Suite struct JSONDocumentTests {
  @Test func prettyPrintsWithRolesAndFolds() {
    let document = JSONDocument(text: #"{"a":[1,true,"田"],"b":{},"c":{"d":null}}"#)
    #expect(
      document.lines(folded: []).map(\.text) == [
        "{", "  \"a\": [", "    1,", "    true,", "    \"田\"", "  ],", "  \"b\": {},", "  \"c\": {",
        "    \"d\": null", "  }", "}",
      ])
    #expect(document.lines(folded: [1]).map(\.text)[1] == "  \"a\": [ … ],  3 items")
    #expect(document.lines(folded: [0]).map(\.text) == ["{ … }  3 keys"])
    let roles = document.lines(folded: [])[1].spans.map(\.role)
    #expect(roles == [.normal, .jsonKey, .jsonPunctuation, .jsonPunctuation])
    #expect(document.lines(folded: [])[7].foldID == 3)
  }

  @Test func invalidJSONShowsTheRawText() {
    let document = JSONDocument(text: "{\"a\": }")
    #expect(
      document.lines(folded: []).map(\.text) == [
        "not valid JSON (unexpected character at 6); raw text:", "{\"a\": }",
      ])
  }
}
