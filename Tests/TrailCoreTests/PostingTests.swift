import Foundation
import Testing

@testable import TrailCore

/// Lookups through `postings`: the codec, pages across overlapping batches, and migration 3.
@Suite("Postings")
struct PostingTests {
  @Test func codecRoundTripsAndKeepsOnlyIdsInBounds() throws {
    var ids: [Int64] = []
    var next = EventKey.firstRowID(atOrAfter: TestTime.base)
    for step in 0..<500 {
      ids.append(next)
      next += Int64(1 + (step * 7919) % 3_000_000)  // small and multi-byte gaps
    }
    let blob = PostingCodec.encode(ids)
    var all: [Int64] = []
    #expect(
      blob.withUnsafeBytes {
        PostingCodec.decode($0, first: ids[0], within: Int64.min...Int64.max, into: &all)
      })
    #expect(all == ids)

    let bounds = ids[100]...ids[299]
    var some: [Int64] = []
    #expect(blob.withUnsafeBytes { PostingCodec.decode($0, first: ids[0], within: bounds, into: &some) })
    #expect(some == Array(ids[100...299]))
  }

  @Test func aCutShortRowIsReportedNotMisread() {
    let blob = PostingCodec.encode([10, 10 + 300, 10 + 600])
    var ids: [Int64] = []
    let complete = blob.dropLast().withUnsafeBytes {
      PostingCodec.decode($0, first: 10, within: 0...1000, into: &ids)
    }
    #expect(!complete)
  }

  /// One value's ids of one batch are written as rows that each keep within a page (a spilled row made
  /// every insert's B-tree search copy it whole), and a lookup reads them back as one list.
  @Test func aLongPostingListIsSplitIntoRowsThatFitAPage() throws {
    let store = try TestStore()
    let count = 3_000
    let records = (1...count).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with { $0.eventName = "Same" }
    }
    try store.write("many.json", records: records)
    #expect(try store.ingest(batchEvents: 10_000).summary.eventsLoaded == count)

    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    let rows = try db.prepare(
      """
      SELECT count, length(ids) FROM postings
      WHERE attr = \(PostingAttribute.eventName.rawValue)
        AND value = (SELECT id FROM strings WHERE value = 'Same')
      ORDER BY last
      """)
    var counts: [Int64] = []
    while try rows.step() {
      counts.append(rows.int64(0))
      #expect(rows.int64(1) <= Int64(PostingBuffer.maxRowBytes))
    }
    #expect(counts.count > 1)
    #expect(counts.reduce(0, +) == Int64(count))

    let history = try store.history(now: TestTime.base + TestTime.day)
    let ids = try history.allEventIDs(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "Same")], maxResults: 50))
    #expect(ids == (1...count).reversed().map { TestRecord.id($0) })
  }

  @Test func encodingStopsAtTheByteLimitAndTakesAtLeastOneID() {
    let ids: [Int64] = (0..<100).map { Int64($0) * 1_000_000 }  // 3-byte deltas
    var blob: [UInt8] = []
    let end = PostingCodec.encode(ids[10...], maxBytes: 30, into: &blob)
    #expect(blob.count <= 30)
    #expect(end > 11 && end < 100)
    var decoded: [Int64] = []
    #expect(
      blob.withUnsafeBytes { PostingCodec.decode($0, first: ids[10], within: 0...Int64.max, into: &decoded) })
    #expect(decoded == Array(ids[10..<end]))
    #expect(PostingCodec.encode(ids[99...], maxBytes: 0, into: &blob) == 100)
    #expect(blob.isEmpty)
  }

  /// A live ingest, then a backfill interleaved with it in time, then a third run across midnight: the
  /// posting rows of one value overlap, and pages must still come out in exact time order.
  static func overlappingStore() throws -> (
    TestStore, [(id: String, time: Int64, name: String, region: String)]
  ) {
    let store = try TestStore()
    var all: [(id: String, time: Int64, name: String, region: String)] = []
    func records(_ numbers: [Int], at time: (Int) -> Int64) -> [TestRecord] {
      numbers.map { n in
        let name = n.isMultiple(of: 5) ? "Other" : "Same"
        let region = n.isMultiple(of: 3) ? "eu-west-1" : "us-east-1"
        all.append((TestRecord.id(n), time(n), name, region))
        return TestRecord(TestRecord.id(n), at: time(n)).with {
          $0.eventName = name
          $0.awsRegion = region
        }
      }
    }
    let live = try store.write("live.json", records: records(Array(1...80)) { TestTime.base + Int64(2 * $0) })
    let backfill = try store.write(
      "backfill.json", records: records(Array(101...180)) { TestTime.base + Int64(2 * ($0 - 100) + 1) })
    let midnight = TestTime.base + 12 * 3600
    let late = try store.write(
      "late.json", records: records(Array(201...260)) { midnight - 900 + Int64(30 * ($0 - 200)) })
    for path in [live, backfill, late] {
      #expect(try store.ingest([path], batchEvents: 16).summary.eventsLoaded > 0)
    }
    return (store, all)
  }

  @Test(arguments: [1, 7, 50])
  func pagesOfOverlappingPostingsAreInTimeOrder(pageSize: Int) throws {
    let (store, all) = try Self.overlappingStore()
    let history = try store.history(now: TestTime.base + 2 * TestTime.day)
    let expected = all.filter { $0.name == "Same" }.sorted { $0.time > $1.time }.map(\.id)
    let ids = try history.allEventIDs(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "Same")], maxResults: pageSize))
    #expect(ids == expected)
  }

  @Test func newerPagesWithARegionWalkUpFromTheOldestEnd() throws {
    let (store, all) = try Self.overlappingStore()
    let history = try store.history(now: TestTime.base + 2 * TestTime.day)
    let filter = HistoryFilter(attribute: LookupAttribute(.eventName, "Same"), region: "eu-west-1")
    var cursor: HistoryCursor?
    var seen: [String] = []
    while true {
      let rows = try history.summaries(filter, from: cursor, direction: .newer, limit: 4)
      guard let newest = rows.first else { break }
      #expect(rows.map(\.eventTime) == rows.map(\.eventTime).sorted(by: >))
      seen += rows.reversed().map(\.eventId)
      cursor = newest.cursor
    }
    let expected = all.filter { $0.name == "Same" && $0.region == "eu-west-1" }.sorted { $0.time < $1.time }
    #expect(seen == expected.map(\.id))
  }

  @Test func aTimeWindowCutsInsideAPostingRow() throws {
    let (store, all) = try Self.overlappingStore()
    let history = try store.history(now: TestTime.base + 2 * TestTime.day)
    let start = TestTime.base + 41
    let end = TestTime.base + 120
    let ids = try history.allEventIDs(
      LookupRequest(
        lookupAttributes: [LookupAttribute(.eventName, "Same")], startTime: TestTime.date(start),
        endTime: TestTime.date(end), maxResults: 9))
    let expected = all.filter { $0.name == "Same" && (start...end).contains($0.time) }.sorted {
      $0.time > $1.time
    }
    #expect(ids == expected.map(\.id))
  }

  /// A value found on days 0, 3 and 5 of a week whose day 4 has no events and whose other days hold
  /// only other values: a lookup finds the value's rows in each stored day of the window, both ways.
  @Test(arguments: [1, 2, 50])
  func lookupsWalkTheStoredDaysBothWays(pageSize: Int) throws {
    let store = try TestStore()
    var rare: [(id: String, time: Int64)] = []
    var records: [TestRecord] = []
    for n in 1...70 {
      let day = Int64((n - 1) / 10)
      if day == 4 { continue }
      let time = TestTime.base + day * TestTime.day + Int64(n) * 600
      let isRare = [0, 3, 5].contains(day) && n.isMultiple(of: 3)
      if isRare { rare.append((TestRecord.id(n), time)) }
      records.append(
        TestRecord(TestRecord.id(n), at: time).with { $0.eventName = isRare ? "Rare" : "Common" })
    }
    try store.write("week.json", records: records)
    #expect(try store.ingest(batchEvents: 8).summary.eventsLoaded == records.count)

    let history = try store.history(now: TestTime.base + 8 * TestTime.day)
    let older = try history.allEventIDs(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "Rare")], maxResults: pageSize))
    #expect(older == rare.sorted { $0.time > $1.time }.map(\.id))
    #expect(Set(rare.map { EventKey.day(of: $0.time) }).count == 3)

    var cursor: HistoryCursor?
    var newer: [String] = []
    while true {
      let rows = try history.summaries(
        HistoryFilter(attribute: LookupAttribute(.eventName, "Rare")), from: cursor, direction: .newer,
        limit: pageSize)
      guard let newest = rows.first else { break }
      newer += rows.reversed().map(\.eventId)
      cursor = newest.cursor
    }
    #expect(newer == rare.sorted { $0.time < $1.time }.map(\.id))

    // A window from inside day 3 to inside day 5 starts and ends mid-day.
    let start = TestTime.base + 3 * TestTime.day + 35 * 600
    let end = TestTime.base + 5 * TestTime.day + 56 * 600
    let windowed = try history.allEventIDs(
      LookupRequest(
        lookupAttributes: [LookupAttribute(.eventName, "Rare")], startTime: TestTime.date(start),
        endTime: TestTime.date(end), maxResults: pageSize))
    #expect(
      windowed == rare.filter { (start...end).contains($0.time) }.sorted { $0.time > $1.time }.map(\.id))
    #expect(windowed.count >= 2)

    // A window wholly before the stored days lists no day at all.
    let before = try history.allEventIDs(
      LookupRequest(
        lookupAttributes: [LookupAttribute(.eventName, "Rare")],
        startTime: TestTime.date(TestTime.base - 9 * TestTime.day),
        endTime: TestTime.date(TestTime.base - 2 * TestTime.day), maxResults: pageSize))
    #expect(before.isEmpty)
  }

  /// A version-2 store (secondary indexes and resource tables) gets postings with the same answers, and
  /// migration 11 re-keys its interned access keys: old and new events are found by their key.
  @Test func migrationThreeBuildsPostingsFromAVersionTwoStore() throws {
    let store = try TestStore()
    do {
      let db = try store.connection(atVersion: 2)
      try db.execute(
        """
        INSERT INTO strings (id, value) VALUES (1, 'Alpha'), (2, 'Beta'), (3, 'alice'), (4, 'AKIAALICE'),
          (5, 'ec2.amazonaws.com'), (6, 'us-east-1'), (7, 'AwsApiCall'), (8, 'AWS::EC2::Instance'),
          (9, '111122223333'), (10, 'AKIACAROL');
        """)
      for n in 1...30 {
        let record = TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with {
          $0.eventName = n.isMultiple(of: 2) ? "Beta" : "Alpha"
        }
        let rowID = EventKey.rowID(time: record.eventTime, eventID: record.eventID)
        let insert = try db.prepare(
          """
          INSERT INTO events (id, event_id, event_time, category, event_type, event_name, event_source,
            aws_region, account, username, access_key, read_only, error_code, source_ip, resources, file_id,
            raw_dict, raw)
          VALUES (?1, ?2, ?3, 0, 7, ?4, 5, 6, 9, 3, ?6, 1, 0, NULL, NULL, 0, 0, ?5)
          """)
        // Event 7 alone has carol's key: a posting of one id (an empty blob of further ids).
        try insert.bind([
          .int(rowID), .blob(EventKey.storedEventID(record.eventID)), .int(record.eventTime),
          .int(n.isMultiple(of: 2) ? 2 : 1), .blob(Array(record.json.utf8)), .int(n == 7 ? 10 : 4),
        ])
        try insert.step()
        try db.execute(
          "INSERT INTO event_ids (day, event_id, event) VALUES (\(EventKey.day(of: record.eventTime)), x'\(EventKey.storedEventID(record.eventID).map { String(format: "%02x", $0) }.joined())', \(rowID))"
        )
        if n.isMultiple(of: 3) {
          try db.execute("INSERT INTO event_resource_types (type, event) VALUES (8, \(rowID))")
          try db.execute(
            "INSERT INTO event_resource_names (name_hash, event) VALUES (\(PostedTextKey.hash("i-\(n % 2)")), \(rowID))"
          )
        }
      }
      try db.execute("UPDATE meta SET value = '30' WHERE key = 'event_count'")
      #expect(try db.scalarInt("PRAGMA user_version") == 2)
    }

    let history = try store.history()
    let migrated = try SQLiteConnection(path: store.dbPath, readOnly: true)
    #expect(try migrated.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
    #expect(
      try migrated.scalarInt(
        "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('events_by_event_name', 'event_resource_types')")
        == 0)
    // Migration 10 keyed the rows that migration 3 built by day first.
    let schema = try migrated.prepare("SELECT sql FROM sqlite_master WHERE name = 'postings'")
    #expect(try schema.step())
    #expect(schema.text(0)?.contains("PRIMARY KEY (day, attr, value, last)") == true)

    func ids(_ key: LookupAttributeKey, _ value: String) throws -> [String] {
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(key, value)], maxResults: 4))
    }
    #expect(try ids(.eventName, "Beta") == stride(from: 30, through: 2, by: -2).map(TestRecord.id))
    #expect(try ids(.username, "alice").count == 30)
    #expect(
      try ids(.resourceType, "AWS::EC2::Instance") == stride(from: 30, through: 3, by: -3).map(TestRecord.id))
    #expect(try ids(.resourceName, "i-1") == [27, 21, 15, 9, 3].map(TestRecord.id))
    #expect(try ids(.eventId, TestRecord.id(17)) == [TestRecord.id(17)])
    // Migration 11 re-keyed the interned access key's postings by the key's hash.
    #expect(try ids(.accessKeyId, "AKIAALICE").count == 29)
    #expect(try ids(.accessKeyId, "AKIACAROL") == [TestRecord.id(7)])
    #expect(
      try migrated.scalarInt("SELECT COUNT(*) FROM postings WHERE attr = 4 AND value IN (4, 10)") == 0)
    // Migration 14 posted every event under its region and ReadOnly (all 30 read-only, in us-east-1).
    func regionIDs(_ readOnly: String?) throws -> [String] {
      try history.allEventIDs(
        LookupRequest(
          lookupAttributes: readOnly.map { [LookupAttribute(.readOnly, $0)] } ?? [], maxResults: 4,
          region: "us-east-1"))
    }
    #expect(try regionIDs(nil) == (1...30).reversed().map(TestRecord.id))
    #expect(try regionIDs("true").count == 30)
    #expect(try regionIDs("false").isEmpty)
    #expect(
      try migrated.scalarInt(
        "SELECT SUM(count) FROM postings WHERE attr = \(PostingAttribute.regionReadOnly.rawValue)") == 30)

    // Migration 4 turned `event_ids` into runs: the writer must still know every migrated eventID.
    try store.write(
      "again.json",
      records: [
        TestRecord(TestRecord.id(5), at: TestTime.base + 5),
        TestRecord(TestRecord.id(31), at: TestTime.base + 31),
        TestRecord(TestRecord.id(32), at: TestTime.base + 32).with {
          $0.identity = TestRecord.iamUser("bob", key: "AKIABOB")
        },
      ])
    let run = try store.ingest([store.folder + "/again.json"])
    #expect(run.summary.eventsLoaded == 2)
    #expect(run.summary.duplicates == 1)
    #expect(try store.history().allEventIDs().count == 32)

    // Keys stored since version 11 are text in the row, not interned; old rows keep their interned
    // key, and a lookup finds both kinds.
    #expect(try migrated.scalarInt("SELECT COUNT(*) FROM strings WHERE value = 'AKIABOB'") == 0)
    #expect(try ids(.accessKeyId, "AKIAALICE").first == TestRecord.id(31))
    #expect(try ids(.accessKeyId, "AKIAALICE").count == 30)
    #expect(try ids(.accessKeyId, "AKIABOB") == [TestRecord.id(32)])
    let keys = try store.history().lookupEvents(LookupRequest(maxResults: 4)).events.map(
      \.summary.accessKeyId)
    #expect(keys == ["AKIABOB", "AKIAALICE", "AKIAALICE", "AKIAALICE"])
  }
}

@Suite("Posting cursor merge")
struct PostingCursorMergeTests {
  @Test(arguments: [
    ([Int64](), [Int64]([1, 2]), true, [Int64]([1, 2])),
    ([5, 6], [1, 2], true, [1, 2, 5, 6]),
    ([1, 2], [5, 6], true, [1, 2, 5, 6]),
    ([1, 4, 9], [2, 3, 10], true, [1, 2, 3, 4, 9, 10]),
    ([9, 4, 1], [10, 3, 2], false, [10, 9, 4, 3, 2, 1]),
    ([2, 1], [6, 5], false, [6, 5, 2, 1]),
  ])
  func mergesTwoOrderedRuns(a: [Int64], b: [Int64], ascending: Bool, expected: [Int64]) {
    #expect(PostingCursor.merge(a, b, ascending: ascending) == expected)
  }
}
