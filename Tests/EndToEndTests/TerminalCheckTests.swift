import Foundation
import Testing

/// Drives `terminal-check` (the ncurses adapter's test subject) in tmux under several terminals and
/// reads the screen back.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the terminal end-to-end tests need it"),
  // A minute is plenty alone (each test takes under a second), but in the full run the suite waits for
  // the cooperative pool behind the blocking tmux and pytest tests on 2 cores: the limit guards hangs.
  .timeLimit(.minutes(3)))
struct TerminalCheckTests {
  static let wideLine = "wide: 漢字テスト 🚀✅ end"

  func start(
    term: String = "xterm-256color", arguments: [String] = [], environment: [String: String] = [:],
    width: Int = 80, height: Int = 24
  ) throws -> TmuxSession {
    let program = try #require(
      BuiltProducts.path(of: "terminal-check"), "terminal-check was not built next to the test bundle")
    let session = try TmuxSession(
      program: program, arguments: arguments, term: term, environment: environment, width: width,
      height: height)
    try session.waitFor("last: none")
    return session
  }

  @Test func xterm256PaintsColoursAndWideTextIntact() throws {
    let session = try start()
    defer { session.kill() }
    let screen = session.capturePane()
    #expect(screen.first == "TrailDeck terminal-check")
    #expect(screen.count > 1 && screen[1] == Self.wideLine)
    #expect(screen.contains("colors: 256"))
    #expect(screen.last == "q quits")
  }

  @Test(arguments: [
    ("xterm", "8"), ("xterm-256color", "256"), ("screen-256color", "256"), ("tmux-256color", "256"),
    ("linux", "8"), ("vt100", "mono"),
  ])
  func colourModeFollowsTerm(term: String, colors: String) throws {
    let session = try start(term: term)
    defer { session.kill() }
    try session.waitFor("colors: \(colors)", timeout: 2)
    // The arrow keys use the terminal's own sequences (keypad mode), so decode them per TERM.
    session.sendKeys("Down")
    try session.waitFor("last: key(down)")
  }

  @Test func noColorEnvironmentMeansMonochrome() throws {
    let session = try start(environment: ["NO_COLOR": "1"])
    defer { session.kill() }
    try session.waitFor("colors: mono", timeout: 2)
  }

  @Test func emptyNoColorIsIgnored() throws {
    let session = try start(environment: ["NO_COLOR": ""])
    defer { session.kill() }
    try session.waitFor("colors: 256", timeout: 2)
  }

  @Test func noColorFlagMeansMonochrome() throws {
    let session = try start(arguments: ["--no-color"])
    defer { session.kill() }
    try session.waitFor("colors: mono", timeout: 2)
  }

  @Test(arguments: [
    ("Down", "key(down)"), ("Up", "key(up)"), ("Left", "key(left)"), ("Right", "key(right)"),
    ("Tab", "key(tab)"), ("BTab", "key(backtab)"), ("Enter", "key(enter)"), ("Escape", "key(escape)"),
    ("BSpace", "key(backspace)"), ("DC", "key(delete)"), ("PPage", "key(pageup)"), ("NPage", "key(pagedown)"),
    ("Home", "key(home)"), ("End", "key(end)"), ("F1", "key(f1)"), ("F5", "key(f5)"), ("F12", "key(f12)"),
    ("C-a", "key(ctrl-a)"), ("C-j", "key(enter)"), ("x", "key(char x)"), ("é", "key(char é)"),
    ("漢", "key(char 漢)"),
  ])
  func keyIsDecoded(tmuxKey: String, shown: String) throws {
    let session = try start()
    defer { session.kill() }
    session.sendKeys(tmuxKey)
    try session.waitFor("last: \(shown)", timeout: 5)
  }

  @Test func shorterTextLeavesNoStaleCharactersBehind() throws {
    let session = try start()
    defer { session.kill() }
    session.sendKeys("NPage")
    try session.waitFor("last: key(pagedown)")
    session.sendKeys("Up")
    let screen = try session.waitFor("last: key(up)")
    #expect(screen.contains("last: key(up)"), "the shorter line kept old characters: \(screen)")
  }

  @Test func resizeIsDecodedAndRepaintsAll() throws {
    let session = try start()
    defer { session.kill() }
    session.resize(width: 100, height: 30)
    let screen = try session.waitFor("last: resize(100x30)")
    #expect(screen.count == 30)
    #expect(screen[1] == Self.wideLine)
    #expect(screen.last == "q quits")
  }

  @Test func mousePressAndWheelAreDecoded() throws {
    let session = try start()
    defer { session.kill() }
    // SGR mouse reports as xterm sends them: columns and rows count from 1 there, from 0 for us.
    session.sendLiteral("\u{1B}[<0;4;5M")
    try session.waitFor("last: mouse(press 3,4)")
    session.sendLiteral("\u{1B}[<65;10;2M")
    try session.waitFor("last: mouse(wheeldown 9,1)")
  }

  @Test(arguments: ["xterm-256color", "xterm", "screen-256color", "tmux-256color", "linux", "vt100"])
  func quitRestoresTheTerminal(term: String) throws {
    let session = try start(term: term)
    defer { session.kill() }
    #expect(session.terminalState().mouseReporting || term == "vt100" || term == "linux")
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
    #expect(session.terminalState() == .restored)
    if term.hasPrefix("xterm") || term.hasPrefix("screen") || term.hasPrefix("tmux") {
      // These leave the alternate screen, so the UI is gone and the shell's output is what shows.
      #expect(!session.capturePane().contains("TrailDeck terminal-check"))
    }
  }

  @Test(arguments: [("C-c", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
  func signalRestoresTheTerminalAndEndsTheProgram(how: String, status: Int) throws {
    let session = try start()
    defer { session.kill() }
    if how.hasPrefix("SIG") {
      let line = session.capturePane().first { $0.contains("pid: ") } ?? ""
      let pid = try #require(Int32(line.components(separatedBy: "pid: ").last ?? ""), "no pid on screen")
      kill(pid, how == "SIGTERM" ? SIGTERM : SIGHUP)
    } else {
      session.sendKeys(how)
    }
    #expect(try session.waitForExit() == status)
    #expect(session.terminalState() == .restored)
    #expect(!session.capturePane().contains("TrailDeck terminal-check"))
  }

  @Test func crashRestoresTheTerminalAndKeepsTheBacktrace() throws {
    // interactive=no: the backtracer would otherwise wait 30 s for a key on a terminal.
    let session = try start(arguments: ["--crash-on-key"], environment: ["SWIFT_BACKTRACE": "interactive=no"])
    defer { session.kill() }
    session.sendKeys("x")
    let status = try session.waitForExit(timeout: 20)
    #expect(status == 128 + Int(SIGILL) || status == 128 + Int(SIGTRAP), "exit status \(status)")
    #expect(session.terminalState() == .restored)
    // stderr held during the UI (the "Fatal error" line) is replayed on the normal screen, then the backtrace.
    #expect(
      session.capturePane(history: true).contains {
        $0.contains("Fatal error: terminal-check: crash requested")
      })
  }

  @Test func unknownTermIsReportedNotCrashed() throws {
    let program = try #require(BuiltProducts.path(of: "terminal-check"))
    let session = try TmuxSession(program: program, term: "no-such-terminal-xyz")
    defer { session.kill() }
    try session.waitFor("unknown terminal type TERM=\"no-such-terminal-xyz\"")
    #expect(try session.waitForExit() == 1)
  }
}

/// A program whose terminal disappears must end, not spin on a dead pty.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed; the terminal end-to-end tests need it"))
struct TerminalHangupTests {
  @Test func closingTheTerminalEndsTheProgram() throws {
    let program = try #require(BuiltProducts.path(of: "terminal-check"))
    let session = try TmuxSession(program: program, term: "xterm-256color")
    defer { session.kill() }
    try session.waitFor("last: none")
    let line = session.capturePane().first { $0.contains("pid: ") } ?? ""
    let pid = try #require(Int32(line.components(separatedBy: "pid: ").last ?? ""), "no pid on screen")
    let shell = try #require(session.shellPID())
    defer {
      // The wrapping shell traps HUP, so it outlives the server; end both by id.
      if TerminalHangupTests.isAlive(pid) { kill(pid, SIGKILL) }
      kill(-shell, SIGKILL)
    }
    session.closeTerminal()
    let deadline = Date().addingTimeInterval(5)
    while TerminalHangupTests.isAlive(pid), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(!TerminalHangupTests.isAlive(pid), "terminal-check \(pid) still runs after its terminal closed")
  }

  /// Alive and not a zombie (an orphaned zombie may never be reaped in a container).
  static func isAlive(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
    let state = stat.split(separator: ")").last?.split(separator: " ").first ?? "?"
    return state != "Z" && state != "X"
  }
}
