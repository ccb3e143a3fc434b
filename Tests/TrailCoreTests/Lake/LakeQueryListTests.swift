import Foundation
import Testing
import TrailTestSupport

@testable import TrailCore

/// ListQueries (window, filters, paging), the 7-day purge, and queries whose process is gone.
@Suite("Lake query list and upkeep")
struct LakeQueryListTests {
  static func list(_ fixture: LakeQueryFixture, _ request: ListQueriesRequest) throws -> ListQueriesResponse {
    try ListQueries.perform(request, with: fixture.services())
  }

  static let store = TestLakeEngine.storeARN

  @Test func listsTheStoresQueriesOfTheLastSevenDaysNewestFirst() throws {
    let fixture = try LakeQueryFixture()
    let old = try fixture.run("rows:1")
    fixture.clock.advance(by: 3 * 86_400)
    let failed = try fixture.run("fail")
    fixture.clock.advance(by: 1)
    let newest = try fixture.run("rows:1")
    let all = try Self.list(fixture, ListQueriesRequest(eventDataStore: Self.store))
    #expect(all.queries?.map(\.queryId) == [newest, failed, old])
    #expect(all.queries?.last?.creationTime == LakeQueryFixture.start)
    #expect(all.queries?.last?.queryStatus == "FINISHED")
    // By ID, as the aws CLI allows.
    let byID = try Self.list(
      fixture, ListQueriesRequest(eventDataStore: "e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"))
    #expect(byID.queries?.count == 3)
    let onlyFailed = try Self.list(
      fixture, ListQueriesRequest(eventDataStore: Self.store, queryStatus: "FAILED"))
    #expect(onlyFailed.queries?.map(\.queryId) == [failed])
    let window = try Self.list(
      fixture,
      ListQueriesRequest(
        eventDataStore: Self.store, startTime: LakeQueryFixture.start.addingTimeInterval(86_400),
        endTime: LakeQueryFixture.start.addingTimeInterval(3 * 86_400)))
    #expect(window.queries?.map(\.queryId) == [failed])
    let other = "0b7c9d1e-2f3a-4b5c-8d6e-7f8091a2b3c4"
    try ExampleEventDataStore.insert(other, databasePath: fixture.store.dbPath)
    let otherStore = try Self.list(fixture, ListQueriesRequest(eventDataStore: other))
    #expect(otherStore.queries == [])
    // Past the 7 days, the first query is gone from the list and from DescribeQuery.
    fixture.clock.advance(by: 4 * 86_400)
    #expect(
      try Self.list(fixture, ListQueriesRequest(eventDataStore: Self.store)).queries?.map(\.queryId) == [
        newest, failed,
      ])
    #expect(exceptionName { _ = try fixture.describe(old) } == "QueryIdNotFoundException")
  }

  @Test func pagesFollowTheTokenAndATokenOfOtherFiltersIsRefused() throws {
    let fixture = try LakeQueryFixture()
    var ids: [String] = []
    for _ in 0..<3 {
      ids.insert(try fixture.run("rows:1"), at: 0)
      fixture.clock.advance(by: 1)
    }
    let first = try Self.list(fixture, ListQueriesRequest(eventDataStore: Self.store, maxResults: 2))
    let token = try #require(first.nextToken)
    let second = try Self.list(
      fixture, ListQueriesRequest(eventDataStore: Self.store, nextToken: token, maxResults: 2))
    #expect(
      (first.queries ?? []) + (second.queries ?? [])
        == ids.map { id in
          (first.queries ?? []).first { $0.queryId == id } ?? (second.queries ?? []).first {
            $0.queryId == id
          }!
        })
    #expect(((first.queries ?? []) + (second.queries ?? [])).map(\.queryId) == ids)
    #expect(second.nextToken == nil)
    #expect(
      exceptionName {
        _ = try Self.list(
          fixture, ListQueriesRequest(eventDataStore: Self.store, nextToken: token, queryStatus: "FINISHED"))
      } == "InvalidNextTokenException")
  }

  @Test(arguments: [
    (ListQueriesRequest(eventDataStore: store, queryStatus: "DONE"), "InvalidQueryStatusException"),
    (
      ListQueriesRequest(
        eventDataStore: store, startTime: LakeQueryFixture.start,
        endTime: LakeQueryFixture.start.addingTimeInterval(-1)
      ),
      "InvalidDateRangeException"
    ),
    (ListQueriesRequest(eventDataStore: store, maxResults: 0), "InvalidMaxResultsException"),
    (ListQueriesRequest(eventDataStore: store, maxResults: 1001), "InvalidMaxResultsException"),
    (
      ListQueriesRequest(eventDataStore: "arn:aws:cloudtrail:us-east-1:1:trail/x"),
      "EventDataStoreARNInvalidException"
    ),
    (ListQueriesRequest(eventDataStore: "x!"), "EventDataStoreNotFoundException"),
  ])
  func listQueriesRefuses(_ request: ListQueriesRequest, _ exception: String) throws {
    let fixture = try LakeQueryFixture()
    #expect(exceptionName { _ = try Self.list(fixture, request) } == exception)
  }

  @Test func resultsAreKeptSevenDaysAfterTheQueryEnded() throws {
    let fixture = try LakeQueryFixture()
    let id = try fixture.run("rows:3")
    fixture.clock.advance(by: 7 * 86_400)
    #expect(try fixture.status(id) == "FINISHED")
    fixture.clock.advance(by: 1)
    #expect(exceptionName { _ = try fixture.describe(id) } == "QueryIdNotFoundException")
    let db = try SQLiteConnection(path: fixture.store.dbPath)
    #expect(try db.scalarInt("SELECT count(*) FROM lake_query_pages") == 0)
    #expect(try db.scalarInt("SELECT count(*) FROM lake_query_stores") == 0)
  }

  /// A RUNNING row of a process that is not running any more (a child that has exited).
  static func orphan(
    _ fixture: LakeQueryFixture, host: String = LakeQueryOwner.host, pid: Int32? = nil, heartbeat: Date
  )
    throws -> String
  {
    var deadPID = pid ?? 0
    if pid == nil {
      let child = Process()
      child.executableURL = URL(fileURLWithPath: "/bin/true")
      try child.run()
      child.waitUntilExit()
      deadPID = child.processIdentifier
    }
    let id = UUID().uuidString.lowercased()
    try LakeQueryStore(databasePath: fixture.store.dbPath).insert(
      LakeQueryRecord(
        id: id, account: "123456789012", region: "us-east-1", statement: "rows:1", status: .running,
        eventDataStoreARNs: [TestLakeEngine.storeARN], createdAt: fixture.clock.now(), ownerPID: deadPID,
        ownerHost: host, heartbeatAt: heartbeat))
    return id
  }

  @Test func aQueryWhoseProcessDiedIsFailedAndStopsCounting() throws {
    let fixture = try LakeQueryFixture(LakeQuerySettings(maxConcurrentQueries: 1, heartbeatInterval: 0.01))
    let id = try Self.orphan(fixture, heartbeat: Date())
    let described = try fixture.describe(id)
    #expect(described.queryStatus == "FAILED")
    #expect(described.errorMessage?.hasPrefix("The TrailDeck process that ran this query (pid ") == true)
    _ = try fixture.run("rows:1")  // the limit of 1 is free again
  }

  @Test func aQueryOfAnotherHostIsStaleOnlyWhenItsHeartbeatIsOld() throws {
    let wall = ManualClock(Date(timeIntervalSince1970: 2_000_000_000))
    let fixture = try LakeQueryFixture(
      LakeQuerySettings(heartbeatInterval: 0.01, staleAfter: 30, wallClock: wall))
    let fresh = try Self.orphan(
      fixture, host: "elsewhere", pid: 1, heartbeat: wall.now().addingTimeInterval(-10))
    let old = try Self.orphan(
      fixture, host: "elsewhere", pid: 1, heartbeat: wall.now().addingTimeInterval(-31))
    #expect(try fixture.status(fresh) == "RUNNING")
    #expect(try fixture.status(old) == "FAILED")
    wall.advance(by: 21)
    #expect(try fixture.status(fresh) == "FAILED")
  }
}
