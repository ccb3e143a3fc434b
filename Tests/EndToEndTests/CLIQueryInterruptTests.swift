import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Ctrl-C while `traildeck query` waits for its query: the query is cancelled through CancelQuery
/// (the process exits 1 with the query's CANCELLED line), and other processes see it CANCELLED.
@Suite("CLI query interrupt")
struct CLIQueryInterruptTests {
  static func json(_ result: CLIResult) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
  }

  @Test(.timeLimit(.minutes(5)))
  func ctrlCCancelsTheQueryAndTheProcessExits() throws {
    let scratch = try CLIScratch()
    let store = try scratch.eventDataStore("slow", holding: CLIRecords.sequence(1...200))
    let clock = ["--now", CLIScratch.lakeNow]
    let query = try CLIProcess.Running(
      [
        "query", CLIScratch.endlessStatement(over: "$EDS_ID"), "--event-data-store", store, "--db",
        scratch.db,
      ] + clock, home: scratch.folder)
    // A failed expectation below must not leave the query running for hours.
    defer { if query.process.isRunning { kill(query.pid, SIGKILL) } }
    let list = ["list-queries", "--event-data-store", store] + clock
    var queries: [[String: Any]] = []
    let deadline = Date(timeIntervalSinceNow: 120)
    repeat {
      Thread.sleep(forTimeInterval: 0.1)
      queries = try Self.json(try scratch.run(list))["Queries"] as? [[String: Any]] ?? []
    } while queries.first?["QueryStatus"] as? String != "RUNNING" && query.process.isRunning
      && Date() < deadline
    try #require(queries.count == 1 && queries[0]["QueryStatus"] as? String == "RUNNING", "\(queries)")
    let id = try #require(queries[0]["QueryId"] as? String)

    kill(query.pid, SIGINT)
    let interrupted = try query.finish()
    #expect(interrupted.status == 1, "\(interrupted)")
    #expect(!interrupted.wasKilled)
    #expect(interrupted.stdout == "")
    #expect(
      interrupted.stderr
        == "\ncancelling query \(id) (Ctrl-C again to quit at once)\nquery \(id) CANCELLED\n")

    let described = try scratch.run(["describe-query", "--query-id", id] + clock)
    #expect(described.status == 0, "\(described)")
    #expect(try Self.json(described)["QueryStatus"] as? String == "CANCELLED", "\(described)")
    let listed = try Self.json(try scratch.run(list))["Queries"] as? [[String: Any]] ?? []
    #expect(listed.map { $0["QueryStatus"] as? String } == ["CANCELLED"], "\(listed)")
  }
}
