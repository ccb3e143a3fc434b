import Testing

@testable import LakeSQL

@Suite struct LexerTests {
  /// Every token of `sql`, `.end` excluded.
  func tokens(_ sql: String) throws -> [Token] {
    var lexer = Lexer(sql)
    var tokens: [Token] = []
    while true {
      let token = try lexer.next()
      if token.kind == .end { return tokens }
      tokens.append(token)
    }
  }

  @Test func symbolsAreTheLongestThatMatch() throws {
    let texts = try tokens("+ - * / % || = <> != < <= > >= ( ) [ ] , . ; ? -> <=>").map(\.text)
    #expect(
      texts == [
        "+", "-", "*", "/", "%", "||", "=", "<>", "!=", "<", "<=", ">", ">=", "(", ")", "[", "]", ",", ".",
        ";", "?", "->", "<=", ">",
      ])
  }

  @Test func numbersOfEveryShape() throws {
    let read = try tokens("1 1.5 .5 1. 2e3 2E+3 1.5e-2 2 e x1 123abc 2e").map { ($0.kind, $0.text) }
    #expect(
      read.map(\.0) == [
        .integer, .decimal, .decimal, .decimal, .double, .double, .double, .integer, .word, .word,
        .digitIdentifier, .digitIdentifier,
      ])
    #expect(
      read.map(\.1) == ["1", "1.5", ".5", "1.", "2e3", "2E+3", "1.5e-2", "2", "e", "x1", "123abc", "2e"])
  }

  @Test func quotedTextLosesItsQuotes() throws {
    let read = try tokens("'it''s' \"Event\"\"Name\" 'a\nb'")
    #expect(read.map(\.kind) == [.string, .quotedIdentifier, .string])
    #expect(read.map(\.text) == ["it's", "Event\"Name", "a\nb"])
    #expect(read[0].source == "'it''s'")
  }

  @Test func positionsCountCharactersAcrossLinesAndComments() throws {
    let read = try tokens("SELECT -- a comment\n  /* two\nlines */ 'é', x\r\n\tFROM")
    #expect(read.map(\.text) == ["SELECT", "é", ",", "x", "FROM"])
    #expect(read[0].position == SourcePosition(offset: 0, line: 1, column: 1))
    #expect(read[2].position == SourcePosition(offset: 41, line: 3, column: 13))
    #expect(read[3].position == SourcePosition(offset: 43, line: 3, column: 15))
    #expect(read[4].position == SourcePosition(offset: 46, line: 4, column: 2))
    #expect(read[4].keyword == "FROM")
  }

  @Test(arguments: [
    ("SELECT 'abc", "unterminated string literal", 1, 8),
    ("SELECT 1\n  /* open", "unterminated comment", 2, 3),
    ("SELECT \"abc", "unterminated quoted identifier", 1, 8),
    ("SELECT $EDS_ID", "token recognition error at: '$'", 1, 8),
    ("SELECT \"\"", "Zero-length delimited identifier not allowed", 1, 8),
    ("SELECT `a`", "backquoted identifiers are not supported; use double quotes to quote identifiers", 1, 8),
  ])
  func refusesAtTheStart(_ sql: String, _ message: String, _ line: Int, _ column: Int) throws {
    let error = #expect(throws: LakeSQLError.self) { _ = try tokens(sql) }
    #expect(error?.message == message)
    #expect(error?.position.line == line && error?.position.column == column)
  }
}
