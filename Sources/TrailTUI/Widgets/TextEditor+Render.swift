extension TextEditor {
  /// Width of the line-number gutter (numbers, then a marker column).
  static let gutterWidth = 5

  /// Draws the visible lines with SQL colours and a line-number gutter; the cursor cell wears
  /// `selection` when `showsCursor`, and `errorLine` (1-based) is drawn in `error` with a marker.
  public func render(in area: Rect, into grid: inout CellGrid, showsCursor: Bool, errorLine: Int? = nil) {
    guard !area.isEmpty else { return }
    let roles = SQLHighlighter.roles(of: lines)
    let textX = area.x + Self.gutterWidth
    let textWidth = area.width - Self.gutterWidth
    for screenRow in 0..<area.height {
      let index = topLine + screenRow
      guard index < lines.count else { break }
      let y = area.y + screenRow
      let isError = errorLine == index + 1
      let number = pad(String(index + 1), toWidth: Self.gutterWidth - 2, alignRight: true)
      grid.write(
        number + (isError ? "▶" : " "), x: area.x, y: y, width: Self.gutterWidth,
        role: isError ? .error : .muted)
      guard textWidth > 0 else { continue }
      var x = textX
      let line = lines[index]
      var col = leftColumn
      while col < line.count, x < textX + textWidth {
        let w = displayWidth(of: line[col])
        guard x + w <= textX + textWidth else { break }
        let isCursor = showsCursor && index == row && col == column
        // The line Lake refused is drawn whole in `error`, so it stands out even where the cursor is not.
        let role = isCursor ? .selection : (isError ? .error : roles[index][col])
        grid.write(String(line[col]), x: x, y: y, width: w, role: role)
        x += max(1, w)
        col += 1
      }
      if showsCursor, index == row, column >= line.count, column >= leftColumn {
        let cx = textX + (column - leftColumn)
        if cx < textX + textWidth { grid.write(" ", x: cx, y: y, width: 1, role: .selection) }
      }
    }
  }
}
