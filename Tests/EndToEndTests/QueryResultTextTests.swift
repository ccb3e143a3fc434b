import Testing

@testable import traildeck

/// `traildeck query`'s renderings of result rows: NULL apart from the empty string in each.
@Suite("Query result text")
struct QueryResultTextTests {
  static let columns = ["eventname", "errorcode"]
  static let rows: [[String?]] = [["ConsoleLogin", nil], ["Put,\"Object\"", ""], ["名前", "line\nbreak"]]

  @Test func tableAlignsByDisplayWidthAndShowsNull() {
    #expect(
      QueryResultText.table(columns: Self.columns, rows: Self.rows) == """
        eventname     errorcode
        ------------  ----------
        ConsoleLogin  NULL
        Put,"Object"
        名前          line⏎break

        """)
  }

  @Test func csvQuotesAsRFC4180AndLeavesNullEmpty() {
    #expect(
      QueryResultText.csv(columns: Self.columns, rows: Self.rows)
        == "eventname,errorcode\r\nConsoleLogin,\r\n\"Put,\"\"Object\"\"\",\"\"\r\n名前,\"line\nbreak\"\r\n")
  }

  @Test func jsonIsAnArrayOfObjectsWithNull() {
    #expect(
      QueryResultText.json(columns: Self.columns, rows: [["a", nil]]) == """
        [
            {
                "eventname": "a",
                "errorcode": null
            }
        ]

        """)
  }
}
