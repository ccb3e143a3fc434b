import Foundation
import Synchronization
import Testing
import TrailCore
import TrailTUI

@testable import traildeck

/// The Lake pane's runtime over a real store: a statement over event data stores runs as a Lake query
/// (StartQuery), listed by ListQueries like any other, and Esc cancels it through CancelQuery;
/// `all_events` still runs in place.
@Suite("Lake pane queries")
struct StoreLakeQueryingTests {
  static func lake(_ scratch: CLIScratch) -> StoreLakeQuerying {
    StoreLakeQuerying(context: context(scratch))
  }

  static func context(_ scratch: CLIScratch) -> StoreContext {
    StoreContext(
      databasePath: scratch.db, clock: FixedClock(CLIScratch.lakeNowDate),
      bucketsDirectory: scratch.folder + "/buckets")
  }

  /// ListQueries of store `id`, as `(QueryId, QueryStatus)`, newest first.
  static func listed(_ scratch: CLIScratch, _ id: String) throws -> [[String?]] {
    let response = try ListQueries.perform(
      ListQueriesRequest(eventDataStore: id), with: StoreServices(context(scratch)))
    return (response.queries ?? []).map { [$0.queryId, $0.queryStatus] }
  }

  /// Five records: DescribeInstances at odd numbers, RunInstances at even ones.
  static let records = (1...5).map {
    CLIRecords.record(
      $0, time: CLIRecords.time(secondsAfterBase: $0),
      name: $0 % 2 == 0 ? "RunInstances" : "DescribeInstances")
  }

  @Test func aStatementOverAStoreRunsAsALakeQueryWithItsRowsAndStatistics() throws {
    let scratch = try CLIScratch()
    let id = try scratch.eventDataStore("pane", holding: Self.records)
    let result = try Self.lake(scratch).run(
      "SELECT eventName, count(*) AS n FROM \(id) GROUP BY eventName ORDER BY eventName", parameters: [],
      cancellation: LakeCancellation())
    #expect(result.columns == ["eventName", "n"])
    #expect(result.rows == [["DescribeInstances", "3"], ["RunInstances", "2"]])
    #expect(result.eventsScanned == 5)
    #expect(result.bytesScanned > 0)
    let queryId = try #require(result.queryId)
    #expect(try Self.listed(scratch, id) == [[queryId, "FINISHED"]])
  }

  @Test func aQueryWithoutRowsKeepsItsColumnNames() throws {
    let scratch = try CLIScratch()
    let id = try scratch.eventDataStore("pane", holding: Self.records)
    let result = try Self.lake(scratch).run(
      "SELECT eventName, eventTime FROM \(id) WHERE eventName = 'NoSuchCall'", parameters: [],
      cancellation: LakeCancellation())
    #expect(result.columns == ["eventName", "eventTime"])
    #expect(result.rows.isEmpty)
    #expect(result.queryId != nil)
  }

  @Test func allEventsRunsInPlaceWithoutAQuery() throws {
    let scratch = try CLIScratch()
    let id = try scratch.eventDataStore("pane", holding: Self.records)
    let result = try Self.lake(scratch).run(
      "SELECT count(*) AS n FROM all_events", parameters: [], cancellation: LakeCancellation())
    #expect(result.rows == [["5"]])
    #expect(result.queryId == nil)
    #expect(try Self.listed(scratch, id) == [])
  }

  /// Refused before any query starts, with the position the editor moves its cursor to.
  @Test func aRefusedStatementKeepsItsPositionAndStartsNoQuery() throws {
    let scratch = try CLIScratch()
    let id = try scratch.eventDataStore("pane", holding: Self.records)
    #expect(
      throws: LakeRunError.refused("line 3:7: Column 'eventNam' cannot be resolved")
    ) {
      try Self.lake(scratch).run(
        "SELECT eventName\nFROM \(id)\nWHERE eventNam = 'x'", parameters: [], cancellation: LakeCancellation()
      )
    }
    #expect(try Self.listed(scratch, id) == [])
  }

  @Test(.timeLimit(.minutes(5)))
  func escCancelsTheRunningQueryThroughCancelQuery() throws {
    let scratch = try CLIScratch()
    let id = try scratch.eventDataStore(
      "slow", holding: CLIRecords.sequence(1...200))
    let lake = Self.lake(scratch)
    let cancellation = LakeCancellation()
    let outcome = Outcome()
    let statement = CLIScratch.endlessStatement(over: id)
    let thread = Thread {
      outcome.set(Result { try lake.run(statement, parameters: [], cancellation: cancellation) })
    }
    thread.start()
    // A failed expectation below must not leave the query running for hours.
    defer { cancellation.cancel() }
    var deadline = Date(timeIntervalSinceNow: 120)
    var listed = try Self.listed(scratch, id)
    while listed.first?[1] != "RUNNING" && Date() < deadline {
      usleep(20_000)
      listed = try Self.listed(scratch, id)
    }
    try #require(listed.count == 1 && listed[0][1] == "RUNNING", "\(listed)")
    cancellation.cancel()
    deadline = Date(timeIntervalSinceNow: 120)
    while outcome.result == nil && Date() < deadline { usleep(20_000) }
    let result = try #require(outcome.result)
    #expect(throws: LakeRunError.cancelled) { try result.get() }
    #expect(try Self.listed(scratch, id) == [[listed[0][0], "CANCELLED"]])
  }

  /// What the pane's run thread answered.
  final class Outcome: Sendable {
    private let value = Mutex<Result<LakeResult, any Error>?>(nil)
    func set(_ result: Result<LakeResult, any Error>) { value.withLock { $0 = result } }
    var result: Result<LakeResult, any Error>? { value.withLock { $0 } }
  }
}
