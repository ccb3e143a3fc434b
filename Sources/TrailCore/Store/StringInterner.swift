import CSQLite

/// Maps lookup values to the small integers stored in `events` (id 0 = none/empty).
///
/// The writer keeps every value it has seen in memory: ingest asks for ~10 values per event, and a
/// dictionary hit is far cheaper than an SQLite lookup.
final class StringInterner {
  private var cache: [String: Int64] = ["": 0]
  private let select: SQLiteStatement
  private let insert: SQLiteStatement
  /// True while `cache` holds every stored value (the table held only "" when this writer started):
  /// a value missing from it is new, and is inserted without a look-up first (on a store's first
  /// ingest that look-up was half the interning).
  private var isComplete: Bool

  init(_ connection: SQLiteConnection) throws {
    select = try connection.prepare("SELECT id FROM strings WHERE value = ?")
    insert = try connection.prepare("INSERT INTO strings (value) VALUES (?)")
    isComplete = try connection.scalarInt("SELECT COUNT(*) FROM strings WHERE id != 0") == 0
  }

  func id(_ value: String?) throws -> Int64 {
    guard let value else { return 0 }
    if let id = cache[value] { return id }
    if isComplete {
      insert.reset()
      insert.bindText(1, value)
      let rc = insert.stepCode()
      insert.reset()
      if rc == SQLITE_DONE {
        let id = insert.connection.lastInsertRowID
        cache[value] = id
        return id
      }
      // Another writer stored values meanwhile: look them up from now on.
      guard rc == SQLiteError.uniqueConstraint else {
        throw SQLiteError(code: rc, message: insert.connection.lastErrorMessage, context: "intern a value")
      }
      isComplete = false
    }
    select.reset()
    select.bindText(1, value)
    let id: Int64
    if try select.step() {
      id = select.int64(0)
    } else {
      insert.reset()
      insert.bindText(1, value)
      try insert.step()
      id = insert.connection.lastInsertRowID
    }
    select.reset()
    cache[value] = id
    return id
  }

  /// Forgets ids assigned inside a transaction that rolled back.
  func reset() {
    cache = ["": 0]
    isComplete = false
  }
}
