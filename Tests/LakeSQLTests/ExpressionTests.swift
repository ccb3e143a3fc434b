import Testing

@testable import LakeSQL

@Suite struct PrecedenceTests {
  @Test(arguments: [
    ("a OR b AND c", "(OR a (AND b c))"),
    ("a AND b OR c", "(OR (AND a b) c)"),
    ("NOT a AND b", "(AND (NOT a) b)"),
    ("NOT a = b", "(NOT (= a b))"),
    ("a = b AND c <> d OR e != f", "(OR (AND (= a b) (<> c d)) (<> e f))"),
    ("a + b * c", "(+ a (* b c))"),
    ("a * b + c", "(+ (* a b) c)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b % c", "(% (/ a b) c)"),
    ("a || b + c", "(|| a (+ b c))"),
    ("a + b || c", "(|| (+ a b) c)"),
    ("-a * b", "(* (- a) b)"),
    ("- -a", "(- (- a))"),
    ("a + b = c * d", "(= (+ a b) (* c d))"),
    ("a < b + 1", "(< a (+ b 1))"),
    ("(a OR b) AND c", "(AND (OR a b) c)"),
    ("a.b.c", "a.b.c"),
    ("a[1].b", "a[1].b"),
    ("-a.b", "(- a.b)"),
    ("x AT TIME ZONE 'UTC' + y", "(+ (at x 'UTC') y)"),
    ("-x AT TIME ZONE 'UTC'", "(- (at x 'UTC'))"),
    ("element_at(resources, 1).arn", "element_at(resources 1).arn"),
  ])
  func binds(_ sql: String, _ tree: String) throws {
    let actual = try expr(sql)
    #expect(actual == tree)
  }

  @Test(arguments: [
    ("a IS NULL", "(isnull a)"),
    ("a IS NOT NULL", "(notnull a)"),
    ("a + 1 IS NULL", "(isnull (+ a 1))"),
    ("a IS DISTINCT FROM b", "(distinct a b)"),
    ("a IS NOT DISTINCT FROM b + 1", "(notdistinct a (+ b 1))"),
    ("a BETWEEN 1 AND 2 AND b", "(AND (between a 1 2) b)"),
    ("a NOT BETWEEN b - 1 AND b + 1", "(notbetween a (- b 1) (+ b 1))"),
    ("a IN (1, 2, 3)", "(in a [1 2 3])"),
    ("a NOT IN ('x')", "(notin a ['x'])"),
    ("a IN (SELECT b FROM t)", "(in a {select b from t})"),
    ("a IN ((SELECT 1) UNION (SELECT 2))", "(in a {(union ({select 1}) ({select 2}))})"),
    ("a IN ((1), 2)", "(in a [1 2])"),
    ("a LIKE '%x%'", "(like a '%x%')"),
    ("a NOT LIKE 'x!%' ESCAPE '!'", "(notlike a 'x!%' escape '!')"),
    ("NOT a LIKE 'x' OR b", "(OR (NOT (like a 'x')) b)"),
    ("EXISTS (SELECT 1)", "(exists {select 1})"),
    ("NOT EXISTS (SELECT 1)", "(NOT (exists {select 1}))"),
    ("(SELECT max(x) FROM t)", "(scalar {select max(x) from t})"),
    ("((SELECT 1) UNION (SELECT 2))", "(scalar {(union ({select 1}) ({select 2}))})"),
    ("((SELECT 1) + 1)", "(+ (scalar {select 1}) 1)"),
    ("((a))", "a"),
  ])
  func predicates(_ sql: String, _ tree: String) throws {
    let actual = try expr(sql)
    #expect(actual == tree)
  }

  @Test func aBinaryNodeSitsAtItsOperatorAndOthersAtTheirFirstToken() throws {
    let query = try LakeSQL.parse("SELECT a +\n  b * c, x IS NULL, f(y).z")
    guard case .select(let select) = query.body else { return #expect(Bool(false)) }
    guard case .expression(let sum, _) = select.items[0], case .binary(_, _, let product) = sum.kind else {
      return #expect(Bool(false))
    }
    #expect(sum.position == SourcePosition(offset: 9, line: 1, column: 10))
    #expect(product.position == SourcePosition(offset: 15, line: 2, column: 5))
    guard case .expression(let isNull, _) = select.items[1] else { return #expect(Bool(false)) }
    #expect(isNull.position.column == 10 && isNull.position.line == 2)
    guard case .expression(let field, _) = select.items[2] else { return #expect(Bool(false)) }
    #expect(field.position.column == 21)
  }
}

@Suite struct LiteralTests {
  @Test(arguments: [
    ("NULL", "null"), ("true", "true"), ("FALSE", "false"), ("42", "42"), ("1.5", "#1.5"), (".5", "#.5"),
    ("2e3", "#2e3"), ("1.5E-2", "#1.5E-2"), ("'it''s'", "'it's'"), ("''", "''"),
    ("TIMESTAMP '2023-01-22 00:00:00'", "timestamp'2023-01-22 00:00:00'"),
    ("date '2023-01-22'", "date'2023-01-22'"), ("TIME '10:00'", "time'10:00'"),
    ("DECIMAL '1.50'", "decimal'1.50'"), ("DOUBLE '1'", "double'1'"),
    ("double precision '2'", "double precision'2'"),
    ("INTERVAL '3' DAY", "(interval '3' day)"), ("interval -'1' HOUR", "(interval -'1' hour)"),
    ("INTERVAL +'2' minute", "(interval '2' minute)"),
    ("INTERVAL '1-2' YEAR TO MONTH", "(interval '1-2' year to month)"),
    ("9223372036854775807", "9223372036854775807"), ("-1", "(- 1)"),
  ])
  func reads(_ sql: String, _ tree: String) throws {
    let actual = try expr(sql)
    #expect(actual == tree)
  }

  @Test func parametersAreNumberedInOrder() throws {
    let text = try shape("SELECT ? FROM t WHERE a = ? AND b IN (?, ?)")
    #expect(text == "{select ?0 from t where (AND (= a ?1) (in b [?2 ?3]))}")
  }

  @Test func intervalAndTimestampStayNamesWithoutAString() throws {
    #expect(try expr("interval - 1") == "(- interval 1)")
    #expect(try expr("timestamp") == "timestamp")
    #expect(try expr("date(eventTime)") == "date(eventTime)")
  }
}

@Suite struct CallTests {
  @Test(arguments: [
    ("count(*)", "count(*)"),
    ("COUNT (*)", "COUNT(*)"),
    ("count(DISTINCT eventName)", "count(distinct eventName)"),
    ("sum(ALL x)", "sum(x)"),
    ("now()", "now()"),
    ("array_agg(x ORDER BY y DESC NULLS FIRST)", "array_agg(x order y desc nulls-first)"),
    ("count(*) FILTER (WHERE x > 1)", "count(*) filter (> x 1)"),
    ("current_timestamp", "current_timestamp"),
    ("CURRENT_DATE - INTERVAL '1' DAY", "(- CURRENT_DATE (interval '1' day))"),
    ("localtimestamp(3)", "localtimestamp(3)"),
    ("year(eventTime)", "year(eventTime)"),
    ("if(a, b, c)", "if(a b c)"),
    ("replace(a, 'x')", "replace(a 'x')"),
    ("format('%s', a)", "format('%s' a)"),
    ("position('x' IN a)", "strpos(a 'x')"),
    ("position(a, b)", "position(a b)"),
    ("substring(a FROM 2 FOR 3)", "substr(a 2 3)"),
    ("SUBSTRING(a FROM 2)", "substr(a 2)"),
    ("substring(a, 2)", "substring(a 2)"),
    ("trim(eventName)", "trim(eventName)"),
    ("TRIM(BOTH FROM a)", "trim(a)"),
    ("trim(LEADING 'x' FROM a)", "ltrim(a 'x')"),
    ("trim(TRAILING FROM a)", "rtrim(a)"),
    ("trim(a, 'x')", "trim(a 'x')"),
    ("\"count\"(*)", "count(*)"),
    ("transform(xs, x -> x + 1)", "transform(xs (lambda [x] (+ x 1)))"),
    (
      "filter(resources, r -> r.type = 'AWS::S3::Object')",
      "filter(resources (lambda [r] (= r.type 'AWS::S3::Object')))"
    ),
    ("reduce(xs, 0, (s, x) -> s + x, s -> s)", "reduce(xs 0 (lambda [s x] (+ s x)) (lambda [s] s))"),
    ("f(() -> 1)", "f((lambda [] 1))"),
    ("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END", "(case (when a 1) (when b 2) (else 3))"),
    ("CASE x WHEN 1 THEN 'one' END", "(case x (when 1 'one'))"),
    ("EXTRACT(YEAR FROM eventTime)", "(extract YEAR eventTime)"),
    ("ARRAY[1, 2]", "(array 1 2)"),
    ("ARRAY[]", "(array )"),
    ("ROW(1, 'a')", "(row 1 'a')"),
    ("(1, 'a')", "(row 1 'a')"),
  ])
  func reads(_ sql: String, _ tree: String) throws {
    let actual = try expr(sql)
    #expect(actual == tree)
  }

  @Test(arguments: [
    (
      "row_number() OVER (PARTITION BY a, b ORDER BY t DESC)",
      "row_number() over(partition a b; order t desc)"
    ),
    ("sum(x) OVER ()", "sum(x) over()"),
    (
      "sum(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
      "sum(x) over(order t; rows unbounded-preceding current)"
    ),
    (
      "avg(x) OVER (RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING)",
      "avg(x) over(range 1-preceding 2-following)"
    ),
    ("max(x) OVER (ROWS 3 PRECEDING)", "max(x) over(rows 3-preceding current)"),
    (
      "min(x) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)",
      "min(x) over(rows current unbounded-following)"
    ),
  ])
  func windows(_ sql: String, _ tree: String) throws {
    let actual = try expr(sql)
    #expect(actual == tree)
  }

  @Test func aNiladicCallIsUnparenthesised() throws {
    let query = try LakeSQL.parse("SELECT current_timestamp")
    guard case .select(let s) = query.body, case .expression(let e, _) = s.items[0],
      case .function(let call) = e.kind
    else { return #expect(Bool(false)) }
    #expect(!call.parenthesized && call.arguments.isEmpty && call.name.value == "current_timestamp")
  }
}

@Suite struct CastTests {
  @Test(arguments: [
    ("CAST(a AS varchar)", "(cast a varchar)"),
    ("cast(a as VARCHAR(10))", "(cast a varchar(10))"),
    ("TRY_CAST(a AS bigint)", "(try_cast a bigint)"),
    ("CAST(a AS integer)", "(cast a integer)"),
    ("CAST(a AS int)", "(cast a int)"),
    ("CAST(a AS smallint)", "(cast a smallint)"),
    ("CAST(a AS tinyint)", "(cast a tinyint)"),
    ("CAST(a AS double)", "(cast a double)"),
    ("CAST(a AS double precision)", "(cast a double precision)"),
    ("CAST(a AS real)", "(cast a real)"),
    ("CAST(a AS decimal(10, 2))", "(cast a decimal(10, 2))"),
    ("CAST(a AS boolean)", "(cast a boolean)"),
    ("CAST(a AS date)", "(cast a date)"),
    ("CAST(a AS timestamp)", "(cast a timestamp)"),
    ("CAST(a AS timestamp(3))", "(cast a timestamp(3))"),
    ("CAST(a AS timestamp with time zone)", "(cast a timestamp with time zone)"),
    ("CAST(a AS timestamp(6) WITH TIME ZONE)", "(cast a timestamp with time zone(6))"),
    ("CAST(a AS timestamp without time zone)", "(cast a timestamp)"),
    ("CAST(a AS json)", "(cast a json)"),
    ("CAST(a AS array(varchar))", "(cast a array(varchar))"),
    ("CAST(a AS ARRAY<bigint>)", "(cast a array(bigint))"),
    ("CAST(a AS map(varchar, array(json)))", "(cast a map(varchar, array(json)))"),
    ("CAST(a AS MAP<varchar, varchar>)", "(cast a map(varchar, varchar))"),
    ("CAST(a AS row(name varchar, n bigint))", "(cast a row(name varchar, n bigint))"),
    ("CAST(a AS row(varchar, double precision))", "(cast a row(varchar, double precision))"),
    ("CAST(a AS row(type varchar, arn varchar))", "(cast a row(type varchar, arn varchar))"),
    ("CAST(a AS interval day to second)", "(cast a interval day to second)"),
    ("CAST(json_parse(x) AS array(row(arn varchar)))", "(cast json_parse(x) array(row(arn varchar)))"),
  ])
  func types(_ sql: String, _ tree: String) throws {
    let actual = try expr(sql)
    #expect(actual == tree)
  }
}
