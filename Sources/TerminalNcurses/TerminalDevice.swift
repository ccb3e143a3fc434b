import TrailTUI

/// The terminal as the UI runtime needs it; `NcursesTerminal` is the real one, `RecordingTerminal`
/// the in-memory twin for tests.
///
/// A device is used from one thread (the run loop's). Only `waker` may be called from elsewhere.
public protocol TerminalDevice: AnyObject {
  /// The current size in cells.
  var size: Size { get }

  /// How the device shows colour; the UI may pick a theme by it.
  var colorMode: ColorMode { get }

  /// Draws `grid`, resolving each cell's role through `style`. Implementations paint only what
  /// changed since the previous call; a new size or a different style forces a full repaint.
  func paint(_ grid: CellGrid, style: (Role) -> Style)

  /// Forgets what is on screen so the next `paint` redraws every cell (Ctrl-L, or after another
  /// program scribbled on the terminal).
  func invalidate()

  /// Waits up to `timeoutMilliseconds` (0: do not wait) for one event; nil on timeout or wake-up.
  func readInput(timeoutMilliseconds: Int) -> TerminalEvent?

  /// Cuts a `readInput` wait short; safe to call from any thread.
  var waker: @Sendable () -> Void { get }

  /// Gives the terminal back to the shell. Idempotent.
  func restore()
}
