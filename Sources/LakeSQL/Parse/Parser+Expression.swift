/// Expressions by Trino's precedence, loosest first:
/// OR < AND < NOT < one predicate (comparison, IS [NOT] NULL, IS [NOT] DISTINCT FROM, [NOT] BETWEEN,
/// [NOT] IN, [NOT] LIKE) < `||` < `+ -` < `* / %` < unary `+ -` < AT TIME ZONE < postfix `.f`, `[i]`
/// < primary. A binary node is positioned at its operator; every other node at its first token.
extension Parser {
  /// A whole expression (Trino's `expression`/`booleanExpression`).
  mutating func parseExpression() throws(LakeSQLError) -> Expression {
    try enter()
    defer { leave() }
    var left = try parseAnd()
    while let token = try accept("OR") {
      left = Expression(.binary(.or, left, try parseAnd()), at: token.position)
    }
    return left
  }

  private mutating func parseAnd() throws(LakeSQLError) -> Expression {
    var left = try parseNot()
    while let token = try accept("AND") {
      left = Expression(.binary(.and, left, try parseNot()), at: token.position)
    }
    return left
  }

  private mutating func parseNot() throws(LakeSQLError) -> Expression {
    if let token = try accept("NOT") {
      try enter()
      defer { leave() }
      return Expression(.unary(.not, try parseNot()), at: token.position)
    }
    return try parsePredicate()
  }

  private static let comparisons: [String: BinaryOperator] = [
    "=": .equal, "<>": .notEqual, "!=": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater,
    ">=": .greaterOrEqual,
  ]

  /// A value and at most one predicate on it (`a = b = c` is refused, as in Trino).
  private mutating func parsePredicate() throws(LakeSQLError) -> Expression {
    let start = try peek().position
    let value = try parseValue()
    let token = try peek()
    if token.kind == .symbol, let op = Self.comparisons[token.text] {
      try advance()
      return Expression(.binary(op, value, try parseValue()), at: token.position)
    }
    for symbol in ["=", "<>", "!=", "<", "<=", ">", ">="] { expect("'\(symbol)'", at: token) }

    if try accept("IS") != nil {
      let negated = try accept("NOT") != nil
      if try accept("NULL") != nil {
        return Expression(.isNull(value, negated: negated), at: start)
      }
      try require("DISTINCT")
      try require("FROM")
      return Expression(.isDistinctFrom(value, try parseValue(), negated: negated), at: start)
    }
    // `NOT` here belongs to BETWEEN/IN/LIKE; anything else after it is refused at the NOT's follower.
    let negated = try accept("NOT") != nil
    if try accept("BETWEEN") != nil {
      let low = try parseValue()
      try require("AND")
      let high = try parseValue()
      return Expression(.between(value, low: low, high: high, negated: negated), at: start)
    }
    if try at("IN") {
      try advance()
      try requireSymbol("(")
      if let query = try parseParenthesizedQueryRest() {
        return Expression(.inQuery(value, query, negated: negated), at: start)
      }
      var list = [try parseExpression()]
      while try acceptSymbol(",") != nil { list.append(try parseExpression()) }
      try requireSymbol(")")
      return Expression(.inList(value, list, negated: negated), at: start)
    }
    if try accept("LIKE") != nil {
      let pattern = try parseValue()
      let escape = try accept("ESCAPE") != nil ? try parseValue() : nil
      return Expression(.like(value, pattern: pattern, escape: escape, negated: negated), at: start)
    }
    if negated { throw try unexpected() }
    return value
  }

  /// Trino's `valueExpression`: concatenation, the loosest of the value operators.
  mutating func parseValue() throws(LakeSQLError) -> Expression {
    var left = try parseAdditive()
    while let token = try acceptSymbol("||") {
      left = Expression(.binary(.concatenate, left, try parseAdditive()), at: token.position)
    }
    return left
  }

  private mutating func parseAdditive() throws(LakeSQLError) -> Expression {
    var left = try parseMultiplicative()
    while true {
      let token = try peek()
      let op: BinaryOperator
      if try atSymbol("+") {
        op = .add
      } else if try atSymbol("-") {
        op = .subtract
      } else {
        return left
      }
      try advance()
      left = Expression(.binary(op, left, try parseMultiplicative()), at: token.position)
    }
  }

  private mutating func parseMultiplicative() throws(LakeSQLError) -> Expression {
    var left = try parseUnary()
    while true {
      let token = try peek()
      let op: BinaryOperator
      if try atSymbol("*") {
        op = .multiply
      } else if try atSymbol("/") {
        op = .divide
      } else if try atSymbol("%") {
        op = .modulo
      } else {
        return left
      }
      try advance()
      left = Expression(.binary(op, left, try parseUnary()), at: token.position)
    }
  }

  private mutating func parseUnary() throws(LakeSQLError) -> Expression {
    let token = try peek()
    if token.isSymbol("-") || token.isSymbol("+") {
      try advance()
      try enter()
      defer { leave() }
      let op: UnaryOperator = token.text == "-" ? .minus : .plus
      return Expression(.unary(op, try parseUnary()), at: token.position)
    }
    expect("'-'", at: token)
    expect("'+'", at: token)
    return try parseAtTimeZone()
  }

  /// `e AT TIME ZONE 'zone'` or `e AT TIME ZONE INTERVAL …` (Trino allows only those two zones).
  private mutating func parseAtTimeZone() throws(LakeSQLError) -> Expression {
    let start = try peek().position
    var value = try parsePostfix()
    while try accept(sequence: "AT", "TIME", "ZONE") != nil {
      let token = try peek()
      let zone: Expression
      if token.kind == .string {
        try advance()
        zone = Expression(.literal(.string(token.text)), at: token.position)
      } else if token.isKeyword("INTERVAL"), let interval = try parseInterval() {
        zone = interval
      } else {
        expect("<string>", at: token)
        expect("'INTERVAL'", at: token)
        throw mismatched(token)
      }
      value = Expression(.atTimeZone(value, zone), at: start)
    }
    return value
  }

  /// A primary followed by `.field` and `[index]`s.
  private mutating func parsePostfix() throws(LakeSQLError) -> Expression {
    let start = try peek().position
    var value = try parsePrimary()
    while true {
      if try acceptSymbol(".") != nil {
        value = Expression(.dereference(value, try parseIdentifier()), at: start)
      } else if try acceptSymbol("[") != nil {
        let index = try parseValue()
        try requireSymbol("]")
        value = Expression(.subscript(value, index), at: start)
      } else {
        return value
      }
    }
  }
}
