import Foundation
import Testing

@testable import TrailCore

/// Every function on its edge cases, as Trino answers them: `SELECT <expression>` and the text Lake
/// prints (nil for NULL).
@Suite("Lake functions")
struct LakeFunctionTableTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var expression: String
    var expected: String?
    init(_ expression: String, _ expected: String?) {
      self.expression = expression
      self.expected = expected
    }
    var testDescription: String { expression }
  }

  static let cases: [Case] = [
    // Arithmetic and types.
    Case("7 / 2", "3"), Case("-7 / 2", "-3"), Case("7 % 3", "1"), Case("-7 % 3", "-1"),
    Case("7.0 / 2", "3.5"),
    Case("1 + NULL", nil), Case("2 * 3.5", "7.0"), Case("1e7", "1.0E7"), Case("0.001", "0.001"),
    Case("1.5e-4", "1.5E-4"), Case("123456.789", "123456.789"), Case("typeof(1)", "bigint"),
    Case("typeof(1.5)", "double"), Case("typeof('a')", "varchar"), Case("typeof(now())", "timestamp(3)"),
    Case("9223372036854775807 - 1", "9223372036854775806"),
    // Comparison and logic, with NULL.
    Case("NULL = NULL", nil), Case("NULL IS NULL", "true"), Case("1 IS DISTINCT FROM NULL", "true"),
    Case("NULL IS NOT DISTINCT FROM NULL", "true"), Case("true AND NULL", nil),
    Case("false AND NULL", "false"),
    Case("true OR NULL", "true"), Case("NOT NULL", nil), Case("3 BETWEEN 1 AND 5", "true"),
    Case("3 NOT BETWEEN 1 AND 2", "true"), Case("2 IN (1, 2)", "true"), Case("3 IN (1, NULL)", nil),
    Case("'abc' LIKE 'a%'", "true"), Case("'abc' LIKE 'A%'", "false"),
    Case("'a_c' LIKE 'a\\_c' ESCAPE '\\'", "true"),
    Case("'b' > 'a'", "true"), Case("'B' < 'a'", "true"),
    // Conditionals.
    Case("coalesce(NULL, 2, 3)", "2"), Case("if(1 > 2, 'x', 'y')", "y"), Case("if(1 > 2, 'x')", nil),
    Case("nullif(1, 1)", nil), Case("nullif(1, 2)", "1"), Case("greatest(1, 5, 3)", "5"),
    Case("least(2, 1.5)", "1.5"),
    Case("greatest(1, NULL)", nil), Case("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END", "two"),
    Case("CASE WHEN false THEN 1 END", nil),
    // Casts.
    Case("CAST('42' AS bigint)", "42"), Case("CAST(2.5 AS bigint)", "3"), Case("CAST(-2.5 AS bigint)", "-3"),
    Case("CAST(1 AS varchar)", "1"), Case("CAST(1.5 AS varchar)", "1.5"),
    Case("CAST(true AS varchar)", "true"),
    Case("CAST('true' AS boolean)", "true"), Case("TRY_CAST('x' AS bigint)", nil),
    Case("TRY_CAST('1.5' AS double)", "1.5"),
    Case("CAST('2024-03-01 10:00:00' AS timestamp)", "2024-03-01 10:00:00.000"),
    Case("CAST(TIMESTAMP '2024-03-01 10:20:30.456' AS date)", "2024-03-01"),
    Case("date('2024-02-29')", "2024-02-29"),
    Case("CAST(DATE '2024-03-01' AS timestamp)", "2024-03-01 00:00:00.000"),
    // Strings.
    Case("lower('ÀBC')", "àbc"), Case("upper('abc')", "ABC"), Case("length('héllo')", "5"),
    Case("length('')", "0"),
    Case("substr('hello', 2)", "ello"), Case("substr('hello', 2, 3)", "ell"),
    Case("substr('hello', -3)", "llo"),
    Case("substr('hello', 0)", ""), Case("substr('hello', 9)", ""),
    Case("replace('a.b.c', '.', '/')", "a/b/c"),
    Case("replace('abc', 'b')", "ac"), Case("replace('ab', '', '-')", "-a-b-"), Case("reverse('abc')", "cba"),
    Case("trim('  a  ')", "a"), Case("ltrim('  a ')", "a "), Case("rtrim(' a  ')", " a"),
    Case("concat('a', 'b', 'c')", "abc"), Case("concat('a', NULL)", nil), Case("'a' || 'b'", "ab"),
    Case("split('a,b,,c', ',')", #"["a","b","","c"]"#), Case("split('a,b,c', ',', 2)", #"["a","b,c"]"#),
    Case("split_part('a-b-c', '-', 2)", "b"), Case("split_part('a-b-c', '-', 4)", nil),
    Case("strpos('hello', 'l')", "3"),
    Case("strpos('hello', 'z')", "0"), Case("starts_with('hello', 'he')", "true"),
    Case("lpad('7', 3, '0')", "007"),
    Case("rpad('abcd', 2, 'x')", "ab"), Case("chr(65)", "A"), Case("codepoint('A')", "65"),
    Case("trim(BOTH 'x' FROM 'xxaxx')", "a"), Case("position('l' IN 'hello')", "3"),
    // Regular expressions.
    Case("regexp_like('abc123', '[0-9]+')", "true"), Case("regexp_like('abc', '^b')", "false"),
    Case("regexp_extract('user/alice/x', 'user/([a-z]+)', 1)", "alice"),
    Case("regexp_extract('abc', '[0-9]')", nil),
    Case("regexp_extract_all('a1b22c', '[0-9]+')", #"["1","22"]"#),
    Case("regexp_replace('a1b2', '[0-9]')", "ab"),
    Case("regexp_replace('alice bob', '(\\w+) (\\w+)', '$2 $1')", "bob alice"),
    Case("regexp_count('aaa', 'a')", "3"),
    // JSON.
    Case(#"json_extract('{"a":{"b":[1,2]}}', '$.a.b')"#, "[1,2]"),
    Case(#"json_extract_scalar('{"a":{"b":[1,2]}}', '$.a.b[1]')"#, "2"),
    Case(#"json_extract_scalar('{"a":"x"}', '$.a')"#, "x"),
    Case(#"json_extract_scalar('{"a":{}}', '$.a')"#, nil),
    Case(#"json_extract_scalar('{"a b":true}', '$["a b"]')"#, "true"),
    Case(#"json_extract('{"a":1}', '$.z')"#, nil),
    Case(#"json_format(json_parse('{ "a" : 1 }'))"#, #"{"a":1}"#), Case("json_array_length('[1,2,3]')", "3"),
    Case("json_array_length('{}')", nil), Case("json_array_get('[1,2,3]', -1)", "3"),
    Case("json_array_get('[1]', 5)", nil), Case(#"json_array_contains('["a","b"]', 'b')"#, "true"),
    Case("json_array_contains('[1,2]', 3)", "false"), Case("is_json_scalar('1')", "true"),
    Case("is_json_scalar('[1]')", "false"), Case(#"json_size('{"a":[1,2,3]}', '$.a')"#, "3"),
    // Arrays and maps.
    Case("cardinality(ARRAY[1, 2, 3])", "3"), Case("contains(ARRAY['a', 'b'], 'b')", "true"),
    Case("contains(ARRAY[1, NULL], 2)", nil), Case("element_at(ARRAY[1, 2, 3], -1)", "3"),
    Case("element_at(ARRAY[1, 2], 5)", nil), Case("ARRAY[10, 20][2]", "20"),
    Case("array_distinct(ARRAY[1, 2, 1])", "[1,2]"), Case("array_max(ARRAY[1, 7, 3])", "7"),
    Case("array_min(ARRAY['b', 'a'])", "a"), Case("array_sort(ARRAY[3, 1, 2])", "[1,2,3]"),
    Case("slice(ARRAY[1, 2, 3, 4], 2, 2)", "[2,3]"), Case("array_join(ARRAY['a', NULL, 'b'], '-')", "a-b"),
    Case("array_join(ARRAY['a', NULL], '-', '?')", "a-?"), Case("array_position(ARRAY['a', 'b'], 'b')", "2"),
    Case("filter(ARRAY[1, 2, 3, 4], x -> x % 2 = 0)", "[2,4]"),
    Case("transform(ARRAY[1, 2], x -> x * 10)", "[10,20]"),
    Case("any_match(ARRAY[1, 2], x -> x > 1)", "true"), Case("all_match(ARRAY[1, 2], x -> x > 1)", "false"),
    Case("none_match(ARRAY[1, 2], x -> x > 5)", "true"),
    Case("array_agg(x) FROM (SELECT 1 AS x UNION ALL SELECT 2) t", "[1,2]"),
    // Dates and times.
    Case("date_trunc('hour', TIMESTAMP '2024-03-01 10:20:30.456')", "2024-03-01 10:00:00.000"),
    Case("date_trunc('month', TIMESTAMP '2024-03-15 10:20:30')", "2024-03-01 00:00:00.000"),
    Case("date_trunc('week', DATE '2024-03-03')", "2024-02-26"),
    Case("date_trunc('quarter', DATE '2024-05-20')", "2024-04-01"),
    Case("date_add('day', 1, TIMESTAMP '2024-02-28 23:00:00')", "2024-02-29 23:00:00.000"),
    Case("date_add('month', 1, DATE '2024-01-31')", "2024-02-29"),
    Case("date_add('hour', -2, TIMESTAMP '2024-03-01 01:00:00')", "2024-02-29 23:00:00.000"),
    Case("date_diff('day', DATE '2024-02-01', DATE '2024-03-01')", "29"),
    Case("date_diff('month', TIMESTAMP '2024-01-31 00:00:00', TIMESTAMP '2024-02-29 00:00:00')", "0"),
    Case("date_diff('hour', TIMESTAMP '2024-03-01 10:00:00', TIMESTAMP '2024-03-01 08:30:00')", "-1"),
    Case("from_iso8601_timestamp('2024-03-01T10:00:00Z')", "2024-03-01 10:00:00.000"),
    Case("from_iso8601_timestamp('2024-03-01T10:00:00+02:00')", "2024-03-01 08:00:00.000"),
    Case("from_iso8601_date('2024-03-01')", "2024-03-01"),
    Case("to_iso8601(TIMESTAMP '2024-03-01 10:00:00')", "2024-03-01T10:00:00.000Z"),
    Case(
      "format_datetime(TIMESTAMP '2024-03-01 09:05:07', 'yyyy/MM/dd HH:mm:ss EEE')", "2024/03/01 09:05:07 Fri"
    ),
    Case(
      "date_format(TIMESTAMP '2024-03-01 09:05:07', '%Y-%m-%d %H:%i:%s %W')", "2024-03-01 09:05:07 Friday"),
    Case("date_parse('2024/03/01 09:05', '%Y/%m/%d %H:%i')", "2024-03-01 09:05:00.000"),
    Case("year(TIMESTAMP '2024-03-01 10:00:00')", "2024"), Case("quarter(DATE '2024-03-01')", "1"),
    Case("month(DATE '2024-03-01')", "3"), Case("day(DATE '2024-03-01')", "1"),
    Case("day_of_week(DATE '2024-03-03')", "7"), Case("dow(DATE '2024-03-04')", "1"),
    Case("day_of_year(DATE '2024-03-01')", "61"), Case("week(DATE '2024-01-01')", "1"),
    Case("week_of_year(DATE '2021-01-03')", "53"), Case("year_of_week(DATE '2021-01-03')", "2020"),
    Case("hour(TIMESTAMP '2024-03-01 10:20:30.456')", "10"),
    Case("minute(TIMESTAMP '2024-03-01 10:20:30')", "20"),
    Case("second(TIMESTAMP '2024-03-01 10:20:30')", "30"),
    Case("millisecond(TIMESTAMP '2024-03-01 10:20:30.456')", "456"),
    Case("EXTRACT(YEAR FROM DATE '2024-03-01')", "2024"),
    Case("TIMESTAMP '2024-03-01 10:00:00' + INTERVAL '90' MINUTE", "2024-03-01 11:30:00.000"),
    Case("DATE '2024-03-01' - INTERVAL '1' DAY", "2024-02-29"),
    Case("TIMESTAMP '2024-01-31 00:00:00' + INTERVAL '1' MONTH", "2024-02-29 00:00:00.000"),
    Case("from_unixtime(0)", "1970-01-01 00:00:00.000"),
    Case("to_unixtime(TIMESTAMP '1970-01-01 00:00:01')", "1.0"),
    Case("now()", "2024-03-01 13:00:00.000"), Case("current_timestamp", "2024-03-01 13:00:00.000"),
    Case("current_date", "2024-03-01"),
    // Math.
    Case("abs(-3)", "3"), Case("abs(-2.5)", "2.5"), Case("floor(2.7)", "2.0"), Case("ceil(2.1)", "3.0"),
    Case("round(2.5)", "3.0"), Case("round(-2.5)", "-3.0"), Case("round(2.345, 2)", "2.35"),
    Case("round(7)", "7"),
    Case("mod(7, 3)", "1"), Case("power(2, 10)", "1024.0"), Case("sqrt(16)", "4.0"), Case("sign(-4)", "-1"),
    // URLs.
    Case("url_extract_host('https://example.com/a?b=1')", "example.com"),
    Case("url_extract_parameter('https://example.com/a?b=1', 'b')", "1"),
  ]

  @Test(arguments: cases) func function(_ c: Case) throws {
    let lake = try LakeTestStore(records: [TestRecord(TestRecord.id(1), at: TestTime.base)])
    #expect(try lake.value("SELECT " + c.expression) == c.expected)
  }

  @Test(arguments: [
    ("json_parse('{')", "Cannot convert value to JSON: '{'"),
    ("ARRAY[1, 2][3]", "Array subscript must be less than or equal to array length: 3 > 2"),
    ("element_at(ARRAY[1], 0)", "SQL array indices start at 1"), ("mod(1, 0)", "Division by zero"),
    ("CAST('x' AS boolean)", "Cannot cast 'x' to BOOLEAN"),
    ("regexp_like('a', '(')", "Invalid regular expression: ("),
    ("9223372036854775807 + 1", "bigint overflow: 9223372036854775807 add 1"),
    ("split_part('a', '-', 0)", "Index must be greater than zero"),
  ])
  func failure(expression: String, message: String) throws {
    let lake = try LakeTestStore(records: [TestRecord(TestRecord.id(1), at: TestTime.base)])
    #expect(lake.failure("SELECT " + expression) == message)
  }

  @Test(arguments: [
    ("date_trunc('fortnight', now())", "line 1:19: 'fortnight' is not a valid Time field"),
    ("1 + 'a'", "line 1:10: Cannot apply operator: bigint + varchar"),
    ("lower(1, 2)", "line 1:8: Function lower does not take 2 arguments"),
    ("row_number()", "line 1:8: Window function row_number requires an OVER clause"),
    ("CAST(1 AS widget)", "line 1:18: Unknown type: widget"),
  ])
  func refusal(expression: String, message: String) throws {
    let lake = try LakeTestStore(records: [TestRecord(TestRecord.id(1), at: TestTime.base)])
    #expect(lake.refusal("SELECT " + expression) == message)
  }
}
