import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// One `traildeck` UI run in tmux with its own temporary folder (database, config, data home,
/// downloads), cleaned up with the session.
///
/// Most tests start from a copy of one small demo database seeded once per test run (1 day,
/// 1 account, 1 region), so they do not each pay for seeding.
final class UIHarness {
  let folder: URL
  let session: TmuxSession
  let databasePath: String

  /// - Parameters:
  ///   - arguments: the program's arguments, given the database path and the test's folder.
  ///   - seeded: copy the template demo database to the database path first.
  ///   - prepare: runs before the program starts (write a theme file, move the database …).
  init(
    arguments: (_ databasePath: String, _ folder: URL) -> [String], seeded: Bool = true,
    term: String = "xterm-256color",
    environment: [String: String] = [:], width: Int = 120, height: Int = 40,
    prepare: (URL) throws -> Void = { _ in }
  ) throws {
    let program = try #require(
      BuiltProducts.path(of: "traildeck"), "traildeck was not built next to the test bundle")
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "traildeck-ui-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    databasePath = folder.appendingPathComponent("ui.db").path
    do {
      if seeded { try FileManager.default.copyItem(atPath: try Self.template(), toPath: databasePath) }
      try prepare(folder)
      // Keep the developer's home, config and data out of it.
      var variables = [
        "HOME": folder.path, "XDG_CONFIG_HOME": folder.appendingPathComponent("config").path,
        "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
      ]
      variables.merge(environment) { _, given in given }
      session = try TmuxSession(
        program: program, arguments: arguments(databasePath, folder), term: term, environment: variables,
        width: width, height: height)
    } catch {
      try? FileManager.default.removeItem(at: folder)
      throw error
    }
  }

  /// The UI at `now`, without live traffic, on a store holding only `lines` (records as JSON Lines,
  /// ingested by the real `traildeck ingest`), its dashboard on screen.
  static func ingested(_ lines: [String], now: String) throws -> UIHarness {
    let ui = try UIHarness(
      arguments: { db, _ in ["ui", "--db", db, "--now", now, "--no-live"] }, seeded: false,
      prepare: { folder in
        let file = folder.appendingPathComponent("records.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let db = folder.appendingPathComponent("ui.db").path
        let ingest = try CLIProcess.run(["ingest", "--db", db, file.path], home: folder.path)
        try #require(ingest.status == 0, "\(ingest)")
      })
    do {
      try ui.session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    } catch {
      ui.close()
      throw error
    }
    return ui
  }

  deinit { close() }

  /// Kills the program and tmux, removes the folder. Idempotent.
  func close() {
    session.kill()
    try? FileManager.default.removeItem(at: folder)
  }

  // MARK: - Template database

  nonisolated(unsafe) private static var templatePath: Result<String, any Error>?
  private static let templateLock = NSLock()
  /// Set once (under `templateLock`) before the exit handler that reads it is installed.
  nonisolated(unsafe) private static var createdTemplate: UnsafeMutablePointer<CChar>?

  /// Seeds the shared small demo database once (under a lock: suites run in parallel).
  static func template() throws -> String {
    try templateLock.withLock {
      if let templatePath { return try templatePath.get() }
      let result = Result { try seedTemplate() }
      templatePath = result
      return try result.get()
    }
  }

  private static func seedTemplate() throws -> String {
    let program = try #require(BuiltProducts.path(of: "traildeck"))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "traildeck-ui-template-\(getpid()).db"
    ).path
    for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    createdTemplate = strdup(path)
    atexit {
      // The template outlives every test; remove it with the test process.
      if let path = UIHarness.createdTemplate { unlink(path) }
    }
    let output = try CommandRunner.run(
      program, ["demo", "--db", path, "--days", "1", "--accounts", "1", "--regions", "1"],
      environment: ProcessInfo.processInfo.environment, timeout: 120)
    guard output.status == 0 else {
      throw TemplateError(message: "traildeck demo exited \(output.status): \(output.standardError)")
    }
    return path
  }

  struct TemplateError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
  }
}
