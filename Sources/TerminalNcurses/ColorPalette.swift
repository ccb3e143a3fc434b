import TrailTUI

/// Turns a theme's `TerminalColor` into a colour number the terminal has.
///
/// Pure, so the nearest-colour rules are testable without a terminal. -1 means "the terminal's
/// default" (ncurses' `use_default_colors` convention).
public enum ColorPalette {
  /// The colour number for `color` in `mode`; nil in monochrome, where colours are not painted.
  public static func number(for color: TerminalColor, in mode: ColorMode) -> Int? {
    switch (mode, color) {
    case (.monochrome, _): return nil
    case (_, .default): return -1
    case (.indexed256, .indexed(let index)): return Int(index)
    case (.indexed256, .rgb(let r, let g, let b)): return nearest256(r, g, b)
    case (.basic8, .indexed(let index)):
      if index < 8 { return Int(index) }
      if index < 16 { return Int(index) - 8 }  // bright forms share the basic hue
      let (r, g, b) = rgb(ofIndex: Int(index))
      return nearest8(r, g, b)
    case (.basic8, .rgb(let r, let g, let b)): return nearest8(r, g, b)
    }
  }

  /// The RGB xterm shows for an index of the 256-colour palette.
  public static func rgb(ofIndex index: Int) -> (UInt8, UInt8, UInt8) {
    switch index {
    case 0..<16: return basic16[index]
    case 16..<232:
      let cube = index - 16
      return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    default:
      let level = UInt8(8 + 10 * (min(index, 255) - 232))
      return (level, level, level)
    }
  }

  /// Nearest of the 240 stable colours (16…255); 0…15 are skipped because users retheme them.
  public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    nearest(r, g, b, among: 16..<256)
  }

  /// Nearest of the eight basic colours, as xterm draws them.
  ///
  /// Greys are special-cased: by plain distance a mid grey lands on yellow, while a user who asked
  /// for grey wants something neutral, so greys go to black or white by brightness.
  public static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
    let channels = [Int(r), Int(g), Int(b)]
    if channels.max()! - channels.min()! < 24 {
      return channels.reduce(0, +) / 3 < 64 ? 0 : 7
    }
    return nearest(r, g, b, among: 0..<8)
  }

  private static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among indices: Range<Int>) -> Int {
    var best = indices.lowerBound
    var bestDistance = Int.max
    for index in indices {
      let (pr, pg, pb) = rgb(ofIndex: index)
      let distance = squared(Int(r) - Int(pr)) + squared(Int(g) - Int(pg)) + squared(Int(b) - Int(pb))
      if distance < bestDistance {
        best = index
        bestDistance = distance
      }
    }
    return best
  }

  private static func squared(_ value: Int) -> Int { value * value }

  private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

  // xterm's defaults for the sixteen system colours.
  private static let basic16: [(UInt8, UInt8, UInt8)] = [
    (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
    (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
    (255, 0, 255), (0, 255, 255), (255, 255, 255),
  ]
}
