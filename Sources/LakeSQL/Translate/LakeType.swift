/// The types of Lake's SQL (Trino's, as far as TrailDeck goes), and how each is held in SQLite.
///
/// The translator decides every expression's type from the statement, as Trino does, so that results
/// print as Lake prints them and operators mean what they mean in Trino. In SQLite a value is held as:
/// boolean → integer 0/1; bigint → integer; double → real; varchar, json → text; timestamp → integer
/// milliseconds since the epoch (UTC); date → integer days since the epoch; interval day to second →
/// integer milliseconds; interval year to month → integer months; array, map, row → JSON text (row
/// fields by name, case-insensitively). DECIMAL is held and printed as double (a documented deviation).
public indirect enum LakeType: Hashable, Sendable, CustomStringConvertible {
  /// The type of a bare NULL: coerces to any other.
  case unknown
  case boolean
  case bigint
  case double
  case varchar
  case json
  case timestamp
  case date
  case intervalDayToSecond
  case intervalYearToMonth
  case array(LakeType)
  case map(LakeType, LakeType)
  case row([LakeField])

  public var description: String {
    switch self {
    case .unknown: "unknown"
    case .boolean: "boolean"
    case .bigint: "bigint"
    case .double: "double"
    case .varchar: "varchar"
    case .json: "json"
    case .timestamp: "timestamp(3)"
    case .date: "date"
    case .intervalDayToSecond: "interval day to second"
    case .intervalYearToMonth: "interval year to month"
    case .array(let element): "array(\(element))"
    case .map(let key, let value): "map(\(key), \(value))"
    case .row(let fields): "row(\(fields.map { "\($0.name) \($0.type)" }.joined(separator: ", ")))"
    }
  }

  public var isNumeric: Bool { self == .bigint || self == .double }

  /// Held as JSON text in SQLite.
  public var isStructured: Bool {
    switch self {
    case .array, .map, .row, .json: true
    default: false
    }
  }

  /// The field `name` (case-insensitive) of a row type.
  public func field(_ name: String) -> LakeField? {
    guard case .row(let fields) = self else { return nil }
    let key = name.lowercased()
    return fields.first { $0.name == key }
  }
}

/// A named member of a row type; `name` is lowercase, as Lake's schema names them.
public struct LakeField: Hashable, Sendable {
  public var name: String
  public var type: LakeType

  public init(_ name: String, _ type: LakeType) {
    self.name = name.lowercased()
    self.type = type
  }
}
