import Foundation
import Testing

@testable import TrailCore

/// Real and AWS-authored CloudTrail files (see each folder's SOURCE.txt): what loads, and the exact
/// error line for what does not.
@Suite("Ingest fixtures")
struct IngestFixtureTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures").path
  static let library = fixtures + "/aws-cloudtrail-processing-library/test-resources"

  static func missingIDs(_ count: Int) -> [String] { (1...count).map { "record \($0): missing eventID" } }

  struct LibraryCase: CustomTestStringConvertible, Sendable {
    var file: String
    /// Each reported line with `PATH:` removed.
    var problems: [String]
    var summary: String
    var testDescription: String { file }
  }

  /// The library's records carry no eventID and eventVersions "1.1"…"1.6" (eventID exists since 1.01),
  /// so each is rejected by name; its deliberately broken files are rejected with their reason.
  static let libraryCases: [LibraryCase] = [
    LibraryCase(
      file: "SQSMessageBody",
      problems: [
        "not a CloudTrail log file: expected {\"Records\":[…]}, an array of records or JSON Lines; found an object with keys Type, MessageId, TopicArn, Message, Timestamp"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    LibraryCase(
      file: "SQSMessageBodyWrongFormat",
      problems: [
        "not a CloudTrail log file: expected {\"Records\":[…]}, an array of records or JSON Lines; found an object with keys Type, MessageId, TopicArn, Messagess, Timestamp"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    LibraryCase(
      file: "SerializerAllFieldsNull.json",
      problems: ["record 1: field eventTime: expected a string, found null", "record 2: missing eventID"],
      summary: "1 files, 0 events loaded, 0 duplicates, 2 rejected"),
    LibraryCase(
      file: "SerializerTestFile.json", problems: missingIDs(6),
      summary: "1 files, 0 events loaded, 0 duplicates, 6 rejected"),
    LibraryCase(
      file: "SerializerTestFileBadFieldName.json",
      problems: ["record 1: missing eventTime", "record 2: missing eventID"],
      summary: "1 files, 0 events loaded, 0 duplicates, 2 rejected"),
    LibraryCase(
      file: "SerializerTestFileBadJsonFormat.json",
      problems: ["not valid JSON at line 37, column 9: expected a string, found '{'"],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    LibraryCase(
      file: "SerializerTestFileCompact.json", problems: missingIDs(6),
      summary: "1 files, 0 events loaded, 0 duplicates, 6 rejected"),
    LibraryCase(
      file: "SerializerTestFileCompact.json.gz", problems: missingIDs(6),
      summary: "1 files, 0 events loaded, 0 duplicates, 6 rejected"),
    LibraryCase(
      file: "SerializerTestFileLocation.json", problems: missingIDs(6),
      summary: "1 files, 0 events loaded, 0 duplicates, 6 rejected"),
    LibraryCase(
      file: "SerializerTestFileMissField.json",
      problems: missingIDs(3) + [
        "record 4: field eventTime: \"ThisIsAWrongEventTime\" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SSZ)"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 4 rejected"),
    LibraryCase(
      file: "SerializerTestFileNewFieldAtRandomPlaces.json", problems: missingIDs(2),
      summary: "1 files, 0 events loaded, 0 duplicates, 2 rejected"),
    LibraryCase(
      file: "SerializerTestFileNewFieldName.json",
      problems: ["record 1: missing eventTime", "record 2: missing eventID"],
      summary: "1 files, 0 events loaded, 0 duplicates, 2 rejected"),
    LibraryCase(
      file: "SerializerTestFileNewFieldsInRoot.json", problems: missingIDs(2),
      summary: "1 files, 0 events loaded, 0 duplicates, 2 rejected"),
    LibraryCase(
      file: "SerializerTestFileNewFieldsInUserIdentity.json", problems: missingIDs(2),
      summary: "1 files, 0 events loaded, 0 duplicates, 2 rejected"),
    LibraryCase(
      file: "SerializerVariousUserIdentityTestFile.json", problems: missingIDs(1),
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
  ]

  @Test func everyLibraryFileIsCovered() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.library).sorted()
    #expect(files == Self.libraryCases.map(\.file).sorted())
  }

  @Test(arguments: libraryCases)
  func processingLibraryFile(_ c: LibraryCase) throws {
    let store = try TestStore()
    let path = Self.library + "/" + c.file
    let run = try store.ingest([path])
    let expected = c.problems.map { $0.hasPrefix("record ") ? "\(path):\($0)" : "\(path): \($0)" }
    #expect(run.problems.map(\.oneLine) == expected)
    #expect(run.summary.line == c.summary)
    #expect(run.problems.allSatisfy { $0.location?.path == path })
  }

  @Test func processingLibraryFolderAtOnce() throws {
    let store = try TestStore()
    let run = try store.ingest([Self.library])
    #expect(run.summary.line == "15 files, 0 events loaded, 0 duplicates, 44 rejected")
    let stats = try store.statistics()
    #expect(stats.files == 15)
    #expect(stats.rejectedFiles == 3)
    #expect(stats.rejectedInputs == 44)
    #expect(stats.events == 0)
  }

  // MARK: Stratus Red Team: bare arrays of real records

  static let stratus = fixtures + "/stratus-red-team/detonation-logs"

  /// The records of every Stratus file, read independently with JSONSerialization.
  static func stratusRecords() throws -> [(file: String, record: NSDictionary)] {
    try FileManager.default.contentsOfDirectory(atPath: stratus).sorted().flatMap { name in
      let data = try Data(contentsOf: URL(fileURLWithPath: stratus + "/" + name))
      let records = try #require(try JSONSerialization.jsonObject(with: data) as? [NSDictionary])
      return records.map { (name, $0) }
    }
  }

  @Test func stratusLoadsFully() throws {
    let records = try Self.stratusRecords()
    #expect(records.count == 310)
    let store = try TestStore()
    let run = try store.ingest([Self.stratus])
    #expect(run.lines == [])
    #expect(run.summary.line == "35 files, 310 events loaded, 0 duplicates, 0 rejected")
    let stats = try store.statistics()
    #expect(stats.oldest == ISO8601Time.parseUserTime("2024-07-30T21:31:10Z"))
    #expect(stats.newest == ISO8601Time.parseUserTime("2024-11-30T08:43:18Z"))
  }

  /// Every Stratus event can be looked up by its EventId, with its record returned verbatim.
  @Test func stratusEventsAreFoundByIdWithTheirRecords() throws {
    let store = try TestStore()
    _ = try store.ingest([Self.stratus])
    // Two clocks 90 days apart cover the four months the files span.
    let late = try store.history(now: ISO8601Time.parse("2024-11-30T08:43:18Z")!)
    let early = try store.history(now: ISO8601Time.parse("2024-09-01T08:43:18Z")!)
    var found = 0
    for (file, record) in try Self.stratusRecords() {
      let id = try #require(record["eventID"] as? String)
      let request = LookupRequest(lookupAttributes: [LookupAttribute(.eventId, id)])
      let events = try late.lookupEvents(request).events + early.lookupEvents(request).events
      guard let event = events.first else {
        Issue.record("\(file): \(id) not found")
        continue
      }
      let stored = try JSONSerialization.jsonObject(with: Data(event.cloudTrailEvent.utf8)) as? NSDictionary
      #expect(stored == record, "\(file): \(id)")
      #expect(event.summary.eventName == record["eventName"] as? String)
      #expect(event.summary.awsRegion == record["awsRegion"] as? String)
      found += 1
    }
    #expect(found == 310)
  }

  @Test func stratusCloudTrailDeleteIsFoundByName() throws {
    let store = try TestStore()
    _ = try store.ingest([Self.stratus + "/aws.defense-evasion.cloudtrail-delete.json"])
    let newest = try #require(try store.statistics().newest)
    let history = try StoreServices(databasePath: store.dbPath, clock: FixedClock(newest))
    let page = try history.lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "DeleteTrail")]))
    #expect(page.events.count == 1)
    #expect(page.events.first?.summary.eventSource == "cloudtrail.amazonaws.com")
  }

  // MARK: trailscraper: a real delivery, plain and gzipped

  static let trailscraper = fixtures + "/trailscraper"
  static let delivery =
    trailscraper + "/111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json"

  @Test func trailscraperDeliveryLoadsOnceFromItsTwoCopies() throws {
    let store = try TestStore()
    let run = try store.ingest([Self.delivery, Self.delivery + ".gz"])
    #expect(run.lines == [])
    #expect(run.summary.line == "2 files, 2 events loaded, 2 duplicates, 0 rejected")
    let again = try store.ingest([Self.delivery, Self.delivery + ".gz"])
    #expect(again.summary.line == "2 files, 0 events loaded, 0 duplicates, 0 rejected (2 already ingested)")
  }

  @Test func trailscraperEventsAsEventHistoryShowsThem() throws {
    let store = try TestStore()
    _ = try store.ingest([Self.delivery + ".gz"])
    let history = try store.history(now: ISO8601Time.parse("2017-12-11T15:05:00Z")!)
    let events = try history.lookupEvents(LookupRequest()).events.map(\.summary)
    #expect(
      events.map(\.eventId) == [
        "b25ff7e3-f1cf-4b7f-883d-b09168c454d5", "a0ed971f-389f-406a-9fcf-887c5ca6903a",
      ])
    #expect(events.map(\.username) == ["config.amazonaws.com", "AutoScalingDescribeHandlerSession"])
    #expect(events.map(\.eventName) == ["AssumeRole", "DescribeLaunchConfigurations"])
    #expect(events.map(\.accessKeyId) == [nil, "AAAAAAAAAAAAAAAAAAAAA"])
    #expect(events.map(\.readOnly) == [nil, nil])
    #expect(events.first?.resources == [EventResource(type: "AWS::IAM::Role", name: "someRole")])
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.resourceName, "someRole")]))
        == ["b25ff7e3-f1cf-4b7f-883d-b09168c454d5"])
    // Today's clock: 2017 is long outside the 90 days.
    #expect(try store.history(now: Int64(Date().timeIntervalSince1970)).allEventIDs() == [])
  }

  /// someRecords.json reuses the delivery's eventIDs with other times; files without a delivery stamp in
  /// their name are read first, so its copies are the ones kept.
  @Test func trailscraperFolderKeepsTheFirstCopyOfEachEventID() throws {
    let store = try TestStore()
    let run = try store.ingest([
      Self.delivery, Self.delivery + ".gz", Self.trailscraper + "/someRecords.json",
    ])
    #expect(run.summary.line == "3 files, 2 events loaded, 4 duplicates, 0 rejected")
    let stats = try store.statistics()
    #expect(stats.oldest == ISO8601Time.parseUserTime("2017-11-18T00:21:51Z"))
    #expect(stats.newest == ISO8601Time.parseUserTime("2017-11-19T00:21:51Z"))
  }
}
