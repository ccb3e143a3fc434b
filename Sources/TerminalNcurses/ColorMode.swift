/// How many colours the adapter paints with.
public enum ColorMode: String, Equatable, Sendable {
  /// The 256 xterm colours.
  case indexed256 = "256"
  /// The eight basic colours; richer colours fall back to the nearest of them.
  case basic8 = "8"
  /// No colour at all: bold, underline and reverse only.
  case monochrome = "mono"

  /// Chooses the mode from what the terminal reports and what the user asked.
  ///
  /// `NO_COLOR` (any non-empty value, per no-color.org) and `--no-color` win over the terminal.
  public static func detect(
    hasColors: Bool, colorCount: Int, noColorEnvironment: String?, noColorRequested: Bool
  ) -> ColorMode {
    if noColorRequested || !(noColorEnvironment ?? "").isEmpty || !hasColors { return .monochrome }
    if colorCount >= 256 { return .indexed256 }
    return colorCount >= 8 ? .basic8 : .monochrome
  }
}
