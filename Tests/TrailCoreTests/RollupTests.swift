import Foundation
import Testing

@testable import TrailCore

/// Rollups are appended per transaction, one packed row a minute (`Rollups`): the counts must add up
/// whatever the order of input, and older layouts migrate with every count.
@Suite("Per-minute rollups")
struct RollupTests {
  static let minute = TestTime.base / 60

  /// Summed counts by minute.
  static func countsByMinute(_ store: TestStore) throws -> [Int64: Int64] {
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    var counts: [Int64: Int64] = [:]
    try Rollups.forEach(in: db) { key, count in counts[key.minute, default: 0] += count }
    return counts
  }

  /// Row numbers within `minute`.
  static func rowNumbers(_ store: TestStore, minute: Int64) throws -> [Int64] {
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    let ids = try db.prepare(
      "SELECT id - (\(minute) << 24) FROM rollup_packs WHERE id >> 24 = \(minute) ORDER BY id")
    var numbers: [Int64] = []
    while try ids.step() { numbers.append(ids.int64(0)) }
    return numbers
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
    #expect(try Self.rowNumbers(store, minute: Self.minute) == [0, 1], "the second run numbers on")
    #expect(try Self.rowNumbers(store, minute: Self.minute - 1) == [0])
    #expect(try store.statistics().events == 6)
  }

  /// One transaction writes one row per minute, whatever the number of keys in it.
  @Test func aTransactionPacksEachMinuteIntoOneRow() throws {
    let store = try TestStore()
    let t = Self.minute * 60
    let records = (0..<90).map { n in
      TestRecord(TestRecord.id(n), at: t + Int64(n)).with {
        $0.eventName = "Call\(n % 7)"
        $0.identity = TestRecord.iamUser("user\(n % 5)", key: "AKIA\(n)")
      }
    }
    try store.write("a.json", records: records)
    _ = try store.ingest()
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM rollup_packs") == 2)
    var counts: [Int64: [Int64]] = [:]
    try Rollups.forEach(in: db) { key, count in counts[key.minute, default: []].append(count) }
    // Minute one: 60 events, 35 (name, user) keys; minute two: 30 events, 30 keys (n mod 35 from 60).
    #expect(counts[Self.minute]?.count == 35)
    #expect(counts[Self.minute]?.reduce(0, +) == 60)
    #expect(counts[Self.minute + 1]?.count == 30)
    #expect(counts[Self.minute + 1]?.reduce(0, +) == 30)
  }

  @Test func aPackThatDoesNotDecodeIsAnError() throws {
    var packed: [UInt8] = []
    let key = RollupKey(
      minute: 1, category: 0, account: 300, region: 2, source: 3, name: 70_000, user: 5, error: 0, readOnly: 2
    )
    Rollups.pack([(key, 12)][...], into: &packed)
    let unpacked = packed.withUnsafeBytes { Rollups.unpack($0, minute: 1) }
    #expect(unpacked?.map(\.key) == [key])
    #expect(unpacked?.map(\.count) == [12])
    #expect(
      packed.dropLast().withUnsafeBytes { Rollups.unpack(UnsafeRawBufferPointer($0), minute: 1) } == nil)

    let store = try TestStore()
    let db = try store.connection(atVersion: 9)
    try db.execute("INSERT INTO rollup_packs (id, entries) VALUES (5 << 24, x'80')")
    #expect(throws: Diagnostic.self) { try Rollups.forEach(in: db) { _, _ in } }
  }

  /// A version-5 store's upserted rows come through migrations 6 and 9 with their counts and minutes.
  @Test func upsertedRowsOfVersionFiveKeepEveryCount() throws {
    let store = try TestStore()
    let db = try store.migrated(
      fromVersion: 5,
      with: """
        INSERT INTO rollup_minute (minute, category, account, aws_region, event_source, event_name, username,
          error_code, read_only, count)
        VALUES (100, 0, 1, 2, 3, 4, 5, 0, 1, 7), (100, 0, 1, 2, 3, 6, 5, 0, 1, 2), (-3, 1, 1, 2, 3, 4, 5, 9, 0, 4);
        """)
    var seen: [[Int64]] = []
    try Rollups.forEach(in: db) { key, count in
      seen.append([key.minute, key.category, key.name, key.error, key.readOnly, count])
    }
    #expect(seen == [[-3, 1, 4, 9, 0, 4], [100, 0, 4, 0, 1, 7], [100, 0, 6, 0, 1, 2]])
    #expect(
      try db.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('rollup_counts', 'rollup_minute')")
        == 0)
  }

  /// Version 6–8 rows of one key from several transactions are summed into the minute's one row.
  @Test func appendedRowsOfVersionEightAreSummedPerMinute() throws {
    let store = try TestStore()
    let db = try store.migrated(
      fromVersion: 8,
      with: """
        INSERT INTO rollup_counts (id, category, account, aws_region, event_source, event_name, username,
          error_code, read_only, count)
        VALUES ((7 << 24) | 0, 0, 1, 2, 3, 4, 5, 0, 1, 7), ((7 << 24) | 1, 0, 1, 2, 3, 4, 5, 0, 1, 2),
          ((7 << 24) | 2, 0, 1, 2, 3, 8, 5, 0, 1, 1), ((9 << 24) | 0, 0, 1, 2, 3, 4, 5, 0, 1, 3);
        """)
    var seen: [[Int64]] = []
    try Rollups.forEach(in: db) { key, count in seen.append([key.minute, key.name, count]) }
    #expect(seen == [[7, 4, 9], [7, 8, 1], [9, 4, 3]])
    #expect(try db.scalarInt("SELECT COUNT(*) FROM rollup_packs") == 2)
  }

  /// Keys in minute order are sorted a minute at a time, others all at once: the same counts either way.
  @Test(arguments: [true, false])
  func accumulatedKeysComeOutCountedInKeyOrder(inMinuteOrder: Bool) {
    var keys: [RollupKey] = []
    for n in 0..<300 {
      keys.append(
        RollupKey(
          minute: Int64(n / 40), category: 0, account: 1, region: Int64(n % 2), source: 2,
          name: Int64(n % 3), user: 1, error: 0, readOnly: Int64(n % 5 == 0 ? 1 : 0)))
    }
    if !inMinuteOrder { keys.swapAt(10, 250) }
    var accumulator = RollupAccumulator<RollupKey>()
    for key in keys { accumulator.add(key) }
    let drained = accumulator.drain()
    var expected: [(key: RollupKey, count: Int64)] = []
    for key in keys.sorted() {
      if expected.last?.key == key {
        expected[expected.count - 1].count += 1
      } else {
        expected.append((key, 1))
      }
    }
    #expect(drained.map(\.key) == expected.map(\.key))
    #expect(drained.map(\.count) == expected.map(\.count))
    #expect(drained.count < keys.count)
    #expect(accumulator.drain().isEmpty)
  }
}
