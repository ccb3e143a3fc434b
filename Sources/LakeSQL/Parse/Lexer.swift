/// Splits a statement into tokens on demand. Lazy, so that the parser can re-read a stretch of the
/// text differently (an event data store id such as `5e2676f8-9fce-…` is one name in FROM but would be
/// numbers, words and minus signs anywhere else) and so that the first error in the text is the one
/// reported.
struct Lexer: Sendable {
  let characters: [Character]
  /// Where the next token (or the trivia before it) starts.
  private(set) var position = SourcePosition.start

  init(_ statement: String) {
    characters = Array(statement)
  }

  /// Moves back (or forward) to `position`, which must be the start or end of a token.
  mutating func reset(to position: SourcePosition) {
    self.position = position
  }

  // MARK: - Characters

  private func character(at offset: Int) -> Character? {
    offset < characters.count ? characters[offset] : nil
  }

  private var current: Character? { character(at: position.offset) }
  private func ahead(_ n: Int) -> Character? { character(at: position.offset + n) }

  private mutating func advance() {
    guard let c = current else { return }
    position.offset += 1
    if c.isNewline {
      position.line += 1
      position.column = 1
    } else {
      position.column += 1
    }
  }

  private func text(from start: SourcePosition) -> String {
    String(characters[start.offset..<position.offset])
  }

  static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
  static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
  static func isWordCharacter(_ c: Character) -> Bool { isLetter(c) || isDigit(c) || c == "_" }

  // MARK: - Trivia

  /// Skips whitespace and comments; an unterminated `/*` is an error at its start.
  mutating func skipTrivia() throws(LakeSQLError) {
    while let c = current {
      if c.isWhitespace {
        advance()
      } else if c == "-" && ahead(1) == "-" {
        while let d = current, !d.isNewline { advance() }
      } else if c == "/" && ahead(1) == "*" {
        let start = position
        advance()
        advance()
        while true {
          guard let d = current else {
            throw LakeSQLError("unterminated comment", token: text(from: start), at: start)
          }
          if d == "*" && ahead(1) == "/" {
            advance()
            advance()
            break
          }
          advance()
        }
      } else {
        return
      }
    }
  }

  // MARK: - Tokens

  /// The next token; `.end` (repeatedly) at the end of the text.
  mutating func next() throws(LakeSQLError) -> Token {
    try skipTrivia()
    let start = position
    guard let c = current else {
      return Token(kind: .end, text: "", source: "", position: start, end: start)
    }
    let kind: Token.Kind
    var value: String? = nil
    if Self.isLetter(c) || c == "_" {
      while let d = current, Self.isWordCharacter(d) { advance() }
      kind = .word
    } else if Self.isDigit(c) || (c == "." && ahead(1).map(Self.isDigit) == true) {
      kind = scanNumber()
    } else if c == "'" {
      value = try scanQuoted(quote: "'", what: "string literal")
      kind = .string
    } else if c == "\"" {
      value = try scanQuoted(quote: "\"", what: "quoted identifier")
      if value == "" {
        throw LakeSQLError(
          "Zero-length delimited identifier not allowed", token: text(from: start), at: start)
      }
      kind = .quotedIdentifier
    } else if c == "`" {
      throw LakeSQLError(
        "backquoted identifiers are not supported; use double quotes to quote identifiers",
        token: "`", at: start)
    } else if let symbol = scanSymbol() {
      value = symbol
      kind = .symbol
    } else {
      throw LakeSQLError("token recognition error at: '\(c)'", token: String(c), at: start)
    }
    let source = text(from: start)
    return Token(kind: kind, text: value ?? source, source: source, position: start, end: position)
  }

  /// A number: `123`, `1.5`, `1.`, `.5`, `2e3`, `1.5E-2`; or, when letters follow the digits
  /// (`5e2676f8`), the longer run as a digit identifier — the longest match wins, as in Trino's lexer.
  private mutating func scanNumber() -> Token.Kind {
    let start = position
    var wordEnd = start.offset
    while let d = character(at: wordEnd), Self.isWordCharacter(d) { wordEnd += 1 }

    var kind = Token.Kind.integer
    while let d = current, Self.isDigit(d) { advance() }
    if current == "." {
      kind = .decimal
      advance()
      while let d = current, Self.isDigit(d) { advance() }
    }
    if current == "e" || current == "E" {
      var n = 1
      if ahead(1) == "+" || ahead(1) == "-" { n = 2 }
      if let d = ahead(n), Self.isDigit(d) {
        for _ in 0..<n { advance() }
        while let d = current, Self.isDigit(d) { advance() }
        kind = .double
      }
    }
    // Only a number that started with a digit and has no '.' can be outrun by a digit identifier.
    if kind != .decimal && Self.isDigit(characters[start.offset]) && wordEnd > position.offset {
      while position.offset < wordEnd { advance() }
      return .digitIdentifier
    }
    return kind
  }

  /// The content of `'…'` or `"…"`, a doubled quote standing for one; unterminated is an error at the
  /// opening quote.
  private mutating func scanQuoted(quote: Character, what: String) throws(LakeSQLError) -> String {
    let start = position
    advance()
    var value = ""
    while true {
      guard let d = current else {
        throw LakeSQLError("unterminated \(what)", token: text(from: start), at: start)
      }
      advance()
      if d == quote {
        if current == quote {
          value.append(quote)
          advance()
        } else {
          return value
        }
      } else {
        value.append(d)
      }
    }
  }

  private static let symbols = [
    "<>", "!=", "<=", ">=", "||", "->", "+", "-", "*", "/", "%", "=", "<", ">", "(", ")", "[", "]", ",",
    ".", ";", "?",
  ]

  private mutating func scanSymbol() -> String? {
    for symbol in Self.symbols {
      let chars = Array(symbol)
      if chars.indices.allSatisfy({ ahead($0) == chars[$0] }) {
        for _ in chars { advance() }
        return symbol
      }
    }
    return nil
  }

  // MARK: - Table names

  /// The run of characters that make an event data store id or ARN at the current position
  /// (`[A-Za-z0-9_:/-]`, stopping before a comment), consumed; empty if none starts here. Trivia must
  /// have been skipped.
  mutating func scanTableName() -> (name: String, position: SourcePosition) {
    let start = position
    while let c = current, Self.isWordCharacter(c) || c == "-" || c == ":" || c == "/" {
      if (c == "-" && ahead(1) == "-") || (c == "/" && ahead(1) == "*") { break }
      advance()
    }
    return (text(from: start), start)
  }
}
