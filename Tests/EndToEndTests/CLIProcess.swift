import Foundation

/// What one run of the `traildeck` binary printed and how it ended.
struct CLIResult: CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String
  /// True when the process was ended by a signal (SIGKILL in the kill-and-resume test).
  var wasKilled: Bool

  var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// Runs the built `traildeck` binary as a child process, with its output captured in files (pipes could
/// fill up and stall a child that prints a lot).
enum CLIProcess {
  /// `<products dir>/traildeck`: the products dir holds the test bundle; else `<package>/.build/debug`.
  static let binary: URL = {
    var candidates: [URL] = []
    #if os(macOS)
      candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("traildeck"))
      for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
        candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("traildeck"))
      }
    #endif
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(argument0.deletingLastPathComponent().appendingPathComponent("traildeck"))
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("traildeck"))
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    candidates.append(packageRoot.appendingPathComponent(".build/debug/traildeck"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
  }()

  /// A scratch folder, removed by `cleanUp`.
  static func makeFolder() throws -> String {
    let folder = NSTemporaryDirectory() + "traildeck-cli-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
  }

  /// An environment that keeps the child away from the user's own database and terminal settings.
  static func environment(home: String) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = home
    environment["XDG_DATA_HOME"] = home + "/data"
    environment["NO_COLOR"] = "1"
    environment["TERM"] = "dumb"
    return environment
  }

  /// A started child whose output goes to files; `finish()` waits and reads them.
  final class Running {
    let process = Process()
    let outPath: String
    let errPath: String

    /// Starts `traildeck arguments…` with `home` as HOME and `environment` added to the usual variables.
    init(_ arguments: [String], home: String, environment: [String: String] = [:]) throws {
      let id = UUID().uuidString
      outPath = home + "/out-\(id)"
      errPath = home + "/err-\(id)"
      _ = FileManager.default.createFile(atPath: outPath, contents: nil)
      _ = FileManager.default.createFile(atPath: errPath, contents: nil)
      process.executableURL = CLIProcess.binary
      process.arguments = arguments
      process.environment = CLIProcess.environment(home: home).merging(environment) { _, added in added }
      process.standardInput = FileHandle.nullDevice
      process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
      process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
      try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    func finish() throws -> CLIResult {
      process.waitUntilExit()
      let out = try String(contentsOfFile: outPath, encoding: .utf8)
      let err = try String(contentsOfFile: errPath, encoding: .utf8)
      try? FileManager.default.removeItem(atPath: outPath)
      try? FileManager.default.removeItem(atPath: errPath)
      return CLIResult(
        status: process.terminationStatus, stdout: out, stderr: err,
        wasKilled: process.terminationReason == .uncaughtSignal)
    }
  }

  /// Runs `traildeck arguments…` to completion. `home` is the scratch folder used as HOME.
  static func run(_ arguments: [String], home: String) throws -> CLIResult {
    try Running(arguments, home: home).finish()
  }
}

/// A scratch folder for one CLI test, removed when the value goes away.
final class CLIScratch {
  let folder: String
  var db: String { folder + "/store.db" }

  init() throws { folder = try CLIProcess.makeFolder() }
  deinit { try? FileManager.default.removeItem(atPath: folder) }

  @discardableResult func write(_ name: String, _ text: String) throws -> String {
    let path = folder + "/" + name
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// `traildeck arguments…` with `--db` pointing into this folder when `db` is true.
  func run(_ arguments: [String], db: Bool = true) throws -> CLIResult {
    try CLIProcess.run(arguments + (db ? ["--db", self.db] : []), home: folder)
  }

  /// `text` with this folder's path removed, for pinning messages that name files.
  func relative(_ text: String) -> String { text.replacingOccurrences(of: folder + "/", with: "") }
}

/// Records for CLI tests, written as CloudTrail writes them.
enum CLIRecords {
  static func id(_ n: Int) -> String {
    let digits = String(n)
    return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
  }

  /// One management record; `time` as `YYYY-MM-DDTHH:MM:SSZ`.
  static func record(
    _ n: Int, time: String, name: String = "DescribeInstances", region: String = "us-east-1",
    user: String = "alice", category: String = "Management"
  ) -> String {
    #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAX","arn":"arn:aws:iam::111122223333:user/\#(user)","accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"\#(user)"},"eventTime":"\#(time)","eventSource":"ec2.amazonaws.com","eventName":"\#(name)","awsRegion":"\#(region)","sourceIPAddress":"203.0.113.7","userAgent":"aws-cli/2.15.0","requestParameters":null,"responseElements":null,"requestID":"r\#(n)","eventID":"\#(id(n))","readOnly":true,"eventType":"AwsApiCall","managementEvent":\#(category == "Management"),"recipientAccountId":"111122223333","eventCategory":"\#(category)"}"#
  }

  static func envelope(_ records: [String]) -> String {
    #"{"Records":["# + records.joined(separator: ",") + "]}"
  }

  /// `count` records one second apart from 2024-03-01T12:00:00Z (record n at 12:00:00 + n s).
  static func sequence(_ numbers: ClosedRange<Int>, region: String = "us-east-1") -> [String] {
    numbers.map { n in record(n, time: time(secondsAfterBase: n), region: region) }
  }

  static func time(secondsAfterBase seconds: Int) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: 1_709_294_400 + TimeInterval(seconds)))
  }

  /// The `EventId`s of an aws-CLI-style JSON answer, in order.
  static func eventIDs(inJSON text: String) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    let events = object?["Events"] as? [[String: Any]] ?? []
    return events.compactMap { $0["EventId"] as? String }
  }

  static func nextToken(inJSON text: String) throws -> String? {
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    return object?["NextToken"] as? String
  }
}
