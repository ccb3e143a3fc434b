import Foundation
import TrailCore

/// Finds and loads theme files: the only part of TrailTUI that touches the file system.
///
/// Directories are searched in order and a later one wins for the same name, so a user's
/// `$XDG_CONFIG_HOME/traildeck/themes/light.theme` replaces the shipped `light`.
public struct ThemeCatalog: Sendable {
  public var directories: [String]

  public init(directories: [String]) {
    self.directories = directories
  }

  /// The shipped directory plus `$XDG_CONFIG_HOME/traildeck/themes` (or `~/.config/…`).
  public static func standard(shippedDirectory: String?, environment: [String: String]) -> ThemeCatalog {
    var directories: [String] = []
    if let shippedDirectory { directories.append(shippedDirectory) }
    if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
      directories.append(config + "/traildeck/themes")
    } else if let home = environment["HOME"], !home.isEmpty {
      directories.append(home + "/.config/traildeck/themes")
    }
    return ThemeCatalog(directories: directories)
  }

  /// Theme names available, sorted; `default` is always there because it is built in.
  public func names() -> [String] {
    var names: Set<String> = ["default"]
    for directory in directories {
      let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      for file in files where file.hasSuffix(".theme") { names.insert(Theme.themeName(forFile: file)) }
    }
    return names.sorted()
  }

  /// Loads theme `name`; never fails. A missing or unreadable file gives the built-in default plus a
  /// diagnostic; a file with bad lines gives the theme built from its good lines plus their diagnostics.
  public func load(_ name: String) -> (Theme, [Diagnostic]) {
    guard let path = path(of: name) else {
      if name == "default" { return (.builtInDefault, []) }
      var reason = "no theme named \"\(name)\""
      if let guess = Suggestions.nearest(to: name, in: names()) { reason += "; did you mean \"\(guess)\"?" }
      return (
        .builtInDefault,
        [
          Diagnostic(
            code: "InvalidTheme", summary: "cannot find theme", reason: reason,
            help: "available themes: \(names().joined(separator: ", ")); using default")
        ]
      )
    }
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      return (
        .builtInDefault,
        [
          Diagnostic(
            code: "InvalidTheme", summary: "cannot read theme", location: .init(path: path),
            reason: "the file is unreadable or not UTF-8", help: "using the default theme")
        ]
      )
    }
    return Theme.parse(text, file: path)
  }

  /// Path of the file for `name` in the last directory that has it.
  public func path(of name: String) -> String? {
    for directory in directories.reversed() {
      let path = directory + "/" + name + ".theme"
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    return nil
  }
}
