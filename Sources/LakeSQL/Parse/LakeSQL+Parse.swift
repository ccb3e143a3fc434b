extension LakeSQL {
  /// Parses one CloudTrail Lake query (Trino's `SELECT` syntax) into its syntax tree.
  ///
  /// The statement is exactly one query, optionally followed by one `;` and then only whitespace and
  /// comments. Any other statement (`INSERT`, `DELETE`, `CREATE`, `SHOW`, …), a second statement, or
  /// text that is not Trino's grammar is refused with the offending token and where it starts.
  ///
  /// - Throws: `LakeSQLError` whose `description` is Trino's `line L:C: message`.
  public static func parse(_ statement: String) throws(LakeSQLError) -> Query {
    var parser = Parser(statement)
    return try parser.parseStatement()
  }
}

extension Parser {
  /// `query [;] <EOF>`.
  mutating func parseStatement() throws(LakeSQLError) -> Query {
    let first = try peek()
    if first.kind == .word && Keywords.otherStatements.contains(first.keyword) {
      throw LakeSQLError("Only SELECT statements are allowed", token: first.source, at: first.position)
    }
    let query = try parseQuery()
    _ = try acceptSymbol(";")
    let end = try peek()
    guard end.kind == .end else {
      expect("<EOF>", at: end)
      throw mismatched(end)
    }
    return query
  }
}
