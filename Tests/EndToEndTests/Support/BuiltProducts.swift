import Foundation

/// Finds the binaries SwiftPM built for this test run.
///
/// `EndToEndTests` depends on the executable targets, so `swift test` builds them into the same
/// products folder as the test bundle (`.build/<triple>/debug`). That folder is found from the
/// running test binary; `#filePath` + `.build/debug` is the fallback for unusual runners.
enum BuiltProducts {
  static func path(of product: String, filePath: String = #filePath) -> String? {
    candidateFolders(filePath: filePath).map { $0.appendingPathComponent(product).path }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  private static func candidateFolders(filePath: String) -> [URL] {
    var folders: [URL] = []
    // The test binary itself (Linux: …/debug/TrailDeckPackageTests.xctest); on macOS it sits deep
    // inside the .xctest bundle, so walk up a few levels.
    var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
    for _ in 0..<4 {
      folders.append(folder)
      folder.deleteLastPathComponent()
    }
    folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
    // Tests/EndToEndTests/Support/BuiltProducts.swift → package root.
    let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    folders.append(root.appendingPathComponent(".build/debug"))
    return folders
  }
}
