import Foundation
import Testing

/// How terminal-check looks and what it costs, beyond the text on screen.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the terminal end-to-end tests need it"),
  // A minute is plenty alone (each test takes under a second), but in the full run the suite waits for
  // the cooperative pool behind the blocking tmux and pytest tests on 2 cores: the limit guards hangs.
  .timeLimit(.minutes(3)))
struct TerminalCheckAppearanceTests {
  func start(term: String, environment: [String: String] = [:]) throws -> TmuxSession {
    let program = try #require(BuiltProducts.path(of: "terminal-check"))
    let session = try TmuxSession(program: program, term: term, environment: environment)
    try session.waitFor("last: none")
    return session
  }

  static func row(_ screen: [String], containing text: String) -> String {
    screen.first { $0.contains(text) } ?? "<no row with \(text)>"
  }

  @Test(arguments: [("vt100", [:]), ("xterm-256color", ["NO_COLOR": "1"])])
  func monochromeKeepsTheSelectionVisibleWithReverseVideo(term: String, environment: [String: String]) throws
  {
    let session = try start(term: term, environment: environment)
    defer { session.kill() }
    let screen = session.capturePane(escapes: true)
    let selection = Self.row(screen, containing: "selection: 10:00:01")
    // SGR 7 (reverse) right before the row's text, possibly combined with other attributes.
    #expect(
      selection.range(of: #"\[[0-9;]*7m(\e\[[0-9;]*m)*selection"#, options: .regularExpression) != nil,
      "\(selection.debugDescription)")
    #expect(!screen.joined().contains("[38;5;"), "monochrome painted a 256-colour foreground")
  }

  @Test func indexedColoursAreUsedOn256ColourTerminals() throws {
    let session = try start(term: "xterm-256color")
    defer { session.kill() }
    let screen = session.capturePane(escapes: true)
    // error = bold 196 in terminal-check's style map.
    #expect(Self.row(screen, containing: "error: AccessDenied").contains("38;5;196"))
  }

  @Test func themeSwitchRepaintsRowsWhoseTextDidNotChange() throws {
    let session = try start(term: "xterm-256color")
    defer { session.kill() }
    // The error row (colour 196) keeps its text; only the theme's colour for it changes.
    #expect(
      Self.row(session.capturePane(escapes: true), containing: "error: AccessDenied").contains("38;5;196"))
    session.sendKeys("t")
    try session.waitFor("last: key(char t)")
    let screen = session.capturePane(escapes: true).joined(separator: "\n")
    #expect(!screen.contains("38;5;196"), "a row kept the old theme's colour")
    #expect(screen.contains("38;5;201"))
  }

  @Test func idleCostsAlmostNoCPU() throws {
    let session = try start(term: "xterm-256color")
    defer { session.kill() }
    let line = Self.row(session.capturePane(), containing: "pid: ")
    let pid = try #require(Int32(line.components(separatedBy: "pid: ").last ?? ""))
    let before = try #require(Self.cpuTicks(of: pid))
    Thread.sleep(forTimeInterval: 3)
    let after = try #require(Self.cpuTicks(of: pid))
    // 3 s at 100 ticks/s: 1% of a core would be 3 ticks. Allow 2 for scheduler rounding.
    #expect(after - before <= 2, "terminal-check used \(after - before) CPU ticks in 3 s while idle")
  }

  /// utime + stime from /proc/<pid>/stat, in clock ticks.
  static func cpuTicks(of pid: Int32) -> Int? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let afterName = stat.split(separator: ")").last
    else { return nil }
    let fields = afterName.split(separator: " ")
    // Fields after "(comm)": state is [0], utime is [11], stime is [12].
    guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return nil }
    return user + system
  }
}
