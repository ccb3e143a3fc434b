import Foundation
import Testing

@testable import TrailCore

/// eventIDs live in per-batch runs until a run of ingest moves them into `event_id_index`; lookups and
/// de-duplication must see both, whichever holds an event.
@Suite("EventId runs and index")
struct EventIDIndexTests {
  static func records(_ numbers: ClosedRange<Int>, day: Int64 = 0) -> [TestRecord] {
    numbers.map { TestRecord(TestRecord.id($0), at: TestTime.base + day * TestTime.day + Int64($0)) }
  }

  static func counts(_ store: TestStore) throws -> (runs: Int64, indexed: Int64) {
    let db = try SQLiteConnection(path: store.dbPath, readOnly: true)
    return (
      try db.scalarInt("SELECT COALESCE(SUM(LENGTH(entries)), 0) / 16 FROM event_id_runs"),
      try db.scalarInt("SELECT COALESCE(SUM(LENGTH(entries)), 0) / 16 FROM event_id_index")
    )
  }

  @Test func aRunOfIngestMovesItsEventIDsIntoTheIndexWhenTheRunsHaveGrown() throws {
    let store = try TestStore()
    // Two days, several batches: many runs before the move.
    try store.write("a.json", records: Self.records(1...300, day: -3))
    try store.write("b.json", records: Self.records(301...600, day: -1))
    #expect(try store.ingest(batchEvents: 100).summary.eventsLoaded == 600)
    #expect(try Self.counts(store) == (0, 600))

    // A small later ingest (under an eighth of the index) stays in runs.
    try store.write("c.json", records: Self.records(601...610, day: -1) + Self.records(5...6, day: -3))
    let later = try store.ingest([store.folder + "/c.json"])
    #expect(later.summary.eventsLoaded == 10)
    #expect(later.summary.duplicates == 2)
    #expect(try Self.counts(store) == (10, 600))

    // Every event is found by its eventID, wherever it is filed, and misses stay misses.
    let history = try store.history()
    for n in [1, 300, 301, 600, 601, 610] {
      let ids = try history.allEventIDs(
        LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(n))]))
      #expect(ids == [TestRecord.id(n)], "event \(n)")
    }
    #expect(
      try history.allEventIDs(
        LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(999))])
      )
      .isEmpty)

    // A writer opened afresh still knows both: indexed and run-filed twins are duplicates.
    try store.write("d.json", records: Self.records(300...301, day: 0) + Self.records(609...611, day: -1))
    let again = try store.ingest([store.folder + "/d.json"])
    #expect(again.summary.line == "1 files, 1 events loaded, 4 duplicates, 0 rejected")
  }

  /// Merging runs into the index keeps every entry of the rows already there, in prefixes on both sides
  /// of a read range's edge, and leaves the other rows alone.
  @Test func mergingRunsKeepsTheIndexRowsTheyJoin() throws {
    let store = try TestStore()
    let db = try store.connection(atVersion: Migrations.latestVersion)
    func hash(prefix: Int64, low: UInt64) -> UInt64 { UInt64(prefix) << 48 | low }
    let old: [(hash: UInt64, rowID: Int64)] = [
      (hash(prefix: 5, low: 10), 100), (hash(prefix: 4095, low: 3), 101), (hash(prefix: 4096, low: 7), 102),
      (hash(prefix: 60_000, low: 1), 103),
    ]
    let insertRow = try db.prepare("INSERT INTO event_id_index (prefix, entries) VALUES (?1, ?2)")
    for entry in old {
      insertRow.reset()
      try insertRow.bind([.int(EventIDRuns.prefix(of: entry.hash)), .blob(EventIDRuns.encode([entry][...]))])
      try insertRow.step()
    }
    try db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('indexed_event_ids', '4')")
    let new: [(day: Int64, hash: UInt64, rowID: Int64)] = [
      (1, hash(prefix: 5, low: 2), 200), (1, hash(prefix: 4095, low: 9), 201),
      (2, hash(prefix: 4096, low: 1), 202),
      (2, hash(prefix: 9, low: 1), 203),
    ]
    try EventIDRuns.write(new, with: db.prepare(EventIDRuns.insertSQL))
    #expect(try EventIDRuns.consolidateIfWorthIt(db) == 4)

    var rows: [Int64: [UInt64]] = [:]
    let all = try db.prepare("SELECT prefix, entries FROM event_id_index")
    while try all.step() {
      var hashes: [UInt64] = []
      all.withBlob(1) { EventIDRuns.forEachEntry(in: $0) { hash, _ in hashes.append(hash) } }
      rows[all.int64(0)] = hashes
    }
    #expect(rows[5] == [hash(prefix: 5, low: 2), hash(prefix: 5, low: 10)])
    #expect(rows[4095] == [hash(prefix: 4095, low: 3), hash(prefix: 4095, low: 9)])
    #expect(rows[4096] == [hash(prefix: 4096, low: 1), hash(prefix: 4096, low: 7)])
    #expect(rows[9] == [hash(prefix: 9, low: 1)])
    #expect(rows[60_000] == [hash(prefix: 60_000, low: 1)])
    #expect(rows.count == 5)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM event_id_runs") == 0)
  }

  /// Into an empty index, each row gets exactly its prefix's entries from every run, in (hash, row id)
  /// order: rows of a few entries (sorted by insertion), of many (sorted otherwise), twins of one hash.
  @Test func mergingRunsIntoAnEmptyIndexSortsEachRow() throws {
    let store = try TestStore()
    let db = try store.connection(atVersion: Migrations.latestVersion)
    var generator = SeededRandom(seed: 13)
    var written: [(day: Int64, hash: UInt64, rowID: Int64)] = []
    for n in 0..<300 {
      // Prefix 7 gets 200 entries, prefix 9 ninety, prefix 65 535 ten, in random order over three days.
      let prefix: UInt64 = n < 200 ? 7 : n < 290 ? 9 : 0xFFFF
      written.append((Int64(n % 3), prefix << 48 | generator.next() >> 16, Int64(1000 + n)))
    }
    written.append((2, written[5].hash, 5))
    written.append((0, written[295].hash, 99_999))
    for day in 0..<Int64(3) {
      // One run per day and bucket per batch: three batches a day, like three transactions.
      let ofDay = written.filter { $0.day == day }
      for batch in 0..<3 {
        try EventIDRuns.write(
          ofDay.enumerated().filter { $0.offset % 3 == batch }.map(\.element),
          with: db.prepare(EventIDRuns.insertSQL))
      }
    }
    #expect(try EventIDRuns.consolidateIfWorthIt(db) == written.count)

    var rows: [Int64: [Int64]] = [:]
    let all = try db.prepare("SELECT prefix, entries FROM event_id_index")
    while try all.step() {
      var entries: [(hash: UInt64, rowID: Int64)] = []
      all.withBlob(1) { EventIDRuns.forEachEntry(in: $0) { entries.append(($0, $1)) } }
      let prefix = all.int64(0)
      #expect(entries.allSatisfy { EventIDRuns.prefix(of: $0.hash) == prefix })
      let expected = written.filter { EventIDRuns.prefix(of: $0.hash) == prefix }
        .map { (hash: $0.hash, rowID: $0.rowID) }.sorted { ($0.hash, $0.rowID) < ($1.hash, $1.rowID) }
      #expect(entries.map(\.hash) == expected.map(\.hash), "row \(prefix)")
      #expect(entries.map(\.rowID) == expected.map(\.rowID), "row \(prefix)")
      rows[prefix] = entries.map(\.rowID)
    }
    #expect(rows.keys.sorted() == [7, 9, 0xFFFF])
    #expect(rows[7]?.count == 201 && rows[9]?.count == 90 && rows[0xFFFF]?.count == 11)
    #expect(try db.scalarInt("SELECT COUNT(*) FROM event_id_runs") == 0)
    #expect(
      try db.scalarInt("SELECT value FROM meta WHERE key = 'indexed_event_ids'") == Int64(written.count))
  }

  @Test func anEventOutsideTheTimeWindowIsNotFoundThroughTheIndex() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records(1...5, day: -100) + Self.records(6...8))
    _ = try store.ingest()
    #expect(try Self.counts(store).indexed == 8)
    let history = try store.history()
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(2))]))
        .isEmpty)
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(7))]))
        == [TestRecord.id(7)])
  }
}
