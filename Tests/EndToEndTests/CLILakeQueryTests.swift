import Foundation
import Testing
import TrailCore
import TrailTestSupport

/// The Lake query subcommands as the aws CLI's (exit 254 with its error line, 252 for usage), and
/// `traildeck query`'s exits, driven through the built binary and its SQL engine.
@Suite("CLI Lake queries")
struct CLILakeQueryTests {
  static let unknown = "0123abcd-0000-4000-8000-000000000000"

  static func awsError(_ exception: String, _ operation: String) -> String {
    "\nAn error occurred (\(exception)) when calling the \(operation) operation: "
  }

  @Test func describeOfAnUnknownQueryExits254WithTheAwsLine() throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    let result = try scratch.run(["describe-query", "--query-id", Self.unknown])
    #expect(result.status == 254, "\(result)")
    #expect(result.stdout == "")
    #expect(
      result.stderr
        == Self.awsError("QueryIdNotFoundException", "DescribeQuery")
        + "The query ID \(Self.unknown) does not exist for this account and region (queries are kept 7 days after they end).\n"
    )
  }

  @Test func aRefusedStatementExits254BeforeAnyQueryId() throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    let started = try scratch.run(["start-query", "--query-statement", "SELECT eventName FROM x"])
    #expect(started.status == 254, "\(started)")
    #expect(started.stdout == "")
    #expect(
      started.stderr.hasPrefix(Self.awsError("InvalidQueryStatementException", "StartQuery")), "\(started)")
    let query = try scratch.run(["query", "SELECT eventName FROM x"])
    #expect(query.status == 254, "\(query)")
    #expect(query.stderr.hasPrefix(Self.awsError("InvalidQueryStatementException", "StartQuery")), "\(query)")
  }

  @Test(arguments: [
    (["start-query"], "InvalidParameterException", "StartQuery"),
    (["start-query", "--query-alias", "top-users"], "InvalidParameterException", "StartQuery"),
    (
      ["get-query-results", "--query-id", unknown, "--max-query-results", "0"], "InvalidMaxResultsException",
      "GetQueryResults"
    ),
    (["cancel-query", "--query-id", unknown], "QueryIdNotFoundException", "CancelQuery"),
    (
      [
        "list-queries", "--event-data-store", "e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", "--query-status",
        "DONE",
      ],
      "InvalidQueryStatusException", "ListQueries"
    ),
  ])
  func operationErrorsExit254(_ arguments: [String], _ exception: String, _ operation: String) throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    let result = try scratch.run(arguments)
    #expect(result.status == 254, "\(result)")
    #expect(result.stderr.hasPrefix(Self.awsError(exception, operation)), "\(result)")
  }

  @Test func listQueriesOfAStoreWithoutQueriesIsEmpty() throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    let result = try scratch.run([
      "list-queries", "--event-data-store", "e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout == "{\n    \"Queries\": []\n}\n")
  }

  @Test(arguments: [
    ["query", "SELECT * FROM $EDS_ID"], ["query", "SELECT 1", "--output", "xml"],
    ["query", "SELECT 1", "--max-rows", "0"],
    ["get-query-results"],
  ])
  func usageMistakesExit252(_ arguments: [String]) throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    let result = try scratch.run(arguments)
    #expect(result.status == 252, "\(result)")
  }

  /// `serve --query-timeout`, `TRAILDECK_QUERY_TIMEOUT` and `--threads` are checked before anything
  /// listens: usage errors (252) naming the value.
  @Test(arguments: [
    (["--query-timeout", "0"], [:], "Please give --query-timeout a number of seconds above 0; got 0."),
    (["--query-timeout=-2.5"], [:], "Please give --query-timeout a number of seconds above 0; got -2.5."),
    (
      [], ["TRAILDECK_QUERY_TIMEOUT": "soon"],
      "Please set TRAILDECK_QUERY_TIMEOUT to a number of seconds above 0; got 'soon'."
    ),
    (["--threads", "0"], [:], "Please give --threads a number of threads above 0; got 0."),
  ])
  func serveRefusesAQueryTimeoutNotAboveZero(
    _ arguments: [String], _ environment: [String: String], _ message: String
  ) throws {
    let scratch = try CLIScratch()
    let serve = try CLIProcess.Running(
      ["serve", "--listen", "127.0.0.1:0", "--db", scratch.db] + arguments, home: scratch.folder,
      environment: environment)
    // Were the value accepted, the server would serve until stopped.
    let deadline = Date(timeIntervalSinceNow: 60)
    while serve.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if serve.process.isRunning { serve.process.terminate() }
    let result = try serve.finish()
    #expect(result.status == 252, "\(result)")
    #expect(result.stdout == "")
    #expect(result.stderr.hasPrefix("Error: \(message)\nUsage: traildeck serve "), "\(result)")
  }

  /// Ten queries RUNNING in another live process (this test's) fill the caller's places in its region:
  /// the limit holds across processes, and is per region.
  @Test func theLimitOfTenCountsQueriesOfOtherProcesses() throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    #expect(
      try scratch.run(["list-queries", "--event-data-store", "e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"]).status
        == 0)
    let db = try SQLiteConnection(path: scratch.db)
    let heartbeat = Int64(Date().timeIntervalSince1970 * 1000)
    for n in 0..<10 {
      try db.execute(
        """
        INSERT INTO lake_queries (id, account, region, statement, status, created_at, owner_pid, owner_host, heartbeat_at)
        VALUES ('0123abcd-0000-4000-8000-00000000000\(n)', '123456789012', 'us-east-1', 'SELECT 1', 'RUNNING', 0,
          \(ProcessInfo.processInfo.processIdentifier), '\(ProcessInfo.processInfo.hostName)', \(heartbeat))
        """)
    }
    let full = try scratch.run(["start-query", "--query-statement", "SELECT 1"])
    #expect(full.status == 254, "\(full)")
    #expect(full.stderr.hasPrefix(Self.awsError("MaxConcurrentQueriesException", "StartQuery")), "\(full)")
    let elsewhere = try scratch.run(["start-query", "--query-statement", "SELECT 1", "--region", "eu-west-1"])
    // Another region has its own ten: the statement starts there.
    #expect(elsewhere.status == 0, "\(elsewhere)")
    #expect(elsewhere.stdout.contains(#""QueryId""#), "\(elsewhere)")
  }

  /// A query whose process died (a RUNNING row of a pid that has exited) reads as FAILED in the next
  /// process, and no longer counts against the limit.
  @Test func aQueryOfADeadProcessIsFailedByTheNextCommand() throws {
    let scratch = try CLIScratch()
    try ExampleEventDataStore.insert("e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37", databasePath: scratch.db)
    #expect(
      try scratch.run(["list-queries", "--event-data-store", "e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37"]).status
        == 0)
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let db = try SQLiteConnection(path: scratch.db)
    try db.execute(
      """
      INSERT INTO lake_queries (id, account, region, statement, status, created_at, owner_pid, owner_host, heartbeat_at)
      VALUES ('\(Self.unknown)', '123456789012', 'us-east-1', 'SELECT 1', 'RUNNING', 0,
        \(child.processIdentifier), '\(ProcessInfo.processInfo.hostName)', 0)
      """)
    let described = try scratch.run(["describe-query", "--query-id", Self.unknown])
    #expect(described.status == 0, "\(described)")
    #expect(described.stdout.contains(#""QueryStatus": "FAILED""#), "\(described)")
    #expect(
      described.stdout.contains(#""ErrorMessage": "The TrailDeck process that ran this query (pid "#),
      "\(described)")
  }
}
