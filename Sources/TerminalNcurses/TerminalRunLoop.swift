import TrailTUI

/// What the run loop hands the caller.
public enum RunLoopInput<Message: Sendable>: Sendable {
  /// A key, mouse action or resize from the terminal.
  case terminal(TerminalEvent)
  /// The tick interval passed (animations, spinners, clocks); what it means is up to the caller.
  case tick
  /// Something posted to the loop's mailbox from another thread.
  case message(Message)
}

/// What the caller tells the loop after handling an input.
public struct RunLoopReaction: Equatable, Sendable {
  public var keepsRunning: Bool
  public var needsRedraw: Bool
  public init(keepsRunning: Bool, needsRedraw: Bool) {
    self.keepsRunning = keepsRunning
    self.needsRedraw = needsRedraw
  }
  /// State changed: render and paint before waiting again.
  public static let redraw = RunLoopReaction(keepsRunning: true, needsRedraw: true)
  /// Nothing visible changed: do not render.
  public static let unchanged = RunLoopReaction(keepsRunning: true, needsRedraw: false)
  /// Stop the loop (the caller restores the terminal).
  public static let quit = RunLoopReaction(keepsRunning: false, needsRedraw: false)
}

/// Drives a UI on a `TerminalDevice`: waits for input, ticks, takes posted messages, and renders only
/// when the caller says something changed. It sleeps in the device's wait between events, so an idle
/// UI costs a wake-up per tick and nothing more.
///
/// ```swift
/// let loop = TerminalRunLoop<Loaded>(device: terminal)
/// worker.onResult = { loop.mailbox.post($0) }          // any thread
/// loop.run(
///   handle: { input in update(&state, input) ? .redraw : .unchanged },
///   render: { size in var grid = CellGrid(width: size.width, height: size.height); render(state, into: &grid); return grid },
///   style: { role in theme.style(for: role) })
/// ```
public final class TerminalRunLoop<Message: Sendable> {
  public let device: any TerminalDevice
  /// How often `.tick` is delivered.
  public var tickInterval: Duration
  /// Where other threads post messages.
  public let mailbox: RunLoopMailbox<Message>
  /// How many input events are handled before painting once, so a flood of keys cannot starve
  /// the screen.
  public var maxEventsPerFrame = 64

  private let clock = ContinuousClock()

  public init(device: any TerminalDevice, tickInterval: Duration = .milliseconds(250)) {
    self.device = device
    self.tickInterval = tickInterval
    self.mailbox = RunLoopMailbox(wake: device.waker)
  }

  /// Runs until `handle` returns a reaction with `keepsRunning == false`, or the terminal hangs up
  /// (after `handle` saw `.terminal(.hangup)`). Paints once at start and
  /// after every resize, whatever `handle` says.
  public func run(
    handle: (RunLoopInput<Message>) -> RunLoopReaction,
    render: (Size) -> CellGrid,
    style: (Role) -> Style
  ) {
    var needsPaint = true
    var nextTick = clock.now.advanced(by: tickInterval)
    while true {
      if needsPaint {
        device.paint(render(device.size), style: style)
        needsPaint = false
      }
      var handled = 0
      var wait = milliseconds(until: nextTick)
      while handled < maxEventsPerFrame, let event = device.readInput(timeoutMilliseconds: wait) {
        handled += 1
        wait = 0  // take what else is already waiting, then paint once
        if case .resize = event { needsPaint = true }
        let reaction = handle(.terminal(event))
        guard reaction.keepsRunning, event != .hangup else { return }
        needsPaint = needsPaint || reaction.needsRedraw
      }
      for message in mailbox.drain() {
        let reaction = handle(.message(message))
        guard reaction.keepsRunning else { return }
        needsPaint = needsPaint || reaction.needsRedraw
      }
      let now = clock.now
      if now >= nextTick {
        // Skip missed ticks rather than delivering a burst after a stall.
        nextTick = now.advanced(by: tickInterval)
        let reaction = handle(.tick)
        guard reaction.keepsRunning else { return }
        needsPaint = needsPaint || reaction.needsRedraw
      }
    }
  }

  private func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
    let remaining = clock.now.duration(to: deadline)
    let (seconds, attoseconds) = remaining.components
    let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    // Round up so we do not wake a hair early and spin on a zero timeout.
    return max(0, Int(total) + (attoseconds % 1_000_000_000_000_000 > 0 ? 1 : 0))
  }
}
