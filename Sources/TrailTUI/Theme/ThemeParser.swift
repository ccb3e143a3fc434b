import TrailCore

extension Theme {
  /// Parses a theme file: one `role = foreground [on background] [bold] [underline] [reverse]` per line.
  ///
  /// Colours are names (`black` … `white`, `bright-black` … `bright-white`, `default`), 0–255 or `#rrggbb`;
  /// words may come in any order (`header = bold white on 17`). Lines starting with `#` and blank lines
  /// are skipped. A bad line yields a `Diagnostic` (code `InvalidTheme`, location `file` + line) and
  /// is skipped; every other line still applies and unmentioned roles keep the built-in default.
  /// The theme is named after the file (`themes/light.theme` → `light`).
  public static func parse(_ text: String, file: String) -> (Theme, [Diagnostic]) {
    let (styles, problems) = parseLines(text, file: file, base: builtInDefault.styles)
    return (Theme(name: themeName(forFile: file), styles: styles), problems)
  }

  /// `light` for `themes/light.theme`.
  public static func themeName(forFile file: String) -> String {
    var name = String(file.split(separator: "/").last ?? Substring(file))
    if name.hasSuffix(".theme") { name.removeLast(".theme".count) }
    return name
  }

  static func parseLines(_ text: String, file: String, base: [Role: Style]) -> ([Role: Style], [Diagnostic]) {
    var styles = base
    var problems: [Diagnostic] = []
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.trimmed
      if line.isEmpty || line.hasPrefix("#") { continue }
      switch parseLine(line) {
      case .success(let (role, style)): styles[role] = style
      case .failure(let failure):
        problems.append(
          Diagnostic(
            code: "InvalidTheme", summary: "cannot use a theme line",
            location: .init(path: file, line: index + 1), reason: failure.reason,
            help: "the line was skipped; its role keeps the default theme's style"))
      }
    }
    return (styles, problems)
  }

  private struct LineFailure: Error {
    var reason: String
  }

  private static func parseLine(_ line: String) -> Result<(Role, Style), LineFailure> {
    guard let equals = line.firstIndex(of: "=") else {
      return .failure(.init(reason: "expected \"role = colours\", found \"\(line)\""))
    }
    let roleName = line[..<equals].trimmed
    guard let role = Role(rawValue: roleName) else {
      var reason = "unknown role \"\(roleName)\""
      if let guess = Suggestions.nearest(to: roleName, in: Role.allCases.map(\.rawValue)) {
        reason += "; did you mean \"\(guess)\"?"
      }
      return .failure(.init(reason: reason))
    }
    let words = line[line.index(after: equals)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
    if words.isEmpty { return .failure(.init(reason: "role \"\(roleName)\" has no style")) }
    var style = Style()
    var foreground: TerminalColor?
    var background: TerminalColor?
    var index = 0
    while index < words.count {
      let word = words[index].lowercased()
      switch word {
      case "bold": style.bold = true
      case "underline": style.underline = true
      case "reverse": style.reverse = true
      case "on":
        guard index + 1 < words.count else {
          return .failure(.init(reason: "\"on\" needs a background colour after it"))
        }
        if background != nil { return .failure(.init(reason: "more than one background colour")) }
        index += 1
        switch parseColor(String(words[index])) {
        case .success(let color): background = color
        case .failure(let failure): return .failure(failure)
        }
      default:
        if foreground != nil {
          return .failure(.init(reason: "unexpected \"\(words[index])\" after the foreground colour"))
        }
        switch parseColor(String(words[index])) {
        case .success(let color): foreground = color
        case .failure(let failure): return .failure(failure)
        }
      }
      index += 1
    }
    style.foreground = foreground ?? .default
    style.background = background ?? .default
    return .success((role, style))
  }

  private static let colorNames = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
  ]

  private static func parseColor(_ word: String) -> Result<TerminalColor, LineFailure> {
    let lowered = word.lowercased()
    if lowered == "default" { return .success(.default) }
    if let index = colorNames.firstIndex(of: lowered) { return .success(.indexed(UInt8(index))) }
    if lowered.hasPrefix("bright-"), let index = colorNames.firstIndex(of: String(lowered.dropFirst(7))) {
      return .success(.indexed(UInt8(index + 8)))
    }
    if lowered.allSatisfy(\.isASCII), lowered.allSatisfy(\.isNumber), !lowered.isEmpty {
      guard let value = Int(lowered), value <= 255 else {
        return .failure(.init(reason: "colour \(word) is out of range 0–255"))
      }
      return .success(.indexed(UInt8(value)))
    }
    if lowered.hasPrefix("#") {
      let hex = lowered.dropFirst()
      guard hex.count == 6, let value = UInt32(hex, radix: 16) else {
        return .failure(.init(reason: "colour \"\(word)\" is not #rrggbb"))
      }
      return .success(.rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)))
    }
    var reason = "unknown colour \"\(word)\""
    let names = colorNames + colorNames.map { "bright-" + $0 } + ["default"]
    if let guess = Suggestions.nearest(to: lowered, in: names) {
      reason += "; did you mean \"\(guess)\"?"
    } else {
      reason += "; use a name (black … white, bright-black … bright-white, default), 0–255 or #rrggbb"
    }
    return .failure(.init(reason: reason))
  }
}

extension Diagnostic {
  /// `PATH:LINE: reason` — how a bad theme line is shown in the status line and on stderr.
  public var lineReference: String {
    guard let location else { return reason }
    if let line = location.line { return "\(location.path):\(line): \(reason)" }
    return "\(location.path): \(reason)"
  }
}
