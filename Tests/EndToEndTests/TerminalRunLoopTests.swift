import Foundation
import TerminalNcurses
import Testing
import TrailTUI

/// The run loop against the in-memory terminal: what a UI runtime relies on.
struct TerminalRunLoopTests {
  static func grid(_ text: String, size: Size) -> CellGrid {
    var grid = CellGrid(width: size.width, height: size.height)
    for (x, character) in text.prefix(size.width).enumerated() { grid[x, 0] = Cell(text: String(character)) }
    return grid
  }

  /// Runs a loop over `script` that quits on the first tick; `.down` changes state, others do not.
  static func paintedTexts(for script: [TerminalEvent]) -> [String] {
    let terminal = RecordingTerminal(size: Size(width: 10, height: 2), script: script)
    var count = 0
    let loop = TerminalRunLoop<Never>(device: terminal, tickInterval: .milliseconds(20))
    loop.run(
      handle: { input in
        switch input {
        case .tick: return .quit
        case .terminal(.key(.down)):
          count += 1
          return .redraw
        default: return .unchanged
        }
      },
      render: { size in Self.grid("n=\(count)", size: size) },
      style: { _ in Style() })
    return terminal.paintedGrids.map { grid in (0..<3).map { grid[$0, 0].text }.joined() }
  }

  @Test func recordingTerminalShowsTheLastScreenAsText() {
    let terminal = RecordingTerminal(size: Size(width: 4, height: 1))
    var grid = CellGrid(width: 4, height: 1)
    grid[0, 0] = Cell(text: "漢", width: 2)
    grid[1, 0] = Cell(text: "", width: 0)
    grid[2, 0] = Cell(text: "a")
    terminal.paint(grid, style: { _ in Style() })
    #expect(terminal.lastScreenText == ["漢a "])
  }

  @Test func unchangedStateIsNotRepainted() {
    #expect(Self.paintedTexts(for: [.key(.up), .key(.character("x"))]) == ["n=0"])
  }

  @Test func waitingEventsAreHandledTogetherAndPaintedOnce() {
    #expect(Self.paintedTexts(for: [.key(.down), .key(.character("x")), .key(.down)]) == ["n=0", "n=2"])
  }

  @Test func resizeRepaintsAtTheNewSizeEvenIfTheCallerSaysUnchanged() {
    let terminal = RecordingTerminal(
      size: Size(width: 10, height: 2), script: [.resize(Size(width: 20, height: 3))])
    var resized = false
    let loop = TerminalRunLoop<Never>(device: terminal, tickInterval: .milliseconds(10))
    loop.run(
      handle: { input in
        if case .terminal(.resize) = input { resized = true }
        if case .tick = input, resized { return .quit }
        return .unchanged
      },
      render: { size in CellGrid(width: size.width, height: size.height) },
      style: { _ in Style() })
    #expect(terminal.paintedGrids.map(\.width) == [10, 20])
  }

  @Test func ticksArriveAtTheInterval() {
    let terminal = RecordingTerminal()
    var ticks = 0
    let started = ContinuousClock.now
    let loop = TerminalRunLoop<Never>(device: terminal, tickInterval: .milliseconds(20))
    loop.run(
      handle: { input in
        if case .tick = input { ticks += 1 }
        return ticks == 5 ? .quit : .unchanged
      },
      render: { size in CellGrid(width: size.width, height: size.height) },
      style: { _ in Style() })
    let elapsed = ContinuousClock.now - started
    #expect(elapsed >= .milliseconds(100))
    #expect(elapsed < .seconds(2))
    #expect(terminal.paintedGrids.count == 1)
  }

  @Test func messagesPostedFromAnotherThreadWakeTheLoopBeforeTheNextTick() {
    let terminal = RecordingTerminal()
    let loop = TerminalRunLoop<String>(device: terminal, tickInterval: .seconds(30))
    let mailbox = loop.mailbox
    let started = ContinuousClock.now
    Thread.detachNewThread {
      Thread.sleep(forTimeInterval: 0.05)
      mailbox.post("loaded")
    }
    var received: [String] = []
    loop.run(
      handle: { input in
        guard case .message(let message) = input else { return .unchanged }
        received.append(message)
        return .quit
      },
      render: { size in CellGrid(width: size.width, height: size.height) },
      style: { _ in Style() })
    #expect(received == ["loaded"])
    #expect(ContinuousClock.now - started < .seconds(5), "the loop waited for the tick instead of waking")
  }

  @Test func hangupStopsTheLoopAfterTheCallerSawIt() {
    let terminal = RecordingTerminal(script: [.hangup, .key(.down)])
    var seen: [String] = []
    let loop = TerminalRunLoop<Never>(device: terminal)
    loop.run(
      handle: { input in
        if case .terminal(let event) = input { seen.append(event.description) }
        return .unchanged
      },
      render: { size in CellGrid(width: size.width, height: size.height) },
      style: { _ in Style() })
    #expect(seen == ["hangup"])
  }
}
