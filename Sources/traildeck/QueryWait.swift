import Foundation
import TrailCore

/// How `start-query` and `query` wait for the query they started: Ctrl-C cancels it
/// (`QueryInterrupt`), and on a terminal a line on stderr shows its status and the elapsed real time.
enum QueryWait {
  static func untilEnded(_ id: String, services: StoreServices) {
    let interrupt = QueryInterrupt(query: id, context: services.context)
    defer { withExtendedLifetime(interrupt) {} }
    let isTerminal = isatty(STDERR_FILENO) == 1
    let progress = ProgressLine(enabled: isTerminal)
    defer { progress.clear() }
    let started = DispatchTime.now().uptimeNanoseconds
    let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    var tick = 0
    while !services.lakeQueries.host.waitUntilEnded(id, atMost: 0.1) {
      guard isTerminal else { continue }
      let status = try? DescribeQuery.perform(DescribeQueryRequest(queryId: id), with: services).queryStatus
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      progress.showText(
        "\(frames[tick % frames.count]) query \(status ?? "RUNNING")  \(String(format: "%.1f", elapsed)) s")
      tick += 1
    }
  }
}
