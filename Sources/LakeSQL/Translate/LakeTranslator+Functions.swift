extension LakeTranslator {
  static let aggregates: Set<String> = [
    "count", "count_if", "sum", "avg", "min", "max", "min_by", "max_by", "array_agg", "approx_distinct",
    "approx_percentile", "arbitrary", "any_value", "bool_and", "bool_or", "every",
  ]
  static let windowOnly: Set<String> = [
    "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
    "last_value", "nth_value",
  ]
  static let dateParts: Set<String> = [
    "year", "quarter", "month", "week", "week_of_year", "day", "day_of_month", "day_of_week", "dow",
    "day_of_year", "doy", "hour", "minute", "second", "millisecond", "year_of_week", "yow",
  ]
  static let timeUnits: Set<String> = [
    "millisecond", "second", "minute", "hour", "day", "week", "month", "quarter", "year",
  ]

  /// Scalar functions the engine implements as `lake_<name>`: name → (argument counts, result type
  /// from the arguments' types, or nil when it is not a valid call).
  static let scalars: [String: (ClosedRange<Int>, @Sendable ([LakeType]) -> LakeType?)] = [
    "lower": (1...1, { $0[0] == .varchar || $0[0] == .unknown ? .varchar : nil }),
    "upper": (1...1, { $0[0] == .varchar || $0[0] == .unknown ? .varchar : nil }),
    "length": (1...1, { _ in .bigint }),
    "substr": (2...3, { _ in .varchar }), "substring": (2...3, { _ in .varchar }),
    "replace": (2...3, { _ in .varchar }), "reverse": (1...1, { _ in .varchar }),
    "trim": (1...2, { _ in .varchar }), "ltrim": (1...2, { _ in .varchar }),
    "rtrim": (1...2, { _ in .varchar }),
    "split": (2...3, { _ in .array(.varchar) }), "split_part": (3...3, { _ in .varchar }),
    "strpos": (2...2, { _ in .bigint }), "starts_with": (2...2, { _ in .boolean }),
    "lpad": (3...3, { _ in .varchar }), "rpad": (3...3, { _ in .varchar }),
    "regexp_like": (2...2, { _ in .boolean }), "regexp_extract": (2...3, { _ in .varchar }),
    "regexp_extract_all": (2...3, { _ in .array(.varchar) }), "regexp_replace": (2...3, { _ in .varchar }),
    "regexp_count": (2...2, { _ in .bigint }),
    "json_extract": (2...2, { _ in .json }), "json_extract_scalar": (2...2, { _ in .varchar }),
    "json_parse": (1...1, { _ in .json }), "json_format": (1...1, { _ in .varchar }),
    "json_array_contains": (2...2, { _ in .boolean }), "json_array_get": (2...2, { _ in .json }),
    "json_array_length": (1...1, { _ in .bigint }), "json_size": (2...2, { _ in .bigint }),
    "is_json_scalar": (1...1, { _ in .boolean }),
    "cardinality": (1...1, { _ in .bigint }),
    "array_distinct": (1...1, { $0[0] }), "array_sort": (1...1, { $0[0] }),
    "array_max": (1...1, { if case .array(let e) = $0[0] { e } else { nil } }),
    "array_min": (1...1, { if case .array(let e) = $0[0] { e } else { nil } }),
    "array_join": (2...3, { _ in .varchar }), "array_position": (2...2, { _ in .bigint }),
    "slice": (3...3, { $0[0] }), "contains": (2...2, { _ in .boolean }),
    "map_keys": (1...1, { if case .map(let k, _) = $0[0] { .array(k) } else { nil } }),
    "map_values": (1...1, { if case .map(_, let v) = $0[0] { .array(v) } else { nil } }),
    "date_trunc": (2...2, { $0[1] == .date ? .date : .timestamp }),
    "date_add": (3...3, { $0[2] == .date ? .date : .timestamp }),
    "date_diff": (3...3, { _ in .bigint }),
    "from_iso8601_timestamp": (1...1, { _ in .timestamp }), "from_iso8601_date": (1...1, { _ in .date }),
    "to_iso8601": (1...1, { _ in .varchar }), "format_datetime": (2...2, { _ in .varchar }),
    "date_format": (2...2, { _ in .varchar }), "date_parse": (2...2, { _ in .timestamp }),
    "from_unixtime": (1...1, { _ in .timestamp }), "to_unixtime": (1...1, { _ in .double }),
    "abs": (1...1, { $0[0] }), "floor": (1...1, { $0[0] }), "ceil": (1...1, { $0[0] }),
    "ceiling": (1...1, { $0[0] }),
    "round": (1...2, { $0[0] }), "mod": (2...2, { $0[0] == .double || $0[1] == .double ? .double : .bigint }),
    "power": (2...2, { _ in .double }), "pow": (2...2, { _ in .double }), "sqrt": (1...1, { _ in .double }),
    "ln": (1...1, { _ in .double }), "log10": (1...1, { _ in .double }), "exp": (1...1, { _ in .double }),
    "sign": (1...1, { $0[0] }), "truncate": (1...1, { _ in .double }),
    "url_extract_host": (1...1, { _ in .varchar }), "url_extract_path": (1...1, { _ in .varchar }),
    "url_extract_parameter": (2...2, { _ in .varchar }),
    "chr": (1...1, { _ in .varchar }), "codepoint": (1...1, { _ in .bigint }),
  ]

  mutating func translateFunction(_ call: FunctionCall, scope: TranslationScope, at position: SourcePosition)
    throws
    -> TypedSQL
  {
    let name = call.name.key
    let error = { (message: String) in LakeSQLError(message, token: call.name.value, at: call.name.position) }
    if Self.aggregates.contains(name) || Self.windowOnly.contains(name) {
      var typed = try translateAggregate(call, scope: scope)
      if let filter = call.filter {
        let condition = try translateExpression(filter, scope: scope)
        typed.sql += " FILTER (WHERE \(condition.sql))"
      }
      if let window = call.window {
        typed.sql += " OVER (" + (try windowSQL(window, scope: scope)) + ")"
      } else if Self.windowOnly.contains(name) {
        throw error("Window function \(name) requires an OVER clause")
      }
      return typed
    }
    if call.window != nil { throw error("\(name) is not an aggregate or window function") }

    // Functions that take lambdas or have their own rules.
    switch name {
    case "transform", "filter", "any_match", "all_match", "none_match":
      return try translateLambdaFunction(call, scope: scope)
    default: break
    }
    let args = try call.arguments.map { try translateExpression($0, scope: scope) }
    let types = args.map(\.type)
    func arity(_ range: ClosedRange<Int>) throws {
      guard range.contains(args.count) else {
        throw error("Function \(name) does not take \(args.count) argument\(args.count == 1 ? "" : "s")")
      }
    }
    switch name {
    case "now", "current_timestamp", "localtimestamp":
      try arity(0...0)
      return TypedSQL(sql: "lake_now()", type: .timestamp)
    case "current_date":
      try arity(0...0)
      return TypedSQL(sql: "(lake_now() / 86400000)", type: .date)
    case "date":
      try arity(1...1)
      return TypedSQL(sql: try castSQL(args[0], to: .date, isTry: false, at: position), type: .date)
    case "coalesce":
      guard !args.isEmpty else { throw error("Function coalesce needs arguments") }
      let (sqls, type) = try unifyAll(args, at: position, op: "COALESCE")
      return TypedSQL(
        sql: sqls.count == 1 ? sqls[0] : "coalesce(\(sqls.joined(separator: ", ")))", type: type)
    case "if":
      try arity(2...3)
      try requireType(args[0], .boolean, at: call.arguments[0].position, context: "IF")
      let results = Array(args.dropFirst()) + (args.count == 2 ? [TypedSQL(sql: "NULL", type: .unknown)] : [])
      let (sqls, type) = try unifyAll(results, at: position, op: "IF")
      return TypedSQL(sql: "(CASE WHEN \(args[0].sql) THEN \(sqls[0]) ELSE \(sqls[1]) END)", type: type)
    case "nullif":
      try arity(2...2)
      let (a, b, _) = try unify(args[0], args[1], at: position, op: "NULLIF")
      return TypedSQL(sql: "nullif(\(a), \(b))", type: args[0].type)
    case "greatest", "least":
      guard !args.isEmpty else { throw error("Function \(name) needs arguments") }
      let (sqls, type) = try unifyAll(args, at: position, op: name.uppercased())
      if sqls.count == 1 { return TypedSQL(sql: sqls[0], type: type) }
      return TypedSQL(
        sql: "\(name == "greatest" ? "max" : "min")(\(sqls.joined(separator: ", ")))", type: type)
    case "concat":
      guard !args.isEmpty else { throw error("Function concat needs arguments") }
      let parts = try args.map {
        $0.type == .varchar || $0.type == .unknown
          ? $0.sql : try castSQL($0, to: .varchar, isTry: false, at: position)
      }
      return TypedSQL(sql: "(" + parts.joined(separator: " || ") + ")", type: .varchar)
    case "typeof":
      try arity(1...1)
      return TypedSQL(sql: bind(.text(args[0].type.description)), type: .varchar)
    case "element_at":
      try arity(2...2)
      switch args[0].type {
      case .map(let keyType, let valueType):
        let key = try coerce(args[1], to: keyType, at: call.arguments[1].position)
        return TypedSQL(
          sql: Self.jsonElement("lake_map_get(\(args[0].sql), \(key))", valueType), type: valueType)
      case .array(let element):
        return TypedSQL(
          sql: Self.jsonElement("lake_array_at(\(args[0].sql), \(args[1].sql), 0)", element), type: element)
      default: throw error("Function element_at expects an array or a map, not \(args[0].type)")
      }
    case "contains":
      try arity(2...2)
      guard case .array(let element) = args[0].type else { throw error("Function contains expects an array") }
      let value = try coerce(args[1], to: element, at: call.arguments[1].position)
      return TypedSQL(sql: "lake_contains(\(args[0].sql), \(value))", type: .boolean)
    case "array_position":
      try arity(2...2)
      return TypedSQL(sql: "lake_array_position(\(args[0].sql), \(args[1].sql))", type: .bigint)
    case "from_unixtime":
      try arity(1...1)
      return TypedSQL(sql: "CAST(round(\(args[0].sql) * 1000) AS INTEGER)", type: .timestamp)
    case "to_unixtime":
      try arity(1...1)
      return TypedSQL(sql: "(\(args[0].sql) / 1000.0)", type: .double)
    case "date_trunc" where args.count == 2 && args[1].type == .timestamp:
      // Units of fixed length are arithmetic SQLite does itself (floor toward the past, for times
      // before 1970 too); months, quarters, years and weeks go to the engine's calendar.
      if case .literal(.string(let text)) = call.arguments[0].kind,
        let size = [
          "millisecond": 1, "second": 1000, "minute": 60_000, "hour": 3_600_000, "day": 86_400_000,
        ][
          text.lowercased()]
      {
        let x = args[1].sql
        return TypedSQL(sql: "(\(x) - ((\(x) % \(size)) + \(size)) % \(size))", type: .timestamp)
      }
      fallthrough
    case "date_trunc", "date_add", "date_diff":
      if let unit = call.arguments.first, case .literal(.string(let text)) = unit.kind,
        !Self.timeUnits.contains(text.lowercased())
      {
        throw LakeSQLError("'\(text)' is not a valid Time field", token: text, at: unit.position)
      }
    default: break
    }
    if Self.dateParts.contains(name) {
      try arity(1...1)
      return try datePart(name, args[0], at: call.arguments[0].position)
    }
    guard let (range, resultOf) = Self.scalars[name] else {
      throw error("Function '\(call.name.value)' not registered")
    }
    try arity(range)
    guard let result = resultOf(types) else {
      throw error(
        "Unexpected parameters (\(types.map(\.description).joined(separator: ", "))) for function \(name)")
    }
    // JSON values are held as their text, which json_format gives back as it is (see the engine's
    // `json_format`): no call per row (q4 of `traildeck-bench lake` formats each event's map).
    if name == "json_format", types == [.json] {
      return TypedSQL(sql: args[0].sql, type: result)
    }
    // A JSON path into a store's own record reads the record's bytes where they are cached, instead
    // of making its whole text a SQLite value and reading that (q5 of `traildeck-bench lake`).
    if name == "json_extract" || name == "json_extract_scalar", let (alias, path) = args[0].storePath,
      path == ["eventjson"], !alias.hasPrefix("m")
    {
      return TypedSQL(
        sql: "lake_record_json(\(alias).id, \(Self.sqlText(name)), \(args[1].sql), \(alias).ps)", type: result
      )
    }
    // Every argument travels with its type's kind, so the engine reads times, dates and JSON right.
    let sqlArgs = args.map(\.sql)
    let kinds = types.map { Self.sqlText(Self.kind(of: $0)) }
    return TypedSQL(
      sql: "lake_call(\(Self.sqlText(name)), \(Self.sqlText(Self.kind(of: result))), "
        + zip(sqlArgs, kinds).map { "\($0), \($1)" }.joined(separator: ", ") + ")",
      type: result)
  }

  mutating func datePart(_ part: String, _ typed: TypedSQL, at position: SourcePosition) throws -> TypedSQL {
    let key = part.lowercased()
    guard Self.dateParts.contains(key) else {
      throw LakeSQLError("Invalid EXTRACT field: \(part)", token: part, at: position)
    }
    let millis: String
    switch typed.type {
    case .timestamp, .unknown: millis = typed.sql
    case .date: millis = "(\(typed.sql) * 86400000)"
    case .varchar: millis = try coerce(typed, to: .timestamp, at: position)
    default: throw LakeSQLError("Cannot extract \(part) from \(typed.type)", token: part, at: position)
    }
    return TypedSQL(sql: "lake_date_part(\(Self.sqlText(key)), \(millis))", type: .bigint)
  }

  mutating func windowSQL(_ window: WindowSpecification, scope: TranslationScope) throws -> String {
    var parts: [String] = []
    if !window.partitionBy.isEmpty {
      parts.append(
        "PARTITION BY "
          + (try window.partitionBy.map { try translateExpression($0, scope: scope).sql })
          .joined(separator: ", "))
    }
    if !window.orderBy.isEmpty {
      parts.append(
        "ORDER BY "
          + (try window.orderBy.map {
            try translateExpression($0.expression, scope: scope).sql + Self.direction($0)
          })
          .joined(separator: ", "))
    }
    if let frame = window.frame {
      func bound(_ bound: WindowFrame.Bound) throws -> String {
        switch bound {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
        case .currentRow: return "CURRENT ROW"
        case .preceding(let e): return try translateExpression(e, scope: scope).sql + " PRECEDING"
        case .following(let e): return try translateExpression(e, scope: scope).sql + " FOLLOWING"
        }
      }
      parts.append(
        "\(frame.unit.rawValue.uppercased()) BETWEEN \(try bound(frame.start)) AND \(try bound(frame.end))")
    }
    return parts.joined(separator: " ")
  }
}
