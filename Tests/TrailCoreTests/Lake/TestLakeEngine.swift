import Foundation
import Synchronization
import Testing
import TrailTestSupport

@testable import TrailCore

/// A stand-in for the SQL engine, steered by the statement's text:
/// - `rows:N` — N rows of (`eventname`, `errorcode`), `errorcode` NULL on every third row;
/// - `fail` — fails while running with "Division by zero";
/// - `block` — runs until cancelled, then stops with two partial rows;
/// - `gate:NAME` — runs until `TestGates.open(NAME)`, then returns one row;
/// - `refuse` (or anything else) — refused by `prepare` with InvalidQueryStatementException.
struct TestLakeEngine: LakeQueryEngine {
  static let storeARN =
    "arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore/e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"

  func prepare(_ statement: String, parameters: [String], connection: SQLiteConnection, context: StoreContext)
    throws -> any PreparedLakeQuery
  {
    let known = ["rows:", "fail", "block", "gate:"]
    guard known.contains(where: { statement.hasPrefix($0) }) else {
      throw ServiceError(
        "InvalidQueryStatementException", "line 1:1: mismatched input '\(statement.prefix(8))'")
    }
    return Prepared(statement: statement)
  }

  static func rows(_ count: Int) -> [[String?]] {
    (0..<count).map { ["Event\($0)", $0 % 3 == 0 ? nil : "Error\($0)"] }
  }

  struct Prepared: PreparedLakeQuery {
    let statement: String
    var eventDataStoreARNs: [String] { [TestLakeEngine.storeARN] }

    func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
      -> LakeQueryOutput
    {
      let columns = ["eventname", "errorcode"]
      if statement.hasPrefix("rows:") {
        let count = Int(statement.dropFirst(5)) ?? 0
        return LakeQueryOutput(
          columns: columns, rows: TestLakeEngine.rows(count), eventsScanned: 5000,
          eventsMatched: Int64(count),
          bytesScanned: 123_456)
      }
      if statement == "fail" { throw LakeQueryFailure("Division by zero") }
      // A safety net, far beyond any test: a query a test forgets to stop ends with the test run.
      let deadline = Date(timeIntervalSinceNow: 600)
      if statement.hasPrefix("gate:") {
        let name = String(statement.dropFirst(5))
        while !TestGates.isOpen(name) && Date() < deadline {
          if cancellation.isCancelled { throw LakeQueryCancelled() }
          usleep(2000)
        }
        return LakeQueryOutput(columns: columns, rows: [["Gated", nil]], eventsScanned: 1, eventsMatched: 1)
      }
      while !cancellation.isCancelled && Date() < deadline { usleep(2000) }
      throw LakeQueryCancelled(partial: LakeQueryOutput(columns: columns, rows: TestLakeEngine.rows(2)))
    }
  }
}

/// Named gates the `gate:NAME` statements wait for (names are unique per test).
enum TestGates {
  private static let opened = Mutex<Set<String>>([])
  static func open(_ name: String) { opened.withLock { _ = $0.insert(name) } }
  static func isOpen(_ name: String) -> Bool { opened.withLock { $0.contains(name) } }
}

/// A store with the test engine installed and a settable clock.
final class LakeQueryFixture {
  static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  let store: TestStore
  let clock = ManualClock(LakeQueryFixture.start)
  let host: LakeQueryHost
  let buckets: String

  init(_ settings: LakeQuerySettings = LakeQuerySettings(heartbeatInterval: 0.01)) throws {
    store = try TestStore()
    buckets = store.folder + "/buckets"
    try FileManager.default.createDirectory(atPath: buckets + "/results", withIntermediateDirectories: true)
    _ = try EventStore.openWriter(path: store.dbPath)
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: store.dbPath)
    host = LakeQueryHost(engine: TestLakeEngine(), settings: settings)
    LakeQueryHost.install(host, for: store.dbPath)
  }

  func services(account: String = "123456789012", region: String = "us-east-1") throws -> StoreServices {
    try StoreServices(
      StoreContext(
        databasePath: store.dbPath, clock: clock, bucketsDirectory: buckets, account: account, region: region)
    )
  }

  /// Starts `statement`; the QueryId.
  func start(_ statement: String, region: String = "us-east-1") throws -> String {
    let response = try StartQuery.perform(
      StartQueryRequest(queryStatement: statement), with: services(region: region))
    return try #require(response.queryId)
  }

  func describe(_ id: String) throws -> DescribeQueryResponse {
    try DescribeQuery.perform(DescribeQueryRequest(queryId: id), with: services())
  }

  func status(_ id: String) throws -> String? { try describe(id).queryStatus }

  /// Waits (real time, at most 2 minutes: a loaded machine is slow) until query `id` has `status`; returns the last status seen.
  @discardableResult func wait(_ id: String, for status: LakeQueryStatus) throws -> String? {
    let deadline = Date(timeIntervalSinceNow: 120)
    var seen = try self.status(id)
    while seen != status.rawValue && Date() < deadline {
      usleep(5000)
      seen = try self.status(id)
    }
    return seen
  }

  /// Runs query `statement` to its end; the QueryId.
  func run(_ statement: String) throws -> String {
    let id = try start(statement)
    host.waitUntilEnded(id)
    return id
  }
}

/// The exception name of what `body` threw (nil when it threw nothing or not a `ServiceError`).
func exceptionName(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch let error as ServiceError {
    return error.exceptionName
  } catch {
    return "\(error)"
  }
}
