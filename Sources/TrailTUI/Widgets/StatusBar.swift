/// The bottom bar: segments on the left, key hints on the right (dropped first when space is short).
public struct StatusBar: Widget {
  public var left: [Span]
  public var hints: [(key: String, help: String)]

  public init(left: [Span], hints: [(key: String, help: String)]) {
    self.left = left
    self.hints = hints
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    grid.fill(area.row(0), role: .statusBar)
    // The facts on the left (database, region, clock, event count) come first; hints fill what is
    // left, so a long database path drops hints rather than the event count.
    let leftWidth = left.reduce(0) { $0 + displayWidth(of: $1.text) }
    let budget = area.width - leftWidth - 1
    var hintSpans: [Span] = []
    var hintWidth = 0
    for hint in hints {
      let width = displayWidth(of: hint.key) + displayWidth(of: hint.help) + 2
      if hintWidth + width + 1 > budget { break }
      hintSpans += [Span(" " + hint.key, .keyHint), Span(" " + hint.help, .statusBar)]
      hintWidth += width
    }
    grid.write(spans: left, x: area.x, y: area.y, width: area.width - hintWidth)
    grid.write(spans: hintSpans, x: area.x + area.width - hintWidth, y: area.y, width: hintWidth)
  }
}
