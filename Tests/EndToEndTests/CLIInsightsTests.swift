import Foundation
import Testing
import TrailCore

/// `traildeck insights scan` on a demo store, through the built binary: the injected bursts and storms
/// come back as periods, their events land in Event history's insight category, and a rescan stores
/// nothing new.
@Suite("CLI insights scan")
struct CLIInsightsTests {
  static let start = "2026-01-01T00:00:00Z"
  static let now = "2026-01-05T00:00:00Z"

  /// (`demo --no-insights`: the demo would otherwise have stored them already.)
  @Test func scanFindsTheDemosIncidentsAndStoresTheirEventsOnce() throws {
    let scratch = try CLIScratch()
    let demo = try scratch.run([
      "demo", "--start", Self.start, "--hours", "96", "--accounts", "2", "--regions", "2", "--seed", "5",
      "--now", Self.now, "--no-insights",
    ])
    #expect(demo.status == 0, "\(demo)")
    // The same seed and span in-process says what was injected.
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 5, start: ISO8601Time.parseUserTime(Self.start)!, duration: 96 * 3600, accounts: 2, regions: 2))
    let injected = simulator.incidents.filter { $0.kind == .apiCallRateBurst || $0.kind == .apiErrorStorm }
    #expect(injected.count == 2)

    let scan = try scratch.run(["insights", "scan", "--now", Self.now, "--output", "json"])
    #expect(scan.status == 0, "\(scan)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as? [String: Any])
    let periods = try #require(json["Periods"] as? [[String: Any]])
    for incident in injected {
      let type = incident.kind == .apiCallRateBurst ? "ApiCallRateInsight" : "ApiErrorRateInsight"
      let found = periods.first {
        $0["InsightType"] as? String == type && $0["EventName"] as? String == incident.eventName
          && $0["AccountId"] as? String == incident.accountId && $0["Region"] as? String == incident.region
      }
      #expect(found != nil, "\(incident.summary) not in \(scan.stdout)")
      if let start = (found?["StartTime"] as? String).flatMap(ISO8601Time.parseUserTime) {
        #expect(abs(start.timeIntervalSince(incident.start)) < 300)
      }
      if type == "ApiErrorRateInsight" { #expect(found?["ErrorCode"] as? String == incident.errorCode) }
    }
    let stored = try #require(json["EventsStored"] as? Int)
    #expect(stored == json["EventsFound"] as? Int && stored >= 2 * injected.count)

    let lookup = try scratch.run([
      "lookup-events", "--now", Self.now, "--event-category", "insight", "--output", "json",
    ])
    #expect(lookup.status == 0, "\(lookup)")
    let events = try #require(
      (try JSONSerialization.jsonObject(with: Data(lookup.stdout.utf8)) as? [String: Any])?["Events"]
        as? [Any])
    #expect(events.count == stored)

    let again = try scratch.run(["insights", "scan", "--now", Self.now])
    #expect(again.status == 0, "\(again)")
    #expect(again.stdout.contains("(0 stored, \(stored) already in the store)"), "\(again)")
    #expect(again.stdout.hasPrefix("START"), "\(again)")

    // The records themselves, one type only: the storm's Start and End, one JSON object a line.
    let records = try scratch.run([
      "insights", "scan", "--now", Self.now, "--dry-run", "--output", "events", "--insight-type",
      "ApiErrorRateInsight",
    ])
    #expect(records.status == 0, "\(records)")
    let lines = records.stdout.split(separator: "\n")
    #expect(lines.count == 2, "\(records)")
    for line in lines {
      let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      let details = record?["insightDetails"] as? [String: Any]
      #expect(record?["eventType"] as? String == "AwsCloudTrailInsight")
      #expect(details?["insightType"] as? String == "ApiErrorRateInsight", "\(line)")
    }
  }

  @Test(arguments: [
    (["--from", "yesterday"], "--from as ISO 8601"),
    (["--insight-type", "ApiCallRate"], "--insight-type 'ApiCallRate' is not one of"),
    (["--from", "2026-01-02T00:00:00Z", "--to", "2026-01-01T00:00:00Z"], "must be before --to"),
  ])
  func badOptionsAreUsageErrors(options: [String], message: String) throws {
    let scratch = try CLIScratch()
    let demo = try scratch.run([
      "demo", "--start", Self.start, "--hours", "1", "--accounts", "1", "--regions", "1",
    ])
    #expect(demo.status == 0, "\(demo)")
    let result = try scratch.run(["insights", "scan"] + options)
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.contains(message), "\(result)")
  }
}
