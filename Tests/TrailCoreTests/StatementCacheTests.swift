import Testing

@testable import TrailCore

/// A connection keeps the statements its callers release and hands them out again for the same SQL:
/// what comes back must behave as a freshly prepared statement.
@Suite("Statement cache")
struct StatementCacheTests {
  @Test func aReleasedStatementIsReusedResetAndUnbound() throws {
    let db = try SQLiteConnection(path: ":memory:")
    try db.execute("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2), (3)")
    var first: SQLiteStatement? = try db.prepare("SELECT x, ?1 FROM t ORDER BY x")
    let handle = first!.handle
    first!.bindInt(1, 42)
    // Left in the middle of its rows: handed out again it must start over, without the binding.
    #expect(try first!.step())
    #expect(first!.int64(0) == 1)
    first = nil

    let again = try db.prepare("SELECT x, ?1 FROM t ORDER BY x")
    #expect(again.handle == handle)
    var rows: [[String]] = []
    while try again.step() { rows.append([again.text(0) ?? "NULL", again.text(1) ?? "NULL"]) }
    #expect(rows == [["1", "NULL"], ["2", "NULL"], ["3", "NULL"]])

    // A statement in use is not handed out twice.
    let other = try db.prepare("SELECT x, ?1 FROM t ORDER BY x")
    #expect(other.handle != again.handle)
  }

  @Test func aReleasedStatementHoldsNoReadLock() throws {
    let store = try TestStore()
    let path = store.folder + "/wal.db"
    let writer = try SQLiteConnection(path: path)
    try writer.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")
    let reader = try SQLiteConnection(path: path)
    var statement: SQLiteStatement? = try reader.prepare("SELECT count(*) FROM t")
    #expect(try statement!.step())
    statement = nil
    try writer.execute("INSERT INTO t VALUES (2)")
    // Were the released statement still mid-read, this reader would keep seeing one row.
    #expect(try reader.scalarInt("SELECT count(*) FROM t") == 2)
  }

  @Test func longSQLIsNotKeptAndStatementsMayOutliveTheirConnection() throws {
    var db: SQLiteConnection? = try SQLiteConnection(path: ":memory:")
    let long = "SELECT 1 -- " + String(repeating: "x", count: StatementCache.longestSQL)
    var statement: SQLiteStatement? = try db!.prepare(long)
    #expect(try statement!.step())
    statement = nil
    #expect(db!.statements.take(long) == nil)

    let kept = try db!.prepare("SELECT 1")
    // The connection goes first; releasing its statement afterwards finalizes it instead of caching it.
    withExtendedLifetime(kept) { db = nil }
    #expect(db == nil)
  }
}
