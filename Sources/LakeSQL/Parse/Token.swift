/// One lexical token of a statement, with where it starts and ends.
struct Token: Hashable, Sendable {
  enum Kind: Hashable, Sendable {
    /// An unquoted word: a keyword or an identifier (the parser decides which, by context).
    case word
    /// `"name"`: `text` holds the name with `""` turned into `"`.
    case quotedIdentifier
    /// `'text'`: `text` holds the content with `''` turned into `'`.
    case string
    /// Digits only.
    case integer
    /// `1.5`, `1.`, `.5` (Trino reads them as DECIMAL).
    case decimal
    /// A number with an exponent, `2e3`, `1.5E-2` (Trino reads them as DOUBLE).
    case double
    /// A digit followed by letters (`5e2676f8`): Trino refuses it as an identifier, but an event data
    /// store id in FROM may start so; the parser re-reads table names itself, so the lexer only marks it.
    case digitIdentifier
    /// An operator or punctuation: `text` is the symbol (`<>`, `(`, `?`, `->`…).
    case symbol
    /// The end of the statement.
    case end
  }

  var kind: Kind
  /// The token's value (see `Kind`).
  var text: String
  /// The token exactly as written, for messages.
  var source: String
  var position: SourcePosition
  /// The position just after the token.
  var end: SourcePosition

  /// For a word, its text uppercased (keywords are case-insensitive); empty otherwise.
  var keyword: String { kind == .word ? text.uppercased() : "" }

  func isKeyword(_ keyword: String) -> Bool {
    kind == .word && text.count == keyword.count && text.uppercased() == keyword
  }

  func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

  /// How a message quotes the token: as written, or `<EOF>` at the end.
  var quoted: String { kind == .end ? "<EOF>" : source }
}
