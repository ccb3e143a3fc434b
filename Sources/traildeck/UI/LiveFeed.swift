import Foundation
import TrailCore
import TrailTUI

/// The UI's view of new events and its scheduler: once a real second it runs what the clock has made
/// due (the live demo's simulated events, a `LiveSimulation` job), then checks whether the store grew — through the simulator, `traildeck ingest` or another process —
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

  private let context: StoreContext
  private let simulation: Simulation?
  private let post: @Sendable (RuntimeMessage) -> Void
  private let condition = NSCondition()
  private var isStopping = false
  private let finished = DispatchSemaphore(value: 0)

  init(
    context: StoreContext, simulation: Simulation?,
    post: @escaping @Sendable (RuntimeMessage) -> Void
  ) {
    self.context = context
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
    guard let services = try? StoreServices(context) else { return }
    let clock = context.clock
    // The scheduler and the simulator's writer belong to this thread.
    let scheduler = Scheduler()
    var live: LiveSimulation?
    if let simulation, let loader = try? DemoLoader(databasePath: context.databasePath, clock: clock) {
      live = LiveSimulation(
        simulator: simulation.simulator, rate: simulation.rate, loader: loader, scheduler: scheduler,
        start: clock.now(), step: LiveSimulation.step(for: clock))
    }
    // Trails deliver as the clock passes, after the simulation's step at the same instant (jobs due
    // together run in the order they were registered).
    if let delivery = try? TrailDelivery(context: context) {
      if let live { delivery.writtenThrough = { live.simulatedUpTo } }
      try? delivery.schedule(on: scheduler)
    }
    // Insights once a minute of the clock: where trails turned them on, or everywhere for the live
    // demo (its simulated organization has Insights on, as `traildeck demo` assumes).
    if let insights = try? InsightsLive(context: context) {
      if let live {
        insights.writtenThrough = { live.simulatedUpTo }
        insights.fixedScope = .everything(since: .distantPast)
      }
      insights.schedule(on: scheduler, startingAfter: clock.now())
    }
    // Federated event data stores' exports, rewritten every 5 minutes of the clock when they changed.
    FederationRefresh(context: context).schedule(on: scheduler, startingAfter: clock.now())
    // Lake dashboards refresh on their schedules of the clock, as under `serve`.
    DashboardsLive(context: context).schedule(on: scheduler, startingAfter: clock.now())
    var lastCount = (try? services.eventCount()) ?? 0
    while waitOneSecond() {
      // A step whose append failed is appended with the next one (`LiveSimulation` moves on only
      // after a success); nothing else stops.
      _ = try? scheduler.runDue(upTo: clock.now())
      // The stored count, not the newest row id: a backfill (older logs ingested by another process)
      // adds events without moving the newest one.
      guard let count = try? services.eventCount(), count != lastCount else { continue }
      post(.input(.liveEvents(newCount: max(1, count - lastCount))))
      lastCount = count
    }
  }

  /// Sleeps a real second (a tick of the driver, whatever the clock's speed); false once `stop()` was
  /// called.
  private func waitOneSecond() -> Bool {
    condition.withLock {
      // The driver ticks in real time, whatever the clock's speed (NSCondition takes a wall-clock date).
      let deadline = Date().addingTimeInterval(1)
      while !isStopping && condition.wait(until: deadline) {}
      return !isStopping
    }
  }
}
