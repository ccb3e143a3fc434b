import Foundation
import Testing

@testable import TrailCore

/// `StartedQuery`, the lifecycle as the fronts that wait for rows use it, over the test engine.
@Suite("Started query")
struct StartedQueryTests {
  @Test func resultsAreReadPageByPageToTheEnd() throws {
    let fixture = try LakeQueryFixture()
    let query = try StartedQuery.start("rows:2500", with: fixture.services())
    query.waitUntilEnded()
    #expect(try query.describe().queryStatus == "FINISHED")
    let results = try query.results()
    #expect(results.columns == ["eventname", "errorcode"])
    #expect(results.rows == TestLakeEngine.rows(2500))
    #expect(results.totalCount == 2500)
    let first = try query.results(upTo: 1001)
    #expect(first.rows == Array(TestLakeEngine.rows(2500).prefix(1001)))
    #expect(first.totalCount == 2500)
  }

  /// GetQueryResults names columns only inside rows; the query's record still knows them.
  @Test func aResultWithoutRowsKeepsItsColumnNames() throws {
    let fixture = try LakeQueryFixture()
    let query = try StartedQuery.start("rows:0", with: fixture.services())
    query.waitUntilEnded()
    #expect(
      try query.results()
        == StartedQuery.Results(columns: ["eventname", "errorcode"], rows: [], totalCount: 0))
  }

  @Test func aCancellationSetWhileWaitingCancelsTheQuery() throws {
    let fixture = try LakeQueryFixture()
    let query = try StartedQuery.start("block", with: fixture.services())
    let cancellation = LakeCancellation()
    var checks = 0
    query.waitUntilEnded(cancellation: cancellation, checkingEvery: 0.01) {
      checks += 1
      if checks == 3 { cancellation.cancel() }
    }
    #expect(checks >= 3)
    #expect(try query.describe().queryStatus == "CANCELLED")
  }

  /// A cancel asked for before the wait (Ctrl-C during StartQuery) cancels it at once.
  @Test func aCancellationSetBeforeTheWaitCancelsTheQuery() throws {
    let fixture = try LakeQueryFixture()
    let query = try StartedQuery.start("block", with: fixture.services())
    let cancellation = LakeCancellation()
    cancellation.cancel()
    query.waitUntilEnded(cancellation: cancellation)
    #expect(try query.describe().queryStatus == "CANCELLED")
  }

  /// A query that ended before the cancel reached it keeps its status.
  @Test func aCancelAfterTheEndLeavesTheQueryAsItEnded() throws {
    let fixture = try LakeQueryFixture()
    let query = try StartedQuery.start("rows:1", with: fixture.services())
    fixture.host.waitUntilEnded(query.id)
    let cancellation = LakeCancellation()
    cancellation.cancel()
    query.waitUntilEnded(cancellation: cancellation)
    #expect(try query.describe().queryStatus == "FINISHED")
  }

  @Test func aRefusedStatementThrowsStartQuerysError() throws {
    let fixture = try LakeQueryFixture()
    #expect(
      exceptionName { _ = try StartedQuery.start("DELETE FROM x", with: fixture.services()) }
        == "InvalidQueryStatementException")
  }
}
