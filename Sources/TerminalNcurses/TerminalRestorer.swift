import CNcurses
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Gives the terminal back on every way out: a normal quit, SIGINT/SIGTERM/SIGHUP, `exit()` and,
/// best effort, a crash.
///
/// ncurses state is process-global, so this is too. `restore()` is idempotent and lock-free, because
/// it may run inside a signal handler while the main thread is in the middle of painting.
enum TerminalRestorer {
  private static let isActive = Atomic<Bool>(false)
  private static let handlersInstalled = Atomic<Bool>(false)

  /// Signals that end the program: restore, then die of the same signal so the parent sees it.
  private static let terminating: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
  /// Faults: restore, then hand over to whatever handled them before (the Swift backtracer).
  private static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

  // Written once at install, before any handler can run; read only by handlers.
  nonisolated(unsafe) private static let previousActions: UnsafeMutablePointer<sigaction> = {
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    actions.initialize(repeating: sigaction(), count: 65)
    return actions
  }()

  /// Marks ncurses as started and makes sure the handlers are in place.
  static func activate(holdingStandardError: Bool) {
    if holdingStandardError { StandardErrorBuffer.begin() }
    isActive.store(true, ordering: .sequentiallyConsistent)
    guard !handlersInstalled.exchange(true, ordering: .sequentiallyConsistent) else { return }
    for signal in terminating {
      _ = tdcurses_install_signal(
        signal, { TerminalRestorer.terminate(by: $0) }, previousActions + Int(signal))
    }
    for signal in crashing {
      _ = tdcurses_install_signal(signal, { TerminalRestorer.crash(by: $0) }, previousActions + Int(signal))
    }
    atexit { TerminalRestorer.restore() }
  }

  /// Ends ncurses mode once: shows the cursor, turns the mouse and keypad off, leaves the alternate
  /// screen and resets the tty modes; then replays what was written to stderr meanwhile.
  static func restore() {
    guard isActive.exchange(false, ordering: .sequentiallyConsistent) else { return }
    _ = endwin()
    StandardErrorBuffer.end()
  }

  private static func terminate(by signal: Int32) {
    restore()
    tdcurses_reset_and_raise(signal)
  }

  private static func crash(by signal: Int32) {
    restore()
    _ = tdcurses_reinstall_signal(signal, previousActions + Int(signal))
    // A fault re-executes the faulting instruction on return and reaches the previous handler;
    // signals sent by abort() or a trap instruction have to be sent again.
    if signal == SIGABRT || signal == SIGTRAP { raise(signal) }
  }
}
