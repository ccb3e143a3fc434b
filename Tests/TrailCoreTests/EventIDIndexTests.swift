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
