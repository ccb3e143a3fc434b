import Foundation
import Testing

@testable import TrailCore

/// GetQueryResults: paging over stored pages, tokens, page sizes, NULLs, and the model's shapes.
@Suite("Lake query results")
struct LakeQueryResultsTests {
  /// Every row of `id`, following NextTokens with pages of `size`; the page lengths too.
  static func allRows(_ fixture: LakeQueryFixture, _ id: String, size: Int) throws -> ([[String?]], [Int]) {
    var rows: [[String?]] = []
    var sizes: [Int] = []
    var token: String?
    repeat {
      let page = try GetQueryResults.perform(
        GetQueryResultsRequest(queryId: id, nextToken: token, maxQueryResults: size), with: fixture.services()
      )
      let pageRows = page.queryResultRows ?? []
      #expect(page.queryStatistics?.resultsCount == pageRows.count)
      #expect(page.queryStatistics?.totalResultsCount == 2500)
      rows += pageRows.map { row in
        #expect(row.map(\.name) == ["eventname", "errorcode"])
        return row.map(\.value)
      }
      sizes.append(pageRows.count)
      token = page.nextToken
    } while token != nil
    return (rows, sizes)
  }

  @Test func pagesAcrossStoredPagesGiveEveryRowOnceInOrder() throws {
    let fixture = try LakeQueryFixture(LakeQuerySettings(heartbeatInterval: 0.01, rowsPerPage: 300))
    let id = try fixture.run("rows:2500")
    let (rows, sizes) = try Self.allRows(fixture, id, size: 700)
    #expect(sizes == [700, 700, 700, 400])
    #expect(rows == TestLakeEngine.rows(2500))
    let (defaultRows, defaultSizes) = try Self.allRows(fixture, id, size: 1000)
    #expect(defaultSizes == [1000, 1000, 500])
    #expect(defaultRows == rows)
  }

  @Test func nullIsAJSONNullInItsColumnsPlace() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.run("rows:2")
    let page = try GetQueryResults.perform(GetQueryResultsRequest(queryId: id), with: fixture.services())
    let json = try ShapeEncoder(.epochSeconds).encode(page).compactText()
    #expect(
      json
        == #"{"QueryStatus":"FINISHED","QueryStatistics":{"ResultsCount":2,"TotalResultsCount":2,"BytesScanned":123456},"QueryResultRows":[[{"eventname":"Event0"},{"errorcode":null}],[{"eventname":"Event1"},{"errorcode":"Error1"}]]}"#
    )
  }

  @Test(arguments: [0, 1001, -5])
  func maxQueryResultsOutsideOneToAThousandIsRefused(_ size: Int) throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.run("rows:1")
    #expect(
      exceptionName {
        _ = try GetQueryResults.perform(
          GetQueryResultsRequest(queryId: id, maxQueryResults: size), with: fixture.services())
      } == "InvalidMaxResultsException")
  }

  @Test func aTokenOfAnotherQueryOrATamperedOneIsRefused() throws {
    let fixture = try LakeQueryFixture()
    let first = try fixture.run("rows:5")
    let second = try fixture.run("rows:5")
    let page = try GetQueryResults.perform(
      GetQueryResultsRequest(queryId: first, maxQueryResults: 2), with: fixture.services())
    let token = try #require(page.nextToken)
    // The tampered token changes its last character (to one it is not: an "A" was once no change).
    for (id, bad) in [
      (second, token), (first, "nope"),
      (first, String(token.dropLast()) + (token.hasSuffix("A") ? "B" : "A")),
    ] {
      #expect(
        exceptionName {
          _ = try GetQueryResults.perform(
            GetQueryResultsRequest(queryId: id, nextToken: bad), with: fixture.services())
        } == "InvalidNextTokenException")
    }
  }

  @Test func resultsOfARunningQueryAreEmptyUntilItEnds() throws {
    let fixture = try LakeQueryFixture()
    let gate = "results-" + UUID().uuidString
    let id = try fixture.start("gate:" + gate)
    #expect(try fixture.wait(id, for: .running) == "RUNNING")
    let running = try GetQueryResults.perform(GetQueryResultsRequest(queryId: id), with: fixture.services())
    #expect(running.queryStatus == "RUNNING" && running.queryResultRows == [] && running.nextToken == nil)
    TestGates.open(gate)
    fixture.host.waitUntilEnded(id)
    let finished = try GetQueryResults.perform(GetQueryResultsRequest(queryId: id), with: fixture.services())
    #expect(
      finished.queryResultRows == [
        [QueryResultColumn("eventname", "Gated"), QueryResultColumn("errorcode", nil)]
      ])
  }

  @Test func shapesMatchTheServiceModel() throws {
    try ServiceModel.check("StartQuery", request: StartQueryRequest.self, response: StartQueryResponse.self)
    try ServiceModel.check(
      "DescribeQuery", request: DescribeQueryRequest.self, response: DescribeQueryResponse.self)
    try ServiceModel.check(
      "GetQueryResults", request: GetQueryResultsRequest.self, response: GetQueryResultsResponse.self)
    try ServiceModel.check(
      "CancelQuery", request: CancelQueryRequest.self, response: CancelQueryResponse.self)
    try ServiceModel.check(
      "ListQueries", request: ListQueriesRequest.self, response: ListQueriesResponse.self)
  }

  @Test func aPageSurvivesEncodingWithNullsEmptyStringsAndLongValues() throws {
    let rows: [[String?]] = [[nil, ""], ["ü😀", String(repeating: "x", count: 300)], ["a", nil]]
    #expect(try LakeResultPage.decode(LakeResultPage.encode(rows[...]), width: 2) == rows)
  }
}
