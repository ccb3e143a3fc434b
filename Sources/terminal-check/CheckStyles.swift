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

  /// A second theme that paints every role's text in colour 201, so a test can see that a theme
  /// switch repainted rows whose text did not change.
  static func alternateStyle(for role: Role) -> Style {
    var style = style(for: role)
    style.foreground = .indexed(201)
    return style
  }
}
