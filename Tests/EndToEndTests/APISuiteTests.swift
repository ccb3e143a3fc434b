import Foundation
import Testing

/// The pytest suite in `Tests/api` (the real aws CLI and boto3 against `traildeck serve`), run by
/// `swift test` on the binary this test run built. Its whole output is shown when it fails.
@Suite("API suite (pytest, aws CLI, boto3)")
struct APISuiteTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Whether python3 has what the suite imports (`scripts/bootstrap`, run by `.ci/run`, installs them).
  static let pythonReady: Bool = {
    (try? ProcessRun.run("/usr/bin/env", ["python3", "-c", "import awscli, boto3, pytest"]))?.status == 0
  }()

  @Test(.timeLimit(.minutes(10)))
  func pytestSuitePasses() throws {
    try #require(
      Self.pythonReady,
      "python3 cannot import awscli, boto3 and pytest; run scripts/bootstrap (.ci/run does)")
    let run = try Self.pytest(["-m", "pytest", "Tests/api", "-q", "-x", "-p", "no:cacheprovider"])
    #expect(run.status == 0, "pytest Tests/api failed:\n\(run)")
  }

  /// `python3 ARGUMENTS…` in the package root with `TRAILDECK_BIN` set; killed after `timeout` seconds.
  static func pytest(_ arguments: [String], timeout: TimeInterval = 540) throws -> ProcessRun {
    let folder = NSTemporaryDirectory() + "traildeck-pytest-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/out"
    let err = folder + "/err"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    process.currentDirectoryURL = packageRoot
    var environment = ProcessInfo.processInfo.environment
    environment["TRAILDECK_BIN"] = CLIProcess.binary.path
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
    var timedOut = false
    if process.isRunning {
      timedOut = true
      process.interrupt()  // SIGINT: pytest stops its servers and prints what it has
      let grace = Date().addingTimeInterval(20)
      while process.isRunning && Date() < grace { Thread.sleep(forTimeInterval: 0.2) }
      if process.isRunning { process.terminate() }
    }
    process.waitUntilExit()
    let stdout = try String(contentsOfFile: out, encoding: .utf8)
    let stderr = try String(contentsOfFile: err, encoding: .utf8)
    return ProcessRun(
      status: process.terminationStatus,
      stdout: stdout, stderr: (timedOut ? "timed out after \(Int(timeout)) s\n" : "") + stderr)
  }
}
