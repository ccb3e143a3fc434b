extension LakeTranslator {
  func requireType(_ typed: TypedSQL, _ type: LakeType, at position: SourcePosition, context: String) throws {
    guard typed.type == type || typed.type == .unknown else {
      throw LakeSQLError(
        "\(context) expects \(type), but the expression is \(typed.type)", token: "", at: position)
    }
  }

  func requireNumeric(_ typed: TypedSQL, at position: SourcePosition, op: String) throws {
    guard typed.type.isNumeric || typed.type == .unknown else {
      throw LakeSQLError("Cannot apply operator: \(op) \(typed.type)", token: op, at: position)
    }
  }

  /// The type two operands are compared or combined in, as Trino coerces: NULL to anything, bigint to
  /// double, a varchar to a timestamp or date (how `eventTime > '2023-01-22 00:00:00'` works), a date to
  /// a timestamp. nil when they do not meet.
  static func commonType(_ a: LakeType, _ b: LakeType) -> LakeType? {
    if a == b { return a }
    switch (a, b) {
    case (.unknown, _): return b
    case (_, .unknown): return a
    case (.bigint, .double), (.double, .bigint): return .double
    case (.timestamp, .varchar), (.varchar, .timestamp), (.timestamp, .date), (.date, .timestamp):
      return .timestamp
    case (.date, .varchar), (.varchar, .date): return .date
    case (.json, .varchar), (.varchar, .json): return .varchar
    case (.array(let x), .array(let y)): return commonType(x, y).map { .array($0) }
    default: return nil
    }
  }

  /// `typed` as `type` is held (see `LakeType`).
  mutating func coerce(_ typed: TypedSQL, to type: LakeType, at position: SourcePosition) throws -> String {
    if typed.type == type || typed.type == .unknown { return typed.sql }
    switch (typed.type, type) {
    case (.bigint, .double): return typed.sql
    case (.varchar, .timestamp):
      if case .string(let text) = typed.literal {
        guard let millis = LakeTime.parseTimestamp(text) else {
          throw LakeSQLError("Value cannot be cast to timestamp: \(text)", token: text, at: position)
        }
        return bind(.integer(millis))
      }
      return "lake_cast(\(typed.sql), 'varchar', 'timestamp', 0)"
    case (.varchar, .date):
      if case .string(let text) = typed.literal {
        guard let days = LakeTime.parseDate(text) else {
          throw LakeSQLError("Value cannot be cast to date: \(text)", token: text, at: position)
        }
        return bind(.integer(days))
      }
      return "lake_cast(\(typed.sql), 'varchar', 'date', 0)"
    case (.date, .timestamp): return "(\(typed.sql) * 86400000)"
    case (.json, .varchar): return typed.sql
    case (.array, .array): return typed.sql
    default:
      throw LakeSQLError("Cannot coerce \(typed.type) to \(type)", token: "", at: position)
    }
  }

  /// Both operands in their common type.
  mutating func unify(_ a: TypedSQL, _ b: TypedSQL, at position: SourcePosition, op: String) throws -> (
    String, String, LakeType
  ) {
    guard let type = Self.commonType(a.type, b.type) else {
      throw LakeSQLError("Cannot apply operator: \(a.type) \(op) \(b.type)", token: op, at: position)
    }
    return (try coerce(a, to: type, at: position), try coerce(b, to: type, at: position), type)
  }

  mutating func unifyAll(_ items: [TypedSQL], at position: SourcePosition, op: String) throws -> (
    [String], LakeType
  ) {
    var type = LakeType.unknown
    for item in items {
      guard let common = Self.commonType(type, item.type) else {
        throw LakeSQLError(
          "All \(op) values must be the same type: \(type), \(item.type)", token: op, at: position)
      }
      type = common
    }
    return (try items.map { try coerce($0, to: type, at: position) }, type)
  }

  mutating func translateBinary(
    _ op: BinaryOperator, _ l: TypedSQL, _ r: TypedSQL, at position: SourcePosition
  )
    throws -> TypedSQL
  {
    switch op {
    case .and, .or:
      try requireType(l, .boolean, at: position, context: op.rawValue)
      try requireType(r, .boolean, at: position, context: op.rawValue)
      return TypedSQL(sql: "(\(l.sql) \(op.rawValue) \(r.sql))", type: .boolean)
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      let (ls, rs, type) = try unify(l, r, at: position, op: op.rawValue)
      if case .map = type, op != .equal && op != .notEqual {
        throw LakeSQLError(
          "Cannot apply operator: \(l.type) \(op.rawValue) \(r.type)", token: op.rawValue, at: position)
      }
      return TypedSQL(sql: "(\(ls) \(op.rawValue) \(rs))", type: .boolean)
    case .concatenate:
      let ls =
        l.type == .varchar || l.type == .unknown
        ? l.sql : try castSQL(l, to: .varchar, isTry: false, at: position)
      let rs =
        r.type == .varchar || r.type == .unknown
        ? r.sql : try castSQL(r, to: .varchar, isTry: false, at: position)
      return TypedSQL(sql: "(\(ls) || \(rs))", type: .varchar)
    case .add, .subtract, .multiply, .divide, .modulo:
      return try arithmetic(op, l, r, at: position)
    }
  }

  mutating func arithmetic(_ op: BinaryOperator, _ l: TypedSQL, _ r: TypedSQL, at position: SourcePosition)
    throws
    -> TypedSQL
  {
    let failure = LakeSQLError(
      "Cannot apply operator: \(l.type) \(op.rawValue) \(r.type)", token: op.rawValue, at: position)
    switch (l.type, r.type, op) {
    case (.timestamp, .intervalDayToSecond, .add), (.intervalDayToSecond, .timestamp, .add):
      return TypedSQL(sql: "(\(l.sql) + \(r.sql))", type: .timestamp)
    case (.timestamp, .intervalDayToSecond, .subtract):
      return TypedSQL(sql: "(\(l.sql) - \(r.sql))", type: .timestamp)
    case (.timestamp, .intervalYearToMonth, .add):
      return TypedSQL(sql: "lake_add_months(\(l.sql), \(r.sql), 0)", type: .timestamp)
    case (.timestamp, .intervalYearToMonth, .subtract):
      return TypedSQL(sql: "lake_add_months(\(l.sql), -(\(r.sql)), 0)", type: .timestamp)
    case (.date, .intervalDayToSecond, .add):
      return TypedSQL(sql: "(\(l.sql) + \(r.sql) / 86400000)", type: .date)
    case (.date, .intervalDayToSecond, .subtract):
      return TypedSQL(sql: "(\(l.sql) - \(r.sql) / 86400000)", type: .date)
    case (.date, .intervalYearToMonth, .add):
      return TypedSQL(sql: "lake_add_months(\(l.sql), \(r.sql), 1)", type: .date)
    case (.date, .intervalYearToMonth, .subtract):
      return TypedSQL(sql: "lake_add_months(\(l.sql), -(\(r.sql)), 1)", type: .date)
    case (.timestamp, .timestamp, .subtract):
      return TypedSQL(sql: "(\(l.sql) - \(r.sql))", type: .intervalDayToSecond)
    case (.intervalDayToSecond, .intervalDayToSecond, .add),
      (.intervalDayToSecond, .intervalDayToSecond, .subtract):
      return TypedSQL(sql: "(\(l.sql) \(op.rawValue) \(r.sql))", type: .intervalDayToSecond)
    default: break
    }
    guard let type = Self.commonType(l.type, r.type), type.isNumeric || type == .unknown else {
      throw failure
    }
    let resultType: LakeType = type == .unknown ? .bigint : type
    switch op {
    case .divide: return TypedSQL(sql: "lake_divide(\(l.sql), \(r.sql))", type: resultType)
    case .modulo: return TypedSQL(sql: "lake_modulo(\(l.sql), \(r.sql))", type: resultType)
    default:
      // Checked in the engine's function so that bigint overflow fails as in Trino instead of
      // turning into a double as in SQLite.
      let name = op == .add ? "lake_add" : op == .subtract ? "lake_subtract" : "lake_multiply"
      return TypedSQL(sql: "\(name)(\(l.sql), \(r.sql))", type: resultType)
    }
  }

  // MARK: - Casts

  /// The name the engine's functions know a type's representation by.
  static func kind(of type: LakeType) -> String {
    switch type {
    case .unknown: "unknown"
    case .boolean: "boolean"
    case .bigint: "bigint"
    case .double: "double"
    case .varchar: "varchar"
    case .json: "json"
    case .timestamp: "timestamp"
    case .date: "date"
    case .intervalDayToSecond: "interval_ds"
    case .intervalYearToMonth: "interval_ym"
    case .array: "array"
    case .map: "map"
    case .row: "row"
    }
  }

  mutating func castSQL(_ typed: TypedSQL, to target: LakeType, isTry: Bool, at position: SourcePosition)
    throws
    -> String
  {
    if typed.type == target { return typed.sql }
    if typed.type == .unknown { return "NULL" }
    if case .string(let text) = typed.literal, target == .timestamp || target == .date {
      let value = target == .timestamp ? LakeTime.parseTimestamp(text) : LakeTime.parseDate(text)
      if let value { return bind(.integer(value)) }
      if isTry { return "NULL" }
      throw LakeSQLError("Value cannot be cast to \(target): \(text)", token: text, at: position)
    }
    let from = Self.kind(of: typed.type)
    let to = Self.kind(of: target)
    let supported: Set<String> = ["boolean", "bigint", "double", "varchar", "json", "timestamp", "date"]
    let structuredToJSON = typed.type.isStructured && target == .json
    let jsonToStructured = (typed.type == .json || typed.type == .varchar) && target.isStructured
    guard (supported.contains(from) && supported.contains(to)) || structuredToJSON || jsonToStructured else {
      throw LakeSQLError("Cannot cast \(typed.type) to \(target)", token: "CAST", at: position)
    }
    if structuredToJSON { return typed.sql }
    return "lake_cast(\(typed.sql), '\(from)', '\(to)', \(isTry ? 1 : 0))"
  }

  /// The Lake type a CAST names.
  static func lakeType(_ name: TypeName) throws -> LakeType {
    switch name.name {
    case "varchar", "char", "string": return .varchar
    case "bigint", "integer", "int", "smallint", "tinyint": return .bigint
    case "double", "real", "decimal", "double precision", "float": return .double
    case "boolean": return .boolean
    case "date": return .date
    case "timestamp", "timestamp with time zone", "timestamp without time zone": return .timestamp
    case "json": return .json
    case "array":
      guard case .type(let element)? = name.arguments.first else { break }
      return .array(try lakeType(element))
    case "map":
      guard name.arguments.count == 2, case .type(let key) = name.arguments[0],
        case .type(let value) = name.arguments[1]
      else { break }
      return .map(try lakeType(key), try lakeType(value))
    case "row":
      var fields: [LakeField] = []
      for (i, argument) in name.arguments.enumerated() {
        switch argument {
        case .field(let fieldName, let type): fields.append(LakeField(fieldName.key, try lakeType(type)))
        case .type(let type): fields.append(LakeField("field\(i)", try lakeType(type)))
        case .number: throw LakeSQLError("Unknown type: \(name)", token: name.name, at: name.position)
        }
      }
      return .row(fields)
    default: break
    }
    throw LakeSQLError("Unknown type: \(name)", token: name.name, at: name.position)
  }
}
