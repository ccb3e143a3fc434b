import Foundation
import Testing

@testable import TrailCore

/// `rollup_arn_packs` counts every event by `userIdentity.arn` (`ArnRollupKey`): what Lake reads as the
/// ARN, NULL and `''` included, and a marker where the scanner and Lake might read different ARNs.
@Suite("Rollups by userIdentity.arn")
struct ArnRollupTests {
  static let minute = TestTime.base / 60

  /// Summed counts as `minute category value` lines: the value is the ARN, `NULL`, `''` or `UNCLEAR`.
  static func arnCounts(_ path: String) throws -> [String: Int64] {
    let db = try SQLiteConnection(path: path, readOnly: true)
    let names = try StringNames(db)
    var counts: [String: Int64] = [:]
    try Rollups.forEach(in: db, of: ArnRollupKey.self) { key, count in
      let value =
        switch key.arn {
        case ArnRollupKey.none: "NULL"
        case ArnRollupKey.empty: "''"
        case ArnRollupKey.unclear: "UNCLEAR"
        default: try names.value(key.arn)
        }
      counts["\(key.minute) \(key.category) \(value)", default: 0] += count
    }
    return counts
  }

  /// The same lines counted from the stored records, each ARN read as Lake reads it.
  static func recordCounts(_ path: String) throws -> [String: Int64] {
    let db = try SQLiteConnection(path: path, readOnly: true)
    let records = LakeRecordColumns(connection: db)
    let s = try db.prepare("SELECT id, category FROM events")
    var counts: [String: Int64] = [:]
    while try s.step() {
      let id = s.int64(0)
      let value =
        switch try records.value(id: id, path: "useridentity.arn") {
        case .text(let arn): arn.isEmpty ? "''" : arn
        default: "NULL"
        }
      counts["\(EventKey.time(of: id) / 60) \(s.int64(1)) \(value)", default: 0] += 1
    }
    return counts
  }

  @Test func everyEventIsCountedByWhatLakeReadsAsItsARN() throws {
    let store = try TestStore()
    let t = Self.minute * 60
    let identities: [String?] = [
      TestRecord.iamUser("alice", key: "AKIA1"), TestRecord.iamUser("alice", key: "AKIA2"),
      TestRecord.iamUser("bob", key: "AKIA3"), nil, #"{"type":"AWSService","invokedBy":"s3.amazonaws.com"}"#,
      #"{"type":"IAMUser","arn":null}"#, #"{"type":"IAMUser","arn":""}"#,
      #"{"type":"IAMUser","ARN":"arn:aws:iam::111122223333:user/carol"}"#,
      #"{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a","arn":"arn:aws:iam::111122223333:user/b"}"#,
    ]
    var records = identities.enumerated().map { n, identity in
      TestRecord(TestRecord.id(n), at: t + Int64(n)).with { $0.identity = identity }
    }
    // A second userIdentity member spelt in another case: Lake matches either.
    records.append(
      TestRecord(TestRecord.id(50), at: t + 50).with {
        $0.patches["UserIdentity"] = TestRecord.iamUser("dave", key: "AKIA4")
      })
    try store.write("a.json", records: records)
    let run = try store.ingest()
    #expect(run.summary.eventsLoaded == 10)
    let m = Self.minute
    #expect(
      try Self.arnCounts(store.dbPath) == [
        "\(m) 0 arn:aws:iam::111122223333:user/alice": 2, "\(m) 0 arn:aws:iam::111122223333:user/bob": 1,
        "\(m) 0 NULL": 3, "\(m) 0 ''": 1, "\(m) 0 UNCLEAR": 3,
      ])
  }

  /// Two transactions in one minute number their rows on; the counts add up.
  @Test func aMinuteWrittenTwiceAddsUp() throws {
    let store = try TestStore()
    let t = Self.minute * 60
    try store.write("a.json", records: (1...3).map { TestRecord(TestRecord.id($0), at: t + Int64($0)) })
    _ = try store.ingest([store.folder + "/a.json"])
    try store.write("b.json", records: (4...5).map { TestRecord(TestRecord.id($0), at: t + Int64($0)) })
    _ = try store.ingest([store.folder + "/b.json"])
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM rollup_arn_packs") == 2)
    #expect(try Self.arnCounts(store.dbPath) == ["\(Self.minute) 0 arn:aws:iam::111122223333:user/alice": 5])
  }

  /// A simulated day (every kind of identity the simulator makes) through `RecordIntake`.
  @Test func simulatedDayMatchesItsRecords() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    let fromRollups = try Self.arnCounts(lake.store.dbPath)
    #expect(fromRollups.values.reduce(0, +) > 1000)
    #expect(fromRollups == (try Self.recordCounts(lake.store.dbPath)))
  }

  /// Retention drops whole minutes of events and of both rollups together.
  @Test func retentionDropsTheMinutesItPurges() throws {
    let store = try TestStore()
    let t = Self.minute * 60
    try store.write(
      "a.json", records: (0..<6).map { TestRecord(TestRecord.id($0), at: t + Int64($0) * 30) })
    _ = try store.ingest()
    try Retention.purge(databasePath: store.dbPath, olderThan: TestTime.date(t + 60 + 10))
    #expect(try Self.arnCounts(store.dbPath) == (try Self.recordCounts(store.dbPath)))
    #expect(
      try Self.arnCounts(store.dbPath) == [
        "\(Self.minute + 1) 0 arn:aws:iam::111122223333:user/alice": 2,
        "\(Self.minute + 2) 0 arn:aws:iam::111122223333:user/alice": 2,
      ])
  }
}
