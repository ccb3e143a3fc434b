import CNcurses
import TrailTUI

extension NcursesTerminal {
  /// Paints the cells of `grid` that differ from the last painted grid, then refreshes once.
  ///
  /// A grid of another size, a style map that resolves any role differently (a theme switch) or a
  /// resize since the last paint repaint everything. Cells beyond the screen are clipped.
  public func paint(_ grid: CellGrid, style: (Role) -> Style) {
    let roleStyles = Role.allCases.map(style)
    let previous = painted.flatMap { old in
      old.width == grid.width && old.height == grid.height && roleStyles == paintedStyles ? old : nil
    }
    if previous == nil { _ = werase(tdcurses_stdscr()) }

    let screen = size
    var drawings: [Role: StyleResolver.Drawing] = [:]
    for y in 0..<min(grid.height, screen.height) {
      for x in 0..<min(grid.width, screen.width) {
        let cell = grid[x, y]
        if cell.isContinuation { continue }
        if let previous, previous[x, y] == cell { continue }
        let drawing =
          drawings[cell.role]
          ?? {
            let made = styles.drawing(for: style(cell.role))
            drawings[cell.role] = made
            return made
          }()
        put(cell, x: x, y: y, drawing: drawing, columns: screen.width)
      }
    }
    _ = refresh()
    painted = grid
    paintedStyles = roleStyles
  }

  public func invalidate() {
    painted = nil
    // ncurses also keeps its own idea of the physical screen; make it redraw from scratch too.
    _ = clearok(tdcurses_curscr(), true)
  }

  private func put(_ cell: Cell, x: Int, y: Int, drawing: StyleResolver.Drawing, columns: Int) {
    // A wide grapheme in the last column cannot fit; ncurses would wrap it onto the next line.
    let fits = cell.width < 2 || x + 1 < columns
    var scalars: [wchar_t] = cell.text.unicodeScalars.map { scalar in
      scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) ? 0x20 : wchar_t(bitPattern: scalar.value)
    }
    if scalars.isEmpty || !fits { scalars = [0x20] }
    let row = Int32(y)
    let column = Int32(x)
    // A cchar_t holds one spacing character and up to three combining marks (CCHARW_MAX - 1 + NUL).
    if scalars.count < 5 {
      let result = (scalars + [0]).withUnsafeBufferPointer { buffer in
        tdcurses_put_cell(row, column, buffer.baseAddress, drawing.attributes, drawing.pair)
      }
      if result != ERR || isLastCell(x: x, y: y, columns: columns) { return }
    }
    let result = scalars.withUnsafeBufferPointer { buffer in
      tdcurses_put_string(
        row, column, buffer.baseAddress, Int32(buffer.count), drawing.attributes, drawing.pair)
    }
    if result == ERR, !isLastCell(x: x, y: y, columns: columns) {
      // Nothing ncurses accepts (an unassigned code point): keep the layout with a placeholder.
      let placeholder: [wchar_t] = Array(repeating: 0x3F, count: Int(max(cell.width, 1)))
      _ = placeholder.withUnsafeBufferPointer { buffer in
        tdcurses_put_string(
          row, column, buffer.baseAddress, Int32(buffer.count), drawing.attributes, drawing.pair)
      }
    }
  }

  /// ncurses reports ERR after writing the bottom-right cell (the cursor cannot advance), though
  /// the cell is drawn.
  private func isLastCell(x: Int, y: Int, columns: Int) -> Bool {
    x >= columns - 1 && y >= size.height - 1
  }
}
