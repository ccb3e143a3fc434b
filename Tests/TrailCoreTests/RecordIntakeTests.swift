import Foundation
import Testing

@testable import TrailCore

/// Records that are not files enter through `RecordIntake`: journaled per batch, validated like a log
/// file's, and stamped by the clock.
@Suite("Record intake")
struct RecordIntakeTests {
  static let stamp = TestTime.date(TestTime.base + 3_600)

  static func records(_ range: ClosedRange<Int>) -> [[UInt8]] {
    range.map { Array(TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)).json.utf8) }
  }

  @Test func aBatchIsStoredOnceAndABadRecordIsNamedByItsLine() throws {
    let store = try TestStore()
    let intake = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(Self.stamp))
    var problems: [Diagnostic] = []
    let batch = RecordIntake.Batch(
      source: "api:test/1", records: Self.records(1...3) + [Array(#"{"eventTime": 3}"#.utf8)])
    let first = try intake.append([batch]) { problems.append($0) }
    #expect(first.eventsLoaded == 3)
    #expect(first.rejected == 1)
    #expect(problems.map { $0.location?.path } == ["api:test/1"])
    #expect(problems.first?.location?.line == 4)
    // The same batch again: the journal knows it.
    let second = try intake.append([batch])
    #expect(second.eventsLoaded == 0)
    #expect(second.alreadyIngested == 1)
    #expect(try store.history().allEventIDs() == [3, 2, 1].map(TestRecord.id))
  }

  @Test func theJournalIsStampedByTheClock() throws {
    let store = try TestStore()
    let intake = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(Self.stamp))
    try intake.append([RecordIntake.Batch(source: "api:test/2", records: Self.records(1...2))])
    let reader = try EventStore.openReader(path: store.dbPath)
    #expect(
      try reader.scalarInt("SELECT MAX(ingested_at) FROM ingested_files")
        == Int64(Self.stamp.timeIntervalSince1970))
  }

  @Test func theManagementAccountIsRemembered() throws {
    let store = try TestStore()
    let intake = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(Self.stamp))
    #expect(try EventStore.managementAccount(EventStore.openReader(path: store.dbPath)) == nil)
    try intake.setOrganization(
      OrganizationInfo(id: "o-abcdefghij", managementAccount: "111122223333", accounts: ["111122223333"]))
    #expect(try EventStore.managementAccount(EventStore.openReader(path: store.dbPath)) == "111122223333")
  }
}
