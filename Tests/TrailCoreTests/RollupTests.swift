import Foundation
import Testing

@testable import TrailCore

/// Rollups are appended per transaction (`Rollups`): the counts must add up whatever the order of input.
@Suite("Per-minute rollups")
struct RollupTests {
  static let minute = TestTime.base / 60

  /// Counts of the view `rollup_minute` by minute.
  static func countsByMinute(_ store: TestStore) throws -> [Int64: Int64] {
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    let select = try db.prepare("SELECT minute, SUM(count) FROM rollup_minute GROUP BY minute")
    var counts: [Int64: Int64] = [:]
    while try select.step() { counts[select.int64(0)] = select.int64(1) }
    return counts
  }

  @Test func aMinuteWrittenByTwoRunsAndAnOlderMinuteAddUp() throws {
    let store = try TestStore()
    let t = Self.minute * 60
    try store.write("a.json", records: (1...3).map { TestRecord(TestRecord.id($0), at: t + Int64($0)) })
    _ = try store.ingest([store.folder + "/a.json"])
    // The same minute again (same key, and a new one), and a minute older than any stored row.
    try store.write(
      "b.json",
      records: [
        TestRecord(TestRecord.id(4), at: t + 4),
        TestRecord(TestRecord.id(5), at: t + 5).with { $0.eventName = "RunInstances" },
        TestRecord(TestRecord.id(6), at: t - 30),
      ])
    _ = try store.ingest([store.folder + "/b.json"])

    #expect(try Self.countsByMinute(store) == [Self.minute: 5, Self.minute - 1: 1])
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    let ids = try db.prepare(
      "SELECT id - (\(Self.minute) << 24) FROM rollup_counts WHERE id >> 24 = \(Self.minute) ORDER BY id")
    var numbers: [Int64] = []
    while try ids.step() { numbers.append(ids.int64(0)) }
    #expect(numbers == [0, 1, 2], "the second run numbers on from the minute's last row")
    #expect(try store.statistics().events == 6)
  }

  /// A version-5 store's upserted rows come through migration 6 with their counts and minutes.
  @Test func migrationSixKeepsEveryCount() throws {
    let store = try TestStore()
    do {
      let db = try store.connection(atVersion: 5)
      try db.execute(
        """
        INSERT INTO rollup_minute (minute, category, account, aws_region, event_source, event_name, username,
          error_code, read_only, count)
        VALUES (100, 0, 1, 2, 3, 4, 5, 0, 1, 7), (100, 0, 1, 2, 3, 6, 5, 0, 1, 2), (-3, 1, 1, 2, 3, 4, 5, 9, 0, 4);
        """)
    }
    let db = try EventStore.openWriter(path: store.dbPath)
    let rows = try db.prepare(
      """
      SELECT v.minute, v.event_name, v.error_code, v.count, c.id & \(Rollups.slotMask)
      FROM rollup_minute v JOIN rollup_counts c ON c.id >> 24 = v.minute AND c.event_name = v.event_name
      ORDER BY c.id
      """)
    var seen: [[Int64]] = []
    while try rows.step() { seen.append((0..<5).map { rows.int64(Int32($0)) }) }
    #expect(seen == [[-3, 4, 9, 4, 0], [100, 4, 0, 7, 0], [100, 6, 0, 2, 1]])
  }
}
