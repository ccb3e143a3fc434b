import Foundation
import Testing

/// `--now` and `--speed` drive the scheduler of a long-running command: `demo --live` appends the
/// simulated events of each step the clock passes, and `--until` stops it when the clock gets there.
@Suite("CLI clock and scheduler")
struct CLIClockTests {
  static func statsJSON(_ scratch: CLIScratch) throws -> [String: Any] {
    let stats = try scratch.run(["stats", "--output", "json"])
    #expect(stats.status == 0, "\(stats)")
    return try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any] ?? [:]
  }

  /// At 3 600× a real second is a clock hour: two hours of live events arrive in about two seconds,
  /// step by step, the last one ending exactly at --until.
  @Test func demoLiveAtSpeedRunsTheClockUpToUntil() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run([
      "demo", "--days", "1", "--accounts", "1", "--regions", "1", "--now", "2026-01-01T00:00:00Z", "--live",
      "--speed", "3600", "--rate", "0.5", "--until", "2026-01-01T02:00:00Z",
    ])
    #expect(result.status == 0, "\(result)")
    #expect(
      result.stdout.contains(
        "live: adding ~0.5 events per clock second at 3600.0× speed until 2026-01-01T02:00:00Z"))
    #expect(result.stdout.contains("events added up to 2026-01-01T02:00:00Z"), "\(result)")
    let stats = try Self.statsJSON(scratch)
    let newest = try #require(stats["newest"] as? String)
    // The seeded day ends at --now; the live steps fill the two hours after it.
    #expect(newest > "2026-01-01T01:50:00Z" && newest <= "2026-01-01T02:00:00Z", "\(newest)")
  }

  /// With --now alone the clock stands still, so a live demo would never add anything: a usage error.
  @Test func demoLiveWithAFixedClockIsAUsageError() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["demo", "--days", "1", "--now", "2026-01-01T00:00:00Z", "--live"])
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.contains("Please add --speed or drop --now"), "\(result)")
  }

  /// The demo's first account becomes the store's management account, so the caller's account need not
  /// be given; a bad --account is a usage error.
  @Test func badAccountIsAUsageError() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["stats", "--account", "1234"])
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.contains("Please give --account as a 12-digit AWS account id; got '1234'."))
  }
}
