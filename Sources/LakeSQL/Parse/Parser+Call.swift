extension Parser {
  /// The part of a call after its name: `([DISTINCT|ALL] args [ORDER BY …]) [FILTER (WHERE …)]
  /// [OVER (…)]`, or `(*)`.
  mutating func parseCall(_ name: Identifier) throws(LakeSQLError) -> FunctionCall {
    var call = FunctionCall(name: name)
    try requireSymbol("(")
    if try acceptSymbol("*") != nil {
      call.star = true
      try requireSymbol(")")
    } else if try acceptSymbol(")") == nil {
      if try accept("DISTINCT") != nil {
        call.distinct = true
      } else {
        _ = try accept("ALL")
      }
      repeat { call.arguments.append(try parseExpression()) } while try acceptSymbol(",") != nil
      if try accept(sequence: "ORDER", "BY") != nil {
        call.orderBy = try parseOrderItems()
      }
      try requireSymbol(")")
    }
    // FILTER and OVER are unreserved: only a parenthesis after them makes them clauses.
    if try peek().isKeyword("FILTER"), try peek(1).isSymbol("(") {
      try advance()
      try advance()
      try require("WHERE")
      call.filter = try parseExpression()
      try requireSymbol(")")
    }
    if try peek().isKeyword("OVER"), try peek(1).isSymbol("(") {
      try advance()
      call.window = try parseWindowSpecification()
    }
    return call
  }

  /// `([PARTITION BY e, …] [ORDER BY …] [ROWS|RANGE frame])`.
  private mutating func parseWindowSpecification() throws(LakeSQLError) -> WindowSpecification {
    try requireSymbol("(")
    var window = WindowSpecification()
    if try accept(sequence: "PARTITION", "BY") != nil {
      repeat { window.partitionBy.append(try parseExpression()) } while try acceptSymbol(",") != nil
    }
    if try accept(sequence: "ORDER", "BY") != nil {
      window.orderBy = try parseOrderItems()
    }
    let unit: WindowFrame.Unit? =
      if try accept("ROWS") != nil { .rows } else if try accept("RANGE") != nil { .range } else { nil }
    if let unit {
      if try accept("BETWEEN") != nil {
        let start = try parseFrameBound()
        try require("AND")
        window.frame = WindowFrame(unit, start: start, end: try parseFrameBound())
      } else {
        window.frame = WindowFrame(unit, start: try parseFrameBound())
      }
    }
    try requireSymbol(")")
    return window
  }

  /// `UNBOUNDED PRECEDING|FOLLOWING`, `CURRENT ROW`, `e PRECEDING|FOLLOWING`.
  private mutating func parseFrameBound() throws(LakeSQLError) -> WindowFrame.Bound {
    if try accept("UNBOUNDED") != nil {
      if try accept("PRECEDING") != nil { return .unboundedPreceding }
      try require("FOLLOWING")
      return .unboundedFollowing
    }
    if try accept(sequence: "CURRENT", "ROW") != nil { return .currentRow }
    let offset = try parseExpression()
    if try accept("PRECEDING") != nil { return .preceding(offset) }
    try require("FOLLOWING")
    return .following(offset)
  }
}
