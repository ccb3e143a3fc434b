import Foundation
import TrailTUI

/// An in-memory `TerminalDevice` for tests: replays scripted events and records what was painted.
///
/// ```swift
/// let terminal = RecordingTerminal(size: Size(width: 40, height: 10), script: [.key(.down), .key(.character("q"))])
/// // run the UI against `terminal`, then:
/// #expect(terminal.paintedGrids.last?[0, 0].text == "T")
/// ```
public final class RecordingTerminal: TerminalDevice {
  public private(set) var size: Size
  public let colorMode: ColorMode
  /// Events still to be delivered, first first. A `.resize` also changes `size` when delivered.
  public var script: [TerminalEvent]
  /// Every grid passed to `paint`, in order.
  public private(set) var paintedGrids: [CellGrid] = []
  /// The style of each role at the last paint.
  public private(set) var lastStyles: [Role: Style] = [:]
  /// How many times `invalidate()` was called.
  public private(set) var invalidateCount = 0
  /// How many times `restore()` was called.
  public private(set) var restoreCount = 0
  /// When the script is used up, `readInput` sleeps for its timeout (like a quiet terminal) if true,
  /// or returns at once if false.
  public var waitsWhenIdle: Bool

  private let wakeSignal = DispatchSemaphore(value: 0)

  public init(
    size: Size = Size(width: 80, height: 24), colorMode: ColorMode = .indexed256,
    script: [TerminalEvent] = [], waitsWhenIdle: Bool = true
  ) {
    self.size = size
    self.colorMode = colorMode
    self.script = script
    self.waitsWhenIdle = waitsWhenIdle
  }

  public func paint(_ grid: CellGrid, style: (Role) -> Style) {
    paintedGrids.append(grid)
    lastStyles = Dictionary(uniqueKeysWithValues: Role.allCases.map { ($0, style($0)) })
  }

  public func invalidate() {
    invalidateCount += 1
  }

  /// The last painted grid as text, one string per row, continuation cells skipped; empty before
  /// the first paint. Handy for asserting what a runtime showed.
  public var lastScreenText: [String] {
    guard let grid = paintedGrids.last else { return [] }
    return (0..<grid.height).map { y in
      (0..<grid.width).map { grid[$0, y] }.filter { !$0.isContinuation }.map(\.text).joined()
    }
  }

  public func readInput(timeoutMilliseconds: Int) -> TerminalEvent? {
    if !script.isEmpty {
      let event = script.removeFirst()
      if case .resize(let newSize) = event { size = newSize }
      return event
    }
    if waitsWhenIdle, timeoutMilliseconds != 0 {
      let timeout: DispatchTime =
        timeoutMilliseconds < 0 ? .distantFuture : .now() + .milliseconds(timeoutMilliseconds)
      _ = wakeSignal.wait(timeout: timeout)
    }
    return nil
  }

  public var waker: @Sendable () -> Void {
    let signal = wakeSignal
    return { signal.signal() }
  }

  public func restore() {
    restoreCount += 1
  }
}
