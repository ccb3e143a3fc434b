import TrailTUI

/// Writes text into a grid with double-width graphemes taking two cells.
///
/// terminal-check keeps its own small measure so it does not depend on the UI's text helpers, which
/// are written elsewhere; it only has to be right for the characters it shows.
extension CellGrid {
  mutating func put(_ text: String, x: Int, y: Int, role: Role) {
    var column = x
    for character in text {
      let width = Self.displayWidth(of: character)
      set(column, y, Cell(text: String(character), width: UInt8(width), role: role))
      if width == 2 { set(column + 1, y, Cell(text: "", width: 0, role: role)) }
      column += width
    }
  }

  /// Fills row `y` with blanks in `role`, so bars span the screen.
  mutating func fillRow(_ y: Int, role: Role) {
    for x in 0..<width { set(x, y, Cell(text: " ", width: 1, role: role)) }
  }

  static func displayWidth(of character: Character) -> Int {
    guard let value = character.unicodeScalars.first?.value else { return 1 }
    let wideRanges: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x2705...0x2705, 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF,
      0x20000...0x3FFFD,
    ]
    return wideRanges.contains { $0.contains(value) } ? 2 : 1
  }
}
