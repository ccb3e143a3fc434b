import Foundation
import Testing

/// New events reach the UI whoever writes them: its own simulator or another process.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(2)))
struct UILiveTests {
  @Test func burstFromAnotherProcessShowsUpWithoutLiveMode() throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--no-live"] }, width: 140)
    defer { ui.close() }
    let session = ui.session
    try session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    let before = try session.waitUntil("an event count") { UIWalkthroughTests.eventCount(in: $0) != nil }
    let start = try #require(UIWalkthroughTests.eventCount(in: before))
    session.sendKeys("2")
    try session.waitFor(UIWalkthroughTests.historyHeader)

    // Another seed into the same file: a burst of thousands of events from a second process.
    let program = try #require(BuiltProducts.path(of: "traildeck"))
    let seeded = try CommandRunner.run(
      program,
      ["demo", "--db", ui.databasePath, "--seed", "2", "--days", "1", "--accounts", "1", "--regions", "1"],
      environment: ProcessInfo.processInfo.environment, timeout: 60)
    #expect(seeded.status == 0, "\(seeded.standardError)")

    let after = try session.waitUntil("more than \(start + 1000) events", timeout: 15) {
      (UIWalkthroughTests.eventCount(in: $0) ?? 0) > start + 1000
    }
    // Still responsive: the pane answers a key at once.
    #expect(after.contains { $0.contains("Filter ReadOnly=false") })
    session.sendKeys("1")
    try session.waitFor(UIWalkthroughTests.dashboardTitle)
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }

  @Test func liveDemoAddsRowsAtTheTopOfTheHistory() throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--live", "--rate", "20"] })
    defer { ui.close() }
    let session = ui.session
    session.sendKeys("2")
    try session.waitFor(UIWalkthroughTests.historyHeader, timeout: 20)
    // "x" clears the ReadOnly=false filter so every simulated event counts.
    session.sendKeys("x")
    try session.waitFor("Filter none")
    func topRow(_ screen: [String]) -> String? {
      // The row starts after the (empty) marker column.
      screen.count > 3 && screen[3].drop(while: { $0 == " " }).hasPrefix("20") ? screen[3] : nil
    }
    let top = try #require(topRow(try session.waitUntil("rows") { topRow($0) != nil }))
    try session.waitUntil("a new top row", timeout: 15) { topRow($0).map { $0 != top } ?? false }
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
    #expect(session.terminalState() == .restored)
  }
}
