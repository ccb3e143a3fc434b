import Foundation
import TrailCore
import TrailTUI

extension UIBench {
  /// The Insights pane on the store's stored Insights events: the frame (render of the table, the
  /// timeline chart and the period's details) against the 16 ms budget, then a timeline key (zoom,
  /// scroll, another API or period) with the rollup read it triggers, performed inline.
  func insightsPane(service: StoreServices, performer: EffectPerformer) throws {
    var state = AppState(
      databasePath: db, size: Size(width: width, height: height), clockMode: .asOf, pane: .dashboard,
      initialAttribute: nil)
    apply(update(&state, .tick(service.clock.now())), to: &state, performer: performer)
    apply(update(&state, .key(.character("5"))), to: &state, performer: performer)
    guard state.insights.timeline != nil else {
      report("insights pane: not measured (no Insights events in the store: run traildeck insights scan)")
      return
    }
    var frames: [Double] = []
    for _ in 0..<keys {
      let started = DispatchTime.now().uptimeNanoseconds
      var grid = CellGrid(width: width, height: height)
      render(state, into: &grid)
      frames.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
    }
    report(
      String(
        format: "insights pane (%d APIs), frame: p50 %.3f ms, p99 %.3f ms (target < 16 ms)",
        state.insights.activities?.count ?? 0, median(frames), percentile(frames, 0.99)))

    // Zoom out to 90 days and back, scroll, then the next API and its periods: each reads rollups.
    let script: [Key] = [
      .character("-"), .character("-"), .character("-"), .character("+"), .character("+"), .character("+"),
      .character("h"), .character("l"), .character("j"), .character("["), .character("]"), .character("k"),
    ]
    var keyed: [Double] = []
    for n in 0..<min(keys, 240) {
      let started = DispatchTime.now().uptimeNanoseconds
      apply(update(&state, .key(script[n % script.count])), to: &state, performer: performer)
      var grid = CellGrid(width: width, height: height)
      render(state, into: &grid)
      keyed.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
    }
    report(
      String(
        format: "insights pane, timeline key → grid (rollup read included): p50 %.2f ms, p99 %.2f ms",
        median(keyed), percentile(keyed, 0.99)))
  }
}
