import Foundation
import Testing

/// A trail with a KMS key, an SNS topic and a CloudWatch Logs group, through the binary: its log files
/// are SSE-KMS in the bucket folder (not gzip on disk) yet validate and ingest back, each delivery
/// notifies the topic's file, each record reaches the log stream's file, and a key that leaves the
/// ring makes its files a named error.
@Suite("CLI KMS, SNS and CloudWatch Logs delivery")
struct CLIKmsDeliveryTests {
  static let start = "2026-01-01T00:00:00Z"
  static let end = "2026-01-01T01:00:00Z"
  static let bucket = "ct-logs"

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  static func lines(_ path: String) throws -> [[String: Any]] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try json(String($0)) }
  }

  @Test func anEncryptedNotifiedTrailDeliversValidatesAndIngestsBack() throws {
    let scratch = try CLIScratch()
    let data = scratch.folder + "/data/traildeck"
    let demo = try scratch.run([
      "demo", "--start", Self.start, "--hours", "1", "--accounts", "1", "--regions", "1", "--now", Self.end,
    ])
    #expect(demo.status == 0, "\(demo)")
    #expect(try scratch.run(["mb", "s3://" + Self.bucket]).status == 0)

    // create-key prints KMS's KeyMetadata and keeps the key in kms/ beside the buckets.
    let made = try scratch.run([
      "create-key", "--alias", "alias/trails", "--description", "logs", "--now", Self.start,
    ])
    #expect(made.status == 0, "\(made)")
    let metadata = try #require(try Self.json(made.stdout)["KeyMetadata"] as? [String: Any])
    let keyID = try #require(metadata["KeyId"] as? String)
    let keyARN = try #require(metadata["Arn"] as? String)
    let account = try #require(metadata["AWSAccountId"] as? String)
    #expect(keyARN == "arn:aws:kms:us-east-1:\(account):key/\(keyID)")
    #expect(metadata["KeyState"] as? String == "Enabled")
    #expect(made.stdout.contains(#""CreationDate": "2026-01-01T00:00:00+00:00""#), "\(made)")
    #expect(FileManager.default.fileExists(atPath: data + "/kms/\(keyID).json"))
    let again = try scratch.run(["create-key", "--alias", "alias/trails"])
    #expect(again.status == 254 && again.stderr.contains("AlreadyExistsException"), "\(again)")

    // The trail's topic must exist first (InsufficientSnsTopicPolicyException otherwise).
    let topic = try scratch.run(["create-topic", "--name", "trail-topic", "--now", Self.start])
    #expect(topic.status == 0, "\(topic)")
    let group = "arn:aws:logs:us-east-1:\(account):log-group:CloudTrail/main:*"
    let created = try scratch.run([
      "create-trail", "--name", "main", "--s3-bucket-name", Self.bucket, "--enable-log-file-validation",
      "--kms-key-id", "alias/trails", "--sns-topic-name", "trail-topic", "--cloud-watch-logs-log-group-arn",
      group,
      "--cloud-watch-logs-role-arn", "arn:aws:iam::\(account):role/CloudTrail_CloudWatchLogs_Role", "--now",
      Self.start,
    ])
    #expect(created.status == 0, "\(created)")
    #expect(try Self.json(created.stdout)["KmsKeyId"] as? String == keyARN)
    let arn = try #require(try Self.json(created.stdout)["TrailARN"] as? String)
    #expect(try scratch.run(["start-logging", "--name", "main", "--now", Self.start]).status == 0)
    let delivered = try scratch.run(["deliver", "--now", Self.end])
    #expect(delivered.status == 0 && delivered.stderr.isEmpty, "\(delivered)")

    // Log files are envelopes with SSE-KMS metadata; digests stay gzip and SSE-S3 (spec §5.2).
    let root = data + "/buckets/" + Self.bucket
    let files = CLIDeliveryTests.deliveredFiles(scratch)
    let logs = files.filter { !$0.contains("CloudTrail-Digest") }
    let digests = files.filter { $0.contains("CloudTrail-Digest") }
    #expect(logs.count == 12 && digests.count == 1, "\(files)")
    for key in logs {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + key)))
      #expect(Array(bytes.prefix(4)) == Array("TDKM".utf8), "\(key)")
      let sidecar = try Self.json(
        String(contentsOfFile: root + "/" + key + ".metadata.json", encoding: .utf8))
      #expect(sidecar["x-amz-server-side-encryption"] as? String == "aws:kms")
      #expect(sidecar["x-amz-server-side-encryption-aws-kms-key-id"] as? String == keyARN)
    }
    for key in digests {
      let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + key)))
      #expect(Array(bytes.prefix(2)) == [0x1F, 0x8B], "\(key)")
    }

    // validate-logs reads objects as S3 serves them: decrypted, so the digests' hashes hold (the one
    // digest, at 00:17:28, lists the first three files).
    let validated = try scratch.run([
      "validate-logs", "--trail-arn", arn, "--start-time", Self.start, "--now", Self.end,
    ])
    #expect(validated.status == 0, "\(validated)")
    #expect(validated.stdout.contains("1/1 digest files valid\n3/3 log files valid"), "\(validated)")

    // awscli's own validator agrees, over objects decrypted as S3 serves them (the test's fake S3
    // needs python's `cryptography` for that).
    let cryptography = try? ProcessRun.run("/usr/bin/env", ["python3", "-c", "import cryptography"])
    if CLIValidateLogsTests.awscliAvailable, cryptography?.status == 0 {
      let awscli = try ProcessRun.run(
        "/usr/bin/env",
        [
          "python3", CLIValidateLogsTests.script, "--traildeck", CLIProcess.binary.path, "--db", scratch.db,
          "--buckets", data + "/buckets", "--", "--trail-arn", arn, "--start-time", Self.start, "--end-time",
          Self.end, "--s3-bucket", Self.bucket,
        ])
      #expect(awscli.status == 0, "\(awscli)")
      #expect(awscli.stdout.contains("3/3 log files valid"), "\(awscli)")
    }

    // Ingest decrypts with the ring beside the buckets and gives back exactly the trail's events.
    let copy = scratch.folder + "/copy.db"
    let ingest = try CLIProcess.run(["ingest", "--quiet", "--db", copy, root], home: scratch.folder)
    #expect(ingest.status == 0 && ingest.stderr.isEmpty, "\(ingest)")
    let original = try CLIDeliveryTests.lookedUp(scratch, db: scratch.db).filter { $0.account == account }
      .map(\.id)
    let back = try CLIDeliveryTests.lookedUp(scratch, db: copy).map(\.id)
    #expect(!original.isEmpty)
    #expect(back == original)

    // One notification per delivery, naming that delivery's file.
    let notifications = try Self.lines(data + "/sns/us-east-1/\(account)/trail-topic.jsonl")
    #expect(notifications.count == logs.count)
    for notification in notifications {
      #expect(notification["Type"] as? String == "Notification")
      #expect(notification["TopicArn"] as? String == "arn:aws:sns:us-east-1:\(account):trail-topic")
      let message = try Self.json(notification["Message"] as? String ?? "")
      #expect(message["s3Bucket"] as? String == Self.bucket)
      let keys = message["s3ObjectKey"] as? [String] ?? []
      #expect(keys.count == 1 && logs.contains(keys[0]), "\(message)")
    }

    // Every delivered record is one event of CloudTrail's stream.
    let stream = data + "/logs/us-east-1/\(account)/CloudTrail%2Fmain/\(account)_CloudTrail_us-east-1.jsonl"
    let events = try Self.lines(stream)
    let streamed = try events.map { event in
      try Self.json(event["message"] as? String ?? "")["eventID"] as? String ?? ""
    }
    #expect(Set(streamed) == Set(back))
    #expect(streamed.count == back.count)

    let status = try scratch.run(["get-trail-status", "--name", "main", "--now", Self.end])
    #expect(status.stdout.contains(#""LatestNotificationTime": "2026-01-01T01:00:00+00:00""#), "\(status)")
    #expect(status.stdout.contains(#""LatestCloudWatchLogsDeliveryTime": "2026-01-01T01:00:00+00:00""#))
    #expect(!status.stdout.contains("Error"), "\(status)")

    // Without its key, a log file cannot be read: ingest names the file and the key.
    try FileManager.default.removeItem(atPath: data + "/kms/\(keyID).json")
    let orphan = scratch.folder + "/orphan.db"
    let refused = try CLIProcess.run(["ingest", "--quiet", "--db", orphan, root], home: scratch.folder)
    #expect(refused.status == 1, "\(refused)")
    let firstLine = refused.stderr.split(separator: "\n").first.map(String.init) ?? ""
    #expect(firstLine.contains(root + "/AWSLogs/") && firstLine.contains(keyID), "\(refused)")
    let unreadable = try scratch.run([
      "validate-logs", "--trail-arn", arn, "--start-time", Self.start, "--now", Self.end,
    ])
    #expect(unreadable.status != 0 && unreadable.stderr.contains("KMS.NotFoundException"), "\(unreadable)")
  }
}
