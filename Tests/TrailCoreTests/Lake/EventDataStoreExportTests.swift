import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// `traildeck export` through `EventDataStoreExport` (README "Export"): both layouts' file names,
/// partitions and contents, the manifest, replacement on a second run, the time range and the errors.
@Suite("Event data store export")
struct EventDataStoreExportTests {
  typealias F = LakeFixture
  /// Two days before the fixture's clock: 2025-12-30T00:00:00Z.
  static let day1 = Int64(F.start.timeIntervalSince1970) - 2 * 86_400

  static func event(
    _ n: Int, region: String = "us-east-1", at time: Int64, _ change: (inout TestRecord) -> Void = { _ in }
  )
    -> TestRecord
  {
    var record = TestRecord(TestRecord.id(n), at: time)
    record.awsRegion = region
    record.patches["recipientAccountId"] = "\"\(F.management)\""
    change(&record)
    return record
  }

  /// Two events in us-east-1 five minutes apart and one in eu-west-1 on day 1, one on day 2.
  static let events: [TestRecord] = [
    event(1, at: day1 + 10) {
      $0.patches["requestParameters"] = #"{"bucketName":"logs","Tags":[{"Key":"env"}],"count":2,"on":true}"#
    },
    event(2, region: "eu-west-1", at: day1 + 20),
    event(3, at: day1 + 400) { $0.readOnly = false },
    event(4, at: day1 + 86_400 + 5),
  ]

  /// A fixture with store `audit` holding `events`; its ARN and ID.
  static func fixture() throws -> (LakeFixture, arn: String, id: String) {
    let fixture = try LakeFixture()
    let arn = try #require(
      try fixture.create("audit") { $0.terminationProtectionEnabled = false }.eventDataStoreArn)
    try fixture.appendLive(events)
    return (fixture, arn, String(arn.split(separator: "/").last!))
  }

  static func export(
    _ fixture: LakeFixture, _ arn: String, to folder: String, layout: ExportLayout, start: Int64? = nil,
    end: Int64? = nil
  ) throws -> ExportSummary {
    try EventDataStoreExport.run(
      EventDataStoreExportRequest(
        eventDataStore: arn, folder: folder, layout: layout,
        startTime: start.map { Date(timeIntervalSince1970: TimeInterval($0)) },
        endTime: end.map { Date(timeIntervalSince1970: TimeInterval($0)) }),
      with: try fixture.services())
  }

  /// The data files under `folder` (not hidden ones), relative, sorted.
  static func files(_ folder: String) -> [String] {
    let all = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
    return all.filter { path in
      !path.split(separator: "/").contains { $0.hasPrefix("_") || $0.hasPrefix(".") }
        && !FileManager.default.isDirectory(folder + "/" + path)
    }.sorted()
  }

  static func gunzip(_ path: String) throws -> [UInt8] {
    try Gzip.inflate(Array(try #require(FileManager.default.contents(atPath: path))), path: path)
  }

  /// The JSON lines of a hive part.
  static func rows(_ path: String) throws -> [JSONValue] {
    try String(decoding: try gunzip(path), as: UTF8.self).split(separator: "\n").map {
      try JSONValue(parsing: String($0))
    }
  }

  @Test func hivePartitionsByRegionAndDateWithLakesColumns() throws {
    let (fixture, arn, id) = try Self.fixture()
    let folder = fixture.store.folder + "/hive"
    let summary = try Self.export(fixture, arn, to: folder, layout: .hive)
    #expect(summary.events == 4)
    #expect(
      Self.files(folder) == [
        "region=eu-west-1/date=2025-12-30/part-0.json.gz", "region=us-east-1/date=2025-12-30/part-0.json.gz",
        "region=us-east-1/date=2025-12-31/part-0.json.gz",
      ])
    #expect(
      summary.manifest.files.map { "\($0.path) \($0.events)" }.sorted() == [
        "region=eu-west-1/date=2025-12-30/part-0.json.gz 1",
        "region=us-east-1/date=2025-12-30/part-0.json.gz 2",
        "region=us-east-1/date=2025-12-31/part-0.json.gz 1",
      ])
    let rows = try Self.rows(folder + "/region=us-east-1/date=2025-12-30/part-0.json.gz")
    #expect(rows.count == 2)
    let first = try #require(rows.first)
    guard case .object(let members) = first else { throw Failure("not an object: \(first)") }
    #expect(members.map(\.key) == LakeSchema.columns.map(\.name))
    #expect(first["eventtime"] == .string("2025-12-30 00:00:10.000"))
    #expect(first["eventid"] == .string(TestRecord.id(1)))
    #expect(first["eventname"] == .string("DescribeInstances"))
    #expect(first["readonly"] == .bool(true))
    #expect(rows[1]["readonly"] == .bool(false))
    #expect(first["eventcategory"] == .string("Management"))
    // Maps hold strings: nested values as compact JSON text.
    #expect(
      first["requestparameters"]
        == .object([
          ("bucketName", .string("logs")), ("Tags", .string(#"[{"Key":"env"}]"#)), ("count", .string("2")),
          ("on", .string("true")),
        ]))
    #expect(first["responseelements"] == .null)
    // Rows keep the schema's fields, lower-case, absent ones null.
    #expect(first["useridentity"]?["username"] == .string("alice"))
    #expect(first["useridentity"]?["sessioncontext"] == .null)
    #expect(first["useridentity"]?["invokedby"] == .null)
    #expect(first["eventjson"] == .string(Self.events[0].json))
    // The tables' statements sit beside the data, hidden from the engines.
    let tables = try String(contentsOfFile: summary.tablesPath, encoding: .utf8)
    #expect(tables.contains("CREATE EXTERNAL TABLE eds_\(id.replacingOccurrences(of: "-", with: "_")) ("))
    #expect(tables.contains("'projection.region.values'='eu-west-1,us-east-1'"))
    #expect(tables.contains("'projection.date.range'='2025-12-30,NOW'"))
    #expect(tables.contains("  eventtime TIMESTAMP,"))
    #expect(tables.contains("  eventtime timestamp(3),"))
  }

  @Test func cloudTrailLayoutIsATrailsBucketWithOneFilePerFiveMinutes() throws {
    let (fixture, arn, _) = try Self.fixture()
    let folder = fixture.store.folder + "/ct"
    let summary = try Self.export(fixture, arn, to: folder, layout: .cloudtrail)
    let files = Self.files(folder)
    let prefix = "AWSLogs/\(F.management)/CloudTrail/"
    // Named as TrailLogFile names a trail's: stamped with the end of their 5 minutes of event time.
    let pattern =
      #/AWSLogs/(\d{12})/CloudTrail/([a-z0-9-]+)/(\d{4})/(\d{2})/(\d{2})/\1_CloudTrail_\2_(\d{8}T\d{4}Z)_[A-Za-z0-9]{16}\.json\.gz/#
    #expect(files.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(files)")
    #expect(
      files.map { path in
        let name = (path as NSString).lastPathComponent
        return (path as NSString).deletingLastPathComponent + "/" + name.split(separator: "_")[3]
      } == [
        prefix + "eu-west-1/2025/12/30/20251230T0005Z",
        prefix + "us-east-1/2025/12/30/20251230T0005Z",
        prefix + "us-east-1/2025/12/30/20251230T0010Z",
        prefix + "us-east-1/2025/12/31/20251231T0005Z",
      ])
    #expect(summary.manifest.files.map(\.events).reduce(0, +) == 4)
    // Records verbatim, in CloudTrail's envelope.
    let first = try #require(files.first { $0.contains("us-east-1/2025/12/30/") })
    #expect(
      String(decoding: try Self.gunzip(folder + "/" + first), as: UTF8.self)
        == #"{"Records":["# + Self.events[0].json + "]}")
    // The same export again names the same files.
    _ = try Self.export(fixture, arn, to: folder, layout: .cloudtrail)
    #expect(Self.files(folder) == files)
  }

  @Test func aSecondExportReplacesTheFirst() throws {
    let (fixture, arn, id) = try Self.fixture()
    let folder = fixture.store.folder + "/again"
    let first = try Self.export(fixture, arn, to: folder, layout: .hive)
    let again = try Self.export(fixture, arn, to: folder, layout: .hive)
    #expect(again.manifest.files == first.manifest.files)
    #expect(again.filesRemoved == 0)
    // A narrower range leaves only its files: day 2's partition is removed, with its empty folders.
    let narrow = try Self.export(
      fixture, arn, to: folder, layout: .hive, start: Self.day1, end: Self.day1 + 86_399)
    #expect(narrow.events == 3)
    #expect(narrow.filesRemoved == 1)
    #expect(
      Self.files(folder) == [
        "region=eu-west-1/date=2025-12-30/part-0.json.gz", "region=us-east-1/date=2025-12-30/part-0.json.gz",
      ])
    #expect(!FileManager.default.fileExists(atPath: folder + "/region=us-east-1/date=2025-12-31"))
    let manifest = try #require(try ExportFolder(folder).manifest(storeID: id))
    #expect(manifest.isComplete && manifest.events == 3)
    #expect(manifest.startTime == "2025-12-30T00:00:00Z" && manifest.endTime == "2025-12-30T23:59:59Z")
    // Switching layout replaces the hive files with CloudTrail's.
    _ = try Self.export(fixture, arn, to: folder, layout: .cloudtrail)
    #expect(Self.files(folder).allSatisfy { $0.hasPrefix("AWSLogs/") })
  }

  @Test func theTimeRangeIsInclusiveToTheSecond() throws {
    let (fixture, arn, _) = try Self.fixture()
    let summary = try Self.export(
      fixture, arn, to: fixture.store.folder + "/range", layout: .hive, start: Self.day1 + 20,
      end: Self.day1 + 400)
    #expect(summary.events == 2)
  }

  @Test func anExportCutShortIsReplacedCleanly() throws {
    let (fixture, arn, id) = try Self.fixture()
    let folder = fixture.store.folder + "/cut"
    _ = try Self.export(fixture, arn, to: folder, layout: .hive)
    // What a run stopped mid-way leaves: an incomplete manifest listing a file no later run writes.
    let exportFolder = try ExportFolder(folder)
    try exportFolder.write(Array("{}\n".utf8), to: "region=xx/date=2025-01-01/part-0.json.gz")
    var manifest = try #require(try exportFolder.manifest(storeID: id))
    manifest.isComplete = false
    manifest.files.append(.init(path: "region=xx/date=2025-01-01/part-0.json.gz", events: 1, bytes: 3))
    try exportFolder.write(manifest, storeID: id)
    let summary = try Self.export(fixture, arn, to: folder, layout: .hive)
    #expect(summary.filesRemoved == 1)
    #expect(Self.files(folder).count == 3)
  }

  @Test func errorsNameTheStoreTheFolderOrTheRange() throws {
    let (fixture, arn, _) = try Self.fixture()
    let unknown =
      "arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/00000000-0000-4000-8000-000000000000"
    #expect(
      fixture.exception {
        _ = try Self.export(fixture, unknown, to: fixture.store.folder + "/x", layout: .hive)
      }
        == "EventDataStoreNotFoundException")
    #expect(
      fixture.exception {
        _ = try Self.export(
          fixture, arn, to: fixture.store.folder + "/x", layout: .hive, start: Self.day1 + 10, end: Self.day1)
      } == "InvalidTimeRangeException")
    // A file where the folder should be.
    let file = fixture.store.folder + "/plain-file"
    _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
    do {
      _ = try Self.export(fixture, arn, to: file, layout: .hive)
      Issue.record("exported into a file")
    } catch let diagnostic as Diagnostic {
      #expect(
        diagnostic.description == """
          error: cannot export into this folder
            --> \(file)
          reason: it exists and is not a folder
          help: give --to a folder you can write (it is created when missing)
          """)
    }
    // Two stores' hive exports would mix their partitions.
    let other = try #require(try fixture.create("other").eventDataStoreArn)
    let shared = fixture.store.folder + "/shared"
    _ = try Self.export(fixture, arn, to: shared, layout: .hive)
    do {
      _ = try Self.export(fixture, other, to: shared, layout: .hive)
      Issue.record("two stores' hive exports in one folder")
    } catch let diagnostic as Diagnostic {
      #expect(diagnostic.code == "ExportFolderInUse")
      #expect(diagnostic.reason.contains(arn))
    }
    // CloudTrail layouts share a folder as trails share a bucket.
    _ = try Self.export(fixture, other, to: fixture.store.folder + "/ct", layout: .cloudtrail)
    _ = try Self.export(fixture, arn, to: fixture.store.folder + "/ct", layout: .cloudtrail)
  }

  @Test func partsAreCutAtTheirSizeAndPathValuesAreEscaped() throws {
    var layout = HiveExportLayout(partBytes: 1)
    let store = try TestStore()
    let records = (1...3).map { Self.event($0, region: "../up", at: Self.day1 + Int64($0)) }
    try store.write("e.json", records: records)
    _ = try store.ingest()
    var files: [ExportFile] = []
    try RecordScanner(databasePath: store.dbPath).scan(rowIDRange: 0...Int64.max) { record in
      files += try layout.add(record, at: ExportPlace(account: F.management, region: "../up", eventID: "x"))
    }
    files += layout.finish()
    #expect(
      files.map(\.path) == (0..<3).map { "region=%2E%2E%2Fup/date=2025-12-30/part-\($0).json.gz" })
  }
}

private struct Failure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

extension FileManager {
  fileprivate func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
