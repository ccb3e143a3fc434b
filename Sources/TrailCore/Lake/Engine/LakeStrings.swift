/// The store's interned strings (`strings`), read once each for `lake_string(id)` and, the other way,
/// `lake_string_id(text)`.
final class LakeStrings {
  private let connection: SQLiteConnection
  private var select: SQLiteStatement?
  private var known: [Int64: LakeValue] = [:]
  private var selectID: SQLiteStatement?
  private var ids: [String: Int64] = [:]

  init(connection: SQLiteConnection) { self.connection = connection }

  func value(_ id: Int64) throws -> LakeValue {
    if let value = known[id] { return value }
    let statement = try select ?? connection.prepare("SELECT value FROM strings WHERE id = ?")
    select = statement
    statement.reset()
    statement.bindInt(1, id)
    defer { statement.reset() }
    let value: LakeValue = try statement.step() ? .text(statement.text(0) ?? "") : .null
    known[id] = value
    return value
  }

  /// The id `text` is interned under; -1 (which no row holds) when it is not interned.
  func id(_ text: String) throws -> Int64 {
    if let id = ids[text] { return id }
    let statement = try selectID ?? connection.prepare("SELECT id FROM strings WHERE value = ?")
    selectID = statement
    statement.reset()
    try statement.bind([.text(text)])
    defer { statement.reset() }
    let id = try statement.step() ? statement.int64(0) : -1
    ids[text] = id
    return id
  }
}
