import Foundation
import TrailCore

/// How `start-query` and `query` wait for the query they started: Ctrl-C cancels it
/// (`QueryInterrupt`), and on a terminal a line on stderr shows its status and the elapsed real time.
enum QueryWait {
  /// Blocks until `query` has ended, cancelling it when `interrupt` saw a Ctrl-C; then hands SIGINT back.
  static func untilEnded(_ query: StartedQuery, interrupt: QueryInterrupt) {
    interrupt.watch(query.id)
    defer { interrupt.stop() }
    let isTerminal = isatty(STDERR_FILENO) == 1
    let progress = ProgressLine(enabled: isTerminal)
    defer { progress.clear() }
    let started = DispatchTime.now().uptimeNanoseconds
    let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    var tick = 0
    query.waitUntilEnded(cancellation: interrupt.cancellation) {
      guard isTerminal else { return }
      let status = try? query.describe().queryStatus
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      progress.showText(
        "\(frames[tick % frames.count]) query \(status ?? "RUNNING")  \(String(format: "%.1f", elapsed)) s")
      tick += 1
    }
  }
}
