/// The recursive-descent parser's state and its token-level helpers; the grammar is in the
/// `Parser+…` files, one part of the statement each.
///
/// Errors follow Trino's shape: `mismatched input 'X'. Expecting: …`, the list being every token the
/// parser tried at the furthest position it reached, so that a typo such as `FORM` is answered with
/// what could have stood there.
struct Parser {
  var lexer: Lexer
  /// Tokens read so far; `index` is the current one. Tokens past `index` are look-ahead and may be
  /// dropped and re-read (see `rewind(to:)`).
  var tokens: [Token] = []
  var index = 0
  /// How many `?` have been read, which numbers the next one.
  var parameterCount = 0
  /// How deeply expressions, queries and relations are nested where the parser stands.
  private var depth = 0
  /// The deepest nesting accepted. Each level costs a dozen stack frames of this recursive parser;
  /// the bound keeps a statement of nested parentheses from overflowing a small thread stack, and is
  /// far above what a real query needs.
  static let maximumDepth = 100
  /// The furthest character offset at which a token was tried, and what was tried there.
  private var expectedOffset = -1
  private var expected: Set<String> = []

  init(_ statement: String) {
    lexer = Lexer(statement)
  }

  // MARK: - Reading tokens

  /// The token `n` places ahead of the current one.
  mutating func peek(_ n: Int = 0) throws(LakeSQLError) -> Token {
    while tokens.count <= index + n {
      if let last = tokens.last, last.kind == .end {
        return last
      }
      tokens.append(try lexer.next())
    }
    return tokens[index + n]
  }

  /// Consumes the current token.
  @discardableResult
  mutating func advance() throws(LakeSQLError) -> Token {
    let token = try peek()
    if token.kind != .end { index += 1 }
    return token
  }

  /// Where the parser stands, to come back to after a failed attempt.
  struct Mark {
    var index: Int
    var parameterCount: Int
  }

  var mark: Mark { Mark(index: index, parameterCount: parameterCount) }

  /// Goes back to `mark`: the look-ahead is dropped and the text re-read from the end of the last
  /// consumed token, since a table name may have been read there in a different way.
  mutating func rewind(to mark: Mark) {
    index = mark.index
    parameterCount = mark.parameterCount
    tokens.removeSubrange(index...)
    lexer.reset(to: index > 0 ? tokens[index - 1].end : .start)
  }

  /// Runs `body`; if it fails, rewinds as if it had never run and returns nil. For the few places
  /// where Trino's grammar needs more than a token of look-ahead (`((SELECT …) UNION …)` vs `((a))`).
  mutating func attempt<T>(_ body: (inout Parser) throws(LakeSQLError) -> T) -> T? {
    let start = mark
    let savedExpected = (expectedOffset, expected)
    do {
      return try body(&self)
    } catch {
      rewind(to: start)
      (expectedOffset, expected) = savedExpected
      return nil
    }
  }

  // MARK: - Nesting

  /// Enters one more level of nesting (paired with `leave()`), refusing past `maximumDepth`.
  mutating func enter() throws(LakeSQLError) {
    depth += 1
    if depth > Self.maximumDepth {
      let token = try peek()
      throw LakeSQLError(
        "Statement is too deeply nested (more than \(Self.maximumDepth) levels)", token: token.source,
        at: token.position)
    }
  }

  mutating func leave() { depth -= 1 }

  // MARK: - Expectations

  /// Records that `what` (`'FROM'`, `','`, `<identifier>`…) could stand at `token`.
  mutating func expect(_ what: String, at token: Token) {
    let offset = token.position.offset
    if offset > expectedOffset {
      expectedOffset = offset
      expected = []
    }
    if offset == expectedOffset { expected.insert(what) }
  }

  /// The refusal of `token` where it stands.
  func mismatched(_ token: Token) -> LakeSQLError {
    if token.kind == .digitIdentifier {
      return LakeSQLError(
        "identifiers must not start with a digit; surround the identifier with double quotes",
        token: token.source, at: token.position)
    }
    var message = "mismatched input '\(token.quoted)'"
    if token.position.offset == expectedOffset && !expected.isEmpty {
      // Quoted tokens first, then the <…> classes, as Trino lists them.
      let sorted = expected.sorted { a, b in
        let (aClass, bClass) = (a.hasPrefix("<"), b.hasPrefix("<"))
        return aClass == bClass ? a < b : !aClass
      }
      message += ". Expecting: " + sorted.joined(separator: ", ")
    }
    return LakeSQLError(message, token: token.kind == .end ? "" : token.source, at: token.position)
  }

  /// The refusal of the current token.
  mutating func unexpected() throws(LakeSQLError) -> LakeSQLError {
    mismatched(try peek())
  }

  // MARK: - Keywords and symbols

  /// Whether the current token is `keyword` (recorded as expected if not).
  mutating func at(_ keyword: String) throws(LakeSQLError) -> Bool {
    let token = try peek()
    if token.isKeyword(keyword) { return true }
    expect("'\(keyword)'", at: token)
    return false
  }

  /// Whether the current token is `symbol` (recorded as expected if not).
  mutating func atSymbol(_ symbol: String) throws(LakeSQLError) -> Bool {
    let token = try peek()
    if token.isSymbol(symbol) { return true }
    expect("'\(symbol)'", at: token)
    return false
  }

  /// Consumes `keyword` if it is the current token.
  mutating func accept(_ keyword: String) throws(LakeSQLError) -> Token? {
    try at(keyword) ? try advance() : nil
  }

  mutating func acceptSymbol(_ symbol: String) throws(LakeSQLError) -> Token? {
    try atSymbol(symbol) ? try advance() : nil
  }

  /// Consumes `keyword`, or refuses the current token.
  @discardableResult
  mutating func require(_ keyword: String) throws(LakeSQLError) -> Token {
    guard let token = try accept(keyword) else { throw try unexpected() }
    return token
  }

  @discardableResult
  mutating func requireSymbol(_ symbol: String) throws(LakeSQLError) -> Token {
    guard let token = try acceptSymbol(symbol) else { throw try unexpected() }
    return token
  }

  /// Consumes the keywords in order, or none of them.
  mutating func accept(sequence keywords: String...) throws(LakeSQLError) -> Token? {
    for (n, keyword) in keywords.enumerated() {
      let token = try peek(n)
      if !token.isKeyword(keyword) {
        expect("'\(keyword)'", at: token)
        return nil
      }
    }
    let first = try advance()
    for _ in 1..<keywords.count { try advance() }
    return first
  }

  // MARK: - Identifiers

  /// Whether `token` can be a name: an unreserved word or a quoted identifier.
  static func isIdentifier(_ token: Token) -> Bool {
    switch token.kind {
    case .word: return !Keywords.isReserved(token.text)
    case .quotedIdentifier: return true
    default: return false
    }
  }

  mutating func atIdentifier() throws(LakeSQLError) -> Bool {
    let token = try peek()
    if Self.isIdentifier(token) { return true }
    expect("<identifier>", at: token)
    return false
  }

  /// Consumes a name, or refuses the current token.
  mutating func parseIdentifier() throws(LakeSQLError) -> Identifier {
    guard try atIdentifier() else { throw try unexpected() }
    let token = try advance()
    return Identifier(token.text, quoted: token.kind == .quotedIdentifier, at: token.position)
  }

  /// `(a, b, …)`: column aliases, USING columns, lambda parameters.
  mutating func parseIdentifierList() throws(LakeSQLError) -> [Identifier] {
    try requireSymbol("(")
    var names = [try parseIdentifier()]
    while try acceptSymbol(",") != nil { names.append(try parseIdentifier()) }
    try requireSymbol(")")
    return names
  }

  /// Whether the current word opens a clause that Trino keeps unreserved (`LIMIT 10`, `OFFSET 5`,
  /// `FETCH FIRST`), and so is not an implicit alias: `FROM t LIMIT 10` limits, `FROM t limit` aliases.
  mutating func atUnreservedClause() throws(LakeSQLError) -> Bool {
    let token = try peek()
    let next = try peek(1)
    switch token.keyword {
    case "LIMIT": return next.kind == .integer || next.isKeyword("ALL") || next.isSymbol("?")
    case "OFFSET": return next.kind == .integer || next.isSymbol("?")
    case "FETCH": return next.isKeyword("FIRST") || next.isKeyword("NEXT")
    default: return false
    }
  }

  /// `[AS] alias`, where an alias may follow.
  mutating func parseAlias() throws(LakeSQLError) -> Identifier? {
    if try accept("AS") != nil { return try parseIdentifier() }
    if try atIdentifier(), try !atUnreservedClause() { return try parseIdentifier() }
    return nil
  }

  // MARK: - Numbers

  /// An integer token's value; one beyond 64 bits is refused as Trino does.
  func integerValue(_ token: Token) throws(LakeSQLError) -> Int64 {
    guard let value = Int64(token.text) else {
      throw LakeSQLError("Invalid numeric literal: \(token.text)", token: token.source, at: token.position)
    }
    return value
  }
}
