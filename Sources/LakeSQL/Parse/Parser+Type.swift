extension Parser {
  /// A type in CAST/TRY_CAST: `name[(n, …)]`, `decimal(p, s)`, `timestamp[(p)] [WITH|WITHOUT TIME
  /// ZONE]`, `time…`, `double precision`, `interval day to second`, `array(T)`/`array<T>`,
  /// `map(K, V)`/`map<K, V>`, `row(name T, …)`, and the postfix `T array`. Names are lowercased.
  mutating func parseType() throws(LakeSQLError) -> TypeName {
    try enter()
    defer { leave() }
    var type = try parseBaseType()
    while let token = try accept("ARRAY") {
      type = TypeName("array", arguments: [.type(type)], at: token.position)
    }
    return type
  }

  private mutating func parseBaseType() throws(LakeSQLError) -> TypeName {
    let token = try peek()
    let next = try peek(1)
    switch token.keyword {
    case "ROW" where next.isSymbol("("):
      try advance()
      try advance()
      var fields = [try parseRowField()]
      while try acceptSymbol(",") != nil { fields.append(try parseRowField()) }
      try requireSymbol(")")
      return TypeName("row", arguments: fields, at: token.position)
    case "TIMESTAMP", "TIME":
      try advance()
      var arguments: [TypeName.Argument] = []
      if try acceptSymbol("(") != nil {
        arguments = [try parseTypeParameter()]
        try requireSymbol(")")
      }
      var name = token.keyword.lowercased()
      if try accept(sequence: "WITH", "TIME", "ZONE") != nil {
        name += " with time zone"
      } else {
        _ = try accept(sequence: "WITHOUT", "TIME", "ZONE")
      }
      return TypeName(name, arguments: arguments, at: token.position)
    case "DOUBLE" where next.isKeyword("PRECISION"):
      try advance()
      try advance()
      return TypeName("double precision", at: token.position)
    case "INTERVAL":
      try advance()
      var name = "interval " + (try parseIntervalUnit())
      if try accept("TO") != nil { name += " to " + (try parseIntervalUnit()) }
      return TypeName(name, at: token.position)
    case "ARRAY" where next.isSymbol("<"), "MAP" where next.isSymbol("<"):
      try advance()
      try advance()
      var arguments: [TypeName.Argument] = [.type(try parseType())]
      if token.keyword == "MAP" {
        try requireSymbol(",")
        arguments.append(.type(try parseType()))
      }
      try requireSymbol(">")
      return TypeName(token.keyword.lowercased(), arguments: arguments, at: token.position)
    default:
      let name = try parseIdentifier()
      var arguments: [TypeName.Argument] = []
      if try acceptSymbol("(") != nil {
        repeat { arguments.append(try parseTypeParameter()) } while try acceptSymbol(",") != nil
        try requireSymbol(")")
      }
      return TypeName(name.value.lowercased(), arguments: arguments, at: token.position)
    }
  }

  /// A number or a type, inside a type's parentheses.
  private mutating func parseTypeParameter() throws(LakeSQLError) -> TypeName.Argument {
    let token = try peek()
    if token.kind == .integer {
      try advance()
      guard let n = Int(token.text) else {
        throw LakeSQLError(
          "Invalid numeric literal: \(token.text)", token: token.source, at: token.position)
      }
      return .number(n)
    }
    expect("<integer>", at: token)
    return .type(try parseType())
  }

  /// A `row` field: `name type`, or a bare `type`.
  private mutating func parseRowField() throws(LakeSQLError) -> TypeName.Argument {
    let token = try peek()
    let next = try peek(1)
    let third = try peek(2)
    // A name is followed by the start of a type; a bare type by `,`, `)`, `(`, or its own second word.
    let bareType =
      !Self.isIdentifier(next) || (token.isKeyword("DOUBLE") && next.isKeyword("PRECISION"))
      || ((token.isKeyword("TIMESTAMP") || token.isKeyword("TIME")) && next.isKeyword("WITHOUT"))
      || (next.isKeyword("ARRAY") && !third.isSymbol("(") && !third.isSymbol("<"))
    if bareType {
      return .type(try parseType())
    }
    let name = try parseIdentifier()
    return .field(name, try parseType())
  }
}
