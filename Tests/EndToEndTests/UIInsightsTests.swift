import Foundation
import Testing

/// The Insights pane against the real binary: a demo store scanned by `traildeck insights scan`, its
/// periods on the Dashboard and in the pane, a period's statistics and attributions, the zoom, the
/// pivot to Event history (checked against `lookup-events`) and the download of the Insights events.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(3)))
struct UIInsightsTests {
  static let now = "2026-01-05T00:00:00Z"

  /// One stored Insights event, as `lookup-events --event-category insight` returns it.
  struct InsightEvent {
    var record: [String: Any]
    var details: [String: Any] { record["insightDetails"] as? [String: Any] ?? [:] }
    var eventName: String? { details["eventName"] as? String }
    var state: String? { details["state"] as? String }
    var time: Date? { (record["eventTime"] as? String).flatMap(Self.parse) }
    var topUser: String? {
      let context = details["insightContext"] as? [String: Any]
      let attributions = context?["attributions"] as? [[String: Any]] ?? []
      let users = attributions.first { $0["attribute"] as? String == "userIdentityArn" }
      return ((users?["insight"] as? [[String: Any]])?.first)?["value"] as? String
    }

    static func parse(_ text: String) -> Date? { ISO8601DateFormatter().date(from: text) }
  }

  /// `lookup-events` through the binary: every page, its records decoded.
  static func lookup(_ arguments: [String], db: String, home: String) throws -> [[String: Any]] {
    let result = try CLIProcess.run(
      ["lookup-events", "--db", db, "--now", now, "--output", "json"] + arguments, home: home)
    try #require(result.status == 0, "\(result)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let events = object?["Events"] as? [[String: Any]] ?? []
    return try events.map { event in
      let text = try #require(event["CloudTrailEvent"] as? String)
      return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
  }

  @Test func aPeriodsStatisticsAttributionsAndCallsFromThePane() throws {
    let ui = try UIHarness(
      arguments: { db, _ in ["ui", "--db", db, "--now", Self.now, "--no-live"] }, seeded: false,
      height: 60,
      prepare: { folder in
        let db = folder.appendingPathComponent("ui.db").path
        let demo = try CLIProcess.run(
          [
            "demo", "--db", db, "--start", "2026-01-01T00:00:00Z", "--hours", "96", "--accounts", "2",
            "--regions", "2", "--seed", "5",
          ], home: folder.path)
        try #require(demo.status == 0, "\(demo)")
        let scan = try CLIProcess.run(["insights", "scan", "--db", db, "--now", Self.now], home: folder.path)
        try #require(scan.status == 0, "\(scan)")
      })
    defer { ui.close() }
    let home = ui.folder.path
    // What the scan stored, read as the aws CLI would: the call-rate burst's Start and End.
    let insights = try Self.lookup(["--event-category", "insight"], db: ui.databasePath, home: home)
      .map(InsightEvent.init)
    let burst = insights.filter { $0.details["insightType"] as? String == "ApiCallRateInsight" }
    let start = try #require(burst.first { $0.state == "Start" })
    let end = try #require(burst.first { $0.state == "End" })
    let api = try #require(start.eventName)
    let region = try #require(start.record["awsRegion"] as? String)
    let topUser = try #require(end.topUser)
    let from = try #require(start.time).addingTimeInterval(-60)
    let to = try #require(end.time).addingTimeInterval(60)

    let session = ui.session
    try session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    // The Dashboard lists the newest periods: the error storm and the burst.
    try session.waitFor("Insights · newest periods", timeout: 10)
    try session.waitFor("ec2.amazonaws.com:\(api) · ", timeout: 15)

    session.sendKeys("5")
    try session.waitFor("Latest start")
    try session.waitFor("error rate: share of", timeout: 15)
    // The burst is the older API: the second row.
    session.sendKeys("j")
    var screen = try session.waitFor("call rate: write calls a minute of \(api) ·", timeout: 15)
    screen = try session.waitFor("Period 1 of 1 (newest first)")
    #expect(screen.contains { $0.contains("Calls a minute") && $0.contains("/min  (↑ ") })
    let statistics =
      try #require(end.details["insightContext"] as? [String: Any])["statistics"] as? [String: Any]
    let baseline = try #require((statistics?["baseline"] as? [String: Any])?["average"] as? Double)
    #expect(
      screen.contains { $0.contains("Calls a minute") && $0.contains(String(format: "%.2f/min", baseline)) })
    // The attributions, the insight's beside the baseline's: the top user comes first.
    let userLine = try #require(screen.first { $0.contains("User identity ARN") })
    #expect(userLine.contains(String(topUser.prefix(30))), "\(userLine)")
    #expect(screen.contains { $0.contains("User agent") })

    session.sendKeys("-")
    try session.waitFor("day · 15 min a bar")
    session.sendKeys("+")
    try session.waitFor("hour · 1 min a bar")

    // Its calls in Event history: the API's write calls from a minute before to a minute after, by the
    // top user — the same events lookup-events finds by event name and time, filtered to that user.
    session.sendKeys("e")
    try session.waitFor("Filter Lake \(Self.text(from)) – \(Self.text(to))", timeout: 10)
    let expected = try Self.lookup(
      [
        "--lookup-attributes", "AttributeKey=EventName,AttributeValue=\(api)", "--start-time",
        ISO8601DateFormatter().string(from: from), "--end-time", ISO8601DateFormatter().string(from: to),
      ], db: ui.databasePath, home: home
    ).filter {
      ($0["userIdentity"] as? [String: Any])?["arn"] as? String == topUser
        && $0["awsRegion"] as? String == region
        && $0["readOnly"] as? Bool == false
    }
    #expect(!expected.isEmpty && expected.count < 50)
    let userName = String(topUser.split(separator: "/").last ?? "")
    let rows = try Self.waitForRows(api, count: expected.count, in: session)
    #expect(rows.count == expected.count, "\(rows.joined(separator: "\n"))")
    #expect(rows.allSatisfy { $0.contains(String(userName.prefix(12))) })
    let newest = try #require(expected.compactMap { ($0["eventTime"] as? String) }.max())
    #expect(
      rows.first?.contains(
        newest.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")) == true)

    // Back in the pane, d downloads every stored Insights event as JSON.
    session.sendKeys("5")
    try session.waitFor("Latest start")
    session.sendKeys("d")
    try session.waitFor("Download CSV")
    session.sendKeys("C-u")
    let path = ui.folder.appendingPathComponent("insights.csv").path
    session.sendLiteral(path)
    session.sendKeys("Tab")
    try session.waitFor("Download JSON")
    session.sendKeys("Enter")
    try session.waitFor("Wrote \(insights.count) events to", timeout: 15)
    let file = try Data(contentsOf: URL(fileURLWithPath: String(path.dropLast(4)) + ".json"))
    let records =
      try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])["Records"]
      as? [[String: Any]]
    #expect(records?.count == insights.count)
    #expect(records?.allSatisfy { $0["eventType"] as? String == "AwsCloudTrailInsight" } == true)

    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }

  /// `2026-01-03 15:56:00`, as the history's filter bar writes times.
  static func text(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date).replacingOccurrences(of: "T", with: " ")
      .replacingOccurrences(of: "Z", with: "")
  }

  /// The history's rows of `api` once there are `count` of them (Lake answers off the UI loop).
  static func waitForRows(_ api: String, count: Int, in session: TmuxSession) throws -> [String] {
    let deadline = Date().addingTimeInterval(20)
    var rows: [String] = []
    while Date() < deadline {
      // Table rows start with the marker column and the event time (the status line, which names the
      // API too, does not); the event name column may cut a long name short.
      rows = session.capturePane().dropFirst(3).filter {
        $0.hasPrefix("  20") && $0.contains(" \(api.prefix(15))")
      }
      if rows.count >= count { break }
      Thread.sleep(forTimeInterval: 0.1)
    }
    return rows
  }
}
