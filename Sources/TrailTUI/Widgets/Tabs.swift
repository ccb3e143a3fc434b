/// The row of pane tabs, `1 Dashboard  2 Event history`.
public struct Tabs: Widget {
  public var titles: [String]
  public var selected: Int

  public init(titles: [String], selected: Int) {
    self.titles = titles
    self.selected = selected
  }

  /// The column span of each tab, for mouse clicks.
  public func spans(in area: Rect) -> [Range<Int>] {
    var x = area.x
    return titles.map { title in
      let width = displayWidth(of: " \(title) ")
      defer { x += width + 1 }
      return x..<(x + width)
    }
  }

  /// The tab index under column `x`, if any.
  public func tab(atColumn x: Int, in area: Rect) -> Int? {
    spans(in: area).firstIndex(where: { $0.contains(x) })
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    grid.fill(area.row(0), role: .tab)
    for (index, range) in spans(in: area).enumerated() where range.lowerBound < area.x + area.width {
      grid.write(
        " \(titles[index]) ", x: range.lowerBound, y: area.y, width: area.x + area.width - range.lowerBound,
        role: index == selected ? .tabActive : .tab)
    }
  }
}
