extension CellGrid {
  /// Writes `text` from (x, y), at most `width` cells, clipping to the grid and the width.
  ///
  /// Text that does not fit ends in `…`. A double-width grapheme takes its cell and a continuation
  /// cell; one that would straddle the right edge is replaced by a space, so nothing half-drawn remains.
  /// - Returns: the number of cells written.
  @discardableResult
  public mutating func write(_ text: String, x: Int, y: Int, width: Int? = nil, role: Role = .normal) -> Int {
    let limit = min(width ?? (self.width - x), self.width - x)
    guard y >= 0, y < height, limit > 0 else { return 0 }
    let shown = truncate(text, toWidth: limit)
    var column = x
    for character in shown {
      let w = displayWidth(of: character)
      if w == 0 { continue }
      if column + w > x + limit { break }
      if w == 2 && column + 1 >= self.width {
        put(column, y, Cell(text: " ", width: 1, role: role))
        column += 1
        break
      }
      put(column, y, Cell(text: String(character), width: UInt8(w), role: role))
      if w == 2 { put(column + 1, y, Cell(text: "", width: 0, role: role)) }
      column += w
    }
    return column - x
  }

  /// Fills `area` with blanks of `role`.
  public mutating func fill(_ area: Rect, role: Role = .normal, with text: String = " ") {
    for row in area.y..<(area.y + area.height) {
      for column in area.x..<(area.x + area.width) {
        put(column, row, Cell(text: text, width: 1, role: role))
      }
    }
  }

  /// Changes the role of the cells in `area`, keeping their text (selection bars, highlights).
  public mutating func paint(_ area: Rect, role: Role) {
    for row in max(0, area.y)..<min(height, area.y + area.height) {
      for column in max(0, area.x)..<min(width, area.x + area.width) {
        self[column, row].role = role
      }
    }
  }

  /// The grid as lines of text, continuation cells skipped (what a terminal would show).
  public var lines: [String] {
    (0..<height).map { row in
      var line = ""
      for column in 0..<width where !self[column, row].isContinuation {
        line += self[column, row].text
      }
      return line
    }
  }

  /// Sets a cell and repairs any double-width grapheme it cuts in half.
  private mutating func put(_ x: Int, _ y: Int, _ cell: Cell) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let old = self[x, y]
    if old.isContinuation, x > 0, self[x - 1, y].width == 2 {
      self[x - 1, y] = Cell(text: " ", width: 1, role: self[x - 1, y].role)
    }
    if old.width == 2, cell.width != 2, x + 1 < width, self[x + 1, y].isContinuation {
      self[x + 1, y] = Cell(text: " ", width: 1, role: old.role)
    }
    self[x, y] = cell
  }
}
