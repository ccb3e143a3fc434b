import Testing

@testable import LakeSQL

@Suite struct SelectTests {
  @Test(arguments: [
    ("SELECT * FROM t", "{select * from t}"),
    ("SELECT DISTINCT a, b AS c, d e FROM t", "{select distinct a, b as c, d as e from t}"),
    ("SELECT ALL a FROM t", "{select a from t}"),
    ("SELECT t.*, a.b.* FROM t", "{select t.*, a.b.* from t}"),
    ("SELECT 1", "{select 1}"),
    (
      "SELECT eventTime, eventName, sourceIPAddress, resources, type, arn FROM t",
      "{select eventTime, eventName, sourceIPAddress, resources, type, arn from t}"
    ),
    (
      "SELECT year, date, position, filter, format, data, first, last, row, limit FROM t",
      "{select year, date, position, filter, format, data, first, last, row, limit from t}"
    ),
    (
      "SELECT a FROM t WHERE b GROUP BY a, 2 HAVING count(*) > 1",
      "{select a from t where b group a, 2 having (> count(*) 1)}"
    ),
    ("SELECT \"select\", \"a\"\"b\" FROM t", "{select \"select\", \"a\"b\" from t}"),
    (
      "SELECT a FROM t ORDER BY a DESC NULLS LAST, b ASC, c NULLS FIRST LIMIT 10",
      "{select a from t order a desc nulls-last, b, c nulls-first limit 10}"
    ),
    ("SELECT a FROM t LIMIT ALL", "{select a from t}"),
    ("SELECT a FROM t OFFSET 5 ROWS LIMIT 10", "{select a from t offset 5 limit 10}"),
    ("SELECT a FROM t LIMIT 10 OFFSET 5", "{select a from t offset 5 limit 10}"),
    ("SELECT a FROM t OFFSET 1 ROW", "{select a from t offset 1}"),
    ("SELECT a FROM t FETCH FIRST 3 ROWS ONLY", "{select a from t limit 3}"),
    ("SELECT a FROM t limit", "{select a from t limit}"),
    ("SELECT 1;", "{select 1}"),
    ("SELECT 1 ; -- done\n /* really */ ", "{select 1}"),
  ])
  func reads(_ sql: String, _ tree: String) throws {
    let actual = try shape(sql)
    #expect(actual == tree)
  }

  /// Lake's fields include words Trino keeps as unreserved keywords; they are names wherever a name
  /// can stand, including after a dot.
  @Test func lakeFieldsThatAreKeywordsAreNames() throws {
    let sql = """
      SELECT userIdentity.type, resources[1].arn, element_at(resources, 1).type, eventData.time,
        x.date, x.year, x.position, x.format, x.filter, x.first, x.last, x.row, x.data
      FROM t
      """
    #expect(
      try shape(sql)
        == "{select userIdentity.type, resources[1].arn, element_at(resources 1).type, eventData.time,"
        + " x.date, x.year, x.position, x.format, x.filter, x.first, x.last, x.row, x.data from t}")
  }

  @Test func positionsOfSelectQueryAndItems() throws {
    let query = try LakeSQL.parse("  -- note\n  SELECT t.* FROM t")
    #expect(query.position == SourcePosition(offset: 12, line: 2, column: 3))
    guard case .select(let select) = query.body, case .allOf(let names, let at) = select.items[0] else {
      return #expect(Bool(false))
    }
    #expect(select.position == query.position)
    #expect(names.map(\.value) == ["t"])
    #expect(at == SourcePosition(offset: 19, line: 2, column: 10))
  }
}

@Suite struct RelationTests {
  @Test(arguments: [
    (
      "SELECT * FROM EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE",
      "{select * from EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE}"
    ),
    (
      "SELECT * FROM 0a1b2c3d-1234-4abc-9def-0123456789ab e",
      "{select * from 0a1b2c3d-1234-4abc-9def-0123456789ab e}"
    ),
    (
      "SELECT * FROM 5e2676f8-9fce-46ef-8142-3e36a94e6691 AS x",
      "{select * from 5e2676f8-9fce-46ef-8142-3e36a94e6691 x}"
    ),
    (
      "SELECT * FROM arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE",
      "{select * from arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE}"
    ),
    ("SELECT * FROM \"EXAMPLE-f852\" \"x\"", "{select * from EXAMPLE-f852 x}"),
    ("SELECT * FROM eds_1--comment\nWHERE a", "{select * from eds_1 where a}"),
    ("SELECT * FROM eds_1/* c */,eds_2", "{select * from [cross eds_1 eds_2]}"),
    ("SELECT * FROM a, b, c", "{select * from [cross [cross a b] c]}"),
    ("SELECT * FROM a JOIN b ON a.x = b.x", "{select * from [inner a b on (= a.x b.x)]}"),
    ("SELECT * FROM a INNER JOIN b USING (x, y)", "{select * from [inner a b using x y]}"),
    (
      "SELECT * FROM a LEFT OUTER JOIN b ON p RIGHT JOIN c ON q",
      "{select * from [right [left a b on p] c on q]}"
    ),
    ("SELECT * FROM a FULL JOIN b ON p", "{select * from [full a b on p]}"),
    ("SELECT * FROM a CROSS JOIN b", "{select * from [cross a b]}"),
    ("SELECT * FROM a JOIN b JOIN c ON q ON p", "{select * from [inner a [inner b c on q] on p]}"),
    ("SELECT * FROM (SELECT a FROM t) AS s (x)", "{select * from {select a from t} s(x)}"),
    ("SELECT * FROM (SELECT a FROM t) s", "{select * from {select a from t} s}"),
    (
      "SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u", "{select * from {(union ({select 1}) ({select 2}))} u}"
    ),
    ("SELECT * FROM (a JOIN b ON p)", "{select * from [inner a b on p]}"),
    (
      "SELECT * FROM t CROSS JOIN UNNEST(t.resources) AS r(res)",
      "{select * from [cross t unnest(t.resources) r(res)]}"
    ),
    (
      "SELECT * FROM t, unnest(a, b) WITH ORDINALITY u (x, y, n)",
      "{select * from [cross t unnest(a b) ordinality u(x y n)]}"
    ),
    ("SELECT * FROM UNNEST(ARRAY[1, 2]) t", "{select * from unnest((array 1 2)) t}"),
    ("SELECT * FROM t LIMIT 5", "{select * from t limit 5}"),
    ("SELECT * FROM t limit", "{select * from t limit}"),
  ])
  func reads(_ sql: String, _ tree: String) throws {
    let actual = try shape(sql)
    #expect(actual == tree)
  }

  @Test func joinsAndTablesArePositioned() throws {
    let query = try LakeSQL.parse("SELECT *\nFROM eds1 a\n  LEFT JOIN eds2 b ON a.id = b.id")
    guard case .select(let select) = query.body, case .join(let join) = select.from,
      case .table(let left) = join.left, case .table(let right) = join.right
    else { return #expect(Bool(false)) }
    #expect(join.position == SourcePosition(offset: 23, line: 3, column: 3))
    #expect(left.position == SourcePosition(offset: 14, line: 2, column: 6))
    #expect(left.alias?.value == "a" && left.alias?.position.column == 11)
    #expect(right.name == "eds2" && right.position.column == 13)
  }
}

@Suite struct SetOperationTests {
  @Test(arguments: [
    ("SELECT 1 UNION SELECT 2 UNION ALL SELECT 3", "{(union-all (union {select 1} {select 2}) {select 3})}"),
    ("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3", "{(union {select 1} (intersect {select 2} {select 3}))}"),
    (
      "SELECT 1 INTERSECT SELECT 2 EXCEPT SELECT 3", "{(except (intersect {select 1} {select 2}) {select 3})}"
    ),
    ("SELECT 1 EXCEPT DISTINCT SELECT 2", "{(except {select 1} {select 2})}"),
    ("SELECT 1 INTERSECT ALL SELECT 2", "{(intersect-all {select 1} {select 2})}"),
    (
      "(SELECT a FROM t ORDER BY a LIMIT 1) UNION (SELECT b FROM u) ORDER BY 1 LIMIT 2",
      "{(union ({select a from t order a limit 1}) ({select b from u})) order 1 limit 2}"
    ),
    ("SELECT 1 UNION (SELECT 2 UNION SELECT 3)", "{(union {select 1} ({(union {select 2} {select 3})}))}"),
    (
      "WITH a AS (SELECT 1), b (x, y) AS (SELECT 1, 2) SELECT * FROM a, b",
      "{with a as {select 1}, b(x y) as {select 1, 2} select * from [cross a b]}"
    ),
  ])
  func reads(_ sql: String, _ tree: String) throws {
    let actual = try shape(sql)
    #expect(actual == tree)
  }

  @Test func anOperatorIsPositionedAtItsKeyword() throws {
    let query = try LakeSQL.parse("WITH x AS (SELECT 1)\nSELECT 1\nunion all SELECT 2")
    #expect(query.position == .start)
    guard case .setOperation(let op) = query.body else { return #expect(Bool(false)) }
    #expect(op.position == SourcePosition(offset: 30, line: 3, column: 1))
    #expect(op.kind == .union && op.all)
  }
}
