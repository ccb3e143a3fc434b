import ArgumentParser
import Foundation
import TrailCore
import TrailTUI

struct UIBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ui",
    abstract:
      "Time key → finished grid for the history pane, the dashboard refresh and the Insights pane on a store; print p50/p99 (ms).",
    discussion: """
      Effects are performed inline (the runtime runs them on a worker), so a frame here includes the
      query a key triggers: the worst case a user can see. Also measures how fast the live simulator's
      events are absorbed (target 2 000 events/s with one repaint per second) on a scratch copy.
      """)

  @Option(help: "The TrailDeck database to render from.") var db: String
  @Option(help: "Key presses to time.") var keys = 2000
  @Option(help: "Grid width.") var width = 120
  @Option(help: "Grid height.") var height = 40
  @Option(help: "Seconds to measure the idle UI's CPU use (0 skips it).") var idleSeconds = 10

  func run() throws {
    let clock = FixedClock(
      try StoreStatistics.newestEventTime(EventStore.openReader(path: db)) ?? SystemClock().now())
    let service = try StoreServices(databasePath: db, clock: clock)
    let performer = EffectPerformer(service)
    var state = AppState(
      databasePath: db, size: Size(width: width, height: height), clockMode: .asOf, pane: .history,
      initialAttribute: nil)
    var grid = CellGrid(width: width, height: height)
    apply(update(&state, .tick(clock.now())), to: &state, performer: performer)
    render(state, into: &grid)

    // History: scroll down through pages (each PgDn may fetch the next keyset page), then jump home.
    var frames: [Double] = []
    let script: [Key] = [.pageDown, .pageDown, .character("j"), .pageDown, .character("k"), .pageDown]
    for n in 0..<keys {
      let key: Key = n % 400 == 399 ? .character("g") : script[n % script.count]
      let started = DispatchTime.now().uptimeNanoseconds
      apply(update(&state, .key(key)), to: &state, performer: performer)
      grid = CellGrid(width: width, height: height)
      render(state, into: &grid)
      frames.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
    }
    report(
      String(
        format: "history pane, key → grid: p50 %.3f ms, p99 %.3f ms (target p99 < 16 ms)", median(frames),
        percentile(frames, 0.99)))

    // Dashboard: a refresh is one snapshot query plus a render.
    state.pane = .dashboard
    var refreshes: [Double] = []
    for _ in 0..<50 {
      let started = DispatchTime.now().uptimeNanoseconds
      let snapshot = try service.dashboard(region: nil)
      _ = update(&state, .dashboardLoaded(snapshot))
      grid = CellGrid(width: width, height: height)
      render(state, into: &grid)
      refreshes.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
    }
    report(
      String(
        format: "dashboard refresh (query + render): p50 %.2f ms, p99 %.2f ms (target < 50 ms)",
        median(refreshes), percentile(refreshes, 0.99)))
    try insightsPane(service: service, performer: performer)
    try liveAbsorption()
    if idleSeconds > 0 {
      if let percent = try IdleCPU.measure(database: db, seconds: idleSeconds) {
        report(
          String(
            format: "idle UI (tmux, no live events): %.2f%% of a core over %d s (target < 1%%)", percent,
            idleSeconds))
      } else {
        report("idle UI: not measured (needs tmux and the traildeck binary next to traildeck-bench)")
      }
    }
  }

  /// Performs effects synchronously through the runtime's dispatcher, feeding results back as the
  /// runtime would.
  func apply(_ effects: [Effect], to state: inout AppState, performer: EffectPerformer) {
    var queue = effects
    while !queue.isEmpty {
      if let input = performer.answer(queue.removeFirst()) { queue += update(&state, input) }
    }
  }

  /// Live mode: 2 000 simulated events/s written into a scratch store, one batch per second.
  private func liveAbsorption() throws {
    let path = NSTemporaryDirectory() + "traildeck-bench-live-\(getpid()).db"
    defer {
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
    let start = Date(timeIntervalSince1970: 1_790_000_000)
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(seed: 9, days: 1, accounts: 3, regions: 3, end: start))
    let loader = try DemoLoader(databasePath: path, clock: FixedClock(start))
    var seconds: [Double] = []
    var stored = 0
    for s in 0..<10 {
      let from = start.addingTimeInterval(Double(s))
      let started = DispatchTime.now().uptimeNanoseconds
      stored += try loader.appendLive(simulator, from: from, to: from.addingTimeInterval(1), rate: 2000)
      seconds.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
    }
    report(
      String(
        format:
          "live: %d events in 10 one-second batches at 2 000/s; write per batch p50 %.1f ms, max %.1f ms (must stay < 1 000 ms)",
        stored, median(seconds), seconds.max() ?? 0))
  }
}
