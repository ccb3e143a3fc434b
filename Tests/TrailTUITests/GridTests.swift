import Testing

@testable import TrailTUI

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("a", 1), ("田", 2), ("🚀", 2), ("é", 1), ("e\u{301}", 1), ("\u{301}", 0), ("ｱ", 1), ("Ａ", 2), ("☔", 2),
    ("❤️", 2), ("한", 2),
  ])
  func characterWidths(_ text: String, _ width: Int) {
    #expect(displayWidth(of: text) == width)
  }

  @Test func truncatesWithEllipsisByCells() {
    #expect(truncate("田中太郎", toWidth: 5) == "田中…")
    #expect(truncate("abcdef", toWidth: 6) == "abcdef")
    #expect(truncate("abcdefg", toWidth: 6) == "abcde…")
    #expect(pad("ab", toWidth: 4, alignRight: true) == "  ab")
  }
}

@Suite struct GridWriteTests {
  @Test func wideCharactersTakeTwoCellsWithContinuation() {
    var grid = CellGrid(width: 6, height: 1)
    let used = grid.write("田a🚀", x: 0, y: 0, role: .title)
    #expect(used == 5)
    #expect(grid[0, 0] == Cell(text: "田", width: 2, role: .title))
    #expect(grid[1, 0].isContinuation)
    #expect(grid[3, 0].text == "🚀" && grid[4, 0].isContinuation)
    expectLines(grid, ["田a🚀 "])
  }

  @Test func clipsToWidthWithEllipsis() {
    var grid = CellGrid(width: 10, height: 1)
    grid.write("ConsoleLogin", x: 1, y: 0, width: 6)
    expectLines(grid, [" Conso…   "])
  }

  @Test func wideCharacterAtRightEdgeBecomesSpace() {
    var grid = CellGrid(width: 3, height: 1)
    grid.write("ab田", x: 0, y: 0, width: 3)
    // "ab田" is 4 cells: it is truncated to "ab…".
    expectLines(grid, ["ab…"])
    var edge = CellGrid(width: 3, height: 1)
    edge.write("田", x: 2, y: 0)
    expectLines(edge, ["  …"])
  }

  @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
    var grid = CellGrid(width: 4, height: 1)
    grid.write("田田", x: 0, y: 0)
    grid.write("x", x: 1, y: 0)
    expectLines(grid, [" x田"])
  }

  @Test func writesOffGridAreIgnored() {
    var grid = CellGrid(width: 3, height: 1)
    #expect(grid.write("abc", x: 0, y: 5) == 0)
    #expect(grid.write("abc", x: 5, y: 0) == 0)
  }
}

@Suite struct LayoutTests {
  @Test func splitsLengthsPercentAndFill() {
    let area = Rect(x: 0, y: 0, width: 80, height: 24)
    let parts = area.split(.vertical, [.length(1), .fill, .length(1)])
    #expect(parts.map(\.height) == [1, 22, 1])
    #expect(parts.map(\.y) == [0, 1, 23])
    let columns = area.split(.horizontal, [.percent(25), .fill, .fill])
    #expect(columns.map(\.width) == [20, 30, 30])
    #expect(columns.map(\.x) == [0, 20, 50])
  }

  @Test func tinyAreasGiveEmptyPartsNotNegativeOnes() {
    let parts = Rect(x: 0, y: 0, width: 5, height: 2).split(.vertical, [.length(3), .length(3), .fill])
    #expect(parts.map(\.height) == [2, 0, 0])
  }
}
