/// The store's interned strings (`strings`), read once each for `lake_string(id)`.
final class LakeStrings {
  private let connection: SQLiteConnection
  private var select: SQLiteStatement?
  private var known: [Int64: LakeValue] = [:]

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
}
