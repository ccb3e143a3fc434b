import CNcurses
import Foundation
import TrailTUI

/// The real terminal: ncursesw in cbreak mode with keypad, mouse and resize, painting a `CellGrid`.
///
/// ncurses is process-global, so there is at most one `NcursesTerminal` at a time. Create it on the
/// thread that will paint and read; call `restore()` (or let `deinit` do it) before printing again.
public final class NcursesTerminal: TerminalDevice {
  /// How to start the terminal.
  public struct Options: Sendable {
    /// Paint without colour even when the terminal has it (`--no-color`).
    public var noColor: Bool
    /// Where `NO_COLOR` is read from; the process environment unless a test says otherwise.
    public var environment: [String: String]
    /// How long a lone Esc waits for the rest of an escape sequence. ncurses' default (1 s) makes
    /// Esc feel broken; 25 ms is enough for local terminals and tmux.
    public var escapeDelayMilliseconds: Int
    /// Report mouse presses and the wheel.
    public var enablesMouse: Bool
    /// Hold back stderr while the UI is up and print it after restore, so warnings and a crash's
    /// "Fatal error" line are not lost with the alternate screen.
    public var holdsStandardError: Bool

    public init(
      noColor: Bool = false, environment: [String: String] = ProcessInfo.processInfo.environment,
      escapeDelayMilliseconds: Int = 25, enablesMouse: Bool = true, holdsStandardError: Bool = true
    ) {
      self.noColor = noColor
      self.environment = environment
      self.escapeDelayMilliseconds = escapeDelayMilliseconds
      self.enablesMouse = enablesMouse
      self.holdsStandardError = holdsStandardError
    }
  }

  /// Why the terminal could not start.
  public enum StartError: Error, CustomStringConvertible {
    case unknownTerminal(String)
    public var description: String {
      switch self {
      case .unknownTerminal(let name):
        "cannot start the terminal UI: unknown terminal type TERM=\"\(name)\"\n"
          + "help: set TERM to one your system knows (e.g. xterm-256color), or use the CLI commands"
      }
    }
  }

  public let colorMode: ColorMode
  let styles: StyleResolver
  let wakePipe = WakePipe()
  /// The grid as last painted, to paint only changed cells; nil forces a full repaint.
  var painted: CellGrid?
  /// The role styles used for `painted`; a difference (a theme switch) forces a full repaint.
  var paintedStyles: [Style] = []
  /// Set once stdin reports a hang-up; every later read reports `.hangup` without waiting.
  private var isHungUp = false

  /// Starts ncurses on the controlling terminal.
  /// - Throws: `StartError.unknownTerminal` when `TERM` has no terminfo entry.
  public init(options: Options = Options()) throws {
    // Before ncurses starts, or it treats every byte as Latin-1 and CJK/emoji come out as garbage.
    tdcurses_use_environment_locale()
    guard tdcurses_newterm() != nil else {
      throw StartError.unknownTerminal(options.environment["TERM"] ?? "")
    }
    TerminalRestorer.activate(holdingStandardError: options.holdsStandardError)
    _ = cbreak()
    _ = noecho()
    _ = nonl()
    _ = intrflush(tdcurses_stdscr(), false)
    _ = keypad(tdcurses_stdscr(), true)
    tdcurses_define_extra_keys()
    _ = tdcurses_set_escdelay(Int32(options.escapeDelayMilliseconds))
    _ = curs_set(0)
    if options.enablesMouse { _ = tdcurses_enable_mouse() }

    let hasColors = has_colors()
    if hasColors { _ = start_color() }
    colorMode = ColorMode.detect(
      hasColors: hasColors, colorCount: Int(tdcurses_colors()),
      noColorEnvironment: options.environment["NO_COLOR"], noColorRequested: options.noColor)
    // Also in monochrome: once start_color ran, pair 0 is white on black unless the terminal's own
    // colours are allowed, and every cell would be painted with explicit colours (NO_COLOR broken).
    let hasDefaultColors = hasColors && use_default_colors() == OK && colorMode != .monochrome
    styles = StyleResolver(
      mode: colorMode, hasDefaultColors: hasDefaultColors, pairLimit: Int(tdcurses_color_pairs()))
  }

  deinit { restore() }

  public var size: Size {
    var rows: Int32 = 0
    var columns: Int32 = 0
    tdcurses_getmaxyx(tdcurses_stdscr(), &rows, &columns)
    return Size(width: Int(columns), height: Int(rows))
  }

  public var waker: @Sendable () -> Void { wakePipe.waker }

  public func restore() {
    TerminalRestorer.restore()
  }

  public func readInput(timeoutMilliseconds: Int) -> TerminalEvent? {
    guard !isHungUp else { return .hangup }
    // ncurses may hold decoded keys that are no longer in the file descriptor: ask it first.
    if let event = readPending() { return event }
    guard timeoutMilliseconds != 0 else { return nil }
    // Wait on stdin and the wake pipe together; a SIGWINCH interrupts the wait (EINTR) and
    // ncurses then reports KEY_RESIZE. (One landing just before the wait is seen at the next
    // wake-up, at most one tick later.)
    let ready = tdcurses_wait_readable(
      STDIN_FILENO, wakePipe.readDescriptor, Int32(clamping: timeoutMilliseconds))
    if ready & 2 != 0 { wakePipe.drain() }
    if let event = readPending() { return event }
    if ready & 4 != 0 {
      // The terminal closed under us (window closed, ssh dropped, tmux killed). Without this the
      // poll would return at once forever and spin a core.
      isHungUp = true
      return .hangup
    }
    return nil
  }

  /// Reads without waiting, skipping keys we have no name for.
  private func readPending() -> TerminalEvent? {
    while true {
      var code: Int32 = 0
      switch tdcurses_read(0, &code) {
      case 1:
        if let key = KeyDecoder.key(forCharacter: Int(code)) { return .key(key) }
      case 2:
        if let event = event(forKeyCode: code) { return event }
      default:
        return nil
      }
    }
  }

  private func event(forKeyCode code: Int32) -> TerminalEvent? {
    switch code {
    case KEY_RESIZE:
      painted = nil  // ncurses resized its screen; repaint everything on the next frame
      return .resize(size)
    case KEY_MOUSE:
      var x: Int32 = 0
      var y: Int32 = 0
      switch tdcurses_read_mouse(&x, &y) {
      case 1: return .mouse(MouseEvent(kind: .press, x: Int(x), y: Int(y)))
      case 2: return .mouse(MouseEvent(kind: .wheelUp, x: Int(x), y: Int(y)))
      case 3: return .mouse(MouseEvent(kind: .wheelDown, x: Int(x), y: Int(y)))
      default: return nil
      }
    default:
      return KeyDecoder.key(forKeyCode: Int(code)).map { .key($0) }
    }
  }
}
