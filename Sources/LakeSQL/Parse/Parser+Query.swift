extension Parser {
  /// `[WITH name [(columns)] AS (query), …] queryNoWith`.
  mutating func parseQuery() throws(LakeSQLError) -> Query {
    let start = try peek().position
    var with: [CommonTableExpression] = []
    if try accept("WITH") != nil {
      repeat {
        let name = try parseIdentifier()
        let columns = try atSymbol("(") ? try parseIdentifierList() : []
        try require("AS")
        try requireSymbol("(")
        let query = try parseQuery()
        try requireSymbol(")")
        with.append(CommonTableExpression(name: name, columns: columns, query: query))
      } while try acceptSymbol(",") != nil
    }
    var query = try parseQueryNoWith()
    query.with = with
    query.position = start
    return query
  }

  /// `body [ORDER BY …] [OFFSET n [ROW|ROWS]] [LIMIT n|ALL | FETCH FIRST [n] ROW|ROWS ONLY]`; OFFSET is
  /// also accepted after LIMIT.
  mutating func parseQueryNoWith() throws(LakeSQLError) -> Query {
    try enter()
    defer { leave() }
    let start = try peek().position
    let body = try parseQueryTerm()
    var query = Query(body: body, at: start)
    if try accept(sequence: "ORDER", "BY") != nil {
      query.orderBy = try parseOrderItems()
    }
    var sawOffset = false
    var sawLimit = false
    while true {
      if !sawOffset, try accept("OFFSET") != nil {
        sawOffset = true
        query.offset = try parseRowCount()
        if try accept("ROW") == nil { _ = try accept("ROWS") }
      } else if !sawLimit, try accept("LIMIT") != nil {
        sawLimit = true
        query.limit = try accept("ALL") != nil ? nil : try parseRowCount()
      } else if !sawLimit, try accept("FETCH") != nil {
        sawLimit = true
        if try accept("FIRST") == nil { try require("NEXT") }
        let count = try peek().kind == .integer ? try parseRowCount() : 1
        if try accept("ROW") == nil { try require("ROWS") }
        try require("ONLY")
        query.limit = count
      } else {
        return query
      }
    }
  }

  /// The integer of LIMIT/OFFSET/FETCH (the tree has no room for a `?` there).
  private mutating func parseRowCount() throws(LakeSQLError) -> Int64 {
    let token = try peek()
    guard token.kind == .integer else {
      expect("<integer>", at: token)
      throw mismatched(token)
    }
    try advance()
    return try integerValue(token)
  }

  /// UNION and EXCEPT, left-associative, over INTERSECT terms (INTERSECT binds tighter).
  private mutating func parseQueryTerm() throws(LakeSQLError) -> QueryBody {
    var left = try parseIntersectTerm()
    while true {
      let token = try peek()
      let kind: SetOperation.Kind
      if try at("UNION") {
        kind = .union
      } else if try at("EXCEPT") {
        kind = .except
      } else {
        return left
      }
      try advance()
      let all = try parseSetQuantifier()
      let right = try parseIntersectTerm()
      left = .setOperation(SetOperation(kind, all: all, left: left, right: right, at: token.position))
    }
  }

  private mutating func parseIntersectTerm() throws(LakeSQLError) -> QueryBody {
    var left = try parseQueryPrimary()
    while let token = try accept("INTERSECT") {
      let all = try parseSetQuantifier()
      let right = try parseQueryPrimary()
      left = .setOperation(SetOperation(.intersect, all: all, left: left, right: right, at: token.position))
    }
    return left
  }

  /// `[ALL|DISTINCT]` after a set operator: true for ALL.
  private mutating func parseSetQuantifier() throws(LakeSQLError) -> Bool {
    if try accept("ALL") != nil { return true }
    _ = try accept("DISTINCT")
    return false
  }

  /// `SELECT …` or `(queryNoWith)`.
  private mutating func parseQueryPrimary() throws(LakeSQLError) -> QueryBody {
    if try at("SELECT") {
      return .select(try parseSelect())
    }
    if try acceptSymbol("(") != nil {
      let query = try parseQueryNoWith()
      try requireSymbol(")")
      return .nested(query)
    }
    throw try unexpected()
  }

  /// `expression [ASC|DESC] [NULLS FIRST|LAST], …`.
  mutating func parseOrderItems() throws(LakeSQLError) -> [OrderItem] {
    var items: [OrderItem] = []
    repeat {
      var item = OrderItem(try parseExpression())
      if try accept("ASC") != nil {
        item.ascending = true
      } else if try accept("DESC") != nil {
        item.ascending = false
      }
      if try accept("NULLS") != nil {
        if try accept("FIRST") != nil {
          item.nullsFirst = true
        } else {
          try require("LAST")
          item.nullsFirst = false
        }
      }
      items.append(item)
    } while try acceptSymbol(",") != nil
    return items
  }
}
