import TrailTUI

/// A built-in role → style map, close to what the default theme will be, so terminal-check shows
/// each kind of colour (default, basic, 256-indexed, true colour) and each attribute.
enum CheckStyles {
  static func style(for role: Role) -> Style {
    switch role {
    case .title: Style(foreground: .indexed(15), background: .indexed(24), bold: true)
    case .header: Style(foreground: .indexed(6), bold: true, underline: true)
    case .selection: Style(foreground: .indexed(0), background: .rgb(0xFF, 0xD7, 0x5F))
    case .error: Style(foreground: .indexed(196), bold: true)
    case .warning: Style(foreground: .rgb(0xFF, 0xAF, 0x00))
    case .success: Style(foreground: .indexed(2))
    case .muted, .border: Style(foreground: .indexed(244))
    case .statusBar: Style(foreground: .indexed(0), background: .indexed(7))
    case .keyHint: Style(foreground: .indexed(3), bold: true)
    case .insight: Style(foreground: .indexed(5), reverse: true)
    default: Style()
    }
  }
}
