import Testing

@testable import LakeSQL

@Suite struct RefusalTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var sql: String
    var message: String
    var token: String
    var line: Int
    var column: Int
    var testDescription: String { sql }
  }

  static let cases: [Case] = [
    Case(
      sql: "SELECT 1; SELECT 2", message: "mismatched input 'SELECT'. Expecting: <EOF>", token: "SELECT",
      line: 1, column: 11),
    Case(
      sql: "SELECT 1;;", message: "mismatched input ';'. Expecting: <EOF>", token: ";", line: 1, column: 10),
    Case(
      sql: "DELETE FROM t", message: "Only SELECT statements are allowed", token: "DELETE", line: 1, column: 1
    ),
    Case(
      sql: "  insert INTO t VALUES (1)", message: "Only SELECT statements are allowed", token: "insert",
      line: 1, column: 3),
    Case(
      sql: "UPDATE t SET a = 1", message: "Only SELECT statements are allowed", token: "UPDATE", line: 1,
      column: 1),
    Case(
      sql: "CREATE TABLE t (a int)", message: "Only SELECT statements are allowed", token: "CREATE", line: 1,
      column: 1),
    Case(
      sql: "DROP TABLE t", message: "Only SELECT statements are allowed", token: "DROP", line: 1, column: 1),
    Case(
      sql: "ALTER TABLE t ADD COLUMN a int", message: "Only SELECT statements are allowed", token: "ALTER",
      line: 1, column: 1),
    Case(
      sql: "MERGE INTO t USING u ON p", message: "Only SELECT statements are allowed", token: "MERGE",
      line: 1, column: 1),
    Case(
      sql: "GRANT SELECT ON t TO u", message: "Only SELECT statements are allowed", token: "GRANT", line: 1,
      column: 1),
    Case(sql: "CALL p()", message: "Only SELECT statements are allowed", token: "CALL", line: 1, column: 1),
    Case(
      sql: "EXPLAIN SELECT 1", message: "Only SELECT statements are allowed", token: "EXPLAIN", line: 1,
      column: 1),
    Case(
      sql: "SHOW TABLES", message: "Only SELECT statements are allowed", token: "SHOW", line: 1, column: 1),
    Case(
      sql: "DESCRIBE t", message: "Only SELECT statements are allowed", token: "DESCRIBE", line: 1, column: 1),
    Case(sql: "USE s", message: "Only SELECT statements are allowed", token: "USE", line: 1, column: 1),
    Case(
      sql: "SET SESSION a = 1", message: "Only SELECT statements are allowed", token: "SET", line: 1,
      column: 1),
    Case(
      sql: "PREPARE p FROM SELECT 1", message: "Only SELECT statements are allowed", token: "PREPARE",
      line: 1, column: 1),
    Case(
      sql: "SELECT 1; DELETE FROM t", message: "mismatched input 'DELETE'. Expecting: <EOF>", token: "DELETE",
      line: 1, column: 11),
    Case(
      sql: "SELECT * FORM t",
      message:
        "mismatched input 'FORM'. Expecting: ',', ';', 'EXCEPT', 'FETCH', 'FROM', 'GROUP', 'HAVING', 'INTERSECT', 'LIMIT', 'OFFSET', 'ORDER', 'UNION', 'WHERE', <EOF>",
      token: "FORM", line: 1, column: 10),
    Case(
      sql: "SELECT a\nFROM t\nWHERE b = 'open", message: "unterminated string literal", token: "'open",
      line: 3, column: 11),
    Case(
      sql: "SELECT count(* FROM t", message: "mismatched input 'FROM'. Expecting: ')'", token: "FROM",
      line: 1, column: 16),
    Case(sql: "SELECT (a + b FROM t", message: "", token: "FROM", line: 1, column: 15),
    Case(
      sql: "SELECT 9223372036854775808", message: "Invalid numeric literal: 9223372036854775808",
      token: "9223372036854775808", line: 1, column: 8),
    Case(
      sql: "SELECT * FROM t LIMIT 99999999999999999999",
      message: "Invalid numeric literal: 99999999999999999999", token: "99999999999999999999", line: 1,
      column: 23),
    Case(
      sql: "SELECT * FROM $EDS_ID", message: "token recognition error at: '$'", token: "$", line: 1,
      column: 15),
    Case(sql: "", message: "", token: "", line: 1, column: 1),
    Case(sql: "SELECT * FROM t WHERE", message: "", token: "", line: 1, column: 22),
    Case(sql: "SELECT a = b = c", message: "", token: "=", line: 1, column: 14),
    Case(
      sql: "SELECT * FROM t LIMIT ?", message: "mismatched input '?'. Expecting: 'ALL', <integer>",
      token: "?", line: 1, column: 23),
    Case(sql: "SELECT from FROM t", message: "", token: "from", line: 1, column: 8),
    Case(
      sql: "SELECT a.from FROM t", message: "mismatched input 'from'. Expecting: <identifier>", token: "from",
      line: 1, column: 10),
    Case(
      sql: "SELECT * FROM WHERE", message: "mismatched input 'WHERE'. Expecting: '(', 'UNNEST', <identifier>",
      token: "WHERE", line: 1, column: 15),
    Case(
      sql: "SELECT 5e2676f8 FROM t",
      message: "identifiers must not start with a digit; surround the identifier with double quotes",
      token: "5e2676f8", line: 1, column: 8),
    Case(
      sql: "WITH RECURSIVE a AS (SELECT 1) SELECT 1",
      message: "mismatched input 'RECURSIVE'. Expecting: <identifier>", token: "RECURSIVE", line: 1, column: 6
    ),
    Case(sql: "SELECT 1 x y", message: "", token: "y", line: 1, column: 12),
    Case(
      sql: "SELECT * FROM t -- fine\n/* fine */ ; garbage",
      message: "mismatched input 'garbage'. Expecting: <EOF>", token: "garbage", line: 2, column: 14),
    Case(sql: "SELECT CAST(a AS) FROM t", message: "", token: ")", line: 1, column: 17),
    Case(sql: "SELECT a NOT b", message: "", token: "b", line: 1, column: 14),
    Case(sql: "SELECT x -> FROM t", message: "", token: "FROM", line: 1, column: 13),
    Case(sql: "SELECT * FROM t FULL JOIN u", message: "", token: "", line: 1, column: 28),
    Case(sql: "SELECT * FROM t NATURAL JOIN u", message: "", token: "NATURAL", line: 1, column: 17),
    Case(sql: "SELECT a FROM t GROUP BY", message: "", token: "", line: 1, column: 25),
    Case(
      sql: "SELECT * FROM t WHERE a IN (SELECT b FROM u x y)",
      message:
        "mismatched input 'y'. Expecting: ')', ',', 'CROSS', 'EXCEPT', 'FETCH', 'FULL', 'GROUP', 'HAVING', 'INNER', 'INTERSECT', 'JOIN', 'LEFT', 'LIMIT', 'OFFSET', 'ORDER', 'RIGHT', 'UNION', 'WHERE'",
      token: "y", line: 1, column: 47),
    Case(sql: "VALUES 1", message: "Only SELECT statements are allowed", token: "VALUES", line: 1, column: 1),
  ]

  @Test(arguments: cases)
  func refuses(_ c: Case) throws {
    let error = try #require(refusal(c.sql))
    if !c.message.isEmpty { #expect(error.message == c.message) }
    #expect(error.token == c.token)
    #expect(error.position.line == c.line && error.position.column == c.column)
    #expect(error.description == "line \(c.line):\(c.column): \(error.message)")
  }

  @Test func anEmptyMessageStillNamesTheToken() throws {
    let error = try #require(refusal("SELECT a = b = c"))
    #expect(error.message.hasPrefix("mismatched input '='"))
    let eof = try #require(refusal("SELECT * FROM t WHERE"))
    #expect(eof.message.hasPrefix("mismatched input '<EOF>'. Expecting: "))
    #expect(eof.message.contains("<expression>"))
  }

  /// A parser of recursive functions must not overflow a task's small stack on a statement of
  /// thousands of parentheses; it refuses past its nesting bound instead, at the token that crossed it.
  @Test func deepNestingIsRefusedNotCrashed() async throws {
    let deep = "SELECT " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
    let error = await Task.detached { refusal(deep) }.value
    #expect(error?.message == "Statement is too deeply nested (more than 100 levels)")
    #expect((8..<(8 + Parser.maximumDepth)).contains(error?.position.column ?? 0))
    let minus = "SELECT " + String(repeating: "- ", count: 5_000) + "1"
    #expect(await Task.detached { refusal(minus) }.value != nil)
    let fine = "SELECT " + String(repeating: "(", count: 60) + "1" + String(repeating: ")", count: 60)
    #expect(await Task.detached { refusal(fine) }.value == nil)
  }

  @Test func trimNeedsFromAfterASpecification() throws {
    let error = try #require(refusal("SELECT trim(LEADING a)"))
    #expect(error.token == ")" && error.position.column == 22)
  }
}
