import Foundation
import Testing

/// Trail delivery through the binary: a demo day logged by a trail, delivered on a fixed clock, in
/// CloudTrail's layout; validated by TrailDeck and by the aws CLI's own validator; ingested back to
/// exactly the events delivered; and a bucket that goes missing loses nothing.
@Suite("CLI delivery")
struct CLIDeliveryTests {
  static let start = "2026-01-01T00:00:00Z"
  static let end = "2026-01-01T03:00:00Z"
  static let bucket = "ct-logs"

  /// A store with three hours of demo events (2 accounts, 2 regions) and a logging multi-region trail
  /// with log file validation, made before the demo's events start.
  static func loggedStore(hours: Int = 3) throws -> (CLIScratch, arn: String, account: String) {
    let scratch = try CLIScratch()
    let demo = try scratch.run([
      "demo", "--start", start, "--hours", "\(hours)", "--accounts", "2", "--regions", "2", "--now", end,
    ])
    #expect(demo.status == 0, "\(demo)")
    #expect(try scratch.run(["mb", "s3://" + bucket]).status == 0)
    let created = try scratch.run([
      "create-trail", "--name", "main", "--s3-bucket-name", bucket, "--is-multi-region-trail",
      "--enable-log-file-validation", "--now", start,
    ])
    #expect(created.status == 0, "\(created)")
    let arn =
      try #require(try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])[
        "TrailARN"] as! String
    #expect(try scratch.run(["start-logging", "--name", "main", "--now", start]).status == 0)
    return (scratch, arn, String(arn.split(separator: ":")[4]))
  }

  static func deliveredFiles(_ scratch: CLIScratch) -> [String] {
    let root = scratch.folder + "/data/traildeck/buckets/" + bucket
    let walker = FileManager.default.enumerator(atPath: root)
    return (walker?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json.gz") }.sorted()
  }

  /// Event ids of every management event `lookup-events` returns (newest first), with their accounts.
  static func lookedUp(_ scratch: CLIScratch, db: String) throws -> [(id: String, account: String)] {
    let result = try CLIProcess.run(["lookup-events", "--db", db, "--now", end], home: scratch.folder)
    #expect(result.status == 0, "\(result)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    return (object?["Events"] as? [[String: Any]] ?? []).map { event in
      let record = try? JSONSerialization.jsonObject(
        with: Data((event["CloudTrailEvent"] as? String ?? "{}").utf8))
      return (
        event["EventId"] as? String ?? "", (record as? [String: Any])?["recipientAccountId"] as? String ?? ""
      )
    }
  }

  @Test func aDeliveredDayIsValidAndIngestsBackToTheSameEvents() throws {
    let (scratch, arn, account) = try Self.loggedStore()
    let delivered = try scratch.run(["deliver", "--now", Self.end])
    #expect(delivered.status == 0, "\(delivered)")
    let files = Self.deliveredFiles(scratch)
    let logs = files.filter { !$0.contains("CloudTrail-Digest") }
    let digests = files.filter { $0.contains("CloudTrail-Digest") }
    // 5-minute deliveries over 3 hours in the demo's 2 regions; digests hourly at :17:28 in every region.
    #expect(logs.count == 36 * 2, "\(logs.count)")
    #expect(digests.count == 3 * 17, "\(digests.count)")
    let layout =
      #"^AWSLogs/\#(account)/CloudTrail/(us-east-1|us-west-2|eu-west-1)/2026/01/01/\#(account)_CloudTrail_\1_20260101T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$"#
    for key in logs { #expect(key.range(of: layout, options: .regularExpression) != nil, "\(key)") }
    #expect(
      logs.contains { $0.contains("_20260101T0005Z_") } && logs.contains { $0.contains("_20260101T0300Z_") })
    // No temporary files, a metadata sidecar for each object.
    let root = scratch.folder + "/data/traildeck/buckets/" + Self.bucket
    let all = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
    #expect(!all.contains { $0.contains(".traildeck-tmp-") })
    #expect(all.filter { $0.hasSuffix(".metadata.json") }.count == files.count)

    // TrailDeck's validate-logs and the aws CLI's validator accept everything.
    let validated = try scratch.run([
      "validate-logs", "--trail-arn", arn, "--start-time", Self.start, "--now", Self.end, "--verbose",
    ])
    #expect(validated.status == 0, "\(validated)")
    // validate-logs reads one region (the home region here): 3 digests listing the 27 files delivered
    // up to the last one.
    #expect(validated.stdout.contains("3/3 digest files valid\n27/27 log files valid"), "\(validated)")
    if CLIValidateLogsTests.awscliAvailable {
      let awscli = try ProcessRun.run(
        "/usr/bin/env",
        [
          "python3", CLIValidateLogsTests.script, "--traildeck", CLIProcess.binary.path, "--db", scratch.db,
          "--buckets", scratch.folder + "/data/traildeck/buckets", "--", "--trail-arn", arn, "--start-time",
          Self.start,
          "--end-time", Self.end, "--s3-bucket", Self.bucket, "--verbose",
        ])
      #expect(awscli.status == 0, "\(awscli)")
      #expect(awscli.stderr == validated.stderr)
      #expect(awscli.stdout == validated.stdout, "\(awscli)")
    }

    // Ingested into a fresh store, the bucket gives back exactly the trail's events: the management
    // events (default selectors) of its account, every one of them, none twice.
    let copy = scratch.folder + "/copy.db"
    let ingest = try CLIProcess.run(["ingest", "--quiet", "--db", copy, root], home: scratch.folder)
    #expect(ingest.status == 0, "\(ingest)")
    #expect(ingest.stderr.isEmpty, "\(ingest)")
    let original = try Self.lookedUp(scratch, db: scratch.db).filter { $0.account == account }.map(\.id)
    let back = try Self.lookedUp(scratch, db: copy).map(\.id)
    #expect(!original.isEmpty)
    #expect(back == original)

    // Running delivery again at the same clock writes nothing new.
    #expect(try scratch.run(["deliver", "--now", Self.end]).status == 0)
    #expect(Self.deliveredFiles(scratch) == files)
  }

  @Test func aMissingBucketIsRetriedAndLosesNothing() throws {
    let (scratch, _, account) = try Self.loggedStore()
    let buckets = scratch.folder + "/data/traildeck/buckets"
    try FileManager.default.moveItem(atPath: buckets + "/" + Self.bucket, toPath: buckets + "/away")
    let failed = try scratch.run(["deliver", "--now", "2026-01-01T01:00:00Z"])
    #expect(failed.stderr.contains("LatestDeliveryError NoSuchBucket"), "\(failed)")
    let status = try scratch.run(["get-trail-status", "--name", "main", "--now", "2026-01-01T01:00:00Z"])
    #expect(status.stdout.contains(#""LatestDeliveryError": "NoSuchBucket""#), "\(status)")
    try FileManager.default.moveItem(atPath: buckets + "/away", toPath: buckets + "/" + Self.bucket)
    #expect(try scratch.run(["deliver", "--now", Self.end]).status == 0)
    let copy = scratch.folder + "/copy.db"
    _ = try CLIProcess.run(
      ["ingest", "--quiet", "--db", copy, buckets + "/" + Self.bucket], home: scratch.folder)
    let original = try Self.lookedUp(scratch, db: scratch.db).filter { $0.account == account }.map(\.id)
    #expect(try Self.lookedUp(scratch, db: copy).map(\.id) == original)
    let recovered = try scratch.run(["get-trail-status", "--name", "main", "--now", Self.end])
    #expect(!recovered.stdout.contains("LatestDeliveryError"), "\(recovered)")
  }

  /// A long-running process delivers as its clock passes: `demo --live` at 3 600× for two clock hours
  /// leaves the 5-minute files of those hours, and a one-shot `deliver` afterwards has nothing left.
  @Test func demoLiveDeliversAsTheClockPasses() throws {
    let scratch = try CLIScratch()
    let now = ["--now", "2026-01-01T00:00:00Z"]
    #expect(try scratch.run(["demo", "--days", "1", "--accounts", "1", "--regions", "1"] + now).status == 0)
    #expect(try scratch.run(["mb", "s3://" + Self.bucket]).status == 0)
    #expect(
      try scratch.run(["create-trail", "--name", "live", "--s3-bucket-name", Self.bucket] + now).status == 0)
    #expect(try scratch.run(["start-logging", "--name", "live"] + now).status == 0)
    let live = try scratch.run(
      [
        "demo", "--days", "1", "--accounts", "1", "--regions", "1", "--live", "--speed", "3600", "--rate",
        "0.2",
        "--until", "2026-01-01T02:00:00Z",
      ] + now)
    #expect(live.status == 0, "\(live)")
    let files = Self.deliveredFiles(scratch)
    #expect(files.count == 24, "\(files)")
    #expect(
      files.contains { $0.contains("_20260101T0005Z_") } && files.contains { $0.contains("_20260101T0200Z_") }
    )
    let again = try scratch.run(["deliver", "--now", "2026-01-01T02:00:00Z"])
    #expect(again.stdout.contains("0 log files"), "\(again)")
  }

  /// StopLogging: events up to the stop are delivered, then a final digest; nothing after it; and the
  /// chain still validates.
  @Test func stopLoggingDeliversUpToTheStopAndAFinalDigest() throws {
    let (scratch, arn, _) = try Self.loggedStore()
    #expect(try scratch.run(["stop-logging", "--name", "main", "--now", "2026-01-01T01:30:00Z"]).status == 0)
    #expect(try scratch.run(["deliver", "--now", Self.end]).status == 0)
    let files = Self.deliveredFiles(scratch)
    let logs = files.filter { !$0.contains("CloudTrail-Digest") && $0.contains("/us-east-1/") }
    #expect(logs.last?.contains("_20260101T0130Z_") == true, "\(logs)")
    let digests = files.filter { $0.contains("CloudTrail-Digest/us-east-1/") }
    #expect(
      digests.map { String($0.suffix(24).prefix(16)) } == [
        "20260101T001728Z", "20260101T011728Z", "20260101T013000Z",
      ], "\(digests)")
    let validated = try scratch.run([
      "validate-logs", "--trail-arn", arn, "--start-time", Self.start, "--now", Self.end,
    ])
    #expect(validated.status == 0, "\(validated)")
    #expect(validated.stdout.contains("3/3 digest files valid\n18/18 log files valid"), "\(validated)")
  }

  /// A bucket that cannot be written (a file where the `AWSLogs` folder must go; permissions do not
  /// stop root, who runs CI) fails deliveries until it is fixed, and then everything arrives once.
  @Test func anUnwritableBucketMadeWritableLosesNothing() throws {
    let (scratch, _, account) = try Self.loggedStore()
    let bucket = scratch.folder + "/data/traildeck/buckets/" + Self.bucket
    #expect(FileManager.default.createFile(atPath: bucket + "/AWSLogs", contents: Data("in the way".utf8)))
    let failed = try scratch.run(["deliver", "--now", "2026-01-01T01:00:00Z"])
    #expect(failed.stderr.contains("LatestDeliveryError"), "\(failed)")
    #expect(Self.deliveredFiles(scratch).isEmpty)
    try FileManager.default.removeItem(atPath: bucket + "/AWSLogs")
    #expect(try scratch.run(["deliver", "--now", Self.end]).status == 0)
    let copy = scratch.folder + "/copy.db"
    _ = try CLIProcess.run(["ingest", "--quiet", "--db", copy, bucket], home: scratch.folder)
    let original = try Self.lookedUp(scratch, db: scratch.db).filter { $0.account == account }.map(\.id)
    #expect(try Self.lookedUp(scratch, db: copy).map(\.id) == original)
  }
}
