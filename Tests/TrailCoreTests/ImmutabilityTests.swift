import Foundation
import Testing
import TrailTestSupport

@testable import TrailCore

/// Stored events are immutable: triggers refuse UPDATE and DELETE on `events`, whoever asks.
@Suite("Immutability")
struct ImmutabilityTests {
  static func store() throws -> TestStore {
    let store = try TestStore()
    try store.write(
      "events.json", records: (1...3).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)) })
    #expect(try store.ingest().summary.eventsLoaded == 3)
    return store
  }

  @Test(arguments: [
    ("UPDATE events SET event_time = 0", "events are immutable: UPDATE is refused"),
    (
      "UPDATE events SET raw = x'7b7d' WHERE rowid = (SELECT MIN(rowid) FROM events)",
      "events are immutable: UPDATE is refused"
    ),
    ("DELETE FROM events", "events are immutable: only the retention purge deletes them"),
    (
      "DELETE FROM events WHERE rowid = (SELECT MAX(rowid) FROM events)",
      "events are immutable: only the retention purge deletes them"
    ),
  ])
  func changeIsRefusedByTheTrigger(sql: String, message: String) throws {
    let store = try Self.store()
    let connection = try EventStore.openWriter(path: store.dbPath)
    do {
      try connection.execute(sql)
      Issue.record("\(sql) was allowed")
    } catch let error as SQLiteError {
      #expect(error.message == message)
    }
    let page = try store.history().lookupEvents(LookupRequest())
    #expect(page.events.map(\.summary.eventId) == [3, 2, 1].map(TestRecord.id))
    #expect(page.events.first?.cloudTrailEvent == TestRecord(TestRecord.id(3), at: TestTime.base + 3).json)
  }

  @Test func readersCannotWriteAtAll() throws {
    let store = try Self.store()
    let reader = try EventStore.openReader(path: store.dbPath)
    #expect(throws: SQLiteError.self) { try reader.execute("DELETE FROM meta") }
  }
}

@Suite("Retention purge")
struct RetentionTests {
  @Test func purgeRemovesOnlyEventsBeforeTheCutoffAndClosesTheDoorAgain() throws {
    let store = try TestStore()
    try store.write(
      "a.json", records: (0..<10).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0) * 3600) })
    _ = try store.ingest()
    let removed = try Retention.purge(
      databasePath: store.dbPath, olderThan: TestTime.date(TestTime.base + 4 * 3600))
    #expect(removed == 4)
    #expect(try store.history().allEventIDs() == (4..<10).reversed().map { TestRecord.id($0) })
    #expect(try store.history().eventCount() == 6)
    let writer = try EventStore.openWriter(path: store.dbPath)
    #expect(throws: SQLiteError.self) { try writer.execute("DELETE FROM events") }
  }

  /// A purged event leaves the event data stores that held it: no membership points at nothing.
  @Test func purgedEventsLeaveTheirEventDataStores() throws {
    let store = try TestStore()
    try store.write(
      "a.json", records: (0..<10).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0) * 3600) })
    _ = try store.ingest()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: store.dbPath)
    let writer = try EventStore.openWriter(path: store.dbPath)
    try writer.execute(
      "INSERT INTO event_data_store_events (store, event) SELECT (SELECT id FROM event_data_stores), id FROM events"
    )
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM event_data_store_events") == 10)
    _ = try Retention.purge(databasePath: store.dbPath, olderThan: TestTime.date(TestTime.base + 4 * 3600))
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM event_data_store_events") == 6)
    #expect(
      try writer.scalarInt(
        "SELECT COUNT(*) FROM event_data_store_events WHERE event NOT IN (SELECT id FROM events)") == 0)
  }

  /// Rollups go with their events, and purged events can be ingested again (their batch's lookup rows
  /// must not collide with what the purge left of the boundary day).
  @Test func purgedEventsLeaveTheCountsAndCanComeBack() throws {
    let store = try TestStore()
    let records = (0..<10).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0) * 600) }
    try store.write("a.json", records: Array(records[0..<4]))
    try store.write("b.json", records: Array(records[4...]))
    #expect(try store.ingest(batchEvents: 1).summary.eventsLoaded == 10)
    #expect(try store.statistics().events == 10)

    // 40 minutes and 30 seconds in: the cutoff's minute stays, so event 4 (at minute 40) stays.
    let removed = try Retention.purge(
      databasePath: store.dbPath, olderThan: TestTime.date(TestTime.base + 4 * 600 + 30))
    #expect(removed == 4)
    #expect(try store.statistics().events == 6)
    #expect(try store.history().allEventIDs() == (4..<10).reversed().map { TestRecord.id($0) })

    try store.write("again.json", records: Array(records[0..<4]))
    let again = try store.ingest([store.folder + "/again.json"])
    #expect(again.summary.line == "1 files, 4 events loaded, 0 duplicates, 0 rejected")
    #expect(try store.statistics().events == 10)
    let history = try store.history()
    #expect(try history.allEventIDs() == (0..<10).reversed().map { TestRecord.id($0) })
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.username, "alice")])).count
        == 10)
    #expect(
      try history.allEventIDs(LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(2))]))
        == [TestRecord.id(2)])
  }
}
