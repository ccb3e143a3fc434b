extension Parser {
  /// A primary expression: a literal, `?`, a name, a call, a lambda, CASE, CAST, EXTRACT, EXISTS,
  /// `ARRAY[…]`, `ROW(…)`, a parenthesised expression, a row `(a, b)` or a scalar sub-query.
  mutating func parsePrimary() throws(LakeSQLError) -> Expression {
    let token = try peek()
    switch token.kind {
    case .integer:
      try advance()
      return Expression(.literal(.integer(try integerValue(token))), at: token.position)
    case .decimal, .double:
      try advance()
      return Expression(.literal(.number(token.text)), at: token.position)
    case .string:
      try advance()
      return Expression(.literal(.string(token.text)), at: token.position)
    case .quotedIdentifier:
      return try parseName()
    case .word:
      if let expression = try parseKeywordPrimary() { return expression }
      if Self.isIdentifier(token) { return try parseName() }
    case .symbol:
      if token.isSymbol("?") {
        try advance()
        parameterCount += 1
        return Expression(.parameter(parameterCount - 1), at: token.position)
      }
      if token.isSymbol("(") { return try parseParenthesized() }
    case .digitIdentifier, .end:
      break
    }
    expect("<expression>", at: token)
    throw mismatched(token)
  }

  /// The primaries a word introduces: literals, CASE, CAST, … Nil when the word is just a name.
  private mutating func parseKeywordPrimary() throws(LakeSQLError) -> Expression? {
    let token = try peek()
    let next = try peek(1)
    switch token.keyword {
    case "NULL":
      try advance()
      return Expression(.literal(.null), at: token.position)
    case "TRUE", "FALSE":
      try advance()
      return Expression(.literal(.boolean(token.keyword == "TRUE")), at: token.position)
    case "CASE":
      return try parseCase()
    case "CAST":
      return try parseCast()
    case "TRY_CAST" where next.isSymbol("("):
      return try parseCast()
    case "EXTRACT":
      return try parseExtract()
    case "EXISTS":
      try advance()
      try requireSymbol("(")
      let query = try parseQuery()
      try requireSymbol(")")
      return Expression(.exists(query), at: token.position)
    case let keyword where Keywords.niladicFunctions.contains(keyword):
      return try parseNiladic()
    case "ARRAY" where next.isSymbol("["):
      try advance()
      try advance()
      var elements: [Expression] = []
      if try acceptSymbol("]") == nil {
        repeat { elements.append(try parseExpression()) } while try acceptSymbol(",") != nil
        try requireSymbol("]")
      }
      return Expression(.array(elements), at: token.position)
    case "ROW" where next.isSymbol("("):
      try advance()
      try advance()
      var fields = [try parseExpression()]
      while try acceptSymbol(",") != nil { fields.append(try parseExpression()) }
      try requireSymbol(")")
      return Expression(.row(fields), at: token.position)
    case "INTERVAL":
      return try parseInterval()
    case "POSITION" where next.isSymbol("("):
      return try parsePosition()
    case "SUBSTRING" where next.isSymbol("("):
      return try parseSubstring()
    case "TRIM" where next.isSymbol("("):
      return try parseTrim()
    case "DOUBLE" where next.isKeyword("PRECISION"):
      guard try peek(2).kind == .string else { return nil }
      try advance()
      try advance()
      let text = try advance().text
      return Expression(.literal(.typed(type: "double precision", text: text)), at: token.position)
    default:
      // `TIMESTAMP '…'`, `DATE '…'`, `DECIMAL '…'`…: Trino reads any type name before a string so.
      if next.kind == .string && Self.isIdentifier(token) {
        try advance()
        try advance()
        let type = token.text.lowercased()
        return Expression(.literal(.typed(type: type, text: next.text)), at: token.position)
      }
      return nil
    }
  }

  /// A name, or the call or lambda it starts: `x`, `f(…)`, `x -> body`.
  private mutating func parseName() throws(LakeSQLError) -> Expression {
    let name = try parseIdentifier()
    if try acceptSymbol("->") != nil {
      return Expression(.lambda([name], try parseExpression()), at: name.position)
    }
    if try atSymbol("(") {
      return Expression(.function(try parseCall(name)), at: name.position)
    }
    return Expression(.identifier(name), at: name.position)
  }

  /// After `(`: a lambda `(x, y) -> body`, a scalar sub-query, a parenthesised expression or a row.
  private mutating func parseParenthesized() throws(LakeSQLError) -> Expression {
    let open = try peek()
    if let parameters = try parseLambdaParameters() {
      return Expression(.lambda(parameters, try parseExpression()), at: open.position)
    }
    try requireSymbol("(")
    if let query = try parseParenthesizedQueryRest() {
      return Expression(.scalarQuery(query), at: open.position)
    }
    let first = try parseExpression()
    guard try acceptSymbol(",") != nil else {
      try requireSymbol(")")
      return first
    }
    var fields = [first]
    repeat { fields.append(try parseExpression()) } while try acceptSymbol(",") != nil
    try requireSymbol(")")
    return Expression(.row(fields), at: open.position)
  }

  /// After a `(` where either a query or expressions may follow (a scalar sub-query, `IN (…)`): the
  /// query and its `)` when it is one, else nil with nothing consumed. `SELECT`/`WITH` next means a
  /// query, whose errors are reported as they are; another `(` may open either
  /// (`((SELECT 1) UNION (SELECT 2))` vs `((a))`), so the query is only attempted.
  mutating func parseParenthesizedQueryRest() throws(LakeSQLError) -> Query? {
    let next = try peek()
    if next.isKeyword("SELECT") || next.isKeyword("WITH") {
      let query = try parseQuery()
      try requireSymbol(")")
      return query
    }
    guard next.isSymbol("(") else { return nil }
    return attempt { (p: inout Parser) throws(LakeSQLError) -> Query in
      let query = try p.parseQuery()
      try p.requireSymbol(")")
      return query
    }
  }

  /// `(x, y) ->` or `() ->`, consumed up to the arrow; nil (nothing consumed) if this is not one.
  private mutating func parseLambdaParameters() throws(LakeSQLError) -> [Identifier]? {
    var n = 1
    if !(try peek(n).isSymbol(")")) {
      while true {
        guard Self.isIdentifier(try peek(n)) else { return nil }
        n += 1
        if try peek(n).isSymbol(")") { break }
        guard try peek(n).isSymbol(",") else { return nil }
        n += 1
      }
    }
    guard try peek(n + 1).isSymbol("->") else { return nil }
    try advance()
    var parameters: [Identifier] = []
    while !(try peek().isSymbol(")")) {
      parameters.append(try parseIdentifier())
      _ = try acceptSymbol(",")
    }
    try advance()
    try advance()
    return parameters
  }

  /// `CASE [operand] WHEN c THEN r … [ELSE e] END`.
  private mutating func parseCase() throws(LakeSQLError) -> Expression {
    let start = try require("CASE").position
    let operand = try at("WHEN") ? nil : try parseExpression()
    var whens: [WhenClause] = []
    repeat {
      try require("WHEN")
      let condition = try parseExpression()
      try require("THEN")
      whens.append(WhenClause(condition, then: try parseExpression()))
    } while try at("WHEN")
    let otherwise = try accept("ELSE") != nil ? try parseExpression() : nil
    try require("END")
    return Expression(.caseWhen(operand: operand, whens: whens, else: otherwise), at: start)
  }

  /// `CAST(e AS type)` or `TRY_CAST(e AS type)`.
  private mutating func parseCast() throws(LakeSQLError) -> Expression {
    let token = try advance()
    try requireSymbol("(")
    let value = try parseExpression()
    try require("AS")
    let type = try parseType()
    try requireSymbol(")")
    return Expression(.cast(value, type, isTry: token.keyword == "TRY_CAST"), at: token.position)
  }

  /// `EXTRACT(field FROM e)`.
  private mutating func parseExtract() throws(LakeSQLError) -> Expression {
    let start = try require("EXTRACT").position
    try requireSymbol("(")
    let field = try parseIdentifier()
    try require("FROM")
    let value = try parseValue()
    try requireSymbol(")")
    return Expression(.extract(field, value), at: start)
  }

  /// `current_date`, `current_time[(p)]`, `current_timestamp[(p)]`, `localtime[(p)]`,
  /// `localtimestamp[(p)]`: calls, unparenthesised unless a precision is given.
  private mutating func parseNiladic() throws(LakeSQLError) -> Expression {
    let token = try advance()
    let name = Identifier(token.text, at: token.position)
    var call = FunctionCall(name: name, parenthesized: false)
    if token.keyword != "CURRENT_DATE", try acceptSymbol("(") != nil {
      let precision = try peek()
      guard precision.kind == .integer else {
        expect("<integer>", at: precision)
        throw mismatched(precision)
      }
      try advance()
      call.arguments = [Expression(.literal(.integer(try integerValue(precision))), at: precision.position)]
      call.parenthesized = true
      try requireSymbol(")")
    }
    return Expression(.function(call), at: token.position)
  }

  /// `POSITION(needle IN haystack)`, which Trino turns into `strpos(haystack, needle)`; the tree
  /// holds it so, the name positioned at `POSITION`. `position(a, b)` stays an ordinary call.
  private mutating func parsePosition() throws(LakeSQLError) -> Expression? {
    let token = try peek()
    let special = attempt { (p: inout Parser) throws(LakeSQLError) -> Expression in
      try p.advance()
      try p.requireSymbol("(")
      let needle = try p.parseValue()
      try p.require("IN")
      let haystack = try p.parseValue()
      try p.requireSymbol(")")
      let call = FunctionCall(
        name: Identifier("strpos", at: token.position), arguments: [haystack, needle])
      return Expression(.function(call), at: token.position)
    }
    return special
  }

  /// `SUBSTRING(s FROM start [FOR length])`, which Trino turns into `substr(s, start[, length])`; the
  /// tree holds it so. `substring(s, start)` stays an ordinary call.
  private mutating func parseSubstring() throws(LakeSQLError) -> Expression? {
    let token = try peek()
    return attempt { (p: inout Parser) throws(LakeSQLError) -> Expression in
      try p.advance()
      try p.requireSymbol("(")
      var arguments = [try p.parseValue()]
      try p.require("FROM")
      arguments.append(try p.parseValue())
      if try p.accept("FOR") != nil { arguments.append(try p.parseValue()) }
      try p.requireSymbol(")")
      let call = FunctionCall(name: Identifier("substr", at: token.position), arguments: arguments)
      return Expression(.function(call), at: token.position)
    }
  }

  /// `TRIM([[BOTH|LEADING|TRAILING] [chars] FROM] s)` or `TRIM(s, chars)`: TRIM is reserved, so this
  /// is the only way to call it. Trino turns it into `trim`, `ltrim` or `rtrim` of `(s[, chars])`; the
  /// tree holds it so, positioned at `TRIM`.
  private mutating func parseTrim() throws(LakeSQLError) -> Expression {
    let token = try require("TRIM")
    try requireSymbol("(")
    var name = "trim"
    var specified = true
    if try accept("LEADING") != nil {
      name = "ltrim"
    } else if try accept("TRAILING") != nil {
      name = "rtrim"
    } else if try accept("BOTH") == nil {
      specified = false
    }
    var arguments: [Expression]
    if try accept("FROM") != nil {
      arguments = [try parseValue()]
    } else {
      let first = try parseValue()
      if try accept("FROM") != nil {
        arguments = [try parseValue(), first]
      } else if specified {
        throw try unexpected()
      } else if try acceptSymbol(",") != nil {
        arguments = [first, try parseValue()]
      } else {
        arguments = [first]
      }
    }
    try requireSymbol(")")
    let call = FunctionCall(name: Identifier(name, at: token.position), arguments: arguments)
    return Expression(.function(call), at: token.position)
  }
}
