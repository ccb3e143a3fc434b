import Foundation
import Testing

@testable import TrailCore

/// Ingest's checkpoint thread must keep the WAL from growing while a writer commits back to back.
@Suite("WAL checkpoint thread")
struct WALCheckpointerTests {
  @Test func theWALStartsOverWhileTheWriterCommitsBackToBack() throws {
    let store = try TestStore()
    let writer = try EventStore.openWriter(path: store.dbPath)
    try writer.execute("PRAGMA wal_autocheckpoint = 0")
    try writer.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
    let checkpointer = WALCheckpointer(path: store.dbPath, interval: 0.005, restartFrames: 64)
    // 100 KB a transaction, about seven 16 KiB pages: 400 of them are some 2 800 frames, 44 MB. The WAL
    // file keeps its high-water mark, so a checkpoint thread starved for a while on a loaded machine
    // leaves it larger; writing on (up to 2 000 transactions, 200 MB) lets a working thread bring it
    // under the bar, while passive checkpoints alone never would: the WAL would hold every transaction.
    var written = 0
    let started = Date()
    func walBytes() -> Int {
      (try? FileManager.default.attributesOfItem(atPath: store.dbPath + "-wal")[.size] as? NSNumber)?.intValue
        ?? 0
    }
    func bounded() -> Bool { walBytes() < written * 100_000 / 4 }
    while written < 400 || Date().timeIntervalSince(started) < 1
      || (!bounded() && written < 2_000)
    {
      try writer.execute("BEGIN IMMEDIATE")
      try writer.execute("INSERT INTO filler (bytes) VALUES (randomblob(100000))")
      try writer.execute("COMMIT")
      checkpointer.restartIfDue(on: writer)
      written += 1
    }
    checkpointer.stop()
    #expect(bounded(), "WAL of \(walBytes()) bytes after \(written) transactions")
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM filler") == Int64(written))
  }

  /// `checkpointSoon` copies committed pages into the database file now, not at the next interval
  /// (an hour here).
  @Test func aCheckpointAskedForRunsBeforeTheInterval() throws {
    let store = try TestStore()
    let writer = try EventStore.openWriter(path: store.dbPath)
    try writer.execute("PRAGMA wal_autocheckpoint = 0")
    let checkpointer = WALCheckpointer(path: store.dbPath, interval: 3600)
    defer { checkpointer.stop() }
    func databaseBytes() -> Int {
      (try? FileManager.default.attributesOfItem(atPath: store.dbPath)[.size] as? NSNumber)?.intValue ?? 0
    }
    // Let the thread's first checkpoint (made as it starts) pass, then commit 1 MB into the WAL (free
    // pages left by the migrations take some of it, hence half as the bar).
    Thread.sleep(forTimeInterval: 0.2)
    try writer.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
    try writer.execute("INSERT INTO filler (bytes) VALUES (randomblob(1000000))")
    let before = databaseBytes()
    checkpointer.checkpointSoon()
    let asked = Date()
    while databaseBytes() < before + 500_000 && Date().timeIntervalSince(asked) < 10 {
      Thread.sleep(forTimeInterval: 0.01)
    }
    #expect(
      databaseBytes() >= before + 500_000, "database file of \(databaseBytes()) bytes, \(before) before")
  }
}
