/// A table column: its title and how wide it may be.
public struct TableColumn: Equatable, Sendable {
  public var title: String
  /// Preferred width in cells; flexible columns grow into spare room.
  public var width: Int
  public var isFlexible: Bool
  public var alignRight: Bool

  public init(_ title: String, width: Int, isFlexible: Bool = false, alignRight: Bool = false) {
    self.title = title
    self.width = width
    self.isFlexible = isFlexible
    self.alignRight = alignRight
  }
}

/// One row: a text per column, the row's role and optional per-cell roles.
public struct TableRow: Equatable, Sendable {
  public var cells: [String]
  public var role: Role
  public var cellRoles: [Int: Role]

  public init(cells: [String], role: Role = .normal, cellRoles: [Int: Role] = [:]) {
    self.cells = cells
    self.role = role
    self.cellRoles = cellRoles
  }
}

/// A table over a window of rows: it draws only the rows from `scroll.offset` that fit.
///
/// `rows` may be any slice of a larger result; the owner keeps the window and maps indices.
public struct Table: Widget {
  public var columns: [TableColumn]
  public var rows: [TableRow]
  public var scroll: ScrollState
  public var showsSelection: Bool

  public init(columns: [TableColumn], rows: [TableRow], scroll: ScrollState, showsSelection: Bool = true) {
    self.columns = columns
    self.rows = rows
    self.scroll = scroll
    self.showsSelection = showsSelection
  }

  /// Rows that fit under the header.
  public static func visibleRows(in area: Rect) -> Int { max(0, area.height - 1) }

  /// Narrowest a flexible column is squeezed to before columns fall off the right edge.
  public static let minimumFlexibleWidth = 6

  /// Cell widths per column: preferred widths, flexible ones sharing spare room. When the preferred
  /// widths do not fit, flexible columns shrink (the widest first, down to `minimumFlexibleWidth`) so
  /// that every column stays on screen; only then do the last ones get clipped.
  public func columnWidths(totalWidth: Int) -> [Int] {
    var widths = columns.map(\.width)
    let gaps = max(0, columns.count - 1)
    let spare = totalWidth - gaps - widths.reduce(0, +)
    let flexible = columns.indices.filter { columns[$0].isFlexible }
    guard !flexible.isEmpty else { return widths }
    if spare > 0 {
      for (order, index) in flexible.enumerated() {
        widths[index] += spare / flexible.count + (order < spare % flexible.count ? 1 : 0)
      }
    } else {
      var excess = -spare
      while excess > 0 {
        guard
          let widest = flexible.filter({ widths[$0] > Self.minimumFlexibleWidth }).max(by: {
            widths[$0] < widths[$1]
          })
        else { break }
        widths[widest] -= 1
        excess -= 1
      }
    }
    return widths
  }

  public func render(in area: Rect, into grid: inout CellGrid) {
    guard !area.isEmpty else { return }
    let widths = columnWidths(totalWidth: area.width)
    grid.fill(area.row(0), role: .header)
    drawCells(
      columns.map(\.title), widths: widths, y: area.y, area: area, roles: [:], base: .header, into: &grid)
    let visible = Table.visibleRows(in: area)
    for line in 0..<visible {
      let index = scroll.offset + line
      guard index < rows.count else { break }
      let row = rows[index]
      let y = area.y + 1 + line
      let isSelected = showsSelection && index == scroll.selected
      let base: Role = isSelected ? .selection : row.role
      grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: base)
      drawCells(
        row.cells, widths: widths, y: y, area: area, roles: isSelected ? [:] : row.cellRoles, base: base,
        into: &grid)
    }
  }

  private func drawCells(
    _ texts: [String], widths: [Int], y: Int, area: Rect, roles: [Int: Role], base: Role,
    into grid: inout CellGrid
  ) {
    var x = area.x
    for (index, width) in widths.enumerated() {
      let room = min(width, area.x + area.width - x)
      guard room > 0 else { break }
      let text = index < texts.count ? texts[index] : ""
      let alignRight = index < columns.count && columns[index].alignRight
      grid.write(
        pad(text, toWidth: room, alignRight: alignRight), x: x, y: y, width: room, role: roles[index] ?? base)
      x += width + 1
    }
  }

  /// The row index under screen row `y`, if a row is drawn there.
  public func row(atScreenRow y: Int, in area: Rect) -> Int? {
    let line = y - area.y - 1
    guard line >= 0, line < Table.visibleRows(in: area) else { return nil }
    let index = scroll.offset + line
    return index < rows.count ? index : nil
  }
}
