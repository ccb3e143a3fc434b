import Foundation

/// Finds the `themes/` folder shipped with the program.
///
/// A build runs from `<package>/.build/<triple>/debug/traildeck`, an install from `<prefix>/bin`, so
/// walk up from the executable looking for `themes/default.theme` (or `share/traildeck/themes`).
/// Nil means none was found; the built-in default theme still works.
enum ShippedThemes {
  static func directory(executablePath: String? = Bundle.main.executablePath) -> String? {
    guard let executablePath else { return nil }
    var folder = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
    for _ in 0..<6 {
      for candidate in ["themes", "share/traildeck/themes"] {
        let directory = folder.appendingPathComponent(candidate)
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("default.theme").path) {
          return directory.path
        }
      }
      let parent = folder.deletingLastPathComponent()
      if parent.path == folder.path { break }
      folder = parent
    }
    return nil
  }
}
