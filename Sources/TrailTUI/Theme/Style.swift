/// A terminal colour as a theme names it.
public enum TerminalColor: Equatable, Hashable, Sendable {
  /// The terminal's own default foreground or background.
  case `default`
  /// One of the 256 indexed colours (0–7 are the basic eight, 8–15 their bright forms).
  case indexed(UInt8)
  /// A true colour; painted as the nearest of 256 (or 8) where the terminal has no true colour.
  case rgb(UInt8, UInt8, UInt8)
}

/// How a role is painted: colours and attributes.
public struct Style: Equatable, Hashable, Sendable {
  public var foreground: TerminalColor
  public var background: TerminalColor
  public var bold: Bool
  public var underline: Bool
  public var reverse: Bool

  public init(
    foreground: TerminalColor = .default, background: TerminalColor = .default, bold: Bool = false,
    underline: Bool = false, reverse: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.underline = underline
    self.reverse = reverse
  }
}
