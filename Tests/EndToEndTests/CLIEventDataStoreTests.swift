import Foundation
import Testing

/// Event data stores and imports through the binary: aws CLI names and flags, JSON output, 254 with
/// the aws CLI's line for CloudTrail's errors, and an import of a delivered trail's bucket.
@Suite("CLI event data stores")
struct CLIEventDataStoreTests {
  static let now = ["--now", "2026-01-01T00:00:00Z"]

  static func json(_ result: CLIResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test func createListGetAndDelete() throws {
    let scratch = try CLIScratch()
    let created = try scratch.run(
      [
        "create-event-data-store", "--name", "audit", "--retention-period", "90", "--tags-list",
        "Key=team,Value=sec",
      ]
        + Self.now)
    #expect(created.status == 0, "\(created)")
    let store = try Self.json(created)
    let arn = try #require(store["EventDataStoreArn"] as? String)
    #expect(arn.hasPrefix("arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/"))
    #expect(
      Array(store.keys).sorted() == [
        "AdvancedEventSelectors", "BillingMode", "CreatedTimestamp", "EventDataStoreArn",
        "MultiRegionEnabled",
        "Name", "OrganizationEnabled", "RetentionPeriod", "Status", "TagsList",
        "TerminationProtectionEnabled",
        "UpdatedTimestamp",
      ])
    #expect(created.stdout.contains(#""CreatedTimestamp": "2026-01-01T00:00:00+00:00""#), "\(created)")
    #expect(created.stdout.contains(#""RetentionPeriod": 90"#))
    let listed = try scratch.run(["list-event-data-stores"])
    #expect(
      listed.stdout == """
        {
            "EventDataStores": [
                {
                    "EventDataStoreArn": "\(arn)",
                    "Name": "audit"
                }
            ]
        }

        """)
    let id = String(arn.split(separator: "/").last!)
    let got = try scratch.run(["get-event-data-store", "--event-data-store", id])
    #expect(try Self.json(got)["Name"] as? String == "audit", "\(got)")
    let protected = try scratch.run(["delete-event-data-store", "--event-data-store", arn])
    #expect(protected.status == 254)
    #expect(
      protected.stderr.hasPrefix(
        "\nAn error occurred (EventDataStoreTerminationProtectedException) when calling the DeleteEventDataStore operation: "
      ), "\(protected)")
    let unprotected = try scratch.run([
      "update-event-data-store", "--event-data-store", arn, "--no-termination-protection-enabled",
    ])
    #expect(unprotected.status == 0, "\(unprotected)")
    let deleted = try scratch.run(["delete-event-data-store", "--event-data-store", arn])
    #expect(deleted.status == 0 && deleted.stdout == "" && deleted.stderr == "", "\(deleted)")
    let pending = try scratch.run(["get-event-data-store", "--event-data-store", arn])
    #expect(try Self.json(pending)["Status"] as? String == "PENDING_DELETION")
    let gone = try scratch.run([
      "get-event-data-store", "--event-data-store", arn, "--now", "2099-01-01T00:00:00Z",
    ])
    #expect(gone.status == 254)
    #expect(
      gone.stderr.contains("(EventDataStoreNotFoundException) when calling the GetEventDataStore operation"))
  }

  @Test func errorsAndUsage() throws {
    let scratch = try CLIScratch()
    let invalid = try scratch.run(["get-event-data-store", "--event-data-store", "audit"])
    #expect(invalid.status == 254)
    #expect(
      invalid.stderr.hasPrefix(
        "\nAn error occurred (EventDataStoreARNInvalidException) when calling the GetEventDataStore operation: "
      ),
      "\(invalid)")
    let range = try scratch.run([
      "create-event-data-store", "--name", "fixed", "--billing-mode", "FIXED_RETENTION_PRICING",
      "--retention-period", "3000",
    ])
    #expect(range.status == 254)
    #expect(
      range.stderr.contains("(InvalidParameterException) when calling the CreateEventDataStore operation"))
    let usage = try scratch.run(["create-event-data-store"])
    #expect(usage.status == 252)
    #expect(usage.stderr.contains("the following arguments are required: --name"), "\(usage)")
    let unknownImport = try scratch.run(["get-import", "--import-id", "00000000-0000-4000-8000-000000000000"])
    #expect(unknownImport.status == 254)
    #expect(unknownImport.stderr.contains("(ImportNotFoundException) when calling the GetImport operation"))
  }

  /// A delivered trail's bucket imported by `start-import` (which runs to its end) and by
  /// `ingest --event-data-store`: both stores hold what the trail delivered.
  @Test func startImportCopiesADeliveredBucket() throws {
    let (scratch, _, _) = try CLIDeliveryTests.loggedStore(hours: 1)
    #expect(try scratch.run(["deliver", "--now", "2026-01-01T01:00:00Z"]).status == 0)
    var delivered = 0
    let root = scratch.folder + "/data/traildeck/buckets/" + CLIDeliveryTests.bucket
    for file in CLIDeliveryTests.deliveredFiles(scratch) where !file.contains("CloudTrail-Digest") {
      let object =
        try JSONSerialization.jsonObject(
          with: Data(try gunzip(root + "/" + file).utf8)) as? [String: Any]
      delivered += (object?["Records"] as? [Any])?.count ?? 0
    }
    #expect(delivered > 0)
    let created = try scratch.run([
      "create-event-data-store", "--name", "copy", "--no-start-ingestion", "--now", "2026-01-01T01:00:00Z",
    ])
    let arn = try #require(try Self.json(created)["EventDataStoreArn"] as? String)
    let started = try scratch.run([
      "start-import", "--destinations", arn, "--import-source",
      #"{"S3":{"S3LocationUri":"s3://\#(CLIDeliveryTests.bucket)","S3BucketRegion":"us-east-1","S3BucketAccessRoleArn":"arn:aws:iam::123456789012:role/import"}}"#,
      "--now", "2026-01-01T01:00:00Z",
    ])
    #expect(started.status == 0, "\(started)")
    let importID = try #require(try Self.json(started)["ImportId"] as? String)
    #expect(try Self.json(started)["ImportStatus"] as? String == "COMPLETED")
    let got = try scratch.run(["get-import", "--import-id", importID])
    let statistics = try #require(try Self.json(got)["ImportStatistics"] as? [String: Any])
    #expect(statistics["EventsCompleted"] as? Int == delivered, "\(got)")
    #expect(statistics["FailedEntries"] as? Int == 0)
    let listed = try scratch.run(["list-imports"])
    #expect(listed.stdout.contains(importID), "\(listed)")
    let failures = try scratch.run(["list-import-failures", "--import-id", importID])
    #expect(failures.stdout == "{\n    \"Failures\": []\n}\n", "\(failures)")
    // The same folder through `ingest`, into another store.
    _ = try scratch.run([
      "create-event-data-store", "--name", "ingested", "--no-start-ingestion", "--now",
      "2026-01-01T01:00:00Z",
    ])
    let ingested = try scratch.run([
      "ingest", "--quiet", "--event-data-store", "ingested", root, "--now", "2026-01-01T01:00:00Z",
    ])
    #expect(ingested.status == 0, "\(ingested)")
    #expect(
      ingested.stdout.hasPrefix("\(delivered) events copied into event data store ingested\n"), "\(ingested)")
  }

  /// `stop-import` from another process stops a `start-import` running in the foreground: the running
  /// import sees the flag after the folder it is copying, and ends `STOPPED` with folders left.
  @Test func stopImportFromAnotherProcessStopsARunningImport() throws {
    let scratch = try CLIScratch()
    let buckets = scratch.folder + "/data/traildeck/buckets"
    // Many small folders (1 344, one log file each, several seconds of copying even on a fast machine):
    // the import checks for a stop after each.
    var script = ""
    for day in 1...28 {
      for part in 0..<48 {
        let folder = String(
          format: "%@/slow/AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/%02d/%02d", buckets, day, part)
        let n = day * 100 + part
        let text = CLIRecords.envelope([CLIRecords.record(n, time: CLIRecords.time(secondsAfterBase: n))])
        script += "mkdir -p '\(folder)' && printf '%s' '\(text)' | gzip -c > '\(folder)/log.json.gz'\n"
      }
    }
    let scriptPath = try scratch.write("make-logs.sh", script)
    let writer = Process()
    writer.executableURL = URL(fileURLWithPath: "/bin/sh")
    writer.arguments = [scriptPath]
    try writer.run()
    writer.waitUntilExit()
    #expect(writer.terminationStatus == 0)
    let created = try scratch.run(["create-event-data-store", "--name", "slow", "--no-start-ingestion"])
    let arn = try #require(try Self.json(created)["EventDataStoreArn"] as? String)
    let running = try CLIProcess.Running(
      [
        "start-import", "--destinations", arn, "--import-source",
        #"{"S3":{"S3LocationUri":"s3://slow","S3BucketRegion":"us-east-1","S3BucketAccessRoleArn":"arn:aws:iam::123456789012:role/import"}}"#,
        "--db", scratch.db,
      ], home: scratch.folder)
    // Wait until it has copied a folder, then stop it from here.
    var importID: String?
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let listed = try Self.json(try scratch.run(["list-imports"]))
      if let id = (listed["Imports"] as? [[String: Any]])?.first?["ImportId"] as? String {
        let got = try Self.json(try scratch.run(["get-import", "--import-id", id]))
        let statistics = got["ImportStatistics"] as? [String: Any]
        if (statistics?["PrefixesCompleted"] as? Int ?? 0) >= 1 {
          importID = id
          break
        }
      }
      Thread.sleep(forTimeInterval: 0.05)
    }
    let id = try #require(importID)
    let stopped = try scratch.run(["stop-import", "--import-id", id])
    #expect(try Self.json(stopped)["ImportStatus"] as? String == "STOPPED", "\(stopped)")
    let finished = try running.finish()
    #expect(finished.status == 0, "\(finished)")
    #expect(try Self.json(finished)["ImportStatus"] as? String == "STOPPED", "\(finished)")
    let got = try Self.json(try scratch.run(["get-import", "--import-id", id]))
    let statistics = try #require(got["ImportStatistics"] as? [String: Any])
    let found = statistics["PrefixesFound"] as? Int ?? 0
    let completed = statistics["PrefixesCompleted"] as? Int ?? 0
    #expect(found == 1344)
    #expect(completed >= 1 && completed < found, "\(got)")
  }

  func gunzip(_ path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-dc", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
