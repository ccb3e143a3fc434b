extension Parser {
  /// `SELECT [DISTINCT|ALL] items [FROM relation, …] [WHERE e] [GROUP BY e, …] [HAVING e]`.
  mutating func parseSelect() throws(LakeSQLError) -> Select {
    let start = try require("SELECT").position
    var select = Select(items: [], at: start)
    if try accept("DISTINCT") != nil {
      select.distinct = true
    } else {
      _ = try accept("ALL")
    }
    repeat {
      select.items.append(try parseSelectItem())
    } while try acceptSymbol(",") != nil

    if try accept("FROM") != nil {
      var from = try parseRelation()
      while let comma = try acceptSymbol(",") {
        let right = try parseRelation()
        from = .join(Join(.cross, left: from, right: right, condition: nil, at: comma.position))
      }
      select.from = from
    }
    if try accept("WHERE") != nil {
      select.where = try parseExpression()
    }
    if try accept(sequence: "GROUP", "BY") != nil {
      repeat {
        select.groupBy.append(try parseExpression())
      } while try acceptSymbol(",") != nil
    }
    if try accept("HAVING") != nil {
      select.having = try parseExpression()
    }
    return select
  }

  /// `*`, `a.b.*`, or `expression [[AS] alias]`.
  private mutating func parseSelectItem() throws(LakeSQLError) -> SelectItem {
    let first = try peek()
    if try atSymbol("*") {
      try advance()
      return .all(at: first.position)
    }
    if let qualifier = try parseQualifiedStar() {
      return .allOf(qualifier, at: first.position)
    }
    let expression = try parseExpression()
    return .expression(expression, alias: try parseAlias())
  }

  /// `name.name….*`, consumed, or nil (and nothing consumed) when the item is not one.
  private mutating func parseQualifiedStar() throws(LakeSQLError) -> [Identifier]? {
    var n = 0
    while Self.isIdentifier(try peek(n)), try peek(n + 1).isSymbol(".") {
      if try peek(n + 2).isSymbol("*") {
        var names: [Identifier] = []
        for _ in 0...(n / 2) {
          names.append(try parseIdentifier())
          try advance()
        }
        try advance()
        return names
      }
      n += 2
    }
    return nil
  }
}
