import Foundation
import Testing

/// The Lake pane against the real binary: a GROUP BY typed into the editor runs on the store through
/// LakeSQLEngine off the UI loop, and its rows page with PgDn; a statement over an event data store
/// runs as a Lake query that `list-queries` lists.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(2)))
struct UILakeTests {
  /// Opens the Lake pane once the dashboard is up, waits for `ready` in it, types `statement`, runs it
  /// with Ctrl-R and returns the screen once the status line reports the events scanned.
  static func run(_ statement: String, in session: TmuxSession, once ready: String) throws -> [String] {
    try session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    session.sendKeys("4")
    try session.waitFor(ready)
    session.sendLiteral(statement)
    session.sendKeys("C-r")
    return try session.waitFor("events scanned", timeout: 30)
  }

  @Test func aStatementTypedInTheEditorRunsAndItsRowsPage() throws {
    // 24 rows: the results area holds a few rows, so a demo day's event names take several pages.
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--no-live"] }, height: 24)
    defer { ui.close() }
    let session = ui.session
    let screen = try Self.run(
      "SELECT eventName, count(*) AS n FROM all_events GROUP BY eventName ORDER BY n DESC", in: session,
      // The demo organization's stores of configuration items and evidence are listed.
      once: "demo-config-items")
    #expect(screen.contains { $0.contains("eventName") && $0.contains(" n") })
    let status = try #require(screen.first { $0.contains("events scanned") })
    #expect(status.contains("row 1 of"))
    // The grid's header row starts with the first column's name (the editor's line has a number first).
    let header = try #require(screen.firstIndex { $0.hasPrefix("eventName") })
    func firstName(_ lines: [String]) -> String? {
      lines.count > header + 1 ? lines[header + 1].split(separator: " ").first.map(String.init) : nil
    }
    let top = firstName(screen)
    #expect(top != nil)
    session.sendKeys("PageDown")
    // A page down moves the selection past the last visible row: the status line names a later row
    // and the grid scrolls.
    let deadline = Date().addingTimeInterval(5)
    var paged = session.capturePane()
    while Date() < deadline, paged.contains(where: { $0.contains("row 1 of") }) || firstName(paged) == top {
      Thread.sleep(forTimeInterval: 0.05)
      paged = session.capturePane()
    }
    #expect(paged.contains { $0.contains("events scanned") && !$0.contains("row 1 of") })
    #expect(firstName(paged) != top, "\(paged.joined(separator: "\n"))")
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func aStatementOverAnEventDataStoreIsAQueryListQueriesLists() throws {
    var storeID = ""
    let ui = try UIHarness(
      arguments: { db, _ in ["ui", "--db", db, "--no-live"] },
      prepare: { folder in
        let created = try CLIProcess.run(
          [
            "create-event-data-store", "--name", "pane", "--no-termination-protection-enabled", "--db",
            folder.appendingPathComponent("ui.db").path,
          ], home: folder.path)
        try #require(created.status == 0, "\(created)")
        let object = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
        let arn = try #require(object?["EventDataStoreArn"] as? String)
        storeID = String(arn.split(separator: "/").last!)
      })
    defer { ui.close() }
    let session = ui.session
    let screen = try Self.run("SELECT count(*) AS n FROM \(storeID)", in: session, once: "pane  \(storeID)")
    let status = try #require(screen.first { $0.contains("events scanned") })

    // The UI still runs: the query is in the store for any other process to read.
    let listed = try CLIProcess.run(
      ["list-queries", "--event-data-store", storeID, "--db", ui.databasePath], home: ui.folder.path)
    #expect(listed.status == 0, "\(listed)")
    let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
    let queries = object?["Queries"] as? [[String: Any]] ?? []
    #expect(queries.map { $0["QueryStatus"] as? String } == ["FINISHED"], "\(listed)")
    let queryID = try #require(queries.first?["QueryId"] as? String)
    // The status line names the query, for describe-query and get-query-results.
    #expect(status.contains("1 row · ") && status.contains(" · query \(queryID)"), "\(status)")
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }
}
