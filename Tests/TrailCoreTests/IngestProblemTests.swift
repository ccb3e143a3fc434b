import Foundation
import Testing

@testable import TrailCore

/// Bad input is reported as `PATH[:record N|line N]: reason`, and everything good around it still loads.
@Suite("Ingest problems")
struct IngestProblemTests {
  static let good = TestRecord(TestRecord.id(1), at: TestTime.base)
  static let goodToo = TestRecord(TestRecord.id(3), at: TestTime.base + 3)

  /// A good record with one member replaced by raw JSON text (or removed, for nil).
  static func record(_ n: Int, setting member: String, to value: String?) -> String {
    TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with { $0.patches[member] = .some(value) }.json
  }

  struct RecordCase: CustomTestStringConvertible, Sendable {
    var name: String
    var record: String
    var reason: String
    var testDescription: String { name }
  }

  static let recordCases: [RecordCase] = [
    RecordCase(
      name: "eventTime a number", record: record(2, setting: "eventTime", to: "1709294400"),
      reason: "field eventTime: expected a string, found a number"),
    RecordCase(
      name: "eventTime missing", record: record(2, setting: "eventTime", to: nil), reason: "missing eventTime"
    ),
    RecordCase(
      name: "eventTime not ISO 8601",
      record: record(2, setting: "eventTime", to: "\"ThisIsAWrongEventTime\""),
      reason:
        "field eventTime: \"ThisIsAWrongEventTime\" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SSZ)"),
    RecordCase(
      name: "eventTime month 13", record: record(2, setting: "eventTime", to: "\"2024-13-01T00:00:00Z\""),
      reason:
        "field eventTime: \"2024-13-01T00:00:00Z\" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SSZ)"),
    RecordCase(
      name: "eventID missing", record: record(2, setting: "eventID", to: nil), reason: "missing eventID"),
    RecordCase(
      name: "eventID empty", record: record(2, setting: "eventID", to: "\"\""),
      reason: "field eventID: empty string"),
    RecordCase(
      name: "eventID a number", record: record(2, setting: "eventID", to: "42"),
      reason: "field eventID: expected a string, found a number"),
    RecordCase(
      name: "eventName an object", record: record(2, setting: "eventName", to: "{}"),
      reason: "field eventName: expected a string, found an object"),
    RecordCase(
      name: "awsRegion an array", record: record(2, setting: "awsRegion", to: "[\"us-east-1\"]"),
      reason: "field awsRegion: expected a string, found an array"),
    RecordCase(
      name: "readOnly a word", record: record(2, setting: "readOnly", to: "\"maybe\""),
      reason: "field readOnly: expected a boolean, found \"maybe\""),
    RecordCase(
      name: "readOnly a number", record: record(2, setting: "readOnly", to: "1"),
      reason: "field readOnly: expected a boolean, found a number"),
    RecordCase(
      name: "managementEvent a number", record: record(2, setting: "managementEvent", to: "0"),
      reason: "field managementEvent: expected a boolean, found a number"),
    RecordCase(
      name: "userIdentity a string", record: record(2, setting: "userIdentity", to: "\"alice\""),
      reason: "field userIdentity: expected an object, found a string"),
    RecordCase(
      name: "userIdentity.userName a number",
      record: record(2, setting: "userIdentity", to: #"{"type":"IAMUser","userName":7}"#),
      reason: "field userIdentity.userName: expected a string, found a number"),
    RecordCase(
      name: "userIdentity.accessKeyId an array",
      record: record(2, setting: "userIdentity", to: #"{"type":"IAMUser","accessKeyId":["AKIA"]}"#),
      reason: "field userIdentity.accessKeyId: expected a string, found an array"),
    RecordCase(
      name: "sourceIPAddress a boolean", record: record(2, setting: "sourceIPAddress", to: "true"),
      reason: "field sourceIPAddress: expected a string, found a boolean"),
    RecordCase(
      name: "recipientAccountId a number",
      record: record(2, setting: "recipientAccountId", to: "123456789012"),
      reason: "field recipientAccountId: expected a string, found a number"),
    RecordCase(
      name: "resources an object", record: record(2, setting: "resources", to: "{}"),
      reason: "field resources: expected an array, found an object"),
    RecordCase(
      name: "resources holding strings", record: record(2, setting: "resources", to: "[\"arn:aws:s3:::b\"]"),
      reason: "field resources: expected objects, found a string"),
    RecordCase(
      name: "a number instead of a record", record: "42", reason: "expected a record object, found a number"),
    RecordCase(
      name: "null instead of a record", record: "null", reason: "expected a record object, found null"),
  ]

  @Test(arguments: recordCases)
  func badRecordIsRejectedAndItsNeighboursLoad(_ c: RecordCase) throws {
    let store = try TestStore()
    try store.write(
      "mixed.json", text: TestStore.text(of: [Self.good.json, c.record, Self.goodToo.json], shape: .envelope))
    let run = try store.ingest()
    #expect(run.lines == ["mixed.json:record 2: \(c.reason)"])
    #expect(run.summary.line == "1 files, 2 events loaded, 0 duplicates, 1 rejected")
    #expect(try store.history().allEventIDs() == [TestRecord.id(3), TestRecord.id(1)])
    #expect(try store.statistics().rejectedInputs == 1)
  }

  @Test func rejectionNamesTheField() throws {
    let store = try TestStore()
    try store.write(
      "one.json", text: TestStore.text(of: [Self.record(2, setting: "eventTime", to: "5")], shape: .bareArray)
    )
    let problem = try #require(try store.ingest().problems.first)
    #expect(
      store.relative(problem.description) == """
        error: cannot read record
          --> one.json:record 1, field eventTime
        reason: field eventTime: expected a string, found a number
        help: fix or drop that record; the file's other records were read
        """)
    #expect(problem.code == "InvalidRecord")
  }

  @Test func strayTypesInFieldsTheHistoryDoesNotReadAreKept() throws {
    let store = try TestStore()
    let odd = Self.record(2, setting: "requestParameters", to: #"[1,"two",{"three":null}]"#)
    try store.write("odd.json", text: TestStore.text(of: [odd], shape: .envelope))
    let run = try store.ingest()
    #expect(run.lines == [])
    #expect(run.summary.eventsLoaded == 1)
    #expect(try store.history().lookupEvents(LookupRequest()).events.map(\.cloudTrailEvent) == [odd])
  }

  @Test func eventVersion10WithoutEventIDGetsAStableDerivedID() throws {
    let old =
      #"{"eventVersion":"1.0","eventTime":"2024-03-01T12:00:00Z","eventSource":"ec2.amazonaws.com","eventName":"StopInstances","awsRegion":"us-east-1"}"#
    let a = try TestStore()
    try a.write("old.json", text: TestStore.text(of: [old], shape: .envelope))
    #expect(try a.ingest().summary.line == "1 files, 1 events loaded, 0 duplicates, 0 rejected")
    let b = try TestStore()
    try b.write("again.json", text: TestStore.text(of: [old, old], shape: .bareArray))
    #expect(try b.ingest().summary.line == "1 files, 1 events loaded, 1 duplicates, 0 rejected")
    let idA = try #require(try a.history().lookupEvents(LookupRequest()).events.first?.summary.eventId)
    let idB = try #require(try b.history().lookupEvents(LookupRequest()).events.first?.summary.eventId)
    #expect(idA == idB)
    #expect(idA.count == 36)
  }

  // MARK: Whole files

  struct FileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var bytes: [UInt8]
    var lines: [String]
    var summary: String
    var testDescription: String { name }
  }

  static let two = [good.json, goodToo.json]
  static let gz = Gzip.deflate(Array(TestStore.text(of: two, shape: .envelope).utf8))

  static let cutShort = "{\"Records\":[\(good.json),"
  static let trailing = TestStore.text(of: two, shape: .envelope) + "\n x"

  static let fileCases: [FileCase] = [
    // The gzip trailer is CRC-32 then ISIZE, four bytes each.
    FileCase(
      name: "gzip with a damaged CRC", file: "bad-crc.json.gz",
      bytes: Array(gz.dropLast(8)) + [0xDE, 0xAD, 0xBE, 0xEF] + Array(gz.suffix(4)),
      lines: ["bad-crc.json.gz: not a readable gzip file: corrupt gzip data: incorrect data check"],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "gzip with a damaged length", file: "bad-length.json.gz",
      bytes: Array(gz.dropLast(4)) + [0xDE, 0xAD, 0xBE, 0xEF],
      lines: ["bad-length.json.gz: not a readable gzip file: corrupt gzip data: incorrect length check"],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "gzip header only", file: "cut.json.gz", bytes: Array(gz.prefix(10)),
      lines: ["cut.json.gz: not a readable gzip file: truncated gzip data (stream ends after 0 bytes)"],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "empty file", file: "empty.json", bytes: [],
      lines: ["empty.json: empty file: no JSON in it"],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "not JSON", file: "notes.txt", bytes: Array("hello".utf8),
      lines: ["notes.txt: not valid JSON at line 1, column 1: expected '{' or '[' at the start, found 'h'"],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "envelope cut short", file: "cut.json", bytes: Array(cutShort.utf8),
      lines: [
        "cut.json: not valid JSON at line 1, column \(cutShort.utf8.count + 1): expected a JSON value, found end of input"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "Records not an array", file: "records-object.json", bytes: Array("{\"Records\":{}}".utf8),
      lines: [
        "records-object.json: not valid JSON at line 1, column 12: \"Records\" must be an array, found an object"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "data after the document", file: "trailing.json",
      bytes: Array(trailing.utf8),
      lines: [
        "trailing.json: not valid JSON at line 2, column 2: unexpected data after the end of the JSON document"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "object that is not CloudTrail", file: "other.json",
      bytes: Array(#"{"Type":"Notification","Message":"x"}"#.utf8),
      lines: [
        "other.json: not a CloudTrail log file: expected {\"Records\":[…]}, an array of records or JSON Lines; found an object with keys Type, Message"
      ],
      summary: "1 files, 0 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "JSON Lines with one broken line", file: "lines.jsonl",
      bytes: Array((good.json + "\n{\"eventTime\": broken\n" + goodToo.json + "\n").utf8),
      lines: ["lines.jsonl:line 2: not valid JSON: expected a JSON value, found 'b'"],
      summary: "1 files, 2 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "JSON Lines with a bad record", file: "lines2.jsonl",
      bytes: Array((good.json + "\n" + record(2, setting: "eventID", to: nil) + "\n" + goodToo.json).utf8),
      lines: ["lines2.jsonl:line 2: missing eventID"],
      summary: "1 files, 2 events loaded, 0 duplicates, 1 rejected"),
    FileCase(
      name: "digest file by name",
      file: "111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240301T120000Z.json.gz",
      bytes: Gzip.deflate(Array(#"{"digestStartTime":"2024-03-01T11:00:00Z"}"#.utf8)), lines: [],
      summary: "1 files, 0 events loaded, 0 duplicates, 0 rejected (1 digest files skipped)"),
    FileCase(
      name: "digest file by content", file: "digest.json",
      bytes: Array(
        #"{"awsAccountId":"111122223333","digestStartTime":"2024-03-01T11:00:00Z","digestEndTime":"2024-03-01T12:00:00Z"}"#
          .utf8),
      lines: [], summary: "1 files, 0 events loaded, 0 duplicates, 0 rejected (1 digest files skipped)"),
    FileCase(
      name: "empty Records", file: "none.json", bytes: Array(#"{"Records":[]}"#.utf8), lines: [],
      summary: "1 files, 0 events loaded, 0 duplicates, 0 rejected"),
    FileCase(
      name: "one pretty-printed record", file: "single.json",
      bytes: Array(good.json.replacingOccurrences(of: ",\"", with: ",\n  \"").utf8), lines: [],
      summary: "1 files, 1 events loaded, 0 duplicates, 0 rejected"),
  ]

  @Test(arguments: fileCases)
  func fileProblemIsReportedAndCounted(_ c: FileCase) throws {
    let store = try TestStore()
    try store.write(c.file, bytes: c.bytes)
    let run = try store.ingest()
    #expect(run.lines == c.lines)
    #expect(run.summary.line == c.summary)
  }

  /// JSON Lines whose *first* line is broken: the other lines are good records and should load, as they
  /// do when any later line is broken.
  @Test func jsonLinesWithABrokenFirstLineStillLoadsTheRest() throws {
    let store = try TestStore()
    try store.write(
      "first.jsonl", text: "{\"eventTime\": broken\n" + Self.good.json + "\n" + Self.goodToo.json + "\n")
    let run = try store.ingest()
    #expect(run.lines == ["first.jsonl:line 1: not valid JSON: expected a JSON value, found 'b'"])
    #expect(run.summary.line == "1 files, 2 events loaded, 0 duplicates, 1 rejected")
  }

  @Test func readOnlyWrittenAsAStringIsAccepted() throws {
    let store = try TestStore()
    try store.write(
      "strings.json",
      text: TestStore.text(
        of: [
          Self.record(1, setting: "readOnly", to: "\"false\""),
          Self.record(2, setting: "readOnly", to: "\"TRUE\""),
        ],
        shape: .envelope))
    #expect(try store.ingest().lines == [])
    let history = try store.history()
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.readOnly, "false")]))
        == [TestRecord.id(1)])
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.readOnly, "true")]))
        == [TestRecord.id(2)])
  }

  /// Times CloudTrail never writes but other tools do are read leniently; impossible dates are not.
  @Test(arguments: [
    ("2024-03-01T12:00:00Z", Int64?(1_709_294_400)),
    ("2024-03-01T12:00:00.123Z", 1_709_294_400),
    ("2024-03-01T12:00:00+00:00", 1_709_294_400),
    ("2024-02-29T00:00:00Z", 1_709_164_800),
    ("2023-02-29T00:00:00Z", nil),
    ("2024-02-30T12:00:00Z", nil),
    ("2024-03-01T24:00:00Z", nil),
    ("2024-03-01", nil),
    ("", nil),
  ])
  func eventTimeParsing(text: String, seconds: Int64?) {
    #expect(ISO8601Time.parse(text) == seconds)
  }

  @Test func aBadFileDoesNotStopTheOthers() throws {
    let store = try TestStore()
    try store.write("a.json", records: [Self.good])
    try store.write("b.json", text: "{oops")
    try store.write("c.json.gz", records: [Self.goodToo], gzip: true)
    let run = try store.ingest()
    #expect(run.summary.line == "3 files, 2 events loaded, 0 duplicates, 1 rejected")
    #expect(run.lines.count == 1)
    #expect(run.lines.first?.hasPrefix("b.json: not valid JSON at line 1, column 2:") == true)
  }

  @Test func missingPathIsADiagnostic() throws {
    let store = try TestStore()
    #expect(
      throws: Diagnostic(
        code: "NoSuchFile", summary: "cannot ingest", location: .init(path: store.folder + "/nope"),
        reason: "no such file or folder")
    ) { try store.ingest([store.folder + "/nope"]) }
  }

  @Test func foldersAreWalkedRecursively() throws {
    let store = try TestStore()
    try store.write("logs/a/one.json", records: [Self.good])
    try store.write("logs/b/c/two.json.gz", records: [Self.goodToo], gzip: true)
    let run = try store.ingest([store.folder + "/logs"])
    #expect(run.summary.line == "2 files, 2 events loaded, 0 duplicates, 0 rejected")
  }
}
