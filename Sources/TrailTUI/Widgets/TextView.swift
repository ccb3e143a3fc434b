import Foundation

/// Scrollable styled lines (the JSON viewer, help text), with an optional highlighted line.
public struct TextView: Widget {
  public var lines: [StyledLine]
  public var scroll: ScrollState
  public var highlightsSelection: Bool
  /// Text to mark with the `match` role wherever it appears.
  public var search: String?

  public init(
    lines: [StyledLine], scroll: ScrollState, highlightsSelection: Bool = true, search: String? = nil
  ) {
    self.lines = lines
    self.scroll = scroll
    self.highlightsSelection = highlightsSelection
    self.search = search
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    for row in 0..<area.height {
      let index = scroll.offset + row
      guard index < lines.count else { break }
      let y = area.y + row
      let line = lines[index]
      grid.write(spans: line.spans, x: area.x, y: y, width: area.width)
      if let search, !search.isEmpty {
        markMatches(of: search, in: line.text, x: area.x, y: y, width: area.width, grid: &grid)
      }
      if highlightsSelection && index == scroll.selected {
        grid.paint(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection)
      }
    }
  }

  private func markMatches(
    of needle: String, in text: String, x: Int, y: Int, width: Int, grid: inout CellGrid
  ) {
    let hay = text.lowercased()
    let lowered = needle.lowercased()
    var searchStart = hay.startIndex
    while let found = hay.range(of: lowered, range: searchStart..<hay.endIndex) {
      let column = displayWidth(of: String(hay[hay.startIndex..<found.lowerBound]))
      let length = displayWidth(of: String(hay[found]))
      if column < width {
        grid.paint(Rect(x: x + column, y: y, width: min(length, width - column), height: 1), role: .match)
      }
      searchStart = found.upperBound
    }
  }
}
