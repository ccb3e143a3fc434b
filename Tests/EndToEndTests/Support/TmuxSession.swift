import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One program running in its own private tmux server, for end-to-end tests of the terminal UI.
///
/// Every session has its own socket (`tmux -L`), so tests run in parallel and never touch the
/// user's tmux. The program runs inside `sh -c 'trap : INT…; program; echo <marker> $?; sleep 30'`, so after it
/// quits the pane shows whether the terminal came back (see `terminalState()`).
///
/// ```swift
/// let session = try TmuxSession(program: path, term: "xterm-256color", width: 80, height: 24)
/// defer { session.kill() }
/// try session.waitFor("colors: 256")
/// session.sendKeys("Down")
/// try session.waitFor("last: key(down)")
/// ```
final class TmuxSession {
  /// Printed by the wrapping shell once the program has exited, followed by its exit status.
  static let exitMarker = "PROGRAM-EXITED"

  enum Failure: Error, CustomStringConvertible {
    case tmuxFailed(arguments: [String], status: Int32, message: String)
    case timedOut(waitingFor: String, seconds: Double, screen: [String])

    var description: String {
      switch self {
      case .tmuxFailed(let arguments, let status, let message):
        "tmux \(arguments.joined(separator: " ")) exited \(status): \(message)"
      case .timedOut(let text, let seconds, let screen):
        "no \"\(text)\" on screen after \(seconds) s; the screen was:\n"
          + screen.enumerated().map { String(format: "%2d|", $0.offset) + $0.element }.joined(separator: "\n")
      }
    }
  }

  static var tmuxPath: String? { CommandRunner.find("tmux") }
  static var isAvailable: Bool { tmuxPath != nil }

  let socket: String
  private let tmux: String
  private var isKilled = false

  /// Starts `program` with `arguments` in a detached session of `width`×`height`.
  /// - Parameters:
  ///   - term: the TERM the program sees.
  ///   - environment: extra variables for the program; `NO_COLOR` is removed unless given here,
  ///     so the developer's own setting does not leak into a test.
  init(
    program: String, arguments: [String] = [], term: String, environment: [String: String] = [:],
    width: Int = 80, height: Int = 24
  ) throws {
    guard let tmux = Self.tmuxPath else {
      throw Failure.tmuxFailed(arguments: [], status: -1, message: "no tmux")
    }
    self.tmux = tmux
    socket = "traildeck-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
    var variables = ["TERM": term, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
    variables.merge(environment) { _, given in given }
    let unset = environment["NO_COLOR"] == nil ? "-u NO_COLOR " : ""
    let assignments = variables.sorted { $0.key < $1.key }.map { Self.quote("\($0.key)=\($0.value)") }
    let command = ([program] + arguments).map(Self.quote).joined(separator: " ")
    let script =
      // The trap keeps the shell alive through a Ctrl-C meant for the program (the child still gets
      // the default disposition), so the marker shows how the program ended.
      "trap : INT TERM HUP; env \(unset)\(assignments.joined(separator: " ")) \(command); echo \(Self.exitMarker) $?; sleep 30"
    try tmuxCommand(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "sh", "-c", script])
  }

  deinit { kill() }

  /// Sends tmux key names (`"Down"`, `"q"`, `"C-c"`, `"BTab"`, `"F5"`).
  func sendKeys(_ keys: String...) {
    _ = try? tmuxCommand(["send-keys", "-t", "0"] + keys)
  }

  /// Sends text byte for byte (escape sequences included), without tmux's key-name parsing.
  func sendLiteral(_ text: String) {
    _ = try? tmuxCommand(["send-keys", "-t", "0", "-l", text])
  }

  /// The visible screen as plain text, one string per row (trailing blanks trimmed by tmux).
  /// With `escapes`, rows carry the SGR sequences tmux would draw them with (bold, reverse, colours);
  /// with `history`, the rows scrolled off the top come first.
  func capturePane(escapes: Bool = false, history: Bool = false) -> [String] {
    let options = (escapes ? ["-e"] : []) + (history ? ["-S", "-"] : [])
    let printed = (try? tmuxCommand(["capture-pane", "-p", "-t", "0"] + options)) ?? ""
    var lines = printed.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Polls the screen until some row contains `text`; throws with the last screen on timeout.
  @discardableResult
  func waitFor(_ text: String, timeout: Double = 10) throws -> [String] {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      let screen = capturePane()
      if screen.contains(where: { $0.contains(text) }) { return screen }
      if Date() >= deadline { throw Failure.timedOut(waitingFor: text, seconds: timeout, screen: screen) }
      Thread.sleep(forTimeInterval: 0.05)
    }
  }

  /// Resizes the window; the program gets SIGWINCH as in a real terminal.
  func resize(width: Int, height: Int) {
    _ = try? tmuxCommand(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
  }

  /// tmux's view of the pane's terminal modes, to check a program gave the terminal back.
  struct TerminalState: Equatable, CustomStringConvertible {
    var alternateScreen: Bool
    var cursorVisible: Bool
    var mouseReporting: Bool
    var description: String {
      "alternate screen \(alternateScreen), cursor visible \(cursorVisible), mouse \(mouseReporting)"
    }
    /// What a shell prompt expects: main screen, visible cursor, no mouse reports.
    static let restored = TerminalState(alternateScreen: false, cursorVisible: true, mouseReporting: false)
  }

  func terminalState() -> TerminalState {
    let printed =
      (try? tmuxCommand([
        "display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}",
      ]))
      ?? ""
    let flags = printed.split(separator: " ").map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }
    guard flags.count == 3 else {
      return TerminalState(alternateScreen: true, cursorVisible: false, mouseReporting: true)
    }
    return TerminalState(alternateScreen: flags[0], cursorVisible: flags[1], mouseReporting: flags[2])
  }

  /// Waits for the program to exit and returns its exit status as the shell reported it
  /// (128 + N when a signal N ended it).
  func waitForExit(timeout: Double = 10) throws -> Int {
    let screen = try waitFor(Self.exitMarker, timeout: timeout)
    let line = screen.last { $0.contains(Self.exitMarker) } ?? ""
    return Int(line.components(separatedBy: Self.exitMarker).last?.trimmingCharacters(in: .whitespaces) ?? "")
      ?? -1
  }

  /// The pid of the shell wrapping the program (it leads the pane's process group).
  func shellPID() -> Int32? {
    Int32(
      ((try? tmuxCommand(["display-message", "-p", "-t", "0", "#{pane_pid}"])) ?? "").trimmingCharacters(
        in: .whitespacesAndNewlines))
  }

  /// Kills the tmux server only, as when a terminal window is closed: the pane's pty goes away and
  /// the program has to notice by itself.
  func closeTerminal() {
    _ = try? tmuxCommand(["kill-server"])
  }

  /// Stops the program, its shell and the tmux server. Idempotent; always call it (in a `defer`).
  ///
  /// The pane's processes are killed by their process group first: closing the pty alone does not
  /// reliably end a program that ignores or mishandles the hang-up, and a test must not leave one behind.
  func kill() {
    guard !isKilled else { return }
    isKilled = true
    let printed = (try? tmuxCommand(["list-panes", "-a", "-F", "#{pane_pid}"])) ?? ""
    for line in printed.split(separator: "\n") {
      // The pane's shell leads its own session and process group, so this reaches the program too.
      if let shell = Int32(line.trimmingCharacters(in: .whitespaces)), shell > 1 {
        _ = Glibc.kill(-shell, SIGKILL)
      }
    }
    _ = try? tmuxCommand(["kill-server"])
  }

  @discardableResult
  private func tmuxCommand(_ arguments: [String]) throws -> String {
    // -u: the panes hold UTF-8 whatever the test runner's locale; -f /dev/null: no user config.
    let full = ["-u", "-L", socket, "-f", "/dev/null"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["TMUX"] = nil  // allowed to run inside the developer's own tmux
    environment["LANG"] = "C.UTF-8"
    environment["LC_ALL"] = "C.UTF-8"
    if environment["TERM"] == nil { environment["TERM"] = "xterm-256color" }
    let result = try CommandRunner.run(tmux, full, environment: environment)
    guard result.status == 0 else {
      throw Failure.tmuxFailed(arguments: arguments, status: result.status, message: result.standardError)
    }
    return result.standardOutput
  }

  /// Single-quotes a word for sh.
  static func quote(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
