/// A value that draws itself into a rectangle of the grid and nowhere else.
public protocol Widget {
  func render(in area: Rect, into grid: inout CellGrid)
}

extension CellGrid {
  /// Writes spans one after another on row `y`, clipped to `width` cells.
  @discardableResult
  public mutating func write(spans: [Span], x: Int, y: Int, width: Int) -> Int {
    var used = 0
    for span in spans where used < width {
      used += write(span.text, x: x + used, y: y, width: width - used, role: span.role)
    }
    return used
  }
}
