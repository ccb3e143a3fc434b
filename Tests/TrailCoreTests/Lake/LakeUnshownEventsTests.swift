import Foundation
import Testing

@testable import TrailCore

/// Lake starts `eventName = 'X'`-like conditions from the postings; data events, which Event history
/// does not show, have postings of their own (`PostingAttribute.unshownEventName`) so that such
/// conditions find them too.
@Suite("Lake: conditions on interned columns find every category")
struct LakeUnshownEventsTests {
  /// The Lake store's four management events and two of alice's S3 data events.
  static let records =
    LakeTestStore.records + [
      TestRecord(TestRecord.id(5), at: TestTime.base + 240).with {
        $0.eventName = "GetObject"
        $0.eventSource = "s3.amazonaws.com"
        $0.eventCategory = "Data"
        $0.managementEvent = false
      },
      TestRecord(TestRecord.id(6), at: TestTime.base + 300).with {
        $0.eventName = "PutObject"
        $0.eventSource = "s3.amazonaws.com"
        $0.eventCategory = "Data"
        $0.managementEvent = false
        $0.readOnly = false
      },
    ]

  static let statements: [(sql: String, rows: [[String?]])] = [
    ("SELECT count(*) FROM eds1 WHERE eventSource = 's3.amazonaws.com'", [["4"]]),
    ("SELECT eventName FROM eds1 WHERE eventName = 'GetObject'", [["GetObject"]]),
    (
      "SELECT eventName FROM eds1 WHERE userIdentity.userName = 'alice' ORDER BY eventTime DESC LIMIT 3",
      [["PutObject"], ["GetObject"], ["CreateBucket"]]
    ),
    (
      "SELECT eventName FROM eds1 WHERE eventSource = 's3.amazonaws.com' AND eventTime >= '2024-03-01 12:04:00' ORDER BY eventTime",
      [["GetObject"], ["PutObject"]]
    ),
  ]

  @Test func dataEventsAreFoundByNameSourceAndUser() throws {
    let lake = try LakeTestStore(records: Self.records)
    for (sql, rows) in Self.statements {
      #expect(try lake.rows(sql) == rows, "\(sql)")
    }
  }

  /// Migration 27 posts what stores written before it hold: dropping the postings and building them
  /// again gives the same answers.
  @Test func migrationPostsStoredEvents() throws {
    let lake = try LakeTestStore(records: Self.records)
    let writer = try SQLiteConnection(path: lake.store.dbPath)
    let posted = "SELECT count(*) FROM postings WHERE attr IN (8, 9, 10)"
    let before = try writer.scalarInt(posted)
    #expect(before == 4)  // two names; one source and one user, shared
    try writer.execute("DELETE FROM postings WHERE attr IN (8, 9, 10)")
    #expect(try lake.rows(Self.statements[0].sql) == [["2"]])
    try writer.transaction { try UnshownPostings.build(writer) }
    #expect(try writer.scalarInt(posted) == before)
    for (sql, rows) in Self.statements {
      #expect(try lake.rows(sql) == rows, "\(sql)")
    }
  }
}
