/// What an insert statement's parameters hold, so that a value equal to the one already bound is not
/// bound again: SQLite keeps bindings across resets, a bind costs about 90 instructions, and most of an
/// event's columns (type, category, region, account, file, dictionary, …) repeat from the event before.
/// Only for values SQLite owns (integers, NULL, copied text): a parameter bound to borrowed bytes is
/// `forget`ten.
struct BoundParameters {
  private enum Held: Equatable {
    case unknown
    case int(Int64)
    case null
    case emptyBlob
    case text(key: Int64)
  }
  private var held = [Held](repeating: .unknown, count: 32)

  mutating func int(_ statement: SQLiteStatement, _ position: Int32, _ value: Int64) {
    guard held[Int(position)] != .int(value) else { return }
    statement.bindInt(position, value)
    held[Int(position)] = .int(value)
  }

  mutating func null(_ statement: SQLiteStatement, _ position: Int32) {
    guard held[Int(position)] != .null else { return }
    statement.bindNull(position)
    held[Int(position)] = .null
  }

  mutating func emptyBlob(_ statement: SQLiteStatement, _ position: Int32) {
    guard held[Int(position)] != .emptyBlob else { return }
    statement.bindEmptyBlob(position)
    held[Int(position)] = .emptyBlob
  }

  /// Binds `text` (copied by SQLite) unless the text bound last had the same `key`.
  mutating func text(_ statement: SQLiteStatement, _ position: Int32, _ text: String, key: Int64) {
    guard held[Int(position)] != .text(key: key) else { return }
    statement.bindText(position, text)
    held[Int(position)] = .text(key: key)
  }

  mutating func forget(_ position: Int32) { held[Int(position)] = .unknown }
}
