import CSQLite

/// A SQLite value as Lake's functions see it.
enum LakeValue: Equatable {
  case null
  case integer(Int64)
  case double(Double)
  case text(String)

  init(_ value: OpaquePointer?) {
    switch sqlite3_value_type(value) {
    case SQLITE_INTEGER: self = .integer(sqlite3_value_int64(value))
    case SQLITE_FLOAT: self = .double(sqlite3_value_double(value))
    case SQLITE_NULL: self = .null
    default:
      if let text = sqlite3_value_text(value) {
        self = .text(String(cString: text))
      } else {
        self = .null
      }
    }
  }

  var isNull: Bool { self == .null }

  var int: Int64? {
    switch self {
    case .integer(let v): v
    case .double(let v): v.isFinite ? Int64(v) : nil
    case .text(let t): Int64(t)
    case .null: nil
    }
  }

  var double: Double? {
    switch self {
    case .integer(let v): Double(v)
    case .double(let v): v
    case .text(let t): Double(t)
    case .null: nil
    }
  }

  var text: String? {
    switch self {
    case .text(let t): t
    case .integer(let v): String(v)
    case .double(let v): LakeValueText.double(v)
    case .null: nil
    }
  }

  /// Hands the value to SQLite as a function's result.
  func result(_ context: OpaquePointer?) {
    switch self {
    case .null: sqlite3_result_null(context)
    case .integer(let v): sqlite3_result_int64(context, v)
    case .double(let v):
      if v.isNaN { sqlite3_result_null(context) } else { sqlite3_result_double(context, v) }
    case .text(let t): sqlite3_result_text(context, t, -1, tdsqlite_transient())
    }
  }
}

/// A failure inside a function: the query fails with this message (Trino's words where it has them).
struct LakeFunctionError: Error {
  var message: String
  init(_ message: String) { self.message = message }
}
