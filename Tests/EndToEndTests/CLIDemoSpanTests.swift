import Foundation
import Testing

/// `demo --start … --days|--hours`: the simulated span can be any window, not only the one ending now.
@Suite("CLI demo span")
struct CLIDemoSpanTests {
  /// Two hours from a fixed start: every stored event lies inside them, and besides management events
  /// the store holds data and network activity events, which `stats` counts by category.
  @Test func startAndHoursGenerateThatWindow() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run([
      "demo", "--start", "2026-01-01T00:00:00Z", "--hours", "2", "--accounts", "1", "--regions", "1",
    ])
    #expect(result.status == 0, "\(result)")
    let stats = try CLIClockTests.statsJSON(scratch)
    let oldest = try #require(stats["oldest"] as? String)
    let newest = try #require(stats["newest"] as? String)
    #expect(oldest >= "2026-01-01T00:00:00Z" && oldest < "2026-01-01T00:10:00Z", "\(oldest)")
    #expect(newest >= "2026-01-01T01:50:00Z" && newest < "2026-01-01T02:00:00Z", "\(newest)")
    let categories = try #require(stats["eventsByCategory"] as? [String: Int])
    #expect((categories["Management"] ?? 0) > 0, "\(categories)")
    #expect((categories["Data"] ?? 0) > 0, "\(categories)")
    #expect((categories["NetworkActivity"] ?? 0) > 0, "\(categories)")
  }

  @Test(arguments: [
    (["--days", "1", "--hours", "2"], "either --days or --hours"),
    (["--hours", "0"], "--hours between 1 and 8784"),
    (["--start", "yesterday", "--hours", "2"], "--start as an ISO 8601 time"),
    (["--start", "2026-01-01T00:00:00Z", "--live", "--speed", "60"], "--start without --live"),
  ])
  func badSpanOptionsAreUsageErrors(options: [String], message: String) throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["demo"] + options)
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.contains(message), "\(result)")
  }
}
