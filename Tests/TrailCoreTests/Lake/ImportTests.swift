import Foundation
import Testing

@testable import TrailCore

/// Imports (spec §8.3): which files of a bucket folder are read, statistics, per-file failures,
/// retry, stop, one import per account, retention, de-duplication, and that an import of what a trail
/// delivered is what the trail logged.
@Suite("Imports")
struct ImportTests {
  typealias F = LakeFixture
  static let now = Int64(F.start.timeIntervalSince1970)
  static let role = "arn:aws:iam::\(F.management):role/import"
  static let day: Int64 = 86_400

  static func event(_ n: Int, at time: Int64 = now) -> TestRecord {
    TestRecord(TestRecord.id(n), at: time).with { $0.patches["recipientAccountId"] = "\"\(F.management)\"" }
  }

  /// `buckets/logs/AWSLogs/ACCOUNT/CloudTrail/us-east-1/2025/12/DD/NAME`.
  static func key(day: Int, _ name: String) -> String {
    "buckets/logs/AWSLogs/\(F.management)/CloudTrail/us-east-1/2025/12/\(String(format: "%02d", day))/\(name)"
  }

  static func request(_ store: String, uri: String = "s3://logs", start: Date? = nil, end: Date? = nil)
    -> StartImportRequest
  {
    StartImportRequest(
      destinations: [store],
      importSource: ImportSource(
        s3: S3ImportSource(s3LocationUri: uri, s3BucketRegion: "us-east-1", s3BucketAccessRoleArn: role)),
      startEventTime: start, endEventTime: end)
  }

  /// Two days of good files, a plain JSON file, a gzip file that is not CloudTrail's, and files the
  /// import must not read (outside `CloudTrail/`, a digest, a sidecar).
  static func writeBucket(_ fixture: LakeFixture) throws {
    let store = fixture.store
    try store.write(key(day: 30, "a.json.gz"), records: [event(1), event(2)], gzip: true)
    try store.write(key(day: 30, "b.json.gz"), records: [event(3)], gzip: true)
    try store.write(key(day: 31, "c.json.gz"), records: [event(4), event(5)], gzip: true)
    try store.write(key(day: 31, "plain.json"), records: [event(6)])
    try store.write(key(day: 31, "other.json.gz"), bytes: Gzip.deflate(Array(#"{"hello":"world"}"#.utf8)))
    try store.write(key(day: 31, "c.json.gz.metadata.json"), text: #"{"Content-Type":"application/json"}"#)
    try store.write(
      "buckets/logs/AWSLogs/\(F.management)/CloudTrail-Digest/us-east-1/2025/12/31/d.json.gz",
      bytes: Gzip.deflate(Array("{}".utf8)))
    try store.write("buckets/logs/elsewhere/e.json.gz", records: [event(7)], gzip: true)
  }

  @Test func anImportCopiesTheCloudTrailFilesAndListsTheFailures() throws {
    let fixture = try LakeFixture()
    try Self.writeBucket(fixture)
    let arn = try #require(try fixture.create("imported") { $0.startIngestion = false }.eventDataStoreArn)
    let services = try fixture.services()
    let started = try StartImport.perform(Self.request(arn), with: services)
    #expect(started.importStatus == "FAILED")
    #expect(started.destinations == [arn])
    let id = try #require(started.importId)
    let got = try GetImport.perform(GetImportRequest(importId: id), with: services)
    #expect(
      got.importStatistics
        == ImportStatistics(
          prefixesFound: 2, prefixesCompleted: 2, filesCompleted: 3, eventsCompleted: 5, failedEntries: 2))
    #expect(got.createdTimestamp == F.start)
    #expect(try fixture.memberEventIDs(arn) == [1, 2, 3, 4, 5].map(TestRecord.id))
    let failures = try ListImportFailures.perform(ListImportFailuresRequest(importId: id), with: services)
    let prefix = "s3://logs/AWSLogs/\(F.management)/CloudTrail/us-east-1/2025/12/31/"
    #expect(failures.failures?.map(\.location) == [prefix + "other.json.gz", prefix + "plain.json"])
    #expect(failures.failures?.map(\.status) == ["FAILED", "FAILED"])
    #expect(failures.failures?.map(\.errorType) == ["InvalidLogFile", "InvalidFileFormat"])
    #expect(failures.failures?.allSatisfy { $0.lastUpdatedTime == F.start && $0.errorMessage != nil } == true)
    let listed = try ListImports.perform(ListImportsRequest(destination: arn), with: services)
    #expect(listed.imports?.map(\.importId) == [id])
    #expect(
      try ListImports.perform(ListImportsRequest(importStatus: "COMPLETED"), with: services).imports == [])
  }

  @Test func aNamedPrefixIsReadWholeAndTheTimeRangeFiltersByPathDates() throws {
    let fixture = try LakeFixture()
    try Self.writeBucket(fixture)
    let arn = try #require(try fixture.create("imported") { $0.startIngestion = false }.eventDataStoreArn)
    let services = try fixture.services()
    let elsewhere = try StartImport.perform(Self.request(arn, uri: "s3://logs/elsewhere"), with: services)
    #expect(elsewhere.importStatus == "COMPLETED")
    #expect(try fixture.memberEventIDs(arn) == [TestRecord.id(7)])
    let day30 = Date(timeIntervalSince1970: 1_767_052_800)  // 2025-12-30T00:00:00Z
    let ranged = try StartImport.perform(
      Self.request(arn, start: day30, end: day30.addingTimeInterval(3600)), with: services)
    #expect(ranged.importStatus == "COMPLETED")
    #expect(try fixture.memberEventIDs(arn) == [1, 2, 3, 7].map(TestRecord.id))
  }

  @Test func aRetryResumesAfterTheFilesAlreadyCopied() throws {
    let fixture = try LakeFixture()
    try Self.writeBucket(fixture)
    let arn = try #require(try fixture.create("imported") { $0.startIngestion = false }.eventDataStoreArn)
    let services = try fixture.services()
    let id = try #require(try StartImport.perform(Self.request(arn), with: services).importId)
    // Fix the two bad files, and spoil one already copied: a retry that read it again would fail on it.
    try fixture.store.write(Self.key(day: 31, "plain.json"), records: [Self.event(6)], gzip: true)
    try fixture.store.write(Self.key(day: 31, "other.json.gz"), records: [Self.event(8)], gzip: true)
    try fixture.store.write(Self.key(day: 30, "a.json.gz"), text: "spoilt")
    fixture.advance(days: 1)
    #expect(
      fixture.exception {
        _ = try StartImport.perform(StartImportRequest(destinations: [arn], importId: id), with: services)
      } == "InvalidParameterException")
    let retried = try StartImport.perform(StartImportRequest(importId: id), with: fixture.services())
    #expect(retried.importStatus == "COMPLETED")
    let got = try GetImport.perform(GetImportRequest(importId: id), with: services)
    #expect(got.importStatistics?.filesCompleted == 5)
    #expect(got.importStatistics?.failedEntries == 0)
    #expect(try ListImportFailures.perform(.init(importId: id), with: services).failures == [])
    #expect(try fixture.memberEventIDs(arn) == [1, 2, 3, 4, 5, 6, 8].map(TestRecord.id))
  }

  @Test func aStoppedImportStopsAfterItsCurrentPrefix() throws {
    let fixture = try LakeFixture()
    try Self.writeBucket(fixture)
    let arn = try #require(try fixture.create("imported") { $0.startIngestion = false }.eventDataStoreArn)
    let services = try fixture.services()
    let id = try StartImport.begin(Self.request(arn), with: services)
    // Stopped before it runs: it never starts.
    let early = try StopImport.perform(StopImportRequest(importId: id), with: services)
    #expect(early.importStatus == "STOPPED")
    try StartImport.run(importID: id, context: fixture.context)
    #expect(try GetImport.perform(.init(importId: id), with: services).importStatus == "STOPPED")
    #expect(try fixture.members(arn).isEmpty)
    // Retried, then stopped from another connection after its first prefix.
    _ = try StartImport.begin(StartImportRequest(importId: id), with: services)
    var runner = ImportRunner(context: fixture.context, importID: id)
    runner.afterPrefix = {
      _ = try StopImport.perform(StopImportRequest(importId: id), with: try fixture.services())
    }
    try runner.run()
    let got = try GetImport.perform(.init(importId: id), with: services)
    #expect(got.importStatus == "STOPPED")
    #expect(got.importStatistics?.prefixesCompleted == 1)
    #expect(try fixture.memberEventIDs(arn) == [1, 2, 3].map(TestRecord.id))
  }

  @Test func oneImportRunsPerAccountAndItsStoreCannotBeDeletedMeanwhile() throws {
    let fixture = try LakeFixture()
    try Self.writeBucket(fixture)
    let arn = try #require(
      try fixture.create("imported") {
        $0.startIngestion = false
        $0.terminationProtectionEnabled = false
      }.eventDataStoreArn)
    let services = try fixture.services()
    let id = try StartImport.begin(Self.request(arn), with: services)
    #expect(
      fixture.exception { _ = try StartImport.begin(Self.request(arn), with: services) }
        == "AccountHasOngoingImportException")
    #expect(
      fixture.exception { _ = try DeleteEventDataStore.perform(.init(eventDataStore: arn), with: services) }
        == "EventDataStoreHasOngoingImportException")
    #expect(
      fixture.exception {
        _ = try UpdateEventDataStore.perform(.init(eventDataStore: arn, retentionPeriod: 30), with: services)
      } == "EventDataStoreHasOngoingImportException")
    // Another account may import meanwhile.
    let other = try #require(try fixture.create("mine", account: F.member).eventDataStoreArn)
    _ = try StartImport.begin(Self.request(other), with: fixture.services(account: F.member))
    // An import whose process is gone counts as FAILED and blocks nothing.
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let writer = try EventStore.openWriter(path: fixture.store.dbPath)
    try writer.execute("UPDATE imports SET runner_pid = \(gone.processIdentifier) WHERE id = '\(id)'")
    #expect(try GetImport.perform(.init(importId: id), with: services).importStatus == "FAILED")
    _ = try DeleteEventDataStore.perform(.init(eventDataStore: arn), with: services)
  }

  @Test func theRequestsAreChecked() throws {
    let fixture = try LakeFixture()
    try Self.writeBucket(fixture)
    let arn = try #require(try fixture.create("imported").eventDataStoreArn)
    let pending = try #require(
      try fixture.create("pending") { $0.terminationProtectionEnabled = false }.eventDataStoreArn)
    let services = try fixture.services()
    _ = try DeleteEventDataStore.perform(.init(eventDataStore: pending), with: services)
    let missing =
      "arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/\(UUID().uuidString.lowercased())"
    var badRole = Self.request(arn)
    badRole.importSource?.s3.s3BucketAccessRoleArn = "admin"
    let cases: [(String, StartImportRequest, String)] = [
      ("no bucket", Self.request(arn, uri: "s3://nothing"), "InvalidImportSourceException"),
      ("not s3", Self.request(arn, uri: "https://logs"), "InvalidImportSourceException"),
      ("bad role", badRole, "InvalidImportSourceException"),
      ("bad ARN", Self.request("imported"), "EventDataStoreARNInvalidException"),
      ("missing store", Self.request(missing), "EventDataStoreNotFoundException"),
      ("pending store", Self.request(pending), "InactiveEventDataStoreException"),
      (
        "no destination", StartImportRequest(importSource: Self.request(arn).importSource),
        "InvalidParameterException"
      ),
      (
        "backwards range", Self.request(arn, start: F.start, end: F.start.addingTimeInterval(-1)),
        "InvalidParameterException"
      ),
      (
        "unknown retry", StartImportRequest(importId: UUID().uuidString.lowercased()),
        "ImportNotFoundException"
      ),
    ]
    for (label, request, exception) in cases {
      #expect(
        fixture.exception { _ = try StartImport.perform(request, with: services) } == exception, "\(label)")
    }
    let unknown = UUID().uuidString.lowercased()
    #expect(
      fixture.exception { _ = try GetImport.perform(.init(importId: unknown), with: services) }
        == "ImportNotFoundException")
    #expect(
      fixture.exception { _ = try StopImport.perform(.init(importId: unknown), with: services) }
        == "ImportNotFoundException")
    #expect(
      fixture.exception { _ = try ListImportFailures.perform(.init(importId: unknown), with: services) }
        == "ImportNotFoundException")
    #expect(
      fixture.exception { _ = try ListImports.perform(.init(destination: "imported"), with: services) }
        == "EventDataStoreARNInvalidException")
    #expect(
      fixture.exception { _ = try ListImports.perform(.init(maxResults: 0), with: services) }
        == "InvalidMaxResultsException")
  }

  @Test func storedEventsJoinWithoutDoublingAndOldOnesAreSkipped() throws {
    let fixture = try LakeFixture()
    let old = Self.now - 40 * Self.day
    try fixture.store.write(
      Self.key(day: 1, "a.json.gz"), records: [Self.event(1), Self.event(2, at: old)], gzip: true)
    try fixture.store.write(Self.key(day: 2, "b.json.gz"), records: [Self.event(3)], gzip: true)
    // Event 1 is already stored (and b.json.gz already ingested, journal and all).
    try fixture.appendLive([Self.event(1)])
    _ = try Ingestor(databasePath: fixture.store.dbPath, clock: fixture.clock).ingest(
      paths: [fixture.store.folder + "/" + Self.key(day: 2, "b.json.gz")], report: { _ in })
    let arn = try #require(
      try fixture.create("imported") {
        $0.retentionPeriod = 30
        $0.startIngestion = false
      }.eventDataStoreArn)
    let started = try StartImport.perform(Self.request(arn), with: fixture.services())
    #expect(started.importStatus == "COMPLETED")
    #expect(try fixture.memberEventIDs(arn) == [1, 3].map(TestRecord.id))
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events") == 3)
    let got = try GetImport.perform(.init(importId: started.importId!), with: fixture.services())
    #expect(got.importStatistics?.eventsCompleted == 2)
  }

  @Test func aBadFileIngestedBeforeIsStillAnImportFailure() throws {
    let fixture = try LakeFixture()
    let bad = try fixture.store.write(
      Self.key(day: 1, "bad.json.gz"), bytes: Gzip.deflate(Array(#"{"hello":"world"}"#.utf8)))
    try fixture.store.write(Self.key(day: 1, "good.json.gz"), records: [Self.event(1)], gzip: true)
    _ = try Ingestor(databasePath: fixture.store.dbPath, clock: fixture.clock).ingest(
      paths: [bad], report: { _ in })
    let arn = try #require(try fixture.create("imported") { $0.startIngestion = false }.eventDataStoreArn)
    let started = try StartImport.perform(Self.request(arn), with: fixture.services())
    #expect(started.importStatus == "FAILED")
    let failures = try ListImportFailures.perform(
      .init(importId: started.importId!), with: fixture.services())
    #expect(failures.failures?.map(\.errorType) == ["InvalidLogFile"])
    #expect(try fixture.memberEventIDs(arn) == [TestRecord.id(1)])
  }

  /// What a trail delivered into its bucket, imported into an event data store, is exactly what the
  /// trail logged: the same events, each stored once.
  @Test func anImportOfADeliveredTrailHoldsWhatTheTrailLogged() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    _ = try CreateTrail.perform(
      CreateTrailRequest(name: "main", s3BucketName: "logs", isMultiRegionTrail: true), with: services)
    _ = try StartLogging.perform(StartLoggingRequest(name: "main"), with: services)
    let records = (1...40).map { n in
      Self.event(n, at: Self.now + Int64(n) * 20).with {
        $0.awsRegion = n % 3 == 0 ? "eu-west-1" : "us-east-1"
        if n % 4 == 0 { $0.readOnly = false }
        // The default selectors of a trail log management events only.
        if n % 5 == 0 {
          $0.eventCategory = "Data"
          $0.managementEvent = false
          $0.eventSource = "s3.amazonaws.com"
        }
      }
    }
    try fixture.appendLive(records)
    fixture.clock.advance(by: 3600)
    _ = try TrailDelivery(context: fixture.context).runDue(upTo: fixture.clock.now())
    var delivered: [String] = []
    let files = try Ingestor.collectFiles([fixture.buckets + "/logs"]).map(\.path).filter {
      $0.hasSuffix(".json.gz") && $0.contains("/CloudTrail/")
    }
    #expect(!files.isEmpty)
    for path in files {
      let text = try Gzip.inflate(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path)
      let value = try JSONValue(parsing: text)
      guard case .array(let items)? = value["Records"] else { continue }
      for item in items {
        if case .string(let id)? = item["eventID"] { delivered.append(id) }
      }
    }
    let logged = records.filter { $0.eventCategory == "Management" }.map(\.eventID).sorted()
    #expect(delivered.sorted() == logged)
    let arn = try #require(try fixture.create("copy") { $0.startIngestion = false }.eventDataStoreArn)
    let started = try StartImport.perform(Self.request(arn), with: fixture.services())
    #expect(started.importStatus == "COMPLETED")
    #expect(try fixture.memberEventIDs(arn) == logged)
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events") == 40)
  }
}
