import Foundation
import Testing

@testable import TrailCore

/// Events are stored once per eventID, and the journal makes a re-run skip files already ingested.
@Suite("De-duplication and the ingest journal")
struct DeduplicationTests {
  static func records(_ numbers: ClosedRange<Int>) -> [TestRecord] {
    numbers.map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)) }
  }

  @Test func sameEventInTwoFilesIsStoredOnce() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records(1...5))
    try store.write("b.json", records: Self.records(4...8))
    let run = try store.ingest()
    #expect(run.summary.line == "2 files, 8 events loaded, 2 duplicates, 0 rejected")
    #expect(try store.history().allEventIDs() == (1...8).reversed().map(TestRecord.id))
    #expect(try store.statistics().duplicatesSeen == 2)
  }

  @Test func sameEventTwiceInOneFileIsStoredOnce() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records(1...3) + Self.records(2...2))
    #expect(try store.ingest().summary.line == "1 files, 3 events loaded, 1 duplicates, 0 rejected")
  }

  /// A duplicate keeps the first stored copy, even when the later copy differs.
  @Test func firstCopyWins() throws {
    let store = try TestStore()
    let first = TestRecord(TestRecord.id(1), at: TestTime.base)
    try store.write("a.json", records: [first])
    try store.write("b.json", records: [first.with { $0.eventName = "Changed" }])
    _ = try store.ingest()
    let page = try store.history().lookupEvents(LookupRequest())
    #expect(page.events.map(\.cloudTrailEvent) == [first.json])
  }

  @Test(arguments: [FileShape.envelope, .bareArray, .jsonLines])
  func plainAndGzippedCopiesOfOneDeliveryLoadOnce(shape: FileShape) throws {
    let store = try TestStore()
    let name = "111122223333_CloudTrail_us-east-1_20240301T1205Z_abcd"
    try store.write(name + ".json", records: Self.records(1...10), shape: shape)
    try store.write(name + ".json.gz", records: Self.records(1...10), shape: shape, gzip: true)
    let run = try store.ingest()
    #expect(run.summary.line == "2 files, 10 events loaded, 10 duplicates, 0 rejected")
    #expect(try store.statistics().events == 10)
  }

  @Test func gzipIsRecognisedByContentNotName() throws {
    let store = try TestStore()
    try store.write("looks-plain.json", records: Self.records(1...2), gzip: true)
    try store.write("no-extension", records: Self.records(3...4))
    let run = try store.ingest()
    #expect(run.summary.line == "2 files, 4 events loaded, 0 duplicates, 0 rejected")
  }

  @Test func rerunSkipsWhatTheJournalHas() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records(1...5))
    try store.write("b.json.gz", records: Self.records(6...9), gzip: true)
    #expect(try store.ingest().summary.line == "2 files, 9 events loaded, 0 duplicates, 0 rejected")
    let again = try store.ingest()
    #expect(again.summary.line == "2 files, 0 events loaded, 0 duplicates, 0 rejected (2 already ingested)")
    #expect(again.summary.alreadyIngested == 2)
    let stats = try store.statistics()
    #expect(stats.events == 9)
    #expect(stats.files == 2)
    #expect(stats.duplicatesSeen == 0)
  }

  @Test func rerunWithANewFileLoadsOnlyThatFile() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records(1...5))
    _ = try store.ingest()
    try store.write("b.json", records: Self.records(5...7))
    let run = try store.ingest()
    #expect(run.summary.line == "2 files, 2 events loaded, 1 duplicates, 0 rejected (1 already ingested)")
  }

  @Test func changedContentAtTheSamePathIsReadAgain() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records(1...3))
    _ = try store.ingest()
    try store.write("a.json", records: Self.records(1...4))
    let run = try store.ingest()
    #expect(run.summary.line == "1 files, 1 events loaded, 3 duplicates, 0 rejected")
    #expect(try store.statistics().files == 2)
  }

  /// The journal keeps `xxh3:` and 32 hex digits; rows from before version 8 keep the file's SHA-256,
  /// and a file they name is still skipped, while other content at their path is read.
  @Test func journalHashesAndRowsFromBeforeVersionEight() throws {
    let store = try TestStore()
    let a = try store.write("a.json", records: Self.records(1...3))
    let b = try store.write("b.json", records: Self.records(4...5))
    let old = try store.connection(atVersion: 7)
    let insert = try old.prepare(
      """
      INSERT INTO ingested_files (path, size, sha256, kind, events, duplicates, rejected, ingested_at)
      VALUES (?, 1, ?, 'events', 0, 0, 0, 0)
      """)
    insert.bindText(1, a)
    insert.bindText(2, LogFileReader.hexSHA256(Array(try Data(contentsOf: URL(fileURLWithPath: a)))))
    try insert.step()
    insert.reset()
    insert.bindText(1, b)
    insert.bindText(2, String(repeating: "0", count: 64))
    try insert.step()

    let run = try store.ingest()
    #expect(run.summary.line == "2 files, 2 events loaded, 0 duplicates, 0 rejected (1 already ingested)")
    let reader = try EventStore.openReader(path: store.dbPath)
    let select = try reader.prepare("SELECT content_hash FROM ingested_files WHERE path = ? AND events = 2")
    select.bindText(1, b)
    #expect(try select.step())
    let hash = try #require(select.text(0))
    #expect(hash.hasPrefix("xxh3:"))
    #expect(hash.count == 5 + 32)
    #expect(hash == LogFileReader.contentHash(Array(try Data(contentsOf: URL(fileURLWithPath: b)))))
  }

  @Test func rejectedFilesAreJournaledTooAndNotReportedTwice() throws {
    let store = try TestStore()
    try store.write("broken.json", text: "{\"Records\":[")
    let first = try store.ingest()
    #expect(first.summary.rejected == 1)
    let again = try store.ingest()
    #expect(again.lines == [])
    #expect(again.summary.line == "1 files, 0 events loaded, 0 duplicates, 0 rejected (1 already ingested)")
    #expect(try store.statistics().rejectedFiles == 1)
  }

  /// Small batches: many transactions, the same outcome as one.
  @Test func batchSizeDoesNotChangeTheResult() throws {
    let store = try TestStore()
    for file in 0..<12 {
      try store.write("f\(file).json", records: Self.records((file * 10 + 1)...(file * 10 + 15)))
    }
    let run = try store.ingest(batchEvents: 7)
    #expect(run.summary.line == "12 files, 125 events loaded, 55 duplicates, 0 rejected")
    #expect(try store.history().allEventIDs() == (1...125).reversed().map(TestRecord.id))
  }

  /// Full batches while much is left, then a quarter of the rest, never below an eighth of a batch.
  @Test func batchesTaperTowardsTheEndOfTheInput() {
    #expect(Ingestor.batchTarget(60_000, remainingEvents: 1_000_000) == 60_000)
    #expect(Ingestor.batchTarget(60_000, remainingEvents: 100_000) == 25_000)
    #expect(Ingestor.batchTarget(60_000, remainingEvents: 10_000) == 7_500)
    #expect(Ingestor.batchTarget(60_000, remainingEvents: 0) == 7_500)
    #expect(Ingestor.batchTarget(1, remainingEvents: 0) == 1)
    #expect(Ingestor.batchTarget(7, remainingEvents: 1_000) == 7)
  }
}
