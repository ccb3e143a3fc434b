extension Parser {
  /// A relation and the joins that follow it:
  /// `r [CROSS JOIN r | [INNER|LEFT [OUTER]|RIGHT [OUTER]|FULL [OUTER]] JOIN relation (ON e | USING (…))]…`.
  /// As in Trino's grammar, the right side of a qualified join is itself a relation, so
  /// `a JOIN b JOIN c ON x ON y` nests; joins otherwise associate to the left.
  mutating func parseRelation() throws(LakeSQLError) -> Relation {
    try enter()
    defer { leave() }
    var left = try parseAliasedRelation()
    while true {
      let start = try peek()
      if try accept(sequence: "CROSS", "JOIN") != nil {
        let right = try parseAliasedRelation()
        left = .join(Join(.cross, left: left, right: right, condition: nil, at: start.position))
        continue
      }
      guard let kind = try parseJoinType() else { return left }
      let right = try parseRelation()
      let condition: Join.Condition
      if try accept("ON") != nil {
        condition = .on(try parseExpression())
      } else if try at("USING") {
        try advance()
        condition = .using(try parseIdentifierList())
      } else {
        throw try unexpected()
      }
      left = .join(Join(kind, left: left, right: right, condition: condition, at: start.position))
    }
  }

  /// `[INNER] JOIN`, `LEFT [OUTER] JOIN`, …, consumed; nil (nothing consumed) if none is here.
  private mutating func parseJoinType() throws(LakeSQLError) -> Join.Kind? {
    if try accept("JOIN") != nil { return .inner }
    if try accept("INNER") != nil {
      try require("JOIN")
      return .inner
    }
    let kind: Join.Kind
    if try at("LEFT") {
      kind = .left
    } else if try at("RIGHT") {
      kind = .right
    } else if try at("FULL") {
      kind = .full
    } else {
      _ = try at("CROSS")
      return nil
    }
    try advance()
    _ = try accept("OUTER")
    try require("JOIN")
    return kind
  }

  /// A table, `(query)`, `(relation)` or `UNNEST(…)`, with its alias.
  private mutating func parseAliasedRelation() throws(LakeSQLError) -> Relation {
    if let table = try parseTableName() {
      return .table(table)
    }
    let token = try peek()
    if try at("UNNEST") {
      return .unnest(try parseUnnest())
    }
    if try atSymbol("(") {
      try advance()
      if try startsQuery() {
        let query = try parseQuery()
        try requireSymbol(")")
        let alias = try parseAlias()
        let columns = try alias != nil ? parseColumnAliases() : []
        return .subquery(query, alias: alias, columns: columns, at: token.position)
      }
      // `(a JOIN b ON …)`: the tree has no node for the parentheses, which change nothing unaliased.
      let relation = try parseRelation()
      try requireSymbol(")")
      return relation
    }
    expect("<identifier>", at: token)
    throw mismatched(token)
  }

  /// Whether the parenthesis just read opens a query rather than a relation: `SELECT`/`WITH` next, or
  /// more parentheses that lead to one (`((SELECT …) UNION (SELECT …))`).
  private mutating func startsQuery() throws(LakeSQLError) -> Bool {
    var n = 0
    while try peek(n).isSymbol("(") { n += 1 }
    let token = try peek(n)
    return token.isKeyword("SELECT") || token.isKeyword("WITH")
  }

  /// A table name where the cursor stands, read from the raw text: an event data store id may start
  /// with a digit and holds dashes (`5e2676f8-9fce-…`), and an ARN holds `:` and `/`, none of which the
  /// ordinary tokens allow. A quoted identifier is a name too. Nil (nothing consumed) when the text
  /// here is not a name, e.g. `(`, `UNNEST` or a reserved word.
  private mutating func parseTableName() throws(LakeSQLError) -> TableReference? {
    // Re-read from the end of the last consumed token: look-ahead may have split the name.
    rewind(to: mark)
    try lexer.skipTrivia()
    let saved = lexer
    let (name, position) = lexer.scanTableName()
    if name.isEmpty || (name.allSatisfy(Lexer.isWordCharacter) && Keywords.isReserved(name)) {
      lexer = saved
      let token = try peek()
      guard token.kind == .quotedIdentifier else {
        expect("'('", at: token)
        expect("'UNNEST'", at: token)
        return nil
      }
      try advance()
      return TableReference(name: token.text, alias: try parseAlias(), at: token.position)
    }
    // The name becomes the last consumed token, so that rewinding returns after it.
    let end = lexer.position
    tokens.append(Token(kind: .word, text: name, source: name, position: position, end: end))
    index += 1
    return TableReference(name: name, alias: try parseAlias(), at: position)
  }

  /// `[(c1, c2, …)]` after an alias.
  private mutating func parseColumnAliases() throws(LakeSQLError) -> [Identifier] {
    try atSymbol("(") ? try parseIdentifierList() : []
  }

  /// `UNNEST(e, …) [WITH ORDINALITY] [[AS] alias [(columns)]]`.
  private mutating func parseUnnest() throws(LakeSQLError) -> Unnest {
    let start = try require("UNNEST").position
    try requireSymbol("(")
    var arguments = [try parseExpression()]
    while try acceptSymbol(",") != nil { arguments.append(try parseExpression()) }
    try requireSymbol(")")
    let ordinality = try accept(sequence: "WITH", "ORDINALITY") != nil
    let alias = try parseAlias()
    let columns = try alias != nil ? parseColumnAliases() : []
    return Unnest(
      arguments: arguments, withOrdinality: ordinality, alias: alias, columns: columns, at: start)
  }
}
