/// Where a list is scrolled and which row is selected, both as indices into the list.
public struct ScrollState: Equatable, Sendable {
  public var offset: Int
  public var selected: Int

  public init(offset: Int = 0, selected: Int = 0) {
    self.offset = offset
    self.selected = selected
  }

  /// Moves the selection by `delta` rows, clamped to `count`, and scrolls so it stays visible.
  public mutating func move(by delta: Int, count: Int, visible: Int) {
    select(selected + delta, count: count, visible: visible)
  }

  /// Selects `index` (clamped) and scrolls so it stays within `visible` rows.
  public mutating func select(_ index: Int, count: Int, visible: Int) {
    selected = max(0, min(count - 1, index))
    if count == 0 { selected = 0 }
    keepVisible(count: count, visible: visible)
  }

  /// Adjusts the offset so the selection is on screen and no empty space shows below the last row.
  public mutating func keepVisible(count: Int, visible: Int) {
    let visible = max(1, visible)
    if selected < offset { offset = selected }
    if selected >= offset + visible { offset = selected - visible + 1 }
    offset = max(0, min(offset, max(0, count - visible)))
  }
}
