import Foundation
import Testing
import TrailCore
import TrailTestSupport

@testable import traildeck

/// What `traildeck query` prints and exits with once its query has ended, for each way a query ends,
/// with an engine that answers by statement (the SQL engine is not part of this branch).
@Suite("Query report")
struct QueryReportTests {
  /// `rows:N` → N rows (errorcode NULL on even rows); `fail` → FAILED; `block` → runs until stopped.
  struct Engine: LakeQueryEngine {
    struct Prepared: PreparedLakeQuery {
      let statement: String
      var eventDataStoreARNs: [String] {
        ["arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"]
      }
      func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
        -> LakeQueryOutput
      {
        if statement == "fail" { throw LakeQueryFailure("Division by zero") }
        if statement == "block" {
          let deadline = Date(timeIntervalSinceNow: 600)
          while !cancellation.isCancelled && Date() < deadline { usleep(2000) }
          throw LakeQueryCancelled(partial: LakeQueryOutput(columns: ["eventname"], rows: [["Partial"]]))
        }
        let count = Int(statement.dropFirst("rows:".count)) ?? 0
        return LakeQueryOutput(
          columns: ["eventname", "errorcode"], rows: (0..<count).map { ["E\($0)", $0 % 2 == 0 ? nil : "X"] })
      }
    }
    func prepare(
      _ statement: String, parameters: [String], connection: SQLiteConnection, context: StoreContext
    )
      throws -> any PreparedLakeQuery
    {
      Prepared(statement: statement)
    }
  }

  final class Fixture {
    let folder: String
    let clock = ManualClock(Date(timeIntervalSince1970: 1_767_225_600))
    let host: LakeQueryHost
    let services: StoreServices

    init(timeout: TimeInterval = 3600) throws {
      folder = try CLIProcess.makeFolder()
      let db = folder + "/store.db"
      _ = try EventStore.openWriter(path: db)
      try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: db)
      host = LakeQueryHost(
        engine: Engine(), settings: LakeQuerySettings(timeout: timeout, heartbeatInterval: 0.01))
      LakeQueryHost.install(host, for: db)
      services = try StoreServices(
        StoreContext(databasePath: db, clock: clock, bucketsDirectory: folder + "/b"))
    }
    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func report(
      _ statement: String, _ format: QueryResultText.Format = .table, maxRows: Int = 1000,
      during: (String) -> Void = { _ in }
    )
      throws -> QueryReport
    {
      let id = try #require(
        try StartQuery.perform(StartQueryRequest(queryStatement: statement), with: services).queryId)
      during(id)
      host.waitUntilEnded(id)
      let described = try DescribeQuery.perform(DescribeQueryRequest(queryId: id), with: services)
      return try QueryReport(
        query: StartedQuery(id: id, services: services), described: described, format: format,
        maxRows: maxRows)
    }
  }

  @Test func aFinishedQueryPrintsItsRowsAndExits0() throws {
    let report = try Fixture().report("rows:3")
    #expect(report.status == 0)
    #expect(
      report.stdout
        == "eventname  errorcode\n---------  ---------\nE0         NULL\nE1         X\nE2         NULL\n")
    #expect(report.stderr == "3 rows\n")
  }

  @Test func maxRowsStopsThePrintingAndSaysHowManyWereLeft() throws {
    let report = try Fixture().report("rows:2500", .csv, maxRows: 1200)
    #expect(report.status == 0)
    #expect(report.stdout.components(separatedBy: "\r\n").count == 1 + 1200 + 1)
    #expect(report.stderr == "1300 more rows not shown (--max-rows 1200)\n")
  }

  @Test func noRowsIsAnEmptyJSONArray() throws {
    let report = try Fixture().report("rows:0", .json)
    #expect(report.stdout == "[]\n" && report.stderr == "" && report.status == 0)
  }

  @Test func aFailedQueryPrintsItsErrorMessageAndExits1() throws {
    let report = try Fixture().report("fail")
    #expect(report.status == 1)
    #expect(report.stdout == "")
    #expect(report.stderr.hasSuffix(" FAILED: Division by zero\n"), "\(report.stderr)")
  }

  @Test func aTimedOutQueryPrintsItsPartialRowsAndExits1() throws {
    let fixture = try Fixture(timeout: 60)
    let report = try fixture.report("block", .json) { id in
      while (try? DescribeQuery.perform(DescribeQueryRequest(queryId: id), with: fixture.services).queryStatus)
        != "RUNNING"
      {
        usleep(2000)
      }
      fixture.clock.advance(by: 61)
    }
    #expect(report.status == 1)
    #expect(report.stdout == "[\n    {\n        \"eventname\": \"Partial\"\n    }\n]\n")
    #expect(
      report.stderr.contains(" TIMED_OUT: The query ran longer than 60 s, the timeout"), "\(report.stderr)")
  }
}
