import Foundation

extension LakeTranslator {
  mutating func translateExpression(_ expression: Expression, scope: TranslationScope) throws -> TypedSQL {
    let position = expression.position
    switch expression.kind {
    case .literal(let literal):
      return try translateLiteral(literal, at: position)

    case .identifier(let name):
      return try resolveName(name, scope: scope)

    case .dereference(let base, let field):
      if case .identifier(let qualifier) = base.kind, !Self.isColumn(qualifier.key, in: scope),
        let relation = scope.relation(qualifier.key)
      {
        guard let column = relation.column(field.key) else {
          throw LakeSQLError(
            "Column '\(qualifier.value).\(field.value)' cannot be resolved", token: field.value,
            at: field.position)
        }
        var typed = column.expression
        typed.name = field.value
        return typed
      }
      let typed = try translateExpression(base, scope: scope)
      guard let member = typed.type.field(field.key) else {
        if case .row = typed.type {
          throw LakeSQLError(
            "Field '\(field.value)' not found in type \(typed.type)", token: field.value, at: field.position)
        }
        throw LakeSQLError(
          "Expression is not of type ROW: \(typed.type)", token: field.value, at: field.position)
      }
      if let (alias, path) = typed.storePath {
        return Self.storeColumn(
          alias: alias, path: path + [member.name], type: member.type, name: field.value,
          schema: schemas[alias] ?? .cloudTrail, enrichment: enrichments[alias])
      }
      return TypedSQL(sql: Self.fieldAccess(typed.sql, member), type: member.type, name: field.value)

    case .subscript(let base, let index):
      let typed = try translateExpression(base, scope: scope)
      let key = try translateExpression(index, scope: scope)
      switch typed.type {
      case .map(let keyType, let valueType):
        let keySQL = try coerce(key, to: keyType, at: index.position)
        return TypedSQL(
          sql: Self.jsonElement("lake_map_get(\(typed.sql), \(keySQL))", valueType), type: valueType)
      case .array(let element):
        let indexSQL = try coerce(key, to: .bigint, at: index.position)
        return TypedSQL(
          sql: Self.jsonElement("lake_array_at(\(typed.sql), \(indexSQL), 1)", element), type: element)
      case .json:
        return TypedSQL(sql: "lake_json_subscript(\(typed.sql), \(key.sql))", type: .json)
      default:
        throw LakeSQLError("Cannot use subscript on type \(typed.type)", token: "[", at: index.position)
      }

    case .parameter(let index):
      guard index < parameters.count else {
        throw LakeSQLError(
          "Incorrect number of parameters: expected at least \(index + 1) but found \(parameters.count)",
          token: "?",
          at: position)
      }
      let value = parameters[index]
      return TypedSQL(sql: bind(.text(value)), type: .varchar, literal: .string(value))

    case .unary(let op, let operand):
      let typed = try translateExpression(operand, scope: scope)
      switch op {
      case .not:
        try requireType(typed, .boolean, at: operand.position, context: "NOT")
        return TypedSQL(sql: "(NOT \(typed.sql))", type: .boolean)
      case .plus:
        try requireNumeric(typed, at: operand.position, op: "+")
        return typed
      case .minus:
        guard
          typed.type.isNumeric || typed.type == .unknown || typed.type == .intervalDayToSecond
            || typed.type == .intervalYearToMonth
        else {
          throw LakeSQLError("Cannot negate \(typed.type)", token: "-", at: position)
        }
        return TypedSQL(sql: "(-\(typed.sql))", type: typed.type)
      }

    case .binary(let op, let left, let right):
      let l = try translateExpression(left, scope: scope)
      let r = try translateExpression(right, scope: scope)
      if op == .equal, let ls = Self.storedEventID(l), let rs = Self.storedEventID(r) {
        // Two stores' eventIDs (a self-join): equal exactly when their stored forms are, which SQLite
        // compares and indexes without turning every row's into text first.
        return TypedSQL(sql: "(\(ls) = \(rs))", type: .boolean)
      }
      if op == .equal {
        let (column, other) = Self.internedColumn(l) != nil ? (l, r) : (r, l)
        if let stored = Self.internedColumn(column), case .string? = other.literal {
          // An interned column against a string: compared by id, the text's looked up once per
          // statement (a constant call), NULL where the row has none as `lake_string` gives it.
          return TypedSQL(sql: "(NULLIF(\(stored), 0) = lake_string_id(\(other.sql)))", type: .boolean)
        }
      }
      return try translateBinary(op, l, r, at: position)

    case .isNull(let operand, let negated):
      let typed = try translateExpression(operand, scope: scope)
      return TypedSQL(sql: "(\(typed.sql) IS \(negated ? "NOT " : "")NULL)", type: .boolean)

    case .isDistinctFrom(let left, let right, let negated):
      let l = try translateExpression(left, scope: scope)
      let r = try translateExpression(right, scope: scope)
      let (ls, rs, _) = try unify(l, r, at: position, op: "IS DISTINCT FROM")
      return TypedSQL(sql: "(\(ls) IS \(negated ? "" : "NOT ")\(rs))", type: .boolean)

    case .between(let value, let low, let high, let negated):
      let v = try translateExpression(value, scope: scope)
      let lo = try translateExpression(low, scope: scope)
      let hi = try translateExpression(high, scope: scope)
      let (vs, los, _) = try unify(v, lo, at: low.position, op: "BETWEEN")
      let (vs2, his, _) = try unify(v, hi, at: high.position, op: "BETWEEN")
      _ = vs2
      return TypedSQL(sql: "(\(vs) \(negated ? "NOT " : "")BETWEEN \(los) AND \(his))", type: .boolean)

    case .inList(let value, let list, let negated):
      let v = try translateExpression(value, scope: scope)
      var items: [String] = []
      for item in list {
        let typed = try translateExpression(item, scope: scope)
        items.append(try unify(v, typed, at: item.position, op: "IN").1)
      }
      return TypedSQL(
        sql: "(\(v.sql) \(negated ? "NOT " : "")IN (\(items.joined(separator: ", "))))", type: .boolean)

    case .inQuery(let value, let query, let negated):
      let v = try translateExpression(value, scope: scope)
      let (sql, columns) = try translateQuery(query, outer: scope)
      guard columns.count == 1 else {
        throw LakeSQLError(
          "Multiple columns returned by subquery are not yet supported", token: "IN", at: query.position)
      }
      return TypedSQL(sql: "(\(v.sql) \(negated ? "NOT " : "")IN (\(sql)))", type: .boolean)

    case .like(let value, let pattern, let escape, let negated):
      let v = try translateExpression(value, scope: scope)
      let p = try translateExpression(pattern, scope: scope)
      try requireType(v, .varchar, at: value.position, context: "LIKE")
      try requireType(p, .varchar, at: pattern.position, context: "LIKE")
      var sql = "(\(v.sql) \(negated ? "NOT " : "")LIKE \(p.sql)"
      if let escape {
        let e = try translateExpression(escape, scope: scope)
        sql += " ESCAPE \(e.sql)"
      }
      return TypedSQL(sql: sql + ")", type: .boolean)

    case .exists(let query):
      let (sql, _) = try translateQuery(query, outer: scope)
      return TypedSQL(sql: "(EXISTS (\(sql)))", type: .boolean)

    case .scalarQuery(let query):
      let (sql, columns) = try translateQuery(query, outer: scope)
      guard columns.count == 1, let column = columns.first else {
        throw LakeSQLError(
          "Multiple columns returned by subquery are not yet supported", token: "(", at: query.position)
      }
      return TypedSQL(sql: "(\(sql))", type: column.type)

    case .function(let call):
      return try translateFunction(call, scope: scope, at: position)

    case .lambda(let parameters, _):
      throw LakeSQLError(
        "A lambda expression may only be a function's argument", token: parameters.first?.value ?? "->",
        at: position)

    case .caseWhen(let operand, let whens, let otherwise):
      let subject = try operand.map { try translateExpression($0, scope: scope) }
      var conditions: [String] = []
      var results: [TypedSQL] = []
      for when in whens {
        let condition = try translateExpression(when.condition, scope: scope)
        if let subject {
          conditions.append(try unify(subject, condition, at: when.condition.position, op: "CASE").1)
        } else {
          try requireType(condition, .boolean, at: when.condition.position, context: "WHEN")
          conditions.append(condition.sql)
        }
        results.append(try translateExpression(when.result, scope: scope))
      }
      if let otherwise { results.append(try translateExpression(otherwise, scope: scope)) }
      let (sqls, type) = try unifyAll(results, at: position, op: "CASE")
      var sql = "(CASE" + (subject.map { " \($0.sql)" } ?? "")
      for (i, condition) in conditions.enumerated() { sql += " WHEN \(condition) THEN \(sqls[i])" }
      if otherwise != nil { sql += " ELSE \(sqls[sqls.count - 1])" }
      return TypedSQL(sql: sql + " END)", type: type)

    case .cast(let operand, let typeName, let isTry):
      let typed = try translateExpression(operand, scope: scope)
      let target = try Self.lakeType(typeName)
      return TypedSQL(sql: try castSQL(typed, to: target, isTry: isTry, at: position), type: target)

    case .array(let elements):
      let typed = try elements.map { try translateExpression($0, scope: scope) }
      let (sqls, type) = try unifyAll(typed, at: position, op: "ARRAY")
      let args = sqls.map { "\($0), \(Self.sqlText(Self.kind(of: type)))" }
      return TypedSQL(sql: "lake_array(\(args.joined(separator: ", ")))", type: .array(type))

    case .row(let elements):
      let typed = try elements.map { try translateExpression($0, scope: scope) }
      let fields = typed.enumerated().map { LakeField("field\($0)", $1.type) }
      let args = typed.enumerated().map { "'field\($0)', \($1.sql), \(Self.sqlText(Self.kind(of: $1.type)))" }
      return TypedSQL(sql: "lake_row(\(args.joined(separator: ", ")))", type: .row(fields))

    case .extract(let field, let operand):
      let typed = try translateExpression(operand, scope: scope)
      return try datePart(field.key, typed, at: field.position)

    case .atTimeZone(let operand, let zone):
      let typed = try translateExpression(operand, scope: scope)
      guard case .literal(.string(let name)) = zone.kind,
        ["utc", "z", "+00:00", "gmt"].contains(name.lowercased())
      else {
        throw LakeSQLError("Only the UTC time zone is supported", token: "", at: zone.position)
      }
      return typed
    }
  }

  static func isColumn(_ key: String, in scope: TranslationScope) -> Bool {
    if scope.lambdaParameters[key] != nil { return true }
    return scope.relations.contains { $0.column(key) != nil }
  }

  func resolveName(_ name: Identifier, scope: TranslationScope) throws -> TypedSQL {
    if var parameter = scope.lambdaParameters[name.key] {
      parameter.name = name.value
      return parameter
    }
    var current: TranslationScope? = scope
    while let level = current {
      let matches = level.relations.compactMap { $0.column(name.key) }
      if matches.count > 1 {
        throw LakeSQLError("Column '\(name.value)' is ambiguous", token: name.value, at: name.position)
      }
      if let match = matches.first {
        var typed = match.expression
        typed.name = name.value
        return typed
      }
      current = level.parent
    }
    throw LakeSQLError("Column '\(name.value)' cannot be resolved", token: name.value, at: name.position)
  }

  // MARK: - Literals

  mutating func translateLiteral(_ literal: Literal, at position: SourcePosition) throws -> TypedSQL {
    switch literal {
    case .null: return TypedSQL(sql: "NULL", type: .unknown, literal: literal)
    case .boolean(let value): return TypedSQL(sql: value ? "1" : "0", type: .boolean, literal: literal)
    case .integer(let value): return TypedSQL(sql: bind(.integer(value)), type: .bigint, literal: literal)
    case .number(let text):
      guard let value = Double(text) else {
        throw LakeSQLError("Invalid numeric literal: \(text)", token: text, at: position)
      }
      return TypedSQL(sql: bind(.double(value)), type: .double, literal: literal)
    case .string(let text): return TypedSQL(sql: bind(.text(text)), type: .varchar, literal: literal)
    case .typed(let type, let text):
      switch type.lowercased() {
      case "timestamp":
        guard let millis = LakeTime.parseTimestamp(text) else {
          throw LakeSQLError("Value cannot be cast to timestamp: \(text)", token: text, at: position)
        }
        return TypedSQL(sql: bind(.integer(millis)), type: .timestamp, literal: literal)
      case "date":
        guard let days = LakeTime.parseDate(text) else {
          throw LakeSQLError("Value cannot be cast to date: \(text)", token: text, at: position)
        }
        return TypedSQL(sql: bind(.integer(days)), type: .date, literal: literal)
      case "decimal", "double", "real":
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
          throw LakeSQLError("Invalid numeric literal: \(text)", token: text, at: position)
        }
        return TypedSQL(sql: bind(.double(value)), type: .double, literal: literal)
      case "bigint", "integer", "int", "smallint", "tinyint":
        guard let value = Int64(text.trimmingCharacters(in: .whitespaces)) else {
          throw LakeSQLError("Invalid numeric literal: \(text)", token: text, at: position)
        }
        return TypedSQL(sql: bind(.integer(value)), type: .bigint, literal: literal)
      case "varchar", "char":
        return TypedSQL(sql: bind(.text(text)), type: .varchar, literal: literal)
      case "json":
        return TypedSQL(sql: "lake_json_parse(\(bind(.text(text))), 0)", type: .json)
      default:
        throw LakeSQLError("Unknown type: \(type)", token: type, at: position)
      }
    case .interval(let text, let negative, let unit, let toUnit):
      guard toUnit == nil, let amount = Int64(text.trimmingCharacters(in: .whitespaces)) else {
        throw LakeSQLError("Invalid interval: '\(text)' \(unit)", token: text, at: position)
      }
      let signed = negative ? -amount : amount
      switch unit.lowercased() {
      case "year": return TypedSQL(sql: bind(.integer(signed * 12)), type: .intervalYearToMonth)
      case "month": return TypedSQL(sql: bind(.integer(signed)), type: .intervalYearToMonth)
      case "day": return TypedSQL(sql: bind(.integer(signed * 86_400_000)), type: .intervalDayToSecond)
      case "hour": return TypedSQL(sql: bind(.integer(signed * 3_600_000)), type: .intervalDayToSecond)
      case "minute": return TypedSQL(sql: bind(.integer(signed * 60_000)), type: .intervalDayToSecond)
      case "second": return TypedSQL(sql: bind(.integer(signed * 1000)), type: .intervalDayToSecond)
      default: throw LakeSQLError("Invalid interval unit: \(unit)", token: unit, at: position)
      }
    }
  }
}
