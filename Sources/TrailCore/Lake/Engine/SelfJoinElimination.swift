import LakeSQL

/// Self-join elimination: a statement whose FROM is one table joined with itself on eventID,
///
/// ```sql
/// SELECT … FROM t a [INNER] JOIN t b ON a.eventID = b.eventID [AND …] [WHERE …] …
/// ```
///
/// pairs every event of `t` with itself and nothing else, so it reads the same rows as
/// `SELECT … FROM t a WHERE [… AND] …` with `b.` read as `a.`. That holds because the store keeps each
/// eventID once (the writer de-duplicates by eventID alone, see `Migrations`) and every table source
/// hands out each event at most once (an event data store's membership is keyed by store and event):
/// the pair (a, b) matches exactly when b is a. The engine then reads the table once, with both
/// sides' conditions, instead of materialising both sides and joining them (the bench's q7: 200 000
/// events a side).
///
/// Only the plain shape is rewritten — an inner join of two `table [alias]` items naming the same
/// table, an ON whose conjuncts include the eventID equality, distinct qualifiers that are not column
/// names, no WITH, no sub-query or lambda anywhere in the SELECT or ORDER BY, and both qualifiers used
/// only as qualifiers — and the engine keeps the rewrite only when it translates to the same result
/// columns (names and types) as the statement did. `*` becomes `a.*, a.*`, as it read both sides.
///
/// What the statement's statistics say changes: EventsScanned counts the table's events once, not
/// once per side (Lake would scan both).
enum SelfJoinElimination {
  /// `query` with its self-join on eventID read as one table, or nil when it is not that shape.
  /// `columnNames` are the table's column names (lowercased): a qualifier spelled like one is left
  /// alone, as a bare name could then mean either.
  static func rewrite(_ query: Query, columnNames: (String) -> Set<String>) -> Query? {
    guard query.with.isEmpty, case .select(var select) = query.body,
      case .join(let join)? = select.from, join.kind == .inner,
      case .table(let left) = join.left, case .table(let right) = join.right,
      left.name.lowercased() == right.name.lowercased(),
      case .on(let condition)? = join.condition
    else { return nil }
    let kept = qualifier(left)
    let dropped = qualifier(right)
    let columns = columnNames(left.name)
    guard kept.key != dropped.key, !columns.contains(kept.key), !columns.contains(dropped.key) else {
      return nil
    }
    var rest: [Expression] = []
    var joined = false
    for term in RollupQueryPlan.conjuncts(condition) {
      if !joined, isEventIDEquality(term, kept.key, dropped.key) { joined = true } else { rest.append(term) }
    }
    guard joined else { return nil }

    let renamer = QualifierRenamer(from: dropped.key, to: kept)
    var items: [SelectItem] = []
    for item in select.items {
      switch item {
      case .all(let position):
        // Both sides' columns, in order: the kept side's twice.
        items += [.allOf([kept], at: position), .allOf([kept], at: position)]
      case .allOf(let parts, let position):
        items.append(.allOf(parts.count == 1 && parts[0].key == dropped.key ? [kept] : parts, at: position))
      case .expression(let expression, let alias):
        guard let renamed = renamer.rename(expression) else { return nil }
        items.append(.expression(renamed, alias: alias))
      }
    }
    guard let conditions = renamer.rename(rest + (select.where.map { [$0] } ?? [])),
      let groupBy = renamer.rename(select.groupBy), let orderBy = renamer.rename(query.orderBy)
    else { return nil }
    var having: Expression?
    if let original = select.having {
      guard let renamed = renamer.rename(original) else { return nil }
      having = renamed
    }
    select.items = items
    select.from = .table(left)
    select.where = conditions.first.map { first in
      conditions.dropFirst().reduce(first) { Expression(.binary(.and, $0, $1), at: $1.position) }
    }
    select.groupBy = groupBy
    select.having = having
    var rewritten = query
    rewritten.body = .select(select)
    rewritten.orderBy = orderBy
    return rewritten
  }

  /// The name a table's columns are qualified by: its alias, else its name.
  private static func qualifier(_ table: TableReference) -> Identifier {
    table.alias ?? Identifier(table.name, at: table.position)
  }

  /// Whether `term` is `x.eventID = y.eventID` with x and y the two qualifiers, in either order.
  private static func isEventIDEquality(_ term: Expression, _ one: String, _ other: String) -> Bool {
    guard case .binary(.equal, let a, let b) = term.kind,
      let x = eventIDQualifier(a), let y = eventIDQualifier(b)
    else { return false }
    return (x == one && y == other) || (x == other && y == one)
  }

  private static func eventIDQualifier(_ expression: Expression) -> String? {
    guard case .dereference(let base, let field) = expression.kind, field.key == "eventid",
      case .identifier(let qualifier) = base.kind
    else { return nil }
    return qualifier.key
  }
}

/// Rewrites `from.field…` to `to.field…` in expressions; gives nil where that would not be a plain
/// rename: a sub-query (its scope could see either side), a lambda, or a bare use of either name.
private struct QualifierRenamer {
  let from: String
  let to: Identifier

  init(from: String, to: Identifier) {
    self.from = from
    self.to = to
  }

  func rename(_ item: OrderItem) -> OrderItem? {
    guard let expression = rename(item.expression) else { return nil }
    var renamed = item
    renamed.expression = expression
    return renamed
  }

  /// Each renamed, or nil when one cannot be.
  func rename(_ items: [OrderItem]) -> [OrderItem]? { Self.each(items) { rename($0) } }

  /// Each renamed, or nil when one cannot be.
  func rename(_ expressions: [Expression]) -> [Expression]? { Self.each(expressions) { rename($0) } }

  /// `renamed` of each item, or nil when it gives nil for one.
  private static func each<T>(_ items: [T], _ renamed: (T) -> T?) -> [T]? {
    var result: [T] = []
    result.reserveCapacity(items.count)
    for item in items {
      guard let one = renamed(item) else { return nil }
      result.append(one)
    }
    return result
  }

  func rename(_ expression: Expression) -> Expression? {
    func all(_ expressions: [Expression]) -> [Expression]? { rename(expressions) }
    func optional(_ e: Expression?) -> Expression?? {
      guard let e else { return .some(nil) }
      guard let r = rename(e) else { return nil }
      return .some(r)
    }
    let kind: Expression.Kind
    switch expression.kind {
    case .literal, .parameter:
      return expression
    case .identifier(let name):
      // A bare qualifier (a whole row) or a column spelled like one: not a plain rename.
      guard name.key != from, name.key != to.key else { return nil }
      return expression
    case .dereference(let base, let field):
      if case .identifier(let name) = base.kind, name.key == from || name.key == to.key {
        var qualifier = to
        qualifier.position = name.position
        kind = .dereference(Expression(.identifier(qualifier), at: base.position), field)
      } else {
        guard let b = rename(base) else { return nil }
        kind = .dereference(b, field)
      }
    case .subscript(let base, let index):
      guard let b = rename(base), let i = rename(index) else { return nil }
      kind = .subscript(b, i)
    case .unary(let op, let e):
      guard let r = rename(e) else { return nil }
      kind = .unary(op, r)
    case .binary(let op, let a, let b):
      guard let x = rename(a), let y = rename(b) else { return nil }
      kind = .binary(op, x, y)
    case .isNull(let e, let negated):
      guard let r = rename(e) else { return nil }
      kind = .isNull(r, negated: negated)
    case .isDistinctFrom(let a, let b, let negated):
      guard let x = rename(a), let y = rename(b) else { return nil }
      kind = .isDistinctFrom(x, y, negated: negated)
    case .between(let e, let low, let high, let negated):
      guard let r = rename(e), let l = rename(low), let h = rename(high) else { return nil }
      kind = .between(r, low: l, high: h, negated: negated)
    case .inList(let e, let list, let negated):
      guard let r = rename(e), let l = all(list) else { return nil }
      kind = .inList(r, l, negated: negated)
    case .like(let e, let pattern, let escape, let negated):
      guard let r = rename(e), let p = rename(pattern), let x = optional(escape) else { return nil }
      kind = .like(r, pattern: p, escape: x, negated: negated)
    case .inQuery, .exists, .scalarQuery, .lambda:
      return nil
    case .function(var call):
      guard let arguments = all(call.arguments), let filter = optional(call.filter) else { return nil }
      call.arguments = arguments
      call.filter = filter
      guard let order = rename(call.orderBy) else { return nil }
      call.orderBy = order
      if var window = call.window {
        guard let partition = all(window.partitionBy), let windowOrder = rename(window.orderBy) else {
          return nil
        }
        // Frame bounds are constants in Lake's dialect; one that is not is left alone.
        if let frame = window.frame {
          for bound in [frame.start, frame.end] {
            switch bound {
            case .preceding(let e), .following(let e): guard rename(e) == e else { return nil }
            default: break
            }
          }
        }
        window.partitionBy = partition
        window.orderBy = windowOrder
        call.window = window
      }
      kind = .function(call)
    case .caseWhen(let operand, let whens, let otherwise):
      guard let o = optional(operand), let e = optional(otherwise) else { return nil }
      var clauses: [WhenClause] = []
      for when in whens {
        guard let c = rename(when.condition), let r = rename(when.result) else { return nil }
        clauses.append(WhenClause(c, then: r))
      }
      kind = .caseWhen(operand: o, whens: clauses, else: e)
    case .cast(let e, let type, let isTry):
      guard let r = rename(e) else { return nil }
      kind = .cast(r, type, isTry: isTry)
    case .array(let list):
      guard let l = all(list) else { return nil }
      kind = .array(l)
    case .row(let list):
      guard let l = all(list) else { return nil }
      kind = .row(l)
    case .extract(let field, let e):
      guard let r = rename(e) else { return nil }
      kind = .extract(field, r)
    case .atTimeZone(let e, let zone):
      guard let r = rename(e), let z = rename(zone) else { return nil }
      kind = .atTimeZone(r, z)
    }
    return Expression(kind, at: expression.position)
  }
}
