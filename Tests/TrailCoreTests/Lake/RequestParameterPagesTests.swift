import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// Lake reads requestParameters from their pages (`RequestParameterPage`) where it can: every query
/// must give the rows it gives reading the records, whatever shape the member has.
@Suite("Lake: requestParameters pages")
struct RequestParameterPagesTests {
  /// A record of 2025-12-31 at `time` (HH:MM:SS) with `tail` (members after eventTime, JSON text).
  static func record(_ n: Int, _ time: String, _ tail: String) -> String {
    #"{"eventVersion":"1.08","eventID":"\#(TestRecord.id(700 + n))","eventTime":"2025-12-31T\#(time)Z","eventName":"GetObject","eventSource":"s3.amazonaws.com","awsRegion":"us-east-1","recipientAccountId":"111111111111"\#(tail)}"#
  }

  /// Every shape of the member: the odd ones Lake may read otherwise than a page would.
  static let oddRecords = [
    record(1, "10:00:01", #","requestParameters":{"bucketName":"acme-backups","key":"a/b"}"#),
    record(2, "10:00:02", #","requestParameters":null"#),
    record(3, "10:00:03", ""),
    record(4, "10:00:04", #","requestParameters":"acme-backups""#),
    record(5, "10:00:05", #","requestParameters":["acme-backups"]"#),
    record(
      6, "10:00:06",
      #","requestParameters":{"bucketName":"one"},"requestParameters":{"bucketName":"acme-backups"}"#),
    record(
      7, "10:00:07",
      #","RequestParameters":{"bucketName":"acme-backups"},"requestParameters":{"bucketName":"x"}"#),
    record(8, "10:00:08", #","requestParamet\u0065rs":{"bucketName":"acme-backups"}"#),
    record(
      9, "10:00:09",
      #","requestParameters" : { "bucketName" : "acme backups" , "n" : [ 1, 2 ] , "o":{"k":"acme-backups"} }"#
    ),
    record(
      10, "10:00:10",
      #","requestParameters":{"bucketName":"acme-\u0062ackups","q":"say \"hi\"","e":"caf\u00e9"}"#),
    record(11, "10:00:11", #","requestParameters":{"bucketName":null,"maxKeys":5,"flag":true}"#),
    record(12, "10:00:12", #","requestParameters":{}"#),
    record(13, "10:00:13", #","requestParameters":{"bucketName":"acme-back"}"#),
  ]

  /// Queries whose requestParameters a page answers (or sends to the record).
  static let queries = [
    // The benchmark's q4 and q5.
    "SELECT count(*) FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%acme-backups%'",
    "SELECT json_extract_scalar(eventjson, '$.requestParameters.bucketName') AS bucket, count(*) AS n FROM all_events WHERE eventSource = 's3.amazonaws.com' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
    "SELECT eventID FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%acme-backups%' ORDER BY eventTime DESC",
    "SELECT eventID, requestParameters FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%acme_b%k%' ORDER BY 1",
    "SELECT eventID FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '{\"bucketName\":\"acme%' ORDER BY 1",
    "SELECT count(*) FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%\"}%' AND eventTime >= '2025-12-31 10:00:05'",
    "SELECT count(*) FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%{%' AND eventName = 'GetObject'",
    "SELECT count(*) FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%ups\"%'",
    "SELECT eventID, element_at(requestParameters, 'bucketName'), requestParameters['key'] FROM all_events ORDER BY 1",
    "SELECT eventID, json_extract(eventjson, '$.requestParameters.o'), json_extract_scalar(eventjson, '$.requestParameters.maxKeys') FROM all_events ORDER BY 1",
    "SELECT eventID, json_extract_scalar(eventjson, '$.requestParameters.q'), json_extract_scalar(eventjson, '$.requestParameters.e') FROM all_events ORDER BY 1",
    "SELECT eventID, json_extract(eventjson, '$.requestParameters'), json_extract_scalar(eventjson, '$.requestParameters.n[1]') FROM all_events ORDER BY 1",
    "SELECT json_format(CAST(requestParameters AS JSON)) AS p, count(*) FROM all_events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
    "SELECT eventID FROM all_events WHERE requestParameters IS NULL ORDER BY 1",
  ]

  /// A copy of the store whose events have no pages (as before migration 31): Lake reads records.
  static func recordsOnlyCopy(of path: String) throws -> String {
    let copy = path + ".records-only.db"
    try? FileManager.default.removeItem(atPath: copy)
    let source = try SQLiteConnection(path: path)
    try source.execute("VACUUM INTO '\(copy)'")
    let db = try SQLiteConnection(path: copy)
    try db.execute(
      """
      DROP TRIGGER events_are_immutable;
      UPDATE events SET params_slot = NULL;
      DELETE FROM \(RequestParameterPage.table);
      INSERT INTO meta (key, value) VALUES ('\(RequestParameterPage.incompleteKey)', '1');
      """)
    return copy
  }

  static func run(_ text: String, path: String, now: Date) throws -> LakeQueryOutput {
    let reader = try SQLiteConnection(path: path, readOnly: true)
    let context = StoreContext(databasePath: path, clock: FixedClock(now))
    return try RollupQueryTests.engine(rollups: false).prepare(
      text, parameters: [], connection: reader, context: context
    ).run(on: reader, now: now, cancellation: LakeCancellation())
  }

  @Test func pagesGiveTheRecordsRows() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    try lake.appendLive(json: Self.oddRecords)
    let copy = try Self.recordsOnlyCopy(of: lake.store.dbPath)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM \(RequestParameterPage.table)") > 0)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events WHERE params_slot IS NULL") == 0)
    // Each page holds one service's texts, though the day's services interleave.
    let pageSources = """
      SELECT params_slot >> 8 AS page, COUNT(DISTINCT event_source) AS n FROM events WHERE params_slot > 0
      GROUP BY page
      """
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM (\(pageSources)) WHERE n > 1") == 0)
    #expect(
      try reader.scalarInt("SELECT COUNT(DISTINCT event_source) FROM events WHERE params_slot > 0") > 3)
    var nonEmpty = 0
    for text in Self.queries {
      let paged = try Self.run(text, path: lake.store.dbPath, now: lake.clock.now())
      let recorded = try Self.run(text, path: copy, now: lake.clock.now())
      #expect(paged.columns == recorded.columns, "\(text)")
      #expect(paged.rows == recorded.rows, "\(text)")
      if paged.rows.contains(where: { $0.contains { $0 != nil && $0 != "0" } }) { nonEmpty += 1 }
    }
    #expect(nonEmpty == Self.queries.count)
    // The search finds the plain record, the second of two members, the nested value and the escaped
    // one (Lake reads escapes as written), but neither the string nor the array member.
    let found = try Self.run(Self.queries[2], path: lake.store.dbPath, now: lake.clock.now()).rows.map {
      $0[0]
    }
    #expect(found.contains(TestRecord.id(701)))
    #expect(!found.contains(TestRecord.id(704)))
    #expect(!found.contains(TestRecord.id(705)))
  }

  @Test func theSearchReadsPagesNotRecords() throws {
    let lake = try LakeFixture()
    try lake.appendLive(json: Self.oddRecords)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let (sql, _) = try RollupQueryTests.engine(rollups: false).plan(
      Self.queries[2], connection: reader, context: context)
    #expect(sql.contains("lake_ids('q'"))
    let copy = try Self.recordsOnlyCopy(of: lake.store.dbPath)
    let paged = try Self.run(Self.queries[2], path: lake.store.dbPath, now: lake.clock.now()).rows.map {
      $0[0]
    }
    #expect(paged == (try Self.run(Self.queries[2], path: copy, now: lake.clock.now()).rows.map { $0[0] }))
    // The plain record and the nested value; not the object's string spelt with an escape.
    #expect(paged.contains(TestRecord.id(701)) && paged.contains(TestRecord.id(709)))
    #expect(!paged.contains(TestRecord.id(710)))
    // A needle across two events' texts (one's end, the next one's start) matches neither.
    let across =
      "SELECT count(*) FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%}{%'"
    #expect(try Self.run(across, path: lake.store.dbPath, now: lake.clock.now()).rows == [["0"]])
  }

  @Test func retentionDropsPagesWithTheirEvents() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    try lake.appendLive(json: Self.oddRecords)
    let path = lake.store.dbPath
    let before = try SQLiteConnection(path: path, readOnly: true).scalarInt(
      "SELECT COUNT(*) FROM \(RequestParameterPage.table)")
    try Retention.purge(databasePath: path, olderThan: LakeFixture.start.addingTimeInterval(-16 * 3600))
    let copy = try Self.recordsOnlyCopy(of: path)
    let reader = try SQLiteConnection(path: path, readOnly: true)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM \(RequestParameterPage.table)") < before)
    for text in Self.queries.prefix(4) {
      let paged = try Self.run(text, path: path, now: lake.clock.now())
      let recorded = try Self.run(text, path: copy, now: lake.clock.now())
      #expect(paged.rows == recorded.rows, "\(text)")
    }
  }

  @Test func aStoreMigratedWithEventsSearchesEveryEvent() throws {
    let lake = try LakeFixture()
    try lake.appendLive(json: Self.oddRecords)
    let path = lake.store.dbPath
    let expected = try Self.run(Self.queries[3], path: path, now: lake.clock.now()).rows
    do {
      let db = try SQLiteConnection(path: path)
      try db.execute(
        """
        DROP TABLE \(RequestParameterPage.table); DROP TRIGGER events_are_immutable;
        ALTER TABLE events DROP COLUMN params_slot; PRAGMA user_version = 30
        """)
    }
    let writer = try EventStore.openWriter(path: path)
    #expect(
      try writer.scalarInt("SELECT value FROM meta WHERE key = '\(RequestParameterPage.incompleteKey)'") == 1)
    #expect(
      try writer.scalarInt("SELECT COUNT(*) FROM events WHERE params_slot IS NULL")
        == Int64(Self.oddRecords.count))
    #expect(try Self.run(Self.queries[3], path: path, now: lake.clock.now()).rows == expected)
    // Events added later have pages; the old ones are still found.
    try lake.appendLive(json: [
      Self.record(40, "11:00:00", #","requestParameters":{"bucketName":"acme-backups"}"#)
    ])
    let rows = try Self.run(Self.queries[2], path: path, now: lake.clock.now()).rows.map { $0[0] }
    #expect(rows.first == TestRecord.id(740))
    #expect(rows.contains(TestRecord.id(701)))
  }

  @Test func aPageRoundTrips() throws {
    var builder = RequestParameterPageBuilder(nextPage: 7)
    #expect(builder.nextSlotColumn == 7 << 8)
    let texts = [#"{"a":"1"}"#, "", #"{"bb":"22"}"#, #"{}"#]
    let kinds: [RequestParameterPage.Kind] = [.object, .unclear, .object, .object]
    for (n, text) in texts.enumerated() {
      let full = Array(text.utf8).withUnsafeBytes {
        builder.add(rowID: Int64(100 + n), kind: kinds[n], text: $0, eventTime: Int64(n))
      }
      #expect(!full)
    }
    let (page, lastTime, bytes) = builder.take(next: 9)
    #expect(page == 7 && lastTime == 3 && builder.nextSlotColumn == 9 << 8 && builder.isEmpty)
    try bytes.withUnsafeBytes { raw in
      let view = try #require(RequestParameterPageView(raw))
      #expect(view.count == 4)
      for slot in 0..<4 {
        #expect(view.rowID(slot) == Int64(100 + slot))
        #expect(view.kind(slot) == kinds[slot])
        #expect(
          String(decoding: raw[view.textRange(slot)], as: UTF8.self)
            == (kinds[slot] == .object ? texts[slot] : ""))
        if !view.textRange(slot).isEmpty {
          #expect(view.slot(holding: view.textRange(slot).lowerBound) == slot)
        }
      }
      #expect(view.slot(holding: view.textRange(2).upperBound - 1) == 2)
      #expect(RequestParameterPageView(UnsafeRawBufferPointer(rebasing: raw.dropLast())) == nil)
    }
  }
}
