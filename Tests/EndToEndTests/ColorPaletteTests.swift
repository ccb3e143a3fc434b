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
