@testable import LakeSQL

/// Renders trees as compact S-expressions without positions, so tests can state a tree's shape in one
/// readable line: `a + b * c` is `(+ a (* b c))`.
enum Render {
  static func expression(_ e: Expression) -> String {
    switch e.kind {
    case .literal(let literal): return self.literal(literal)
    case .identifier(let name): return name.quoted ? "\"\(name.value)\"" : name.value
    case .dereference(let base, let field): return "\(expression(base)).\(field.value)"
    case .subscript(let base, let index): return "\(expression(base))[\(expression(index))]"
    case .parameter(let n): return "?\(n)"
    case .unary(let op, let operand): return "(\(op.rawValue) \(expression(operand)))"
    case .binary(let op, let l, let r): return "(\(op.rawValue) \(expression(l)) \(expression(r)))"
    case .isNull(let v, let negated): return "(\(negated ? "notnull" : "isnull") \(expression(v)))"
    case .isDistinctFrom(let l, let r, let negated):
      return "(\(negated ? "notdistinct" : "distinct") \(expression(l)) \(expression(r)))"
    case .between(let v, let low, let high, let negated):
      return "(\(negated ? "notbetween" : "between") \(expression(v)) \(expression(low)) \(expression(high)))"
    case .inList(let v, let list, let negated):
      return "(\(negated ? "notin" : "in") \(expression(v)) [\(list.map(expression).joined(separator: " "))])"
    case .inQuery(let v, let q, let negated):
      return "(\(negated ? "notin" : "in") \(expression(v)) \(query(q)))"
    case .like(let v, let pattern, let escape, let negated):
      let esc = escape.map { " escape " + expression($0) } ?? ""
      return "(\(negated ? "notlike" : "like") \(expression(v)) \(expression(pattern))\(esc))"
    case .exists(let q): return "(exists \(query(q)))"
    case .scalarQuery(let q): return "(scalar \(query(q)))"
    case .function(let call): return function(call)
    case .lambda(let params, let body):
      return "(lambda [\(params.map(\.value).joined(separator: " "))] \(expression(body)))"
    case .caseWhen(let operand, let whens, let otherwise):
      var parts = ["case"]
      if let operand { parts.append(expression(operand)) }
      for when in whens { parts.append("(when \(expression(when.condition)) \(expression(when.result)))") }
      if let otherwise { parts.append("(else \(expression(otherwise)))") }
      return "(" + parts.joined(separator: " ") + ")"
    case .cast(let v, let type, let isTry): return "(\(isTry ? "try_cast" : "cast") \(expression(v)) \(type))"
    case .array(let elements): return "(array \(elements.map(expression).joined(separator: " ")))"
    case .row(let fields): return "(row \(fields.map(expression).joined(separator: " ")))"
    case .extract(let field, let v): return "(extract \(field.value) \(expression(v)))"
    case .atTimeZone(let v, let zone): return "(at \(expression(v)) \(expression(zone)))"
    }
  }

  static func literal(_ literal: Literal) -> String {
    switch literal {
    case .null: return "null"
    case .boolean(let b): return String(b)
    case .integer(let n): return String(n)
    case .number(let text): return "#\(text)"
    case .string(let text): return "'\(text)'"
    case .typed(let type, let text): return "\(type)'\(text)'"
    case .interval(let text, let negative, let unit, let toUnit):
      return "(interval \(negative ? "-" : "")'\(text)' \(unit)\(toUnit.map { " to " + $0 } ?? ""))"
    }
  }

  static func function(_ call: FunctionCall) -> String {
    var text = call.name.value
    if !call.parenthesized { return text }
    var inner = call.star ? ["*"] : call.arguments.map(expression)
    if call.distinct { inner.insert("distinct", at: 0) }
    if !call.orderBy.isEmpty { inner.append("order " + call.orderBy.map(order).joined(separator: " ")) }
    text += "(" + inner.joined(separator: " ") + ")"
    if let filter = call.filter { text += " filter " + expression(filter) }
    if let window = call.window {
      var parts: [String] = []
      if !window.partitionBy.isEmpty {
        parts.append("partition " + window.partitionBy.map(expression).joined(separator: " "))
      }
      if !window.orderBy.isEmpty { parts.append("order " + window.orderBy.map(order).joined(separator: " ")) }
      if let frame = window.frame {
        parts.append("\(frame.unit.rawValue) \(bound(frame.start)) \(bound(frame.end))")
      }
      text += " over(" + parts.joined(separator: "; ") + ")"
    }
    return text
  }

  static func bound(_ bound: WindowFrame.Bound) -> String {
    switch bound {
    case .unboundedPreceding: return "unbounded-preceding"
    case .preceding(let e): return "\(expression(e))-preceding"
    case .currentRow: return "current"
    case .following(let e): return "\(expression(e))-following"
    case .unboundedFollowing: return "unbounded-following"
    }
  }

  static func order(_ item: OrderItem) -> String {
    var text = expression(item.expression) + (item.ascending ? "" : " desc")
    if let nullsFirst = item.nullsFirst { text += nullsFirst ? " nulls-first" : " nulls-last" }
    return text
  }

  static func query(_ q: Query) -> String {
    var parts: [String] = []
    if !q.with.isEmpty {
      parts.append(
        "with "
          + q.with.map { cte in
            let columns =
              cte.columns.isEmpty ? "" : "(" + cte.columns.map(\.value).joined(separator: " ") + ")"
            return "\(cte.name.value)\(columns) as \(query(cte.query))"
          }.joined(separator: ", "))
    }
    parts.append(body(q.body))
    if !q.orderBy.isEmpty { parts.append("order " + q.orderBy.map(order).joined(separator: ", ")) }
    if let offset = q.offset { parts.append("offset \(offset)") }
    if let limit = q.limit { parts.append("limit \(limit)") }
    return "{" + parts.joined(separator: " ") + "}"
  }

  static func body(_ b: QueryBody) -> String {
    switch b {
    case .select(let s): return select(s)
    case .nested(let q): return "(" + query(q) + ")"
    case .setOperation(let op):
      return "(\(op.kind.rawValue)\(op.all ? "-all" : "") \(side(op.left)) \(side(op.right)))"
    }
  }

  /// A set operation's side: a lone SELECT in braces, so sides stand apart.
  static func side(_ b: QueryBody) -> String {
    if case .select(let s) = b { return "{" + select(s) + "}" }
    return body(b)
  }

  static func select(_ s: Select) -> String {
    var text = "select" + (s.distinct ? " distinct " : " ") + s.items.map(item).joined(separator: ", ")
    if let from = s.from { text += " from " + relation(from) }
    if let condition = s.where { text += " where " + expression(condition) }
    if !s.groupBy.isEmpty { text += " group " + s.groupBy.map(expression).joined(separator: ", ") }
    if let having = s.having { text += " having " + expression(having) }
    return text
  }

  static func item(_ item: SelectItem) -> String {
    switch item {
    case .all: return "*"
    case .allOf(let names, _): return names.map(\.value).joined(separator: ".") + ".*"
    case .expression(let e, let alias): return expression(e) + (alias.map { " as " + $0.value } ?? "")
    }
  }

  static func relation(_ r: Relation) -> String {
    func aliased(_ alias: Identifier?, _ columns: [Identifier]) -> String {
      guard let alias else { return "" }
      return " " + alias.value
        + (columns.isEmpty ? "" : "(" + columns.map(\.value).joined(separator: " ") + ")")
    }
    switch r {
    case .table(let t): return t.name + aliased(t.alias, [])
    case .subquery(let q, let alias, let columns, _): return query(q) + aliased(alias, columns)
    case .unnest(let u):
      return "unnest(" + u.arguments.map(expression).joined(separator: " ") + ")"
        + (u.withOrdinality ? " ordinality" : "") + aliased(u.alias, u.columns)
    case .join(let j):
      var text = "[\(j.kind.rawValue) \(relation(j.left)) \(relation(j.right))"
      switch j.condition {
      case .on(let e): text += " on " + expression(e)
      case .using(let names): text += " using " + names.map(\.value).joined(separator: " ")
      case nil: break
      }
      return text + "]"
    }
  }
}

/// Parses `sql` and renders its query.
func shape(_ sql: String) throws -> String {
  Render.query(try LakeSQL.parse(sql))
}

/// Parses `SELECT <sql>` and renders its one select item's expression.
func expr(_ sql: String) throws -> String {
  let query = try LakeSQL.parse("SELECT " + sql)
  guard case .select(let select) = query.body, case .expression(let e, _) = select.items.first else {
    return "<not one expression>"
  }
  return Render.expression(e)
}

/// The error parsing `sql` throws, or nil.
func refusal(_ sql: String) -> LakeSQLError? {
  do {
    _ = try LakeSQL.parse(sql)
    return nil
  } catch {
    return error
  }
}
