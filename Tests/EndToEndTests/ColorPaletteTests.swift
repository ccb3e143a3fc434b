import TerminalNcurses
import Testing
import TrailTUI

/// The adapter's pure parts, tested without a terminal.
struct ColorPaletteTests {
  static let colourCases: [(TerminalColor, ColorMode, Int)] = [
    (.default, .indexed256, -1), (.indexed(196), .indexed256, 196),
    (.rgb(0xFF, 0, 0), .indexed256, 196), (.rgb(0xFF, 0xD7, 0x5F), .indexed256, 221),
    (.rgb(0x80, 0x80, 0x80), .indexed256, 244), (.indexed(9), .basic8, 1), (.indexed(196), .basic8, 1),
    (.rgb(0, 0, 0xFF), .basic8, 4), (.default, .basic8, -1), (.indexed(244), .basic8, 7),
    (.rgb(0x30, 0x30, 0x30), .basic8, 0), (.rgb(0xFF, 0xAF, 0), .basic8, 3),
  ]

  @Test(arguments: colourCases)
  func colourNumber(color: TerminalColor, mode: ColorMode, expected: Int) {
    #expect(ColorPalette.number(for: color, in: mode) == expected)
  }

  /// Colours of the cube or the grey ramp land on themselves; 0–15 are never chosen, even for pure
  /// black and white, because users retheme them.
  @Test(arguments: [
    (UInt8(0), UInt8(0), UInt8(0), 16), (255, 255, 255, 231), (255, 0, 0, 196), (0x5f, 0xaf, 0xd7, 74),
    (128, 128, 128, 244), (0xff, 0xd7, 0x5f, 221), (8, 8, 8, 232),
  ])
  func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ index: Int) {
    #expect(ColorPalette.nearest256(r, g, b) == index)
  }

  /// Hues go to the nearest basic colour; greys to black or white, never (as plain distance would
  /// put 128 grey) to yellow.
  @Test(arguments: [
    (UInt8(0), UInt8(0), UInt8(0), 0), (250, 10, 10, 1), (10, 200, 10, 2), (240, 240, 240, 7), (0, 0, 200, 4),
    (0x26, 0x8b, 0xd2, 6), (200, 200, 0, 3), (128, 128, 128, 7),
  ])
  func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ index: Int) {
    #expect(ColorPalette.nearest8(r, g, b) == index)
  }

  /// xterm's palette: the sixteen system colours, the 6×6×6 cube and the 24-step grey ramp.
  @Test(arguments: [
    (0, UInt8(0), UInt8(0), UInt8(0)), (9, 255, 0, 0), (12, 92, 92, 255), (16, 0, 0, 0),
    (74, 0x5f, 0xaf, 0xd7),
    (196, 255, 0, 0), (231, 255, 255, 255), (232, 8, 8, 8), (255, 238, 238, 238),
  ])
  func rgbOfIndex(_ index: Int, _ r: UInt8, _ g: UInt8, _ b: UInt8) {
    #expect(ColorPalette.rgb(ofIndex: index) == (r, g, b))
  }

  @Test func monochromeHasNoColourNumbers() {
    #expect(ColorPalette.number(for: .indexed(1), in: .monochrome) == nil)
  }

  static let modeCases: [(Bool, Int, String?, Bool, ColorMode)] = [
    (true, 256, nil, false, .indexed256), (true, 8, nil, false, .basic8),
    (true, 88, nil, false, .basic8), (false, 0, nil, false, .monochrome),
    (true, 256, "1", false, .monochrome),
    (true, 256, "", false, .indexed256), (true, 256, nil, true, .monochrome),
  ]

  @Test(arguments: modeCases)
  func colourModeDetection(hasColors: Bool, count: Int, noColor: String?, flag: Bool, expected: ColorMode) {
    #expect(
      ColorMode.detect(
        hasColors: hasColors, colorCount: count, noColorEnvironment: noColor, noColorRequested: flag)
        == expected)
  }
}
