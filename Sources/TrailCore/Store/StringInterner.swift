import CSQLite

/// Maps lookup values to the small integers stored in `events` (id 0 = none/empty).
///
/// The writer keeps every value it has seen in memory: ingest asks for ~10 values per event, and a
/// dictionary hit is far cheaper than an SQLite lookup.
final class StringInterner {
  private var cache: [String: Int64] = ["": 0]
  /// Values already interned, by the `WordHash` the readers computed for them (see `id(_:hash:)`).
  /// Unchecked: the writer's thread alone uses them and nothing reenters, and the run-time
  /// exclusivity checks cost as much as the look-up.
  @exclusivity(unchecked) private var byHash = HashTable64()
  @exclusivity(unchecked) private var hashed: [(value: String, id: Int64)] = []
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

  /// `id(value)`, for a value whose `WordHash` the readers worked out already (a file's distinct
  /// values, `ValueTable.hashes`): found through that hash and one string comparison instead of the
  /// `Dictionary`'s SipHash of the string, 575 instructions a value on the writer's thread. Values
  /// whose hashes collide go the `Dictionary`'s way.
  func id(_ value: String, hash: UInt64) throws -> Int64 {
    if let index = byHash[hash] {
      let entry = hashed[Int(index)]
      if entry.value == value { return entry.id }
      return try id(value)
    }
    let id = try id(value)
    byHash.insertIfAbsent(hash, Int32(hashed.count))
    hashed.append((value, id))
    return id
  }

  /// Forgets ids assigned inside a transaction that rolled back.
  func reset() {
    byHash = HashTable64()
    hashed = []
    cache = ["": 0]
    isComplete = false
  }
}
