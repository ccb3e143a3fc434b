import Foundation
import Testing

/// Drives the real `traildeck` UI in tmux the way a user would: panes, filter, detail, pivot,
/// download, resize and quit, reading the screen after each step.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(2)))
struct UIWalkthroughTests {
  static let dashboardTitle = "Events per minute"
  static let historyHeader = "Event time"

  @Test func walkThroughFilterDetailPivotDownloadResizeAndQuit() throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--no-live"] })
    defer { ui.close() }
    let session = ui.session
    try session.waitFor(Self.dashboardTitle, timeout: 20)

    // Panes: 2 shows the history, Tab moves on to the trails, the Lake, Insights and round to the
    // dashboard, 2 comes back.
    session.sendKeys("2")
    try session.waitFor(Self.historyHeader)
    try session.waitFor("Filter ReadOnly=false")
    session.sendKeys("Tab")
    try session.waitFor("Delivery log")
    session.sendKeys("Tab")
    try session.waitFor("Event data stores")
    session.sendKeys("Tab")
    // The template store has no Insights events: the pane says how they are found.
    try session.waitFor("No Insights events in the last 90 days")
    session.sendKeys("Tab")
    try session.waitFor(Self.dashboardTitle)
    session.sendKeys("2")
    try session.waitFor("Filter ReadOnly=false")

    // Filter bar: f opens the attribute list, g jumps to its top (EventId), Down picks EventName.
    session.sendKeys("f")
    try session.waitFor("Lookup attribute")
    session.sendKeys("g", "Down", "Enter")
    session.sendKeys("C-u")
    session.sendLiteral("AssumeRole")
    session.sendKeys("Enter")
    let filtered = try session.waitFor("Filter EventName=AssumeRole")
    try session.waitUntil("AssumeRole rows") { screen in
      screen.dropFirst(3).prefix(3).allSatisfy { $0.contains("AssumeRole") }
    }
    #expect(!filtered.contains { $0.contains("No events match") })

    // m marks two rows, C compares their records field by field, esc goes back to the table.
    session.sendKeys("m", "j", "m")
    try session.waitFor("2 marked")
    session.sendKeys("C")
    try session.waitFor("Compare 2 events")
    try session.waitFor("eventVersion")
    session.sendKeys("Escape")
    try session.waitUntil("the table again") { screen in
      screen.contains { $0.contains("Filter EventName=AssumeRole") }
        && !screen.contains { $0.contains("Compare 2") }
    }
    // M unmarks both; k goes back to the first row for the detail.
    session.sendKeys("M", "k")
    try session.waitUntil("no marks") { screen in !screen.contains { $0.contains("marked") } }

    // Enter opens the selected event's JSON record.
    session.sendKeys("Enter")
    try session.waitFor("\"eventName\": \"AssumeRole\"")
    try session.waitFor("\"eventVersion\"")

    // u pivots to the history of the event's user.
    session.sendKeys("u")
    let pivoted = try session.waitFor("Filter Username=")
    let filterLine = try #require(pivoted.first { $0.contains("Filter Username=") })
    let user = try #require(
      filterLine.components(separatedBy: "Filter Username=").last?.components(separatedBy: " │").first)
    #expect(!user.isEmpty)

    // d downloads the filtered history as CSV to a path typed into the prompt.
    let target = ui.folder.appendingPathComponent("history.csv").path
    session.sendKeys("d")
    try session.waitFor("Download CSV")
    session.sendKeys("C-u")
    session.sendLiteral(target)
    session.sendKeys("Enter")
    try session.waitFor("Wrote ", timeout: 20)
    let csv = try String(contentsOfFile: target, encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.first?.hasPrefix("Event ID,Event time,User name,Event name") == true)
    #expect(lines.count > 1, "the download has no rows:\n\(csv)")
    #expect(lines.dropFirst().allSatisfy { $0.contains(user) }, "a row of another user than \(user)")

    // Resize: the layout follows the window, smaller then larger, with nothing left over.
    for (width, height) in [(90, 28), (140, 45)] {
      session.resize(width: width, height: height)
      let screen = try session.waitUntil("a \(width)×\(height) layout") { screen in
        screen.count == height && screen.last?.contains("events") == true
          && screen.first?.hasPrefix(" 1 Dashboard") == true
      }
      #expect(screen.filter { $0.contains(Self.historyHeader) }.count == 1, "\(screen)")
      #expect(screen.filter { $0.contains("Filter Username=") }.count == 1, "\(screen)")
    }

    // :q quits; the shell gets its terminal back.
    session.sendKeys(":")
    session.sendLiteral("q")
    session.sendKeys("Enter")
    #expect(try session.waitForExit() == 0)
    #expect(session.terminalState() == .restored)
    #expect(!session.capturePane().contains { $0.contains(Self.dashboardTitle) })
  }

  @Test func freshDatabaseIsSeededWithProgressThenShown() throws {
    let ui = try UIHarness(
      arguments: { db, _ in
        ["ui", "--db", db, "--no-live", "--demo-days", "1", "--demo-accounts", "1", "--demo-regions", "1"]
      }, seeded: false)
    defer { ui.close() }
    try ui.session.waitFor("seeding demo account", timeout: 20)
    try ui.session.waitFor(Self.dashboardTitle, timeout: 60)
    try ui.session.waitUntil("an event count") { screen in
      screen.last?.range(of: #"[0-9],[0-9]{3} events"#, options: .regularExpression) != nil
    }
    ui.session.sendKeys("q")
    #expect(try ui.session.waitForExit() == 0)
    #expect(ui.session.terminalState() == .restored)
  }

  @Test func noArgumentsOpensTheDefaultDatabaseWithLiveEvents() throws {
    // The default database lives under XDG_DATA_HOME, which the harness points into its folder; it is
    // pre-filled with the small demo so this test does not pay for the full default seed.
    // Wider than the others: at 120 columns the key hints leave no room for the count after the
    // longer default path.
    let ui = try UIHarness(
      arguments: { _, _ in [] }, width: 150,
      prepare: { folder in
        let data = folder.appendingPathComponent("data/traildeck")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
          atPath: folder.appendingPathComponent("ui.db").path,
          toPath: data.appendingPathComponent("traildeck.db").path)
      })
    defer { ui.close() }
    let session = ui.session
    let first = try session.waitFor(Self.dashboardTitle, timeout: 20)
    #expect(first.last?.contains("data/traildeck/traildeck.db") == true, "\(first.last ?? "")")
    // A demo database gets live events: the event count in the status bar grows.
    let initial = try session.waitUntil("an event count") { Self.eventCount(in: $0) != nil }
    let start = try #require(Self.eventCount(in: initial))
    // The demo's live traffic is a few events a minute of the day's rhythm, written by a background
    // thread: alone it shows within seconds, but a full parallel run starved it past 15 s once.
    try session.waitUntil("more than \(start) events", timeout: 60) {
      (Self.eventCount(in: $0) ?? 0) > start
    }
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
    #expect(session.terminalState() == .restored)
  }

  /// The `N events` figure of the status bar.
  static func eventCount(in screen: [String]) -> Int? {
    guard let last = screen.last,
      let range = last.range(of: #"[0-9][0-9,]* events"#, options: .regularExpression)
    else { return nil }
    return Int(last[range].dropLast(" events".count).replacingOccurrences(of: ",", with: ""))
  }
}

extension TmuxSession {
  /// Polls the screen until `condition` holds; throws with the last screen on timeout.
  @discardableResult
  func waitUntil(_ what: String, timeout: Double = 10, _ condition: ([String]) -> Bool) throws -> [String] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let screen = capturePane()
      if condition(screen) { return screen }
      if Date() >= deadline { throw Failure.timedOut(waitingFor: what, seconds: timeout, screen: screen) }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }
}
