import CNcurses
import TrailTUI

/// Turns a `Style` into ncurses attributes and a colour pair, allocating pairs lazily.
///
/// One per ncurses session: pair numbers only mean something to the screen that defined them.
final class StyleResolver {
  struct Drawing: Equatable {
    var attributes: attr_t
    var pair: Int32
  }

  private struct PairKey: Hashable {
    var foreground: Int
    var background: Int
  }

  let mode: ColorMode
  private let hasDefaultColors: Bool
  private let pairLimit: Int
  private var pairs: [PairKey: Int32] = [:]
  private var cache: [Style: Drawing] = [:]

  /// - Parameters:
  ///   - hasDefaultColors: whether `use_default_colors` succeeded, so -1 may be used in a pair.
  ///   - pairLimit: ncurses' `COLOR_PAIRS`; when they run out, styles fall back to the default pair.
  init(mode: ColorMode, hasDefaultColors: Bool, pairLimit: Int) {
    self.mode = mode
    self.hasDefaultColors = hasDefaultColors
    self.pairLimit = pairLimit
  }

  func drawing(for style: Style) -> Drawing {
    if let known = cache[style] { return known }
    let made = makeDrawing(for: style)
    cache[style] = made
    return made
  }

  private func makeDrawing(for style: Style) -> Drawing {
    var attributes = tdcurses_attr_normal()
    if style.bold { attributes |= tdcurses_attr_bold() }
    if style.underline { attributes |= tdcurses_attr_underline() }
    var reverse = style.reverse
    if mode == .monochrome, style.background != .default {
      // Without colour a background is the only thing telling a selection or a bar apart:
      // reverse video keeps it visible.
      reverse = true
    }
    if reverse { attributes |= tdcurses_attr_reverse() }
    guard
      var foreground = ColorPalette.number(for: style.foreground, in: mode),
      let background = ColorPalette.number(for: style.background, in: mode)
    else { return Drawing(attributes: attributes, pair: 0) }
    if foreground == background, foreground >= 0 {
      // Folding to fewer colours can make text and background equal; keep the text readable.
      foreground = background == 0 ? 7 : 0
    }
    return Drawing(attributes: attributes, pair: pair(foreground: foreground, background: background))
  }

  private func pair(foreground: Int, background: Int) -> Int32 {
    var key = PairKey(foreground: foreground, background: background)
    if !hasDefaultColors {
      // Classic terminals without default-colour support: white on black stands in for "default".
      if key.foreground < 0 { key.foreground = 7 }
      if key.background < 0 { key.background = 0 }
    }
    if key.foreground < 0, key.background < 0 { return 0 }
    if let known = pairs[key] { return known }
    let number = Int32(pairs.count + 1)
    guard Int(number) < pairLimit,
      tdcurses_init_pair(number, Int32(key.foreground), Int32(key.background)) != ERR
    else { return 0 }
    pairs[key] = number
    return number
  }
}
