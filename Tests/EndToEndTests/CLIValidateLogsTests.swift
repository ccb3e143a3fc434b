import Foundation
import Testing
import TrailCore

/// TrailDeck's digests and `validate-logs` against the aws CLI's own validation code
/// (`awscli.customizations.cloudtrail.validation`, run by `Support/awscli_validate.py` over the same
/// buckets folder and TrailDeck's `list-public-keys`): awscli must accept what TrailDeck writes, and
/// both must print the same lines, on the same streams, with the same status, for intact and damaged
/// trails alike.
@Suite("CLI validate-logs against awscli", .serialized)
struct CLIValidateLogsTests {
  struct Scenario: Sendable, CustomStringConvertible {
    var name: String
    var stoppedHour: Int? = nil
    /// Damages the bucket after the digests were written.
    var damage: @Sendable (DigestedBucket) throws -> Void = { _ in }
    /// A line awscli must print on stderr (empty: none expected).
    var expectedError: String
    var status: Int32
    var description: String { name }
  }

  static let scenarios: [Scenario] = [
    Scenario(name: "intact chain", expectedError: "", status: 0),
    Scenario(
      name: "one byte of a log's content changed",
      damage: { bucket in
        try bucket.rewrite(bucket.logs[0].key) { bytes in
          var json = try Gzip.inflate(bytes, path: "log")
          json[json.count - 5] =
            json[json.count - 5] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
          return Gzip.deflate(json)
        }
      }, expectedError: "INVALID: hash value doesn't match", status: 1),
    Scenario(
      name: "one byte of a log's gzip changed",
      damage: { bucket in
        try bucket.rewrite(bucket.logs[2].key) { bytes in
          var damaged = bytes
          damaged[bytes.count / 2] ^= 0x55
          return damaged
        }
      }, expectedError: "\tINVALID: invalid format", status: 1),
    Scenario(
      name: "a log deleted", damage: { bucket in try bucket.delete(bucket.logs[3].key) },
      expectedError: "INVALID: not found", status: 1),
    Scenario(
      name: "a digest deleted", damage: { bucket in try bucket.delete(bucket.digests[1]!.key) },
      expectedError: "_20240301T140728Z.json.gz\tINVALID: not found", status: 1),
    // Nothing links to the newest digest, so neither validator can miss it: the range just ends earlier.
    Scenario(
      name: "the newest digest deleted", damage: { bucket in try bucket.delete(bucket.digests[4]!.key) },
      expectedError: "", status: 0),
    Scenario(
      name: "one byte of a digest's content changed",
      damage: { bucket in
        try bucket.rewrite(bucket.digests[3]!.key) { bytes in
          let text = String(decoding: try Gzip.inflate(bytes, path: "digest"), as: UTF8.self)
          return Gzip.deflate(Array(text.replacingOccurrences(of: "SHA-256", with: "SHA-257").utf8))
        }
      }, expectedError: "_20240301T160728Z.json.gz\tINVALID: signature verification failed", status: 1),
    Scenario(
      name: "a signature altered",
      damage: { bucket in
        try bucket.remeta(bucket.digests[2]!.key) { metadata in
          let signature = metadata.user["signature"]!
          metadata.user["signature"] = (signature.first == "0" ? "1" : "0") + signature.dropFirst()
        }
      }, expectedError: "INVALID: signature verification failed", status: 1),
    // Python's streaming gunzip returns what it has; the hash check then fails, not the format.
    Scenario(
      name: "a log cut short",
      damage: { bucket in try bucket.rewrite(bucket.logs[5].key) { Array($0.dropLast(20)) } },
      expectedError: "INVALID: hash value doesn't match", status: 1),
    Scenario(
      name: "a digest copied over a later one",
      damage: { bucket in
        let object = try bucket.folder.get(bucket: DigestedBucket.bucket, key: bucket.digests[0]!.key)
        try bucket.folder.put(
          bucket: DigestedBucket.bucket, key: bucket.digests[4]!.key, bytes: object.bytes,
          metadata: object.metadata)
      }, expectedError: "INVALID: has been moved from its original location", status: 1),
    Scenario(
      name: "a digest's signature metadata removed",
      damage: { bucket in try bucket.remeta(bucket.digests[1]!.key) { $0.user = [:] } },
      expectedError: "_20240301T140728Z.json.gz\tINVALID: signature verification failed", status: 1),
    Scenario(
      name: "a digest that is not gzip",
      damage: { bucket in try bucket.rewrite(bucket.digests[2]!.key) { try Gzip.inflate($0, path: "digest") }
      },
      expectedError: "_20240301T150728Z.json.gz\tINVALID: invalid format", status: 1),
    Scenario(
      name: "logging stopped for an hour", stoppedHour: 3,
      expectedError: "No log files were delivered by CloudTrail between 2024-03-01T14:07:28Z and "
        + "2024-03-01T15:07:28Z", status: 0),
  ]

  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Support/awscli_validate.py").path

  /// Whether awscli is importable (`.ci/run` installs it when it is not).
  static let awscliAvailable: Bool = {
    (try? ProcessRun.run("/usr/bin/env", ["python3", "-c", "import awscli"]))?.status == 0
  }()

  @Test(arguments: scenarios, [true, false])
  func traildeckPrintsWhatAwscliPrints(_ scenario: Scenario, verbose: Bool) throws {
    try #require(
      Self.awscliAvailable, "python3 cannot import awscli; run `pip install awscli` (.ci/run does)")
    let bucket = try DigestedBucket(hours: 5, stoppedHour: scenario.stoppedHour)
    try scenario.damage(bucket)
    let flags =
      [
        "--trail-arn", DigestedBucket.arn, "--start-time", "2024-03-01T12:07:28Z", "--end-time",
        "2024-03-01T17:07:28Z", "--s3-bucket", DigestedBucket.bucket,
      ] + (verbose ? ["--verbose"] : [])

    let awscli = try ProcessRun.run(
      "/usr/bin/env",
      [
        "python3", Self.script, "--traildeck", CLIProcess.binary.path, "--db", bucket.scratch.db, "--buckets",
        bucket.buckets, "--",
      ] + flags)
    let traildeck = try bucket.scratch.run(["validate-logs", "--buckets", bucket.buckets] + flags)

    #expect(awscli.status == scenario.status, "awscli: \(awscli)")
    if scenario.expectedError.isEmpty {
      #expect(awscli.stderr.isEmpty, "awscli: \(awscli)")
    } else {
      #expect(awscli.stderr.contains(scenario.expectedError), "awscli: \(awscli)")
    }
    if verbose && scenario.status == 0 {
      #expect(awscli.stdout.contains("\tvalid\n"), "awscli accepted nothing: \(awscli)")
    }
    #expect(traildeck.status == awscli.status, "traildeck: \(traildeck)\nawscli: \(awscli)")
    #expect(traildeck.stdout == awscli.stdout)
    #expect(traildeck.stderr == awscli.stderr)
  }

  struct Failure: Sendable, CustomStringConvertible {
    var name: String
    var flags: [String]
    var region: String? = nil
    var message: String
    var description: String { name }
  }

  static let failures: [Failure] = [
    Failure(
      name: "start after end",
      flags: ["--start-time", "2024-03-01T18:00:00Z", "--end-time", "2024-03-01T17:00:00Z"],
      message: "Invalid time range specified: start-time must occur before end-time"),
    Failure(
      name: "not a trail ARN", flags: ["--trail-arn", "arn:aws:s3:::trail-bucket"],
      message: "Invalid trail ARN provided: arn:aws:s3:::trail-bucket"),
    Failure(
      name: "a region that never signed", flags: [], region: "eu-west-1",
      message: "No public keys found between 2024-03-01T12:07:28Z and 2024-03-01T19:07:28Z"),
  ]

  /// Runs that fail as a whole end with status 255 and the message between blank lines on stderr.
  @Test(arguments: failures)
  func failuresAreReportedAsAwscliReportsThem(_ failure: Failure) throws {
    try #require(
      Self.awscliAvailable, "python3 cannot import awscli; run `pip install awscli` (.ci/run does)")
    let bucket = try DigestedBucket(hours: 1)
    var flags = [
      "--trail-arn", DigestedBucket.arn, "--start-time", "2024-03-01T12:07:28Z", "--end-time",
      "2024-03-01T17:07:28Z", "--s3-bucket", DigestedBucket.bucket,
    ]
    // argparse takes the last of a repeated flag, as ArgumentParser does.
    flags += failure.flags
    let region = failure.region.map { ["--region", $0] } ?? []
    let awscli = try ProcessRun.run(
      "/usr/bin/env",
      [
        "python3", Self.script, "--traildeck", CLIProcess.binary.path, "--db", bucket.scratch.db, "--buckets",
        bucket.buckets,
      ] + region + ["--"] + flags)
    let traildeck = try bucket.scratch.run(["validate-logs", "--buckets", bucket.buckets] + region + flags)
    #expect(awscli.status == 255, "awscli: \(awscli)")
    #expect(awscli.stderr.hasSuffix("\n\(failure.message)\n"), "awscli: \(awscli)")
    #expect(traildeck.status == awscli.status, "traildeck: \(traildeck)")
    #expect(traildeck.stdout == awscli.stdout)
    #expect(traildeck.stderr == awscli.stderr)
  }

  @Test func listPublicKeysPrintsTheSigningKeyAsTheAwsCLIDoes() throws {
    let bucket = try DigestedBucket(hours: 1)
    let result = try bucket.scratch.run([
      "list-public-keys", "--start-time", "2024-03-01T00:00:00Z", "--end-time", "2024-03-02T00:00:00Z",
    ])
    #expect(result.status == 0, "\(result)")
    let json = try JSONValue(parsing: result.stdout)
    guard case .array(let keys)? = json["PublicKeyList"], let key = keys.first else {
      Issue.record("no key: \(result)")
      return
    }
    #expect(keys.count == 1)
    #expect(key.keys == ["Value", "ValidityStartTime", "ValidityEndTime", "Fingerprint"])
    #expect(key["ValidityStartTime"] == .string("2024-03-01T13:07:28+00:00"))
    #expect(key["ValidityEndTime"] == .string("2024-03-31T13:07:28+00:00"))
    guard case .string(let value)? = key["Value"], let der = Data(base64Encoded: value) else {
      Issue.record("Value is not base64: \(result)")
      return
    }
    #expect(key["Fingerprint"] == .string(PublicSigningKey.fingerprint(of: [UInt8](der))))
  }

  @Test func withoutABucketTheTrailMustBeGiven() throws {
    let bucket = try DigestedBucket(hours: 1)
    let result = try bucket.scratch.run([
      "validate-logs", "--trail-arn", DigestedBucket.arn, "--start-time", "2024-03-01T12:07:28Z",
    ])
    #expect(result.status == 255)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("--s3-bucket"))
  }
}

/// What a helper process printed.
struct ProcessRun: CustomStringConvertible {
  var status: Int32
  var stdout: String
  var stderr: String

  var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }

  /// Runs `executable arguments…` to completion, its output collected in files (a pipe could fill up).
  static func run(_ executable: String, _ arguments: [String]) throws -> ProcessRun {
    let folder = NSTemporaryDirectory() + "traildeck-run-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let out = folder + "/out"
    let err = folder + "/err"
    _ = FileManager.default.createFile(atPath: out, contents: nil)
    _ = FileManager.default.createFile(atPath: err, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    try process.run()
    process.waitUntilExit()
    return ProcessRun(
      status: process.terminationStatus, stdout: try String(contentsOfFile: out, encoding: .utf8),
      stderr: try String(contentsOfFile: err, encoding: .utf8))
  }
}
