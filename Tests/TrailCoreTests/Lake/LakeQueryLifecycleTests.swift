import Foundation
import Synchronization
import Testing

@testable import TrailCore

/// StartQuery … CancelQuery through the operation layer with a test engine: statuses, statistics,
/// errors, cancel, the limit of 10 and the timeout.
@Suite("Lake query lifecycle")
struct LakeQueryLifecycleTests {
  @Test func finishedQueryHasItsStatementStatisticsAndTimes() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.start("rows:3")
    #expect(id.count == 36 && id == id.lowercased())
    fixture.host.waitUntilEnded(id)
    let described = try fixture.describe(id)
    #expect(described.queryId == id)
    #expect(described.queryString == "rows:3")
    #expect(described.queryStatus == "FINISHED")
    #expect(described.errorMessage == nil)
    #expect(described.deliveryS3Uri == nil && described.deliveryStatus == nil)
    let statistics = try #require(described.queryStatistics)
    #expect(statistics.eventsMatched == 3)
    #expect(statistics.eventsScanned == 5000)
    #expect(statistics.bytesScanned == 123_456)
    #expect(statistics.creationTime == LakeQueryFixture.start)
    #expect(statistics.executionTimeInMillis == 0)  // the clock did not move
  }

  @Test func aQueuedQueryRunsWhenAWorkerIsFreeThenFinishes() throws {
    let fixture = try LakeQueryFixture(LakeQuerySettings(workerThreads: 1, heartbeatInterval: 0.01))
    let gate = "queued-" + UUID().uuidString
    let first = try fixture.start("gate:" + gate)
    #expect(try fixture.wait(first, for: .running) == "RUNNING")
    let second = try fixture.start("rows:1")
    #expect(try fixture.status(second) == "QUEUED")
    fixture.clock.advance(by: 2.5)
    TestGates.open(gate)
    #expect(try fixture.wait(first, for: .finished) == "FINISHED")
    #expect(try fixture.describe(first).queryStatistics?.executionTimeInMillis == 2500)
    #expect(try fixture.wait(second, for: .finished) == "FINISHED")
  }

  @Test func aFailingQueryIsFailedWithTheEnginesMessage() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.run("fail")
    let described = try fixture.describe(id)
    #expect(described.queryStatus == "FAILED")
    #expect(described.errorMessage == "Division by zero")
    let results = try GetQueryResults.perform(GetQueryResultsRequest(queryId: id), with: fixture.services())
    #expect(results.queryStatus == "FAILED")
    #expect(results.errorMessage == "Division by zero")
    #expect(results.queryResultRows == [])
  }

  @Test func aRefusedStatementGetsNoQueryId() throws {
    let fixture = try LakeQueryFixture()
    #expect(exceptionName { _ = try fixture.start("DELETE FROM x") } == "InvalidQueryStatementException")
    let count = try SQLiteConnection(path: fixture.store.dbPath).scalarInt(
      "SELECT count(*) FROM lake_queries")
    #expect(count == 0)
  }

  @Test(arguments: [
    (StartQueryRequest(), "InvalidParameterException"),
    (StartQueryRequest(queryStatement: "rows:1", queryAlias: "a"), "InvalidParameterException"),
    (StartQueryRequest(queryStatement: "rows:1", queryParameters: ["x"]), "InvalidParameterException"),
    (StartQueryRequest(queryAlias: "top-users", queryParameters: ["x"]), "InvalidParameterException"),
    (
      StartQueryRequest(queryStatement: String(repeating: "x", count: 10_001)),
      "InvalidQueryStatementException"
    ),
    (
      StartQueryRequest(queryStatement: "rows:1", eventDataStoreOwnerAccountId: "12ab"),
      "InvalidParameterException"
    ),
    (
      StartQueryRequest(queryStatement: "rows:1", deliveryS3Uri: "https://results"),
      "InvalidS3BucketNameException"
    ),
    (
      StartQueryRequest(queryStatement: "rows:1", deliveryS3Uri: "s3://Results"),
      "InvalidS3BucketNameException"
    ),
    (
      StartQueryRequest(queryStatement: "rows:1", deliveryS3Uri: "s3://results//x"),
      "InvalidS3PrefixException"
    ),
    (
      StartQueryRequest(queryStatement: "rows:1", deliveryS3Uri: "s3://no-such-bucket"),
      "S3BucketDoesNotExistException"
    ),
  ])
  func startQueryRefuses(_ request: StartQueryRequest, _ exception: String) throws {
    let fixture = try LakeQueryFixture()
    #expect(exceptionName { _ = try StartQuery.perform(request, with: fixture.services()) } == exception)
  }

  @Test func aDeliveryUriIsPendingWhileTheQueryRunsThenSuccess() throws {
    let fixture = try LakeQueryFixture()
    let gate = "pending-" + UUID().uuidString
    let response = try StartQuery.perform(
      StartQueryRequest(
        queryStatement: "gate:" + gate, deliveryS3Uri: "s3://results/lake",
        eventDataStoreOwnerAccountId: "123456789012"),
      with: fixture.services())
    let id = try #require(response.queryId)
    #expect(response.eventDataStoreOwnerAccountId == "123456789012")
    #expect(try fixture.wait(id, for: .running) == "RUNNING")
    let running = try fixture.describe(id)
    #expect(running.deliveryS3Uri == "s3://results/lake")
    #expect(running.deliveryStatus == "PENDING")
    #expect(running.eventDataStoreOwnerAccountId == "123456789012")
    TestGates.open(gate)
    fixture.host.waitUntilEnded(id)
    #expect(try fixture.describe(id).deliveryStatus == "SUCCESS")
  }

  @Test func cancelStopsARunningQueryAndASecondCancelIsRefused() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.start("block")
    #expect(try fixture.wait(id, for: .running) == "RUNNING")
    let response = try CancelQuery.perform(CancelQueryRequest(queryId: id), with: fixture.services())
    #expect(response.queryId == id && response.queryStatus == "CANCELLED")
    #expect(fixture.host.waitUntilEnded(id, atMost: 60))
    #expect(try fixture.status(id) == "CANCELLED")
    #expect(
      exceptionName { _ = try CancelQuery.perform(CancelQueryRequest(queryId: id), with: fixture.services()) }
        == "InactiveQueryException")
  }

  @Test func aCancelFromAnotherProcessReachesTheRunningQuery() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.start("block")
    #expect(try fixture.wait(id, for: .running) == "RUNNING")
    // What CancelQuery in another process does: only the row changes; the watchdog sees it.
    #expect(try LakeQueryStore(databasePath: fixture.store.dbPath).cancel(id, at: fixture.clock.now()))
    #expect(fixture.host.waitUntilEnded(id, atMost: 60))
    #expect(try fixture.status(id) == "CANCELLED")
  }

  @Test func cancelAfterTheEndOrOfAnUnknownQueryIsRefused() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.run("rows:1")
    #expect(
      exceptionName { _ = try CancelQuery.perform(CancelQueryRequest(queryId: id), with: fixture.services()) }
        == "InactiveQueryException")
    let unknown = UUID().uuidString.lowercased()
    #expect(
      exceptionName {
        _ = try CancelQuery.perform(CancelQueryRequest(queryId: unknown), with: fixture.services())
      }
        == "QueryIdNotFoundException")
    #expect(exceptionName { _ = try fixture.describe(unknown) } == "QueryIdNotFoundException")
  }

  @Test func anotherRegionOrAccountDoesNotSeeTheQuery() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.run("rows:1")
    #expect(
      exceptionName {
        _ = try DescribeQuery.perform(
          DescribeQueryRequest(queryId: id), with: fixture.services(region: "eu-west-1"))
      } == "QueryIdNotFoundException")
    #expect(
      exceptionName {
        _ = try DescribeQuery.perform(
          DescribeQueryRequest(queryId: id), with: fixture.services(account: "999999999999"))
      } == "QueryIdNotFoundException")
  }

  @Test func describeNeedsAQueryId() throws {
    let fixture = try LakeQueryFixture()
    #expect(
      exceptionName { _ = try DescribeQuery.perform(DescribeQueryRequest(), with: fixture.services()) }
        == "InvalidParameterException")
    #expect(
      exceptionName {
        _ = try DescribeQuery.perform(
          DescribeQueryRequest(queryAlias: "a", refreshId: "1234567890"), with: fixture.services())
      } == "InvalidParameterException")
  }

  @Test func anEleventhActiveQueryIsRefusedPerAccountAndRegion() throws {
    let fixture = try LakeQueryFixture(LakeQuerySettings(workerThreads: 2, heartbeatInterval: 0.01))
    let ids = try (0..<10).map { _ in try fixture.start("block") }
    #expect(exceptionName { _ = try fixture.start("rows:1") } == "MaxConcurrentQueriesException")
    let elsewhere = try fixture.start("rows:1", region: "eu-west-1")
    for id in ids { _ = try CancelQuery.perform(CancelQueryRequest(queryId: id), with: fixture.services()) }
    _ = try fixture.start("rows:1")
    for id in ids + [elsewhere] { #expect(fixture.host.waitUntilEnded(id, atMost: 60)) }
  }

  @Test func startsRacingForTheLastPlacesGetExactlyTen() throws {
    let fixture = try LakeQueryFixture(LakeQuerySettings(workerThreads: 2, heartbeatInterval: 0.01))
    let outcomes = Mutex<[String]>([])
    let path = fixture.store.dbPath
    let clock = fixture.clock
    let buckets = fixture.buckets
    DispatchQueue.concurrentPerform(iterations: 16) { _ in
      let outcome: String
      do {
        let services = try StoreServices(
          StoreContext(databasePath: path, clock: clock, bucketsDirectory: buckets))
        outcome =
          try StartQuery.perform(StartQueryRequest(queryStatement: "block"), with: services).queryId ?? "?"
      } catch let error as ServiceError {
        outcome = error.exceptionName
      } catch {
        outcome = "\(error)"
      }
      outcomes.withLock { $0.append(outcome) }
    }
    let all = outcomes.withLock { $0 }
    let started = all.filter { $0.count == 36 }
    #expect(started.count == 10, "\(all)")
    #expect(all.filter { $0 == "MaxConcurrentQueriesException" }.count == 6, "\(all)")
    for id in started {
      _ = try CancelQuery.perform(CancelQueryRequest(queryId: id), with: fixture.services())
    }
    for id in started { #expect(fixture.host.waitUntilEnded(id, atMost: 60)) }
  }

  @Test func aQueryPastTheTimeoutIsTimedOutWithItsPartialRows() throws {
    let fixture = try LakeQueryFixture(LakeQuerySettings(timeout: 60, heartbeatInterval: 0.01))
    let id = try fixture.start("block")
    #expect(try fixture.wait(id, for: .running) == "RUNNING")
    fixture.clock.advance(by: 59)
    usleep(50_000)
    #expect(try fixture.status(id) == "RUNNING")
    fixture.clock.advance(by: 1)
    #expect(fixture.host.waitUntilEnded(id, atMost: 60))
    let described = try fixture.describe(id)
    #expect(described.queryStatus == "TIMED_OUT")
    #expect(described.errorMessage?.contains("timeout") == true)
    let results = try GetQueryResults.perform(GetQueryResultsRequest(queryId: id), with: fixture.services())
    #expect(results.queryStatistics?.totalResultsCount == 2)
    #expect(results.queryResultRows?.count == 2)
  }
}
