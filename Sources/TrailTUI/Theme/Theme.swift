import TrailCore

/// A named mapping of every `Role` to a `Style`.
///
/// Themes come from text (`Theme.parse`); a role a file does not mention keeps the built-in default
/// theme's style, so a partial file always yields a complete theme.
public struct Theme: Equatable, Sendable {
  public var name: String
  public var styles: [Role: Style]

  public init(name: String, styles: [Role: Style]) {
    self.name = name
    self.styles = styles
  }

  /// How `role` is painted; falls back to the built-in default, then to the terminal's plain style.
  public func style(for role: Role) -> Style {
    styles[role] ?? Theme.builtInDefault.styles[role] ?? Style()
  }

  /// The dark default theme, parsed from text embedded in the program so it never depends on files.
  public static let builtInDefault: Theme = {
    var styles: [Role: Style] = [:]
    let (parsed, problems) = Theme.parseLines(BuiltInThemes.defaultText, file: "default.theme", base: [:])
    precondition(problems.isEmpty, "built-in default theme is broken: \(problems.map(\.oneLine))")
    styles = parsed
    for role in Role.allCases where styles[role] == nil {
      preconditionFailure("built-in default theme has no style for role \(role.rawValue)")
    }
    return Theme(name: "default", styles: styles)
  }()
}
