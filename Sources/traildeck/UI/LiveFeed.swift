import Foundation
import TrailCore
import TrailTUI

/// The UI's view of new events: once a second, optionally adds simulated events (live demo), then
/// checks whether the store grew — through the simulator, `traildeck ingest` or another process —
/// and tells the UI how many events arrived with one `.liveEvents` message.
///
/// One message per second at most, whatever the burst size, so a flood of events costs one history
/// refresh and one repaint a second. Runs on its own thread with its own connections.
final class LiveFeed: @unchecked Sendable {
  // @unchecked: `isStopping` is only touched while holding `condition`.

  /// What to simulate; nil only watches the store.
  struct Simulation: Sendable {
    var simulator: DemoSimulator
    var rate: Double
  }

  private let databasePath: String
  private let clock: any Clock
  private let simulation: Simulation?
  private let post: @Sendable (RuntimeMessage) -> Void
  private let condition = NSCondition()
  private var isStopping = false
  private let finished = DispatchSemaphore(value: 0)

  init(
    databasePath: String, clock: any Clock, simulation: Simulation?,
    post: @escaping @Sendable (RuntimeMessage) -> Void
  ) {
    self.databasePath = databasePath
    self.clock = clock
    self.simulation = simulation
    self.post = post
  }

  func start() {
    let thread = Thread { [self] in run() }
    thread.name = "traildeck.live"
    thread.start()
  }

  /// Stops at the next second boundary at the latest; waits briefly for an append in progress.
  func stop() {
    condition.withLock {
      isStopping = true
      condition.signal()
    }
    _ = finished.wait(timeout: .now() + 2)
  }

  private func run() {
    defer { finished.signal() }
    guard let service = try? HistoryService(databasePath: databasePath, clock: clock) else { return }
    // The simulator writes through its own writer connection, opened here so it stays on this thread.
    let loader = simulation.flatMap { _ in try? DemoLoader(databasePath: databasePath) }
    var lastCount = (try? service.eventCount()) ?? 0
    var simulatedUpTo = clock.now()
    while waitOneSecond() {
      if let simulation, let loader {
        let now = clock.now()
        _ = try? loader.appendLive(simulation.simulator, from: simulatedUpTo, to: now, rate: simulation.rate)
        simulatedUpTo = now
      }
      // The stored count, not the newest row id: a backfill (older logs ingested by another process)
      // adds events without moving the newest one.
      guard let count = try? service.eventCount(), count != lastCount else { continue }
      post(.input(.liveEvents(newCount: max(1, count - lastCount))))
      lastCount = count
    }
  }

  /// Sleeps a second; false once `stop()` was called.
  private func waitOneSecond() -> Bool {
    condition.withLock {
      let deadline = Date().addingTimeInterval(1)
      while !isStopping && condition.wait(until: deadline) {}
      return !isStopping
    }
  }
}
