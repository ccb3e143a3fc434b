import CSQLite
import Foundation

/// An SQLite failure, with the statement or file it concerns.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
  public static let primaryKeyConstraint: Int32 = 1555  // SQLITE_CONSTRAINT_PRIMARYKEY
  public static let uniqueConstraint: Int32 = 2067  // SQLITE_CONSTRAINT_UNIQUE

  public var code: Int32
  public var message: String
  public var context: String
  public var description: String { "SQLite error \(code) (\(context)): \(message)" }
}

/// One SQLite connection. Not thread-safe: each thread (ingest writer, UI query worker) opens its own.
public final class SQLiteConnection {
  let handle: OpaquePointer
  public let path: String
  /// Statements given back by their owners, prepared again for nothing when their SQL comes back.
  let statements = StatementCache()

  /// Process-wide settings, applied before SQLite's first use (sqlite3_config refuses them after).
  private static let configured: Bool = tdsqlite_disable_memstatus() == SQLITE_OK

  public init(path: String, readOnly: Bool = false) throws {
    _ = Self.configured
    var db: OpaquePointer?
    let flags =
      readOnly
      ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
    let rc = sqlite3_open_v2(path, &db, flags, nil)
    guard rc == SQLITE_OK, let db else {
      let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      if let db { sqlite3_close_v2(db) }
      throw SQLiteError(code: rc, message: message, context: "open \(path)")
    }
    handle = db
    self.path = path
    // Several processes share one file (WAL); wait for a writer rather than failing at once.
    sqlite3_busy_timeout(db, 10_000)
    // Extended codes tell a primary-key clash (try the next slot) from a duplicate eventID.
    sqlite3_extended_result_codes(db, 1)
  }

  deinit {
    statements.close()
    sqlite3_close_v2(handle)
  }

  /// Runs one or more statements that return no rows.
  public func execute(_ sql: String) throws {
    var errorMessage: UnsafeMutablePointer<CChar>?
    let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
    if rc != SQLITE_OK {
      let message = errorMessage.map { String(cString: $0) } ?? lastErrorMessage
      sqlite3_free(errorMessage)
      throw SQLiteError(code: rc, message: message, context: String(sql.prefix(80)))
    }
  }

  /// A statement for `sql`: an idle one this connection prepared before for the same text (reset, no
  /// bindings) or a new one. A LookupEvents page prepares about ten statements, and preparing them
  /// again for every page cost the server an eighth of its time.
  public func prepare(_ sql: String) throws -> SQLiteStatement {
    if let idle = statements.take(sql) {
      return SQLiteStatement(idle, connection: self, sql: sql)
    }
    var statement: OpaquePointer?
    let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard rc == SQLITE_OK, let statement else {
      throw SQLiteError(code: rc, message: lastErrorMessage, context: String(sql.prefix(120)))
    }
    return SQLiteStatement(statement, connection: self, sql: sql)
  }

  var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }

  public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
  public var changes: Int { Int(sqlite3_changes(handle)) }

  /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  /// Runs `body` inside one read transaction: every statement sees the same snapshot, and the WAL's
  /// shared locks are taken once instead of once per statement (a lookup page runs ~50 of them).
  /// Inside an open transaction `body` simply joins it.
  public func reading<T>(_ body: () throws -> T) throws -> T {
    guard sqlite3_get_autocommit(handle) != 0 else { return try body() }
    // Prepared statements rather than `execute`, which parses its text every time.
    try prepare("BEGIN DEFERRED").step()
    // Never left open: a reader stuck in one transaction would not see new events again.
    defer { if (try? prepare("COMMIT").step()) == nil { try? execute("ROLLBACK") } }
    return try body()
  }

  /// Convenience: the first column of the first row as an integer (0 when there is no row).
  public func scalarInt(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int64 {
    let statement = try prepare(sql)
    try statement.bind(bindings)
    return try statement.step() ? statement.int64(0) : 0
  }

}

/// A value to bind to a statement parameter.
public enum SQLiteValue: Sendable, Equatable {
  case int(Int64)
  case text(String)
  case blob([UInt8])
  case null
}

/// A prepared statement; reset and reused on the hot paths.
public final class SQLiteStatement {
  let handle: OpaquePointer
  unowned let connection: SQLiteConnection
  /// Where the statement goes when its owner lets go of it; held strongly, as a statement may
  /// outlive its connection.
  private let cache: StatementCache
  private let sql: String

  init(_ handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
    self.handle = handle
    self.connection = connection
    self.cache = connection.statements
    self.sql = sql
  }

  deinit { cache.give(handle, sql: sql) }

  public func bind(_ values: [SQLiteValue]) throws {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (index, value) in values.enumerated() {
      let position = Int32(index + 1)
      switch value {
      case .int(let v): sqlite3_bind_int64(handle, position, v)
      case .text(let v): sqlite3_bind_text(handle, position, v, -1, tdsqlite_transient())
      case .blob(let v):
        _ = v.withUnsafeBytes {
          sqlite3_bind_blob(handle, position, $0.baseAddress, Int32($0.count), tdsqlite_transient())
        }
      case .null: sqlite3_bind_null(handle, position)
      }
    }
  }

  @inline(__always) public func reset() { sqlite3_reset(handle) }
  @inline(__always) public func bindInt(_ position: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, position, value)
  }
  @inline(__always) public func bindNull(_ position: Int32) { sqlite3_bind_null(handle, position) }
  /// Binds bytes that stay valid until the next `step` (no copy).
  @inline(__always) public func bindBlobNoCopy(_ position: Int32, _ bytes: UnsafeRawBufferPointer) {
    sqlite3_bind_blob(handle, position, bytes.baseAddress, Int32(bytes.count), nil)
  }
  /// X'' (a nil pointer would bind NULL).
  public func bindEmptyBlob(_ position: Int32) {
    sqlite3_bind_zeroblob(handle, position, 0)
  }
  @inline(__always) public func bindTextNoCopy(_ position: Int32, _ bytes: UnsafeRawBufferPointer) {
    sqlite3_bind_text(
      handle, position, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil)
  }
  public func bindText(_ position: Int32, _ value: String) {
    // The string's own UTF-8 (SQLite copies it): passing the String made a C string, an allocation, first.
    var value = value
    value.withUTF8 { utf8 in
      _ = utf8.withMemoryRebound(to: CChar.self) { text in
        if let base = text.baseAddress {
          sqlite3_bind_text(handle, position, base, Int32(text.count), tdsqlite_transient())
        } else {
          sqlite3_bind_text(handle, position, "", 0, tdsqlite_transient())
        }
      }
    }
  }

  /// Advances; true while a row is available.
  @discardableResult public func step() throws -> Bool {
    let rc = sqlite3_step(handle)
    switch rc {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      throw SQLiteError(
        code: rc, message: connection.lastErrorMessage, context: String(cString: sqlite3_sql(handle)))
    }
  }

  /// Steps and returns SQLite's result code without throwing (for callers that handle constraints).
  @inline(__always) public func stepCode() -> Int32 { sqlite3_step(handle) }

  public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
  public func text(_ column: Int32) -> String? {
    guard let pointer = sqlite3_column_text(handle, column) else { return nil }
    return String(cString: pointer)
  }
  public func blob(_ column: Int32) -> [UInt8] {
    let count = Int(sqlite3_column_bytes(handle, column))
    guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
  /// The column's bytes without a copy; valid only inside `body`.
  public func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
    let pointer = sqlite3_column_blob(handle, column)
    let count = Int(sqlite3_column_bytes(handle, column))
    return try body(UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count))
  }
}

/// A connection's idle prepared statements by SQL text, so that preparing a statement that was
/// prepared before on the connection costs a dictionary lookup instead of SQLite's parser and planner.
///
/// A statement comes back here when its `SQLiteStatement` is released, reset (so it holds no read
/// lock) and without bindings, which makes it the same as a fresh one to whoever takes it next. At
/// most `capacity` wait here, and none longer than `longestSQL` bytes (Lake's generated queries are
/// long and rarely run twice); once full, statements given back are finalized, so the ones that keep
/// coming back (a page's statements) keep their places. Confined to its connection's thread.
final class StatementCache {
  static let capacity = 64
  static let longestSQL = 2_048
  private var idle: [String: [OpaquePointer]] = [:]
  private var count = 0
  private var closed = false

  /// An idle statement prepared from `sql`, if one waits.
  func take(_ sql: String) -> OpaquePointer? {
    guard let handle = idle[sql]?.popLast() else { return nil }
    count -= 1
    return handle
  }

  /// Takes back a statement its owner released.
  func give(_ handle: OpaquePointer, sql: String) {
    guard !closed, count < Self.capacity, sql.utf8.count <= Self.longestSQL else {
      sqlite3_finalize(handle)
      return
    }
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    idle[sql, default: []].append(handle)
    count += 1
  }

  /// Finalizes every idle statement; statements released later are finalized at once.
  func close() {
    closed = true
    for handles in idle.values {
      for handle in handles { sqlite3_finalize(handle) }
    }
    idle = [:]
    count = 0
  }
}
