import Foundation
import Synchronization
import Testing
import TrailCore
import TrailTestSupport

@testable import TrailServer

/// The server answers StartQuery at once and runs the query on a worker: its status is read back
/// through DescribeQuery while it runs, and its rows through GetQueryResults once it has finished.
@Suite struct LakeQueryServerTests {
  /// Runs until `release` is set, then returns one row whose second value is NULL.
  struct GatedEngine: LakeQueryEngine {
    let release: Gate
    final class Gate: Sendable {
      private let isOpen = Mutex(false)
      func open() { isOpen.withLock { $0 = true } }
      var opened: Bool { isOpen.withLock { $0 } }
    }
    struct Prepared: PreparedLakeQuery {
      let release: Gate
      var eventDataStoreARNs: [String] {
        ["arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"]
      }
      func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
        -> LakeQueryOutput
      {
        // Far beyond the test: on 2 cores, long synchronous tests can hold the test's task off its
        // thread for minutes, and the query must still be running when it describes it.
        let deadline = Date(timeIntervalSinceNow: 600)
        while !release.opened && Date() < deadline { usleep(2000) }
        return LakeQueryOutput(columns: ["eventname", "errorcode"], rows: [["ConsoleLogin", nil]])
      }
    }
    func prepare(
      _ statement: String, parameters: [String], connection: SQLiteConnection, context: StoreContext
    )
      throws -> any PreparedLakeQuery
    {
      Prepared(release: release)
    }
  }

  static func text(_ value: JSONValue?) -> String? {
    if case .string(let text)? = value { text } else { nil }
  }

  @Test func startQueryAnswersAtOnceAndTheQueryRunsInTheBackground() async throws {
    let fixture = try ServerFixture()
    try ExampleEventDataStore.insert(
      "e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: fixture.environment.databasePath)
    let gate = GatedEngine.Gate()
    // A failed expectation below must not leave the worker waiting on the gate.
    defer { gate.open() }
    LakeQueryHost.install(
      LakeQueryHost(engine: GatedEngine(release: gate), settings: LakeQuerySettings(heartbeatInterval: 0.01)),
      for: fixture.environment.databasePath)
    let handler = CloudTrailHandler(environment: fixture.environment)
    let started = await handler.handle(
      ServerFixture.cloudTrail(
        "StartQuery",
        #"{"QueryStatement":"SELECT eventName, errorCode FROM e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"}"#),
      caller: fixture.caller())
    #expect(started.status == 200, "\(started.text)")
    let id = try #require(Self.text(started.json?["QueryId"]))
    let body = #"{"QueryId":"\#(id)"}"#
    let running = await handler.handle(
      ServerFixture.cloudTrail("DescribeQuery", body), caller: fixture.caller())
    #expect(["QUEUED", "RUNNING"].contains(Self.text(running.json?["QueryStatus"]) ?? ""), "\(running.text)")

    gate.open()
    var status: String?
    let deadline = Date(timeIntervalSinceNow: 120)
    while status != "FINISHED" && Date() < deadline {
      try await Task.sleep(for: .milliseconds(10))
      let described = await handler.handle(
        ServerFixture.cloudTrail("DescribeQuery", body), caller: fixture.caller())
      status = Self.text(described.json?["QueryStatus"])
    }
    #expect(status == "FINISHED")
    let results = await handler.handle(
      ServerFixture.cloudTrail("GetQueryResults", body), caller: fixture.caller())
    #expect(
      results.text.contains(#""QueryResultRows":[[{"eventname":"ConsoleLogin"},{"errorcode":null}]]"#),
      "\(results.text)")
  }

  @Test func maxQueryResultsAboveAThousandIsTheOperationsOwnException() async throws {
    let fixture = try ServerFixture()
    let handler = CloudTrailHandler(environment: fixture.environment)
    let response = await handler.handle(
      ServerFixture.cloudTrail(
        "GetQueryResults", #"{"QueryId":"0123abcd-0000-4000-8000-000000000000","MaxQueryResults":1001}"#),
      caller: fixture.caller())
    #expect(response.errorType == "InvalidMaxResultsException", "\(response.text)")
  }
}
