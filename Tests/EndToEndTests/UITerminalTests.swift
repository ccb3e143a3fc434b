import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The UI under other terminals, colour settings, themes and clocks: it starts, shows the dashboard
/// and gives the terminal back.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(2)))
struct UITerminalTests {
  /// An SGR colour (30–38, 40–48, 90–97, 100–107) in tmux's `capture-pane -e` output.
  static let colourPattern = #"\x1B\[([0-9;]*;)?(3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]"#

  static func hasColour(_ screen: [String]) -> Bool {
    screen.contains { $0.range(of: colourPattern, options: .regularExpression) != nil }
  }

  @Test(arguments: [
    ("xterm", true), ("screen-256color", true), ("tmux-256color", true), ("linux", true), ("vt100", false),
  ])
  func startsShowsTheDashboardAndQuitsCleanly(term: String, hasColour: Bool) throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--no-live"] }, term: term)
    defer { ui.close() }
    try ui.session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    try ui.session.waitFor("Top event names")
    #expect(Self.hasColour(ui.session.capturePane(escapes: true)) == hasColour, "TERM=\(term)")
    ui.session.sendKeys("2")
    try ui.session.waitFor(UIWalkthroughTests.historyHeader)
    ui.session.sendKeys("q")
    #expect(try ui.session.waitForExit() == 0)
    #expect(ui.session.terminalState() == .restored)
  }

  @Test(arguments: [(["--no-color"], [String: String]()), ([], ["NO_COLOR": "1"])])
  func noColourPaintsMonochrome(arguments: [String], environment: [String: String]) throws {
    let ui = try UIHarness(
      arguments: { db, _ in ["ui", "--db", db, "--no-live"] + arguments }, environment: environment)
    defer { ui.close() }
    try ui.session.waitFor("Top event names", timeout: 20)
    #expect(!Self.hasColour(ui.session.capturePane(escapes: true)))
    ui.session.sendKeys("q")
    #expect(try ui.session.waitForExit() == 0)
  }

  @Test func brokenUserThemeIsReportedWithItsLineAndTheUIRuns() throws {
    let ui = try UIHarness(
      arguments: { db, _ in ["ui", "--db", db, "--no-live", "--theme", "broken"] },
      prepare: { folder in
        let themes = folder.appendingPathComponent("config/traildeck/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "# a user's theme with one bad role\nheader = bold white on 17\nselektion = black on 220\n"
          .write(to: themes.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
      })
    defer { ui.close() }
    let screen = try ui.session.waitFor("broken.theme:3:", timeout: 20)
    #expect(screen.last?.contains("selektion") == true, "\(screen.last ?? "")")
    ui.session.sendKeys("2")
    try ui.session.waitFor(UIWalkthroughTests.historyHeader)
    // :theme switches at run time; an unknown name is refused with the choices.
    ui.session.sendKeys(":")
    ui.session.sendLiteral("theme light")
    ui.session.sendKeys("Enter")
    try ui.session.waitFor("Theme light")
    ui.session.sendKeys("q")
    #expect(try ui.session.waitForExit() == 0)
    #expect(ui.session.terminalState() == .restored)
  }

  @Test func fixedClockShowsAsOf() throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--now", "latest"] })
    defer { ui.close() }
    try ui.session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    try ui.session.waitFor("as of ")
    ui.session.sendKeys("q")
    #expect(try ui.session.waitForExit() == 0)
  }

  @Test(arguments: [("C-c", 130), ("SIGTERM", 143)])
  func signalsRestoreTheTerminal(how: String, status: Int) throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db] })
    defer { ui.close() }
    try ui.session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    if how == "SIGTERM" {
      let shell = try #require(ui.session.shellPID())
      // The shell traps TERM; its child (env → traildeck) is the UI.
      let child = try #require(Self.children(of: shell).first)
      kill(child, SIGTERM)
    } else {
      ui.session.sendKeys(how)
    }
    #expect(try ui.session.waitForExit() == status)
    #expect(ui.session.terminalState() == .restored)
  }

  @Test func closingTheTerminalEndsTheUIAndItsThreads() throws {
    let ui = try UIHarness(arguments: { db, _ in ["ui", "--db", db, "--live"] })
    defer { ui.close() }
    try ui.session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    let shell = try #require(ui.session.shellPID())
    let program = try #require(Self.children(of: shell).first)
    defer {
      // The wrapping shell traps HUP and outlives the server; end both by id.
      if TerminalHangupTests.isAlive(program) { kill(program, SIGKILL) }
      kill(-shell, SIGKILL)
    }
    ui.session.closeTerminal()
    let deadline = Date().addingTimeInterval(8)
    while TerminalHangupTests.isAlive(program), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(
      !TerminalHangupTests.isAlive(program), "traildeck \(program) still runs after its terminal closed")
  }

  static func children(of pid: Int32) -> [Int32] {
    let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
    return text.split(separator: " ").compactMap { Int32($0) }
  }
}
