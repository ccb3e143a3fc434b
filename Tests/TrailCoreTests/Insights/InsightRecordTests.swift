import Foundation
import Testing

@testable import TrailCore

/// TrailDeck's Insights Start and End events against the user guide's examples, member by member and in
/// order (`JSONValue`'s equality compares order). Only what cannot match is patched: the examples' ids
/// are made up (`EXAMPLE…`, letters past `f`), so ours replace them before comparing.
@Suite("Insights records")
struct InsightRecordTests {
  static func example(_ name: String) throws -> JSONValue {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws-cloudtrail-user-guide-insights/\(name)")
    return try JSONValue(parsing: String(contentsOf: fixture, encoding: .utf8))
  }

  /// `value` with every object member passed through `change` (nil drops the member), depth first.
  static func patched(_ value: JSONValue, _ change: (String, JSONValue) -> JSONValue?) -> JSONValue {
    switch value {
    case .object(let members):
      return .object(
        members.compactMap { member in
          change(member.key, patched(member.value, change)).map { (member.key, $0) }
        })
    case .array(let items): return .array(items.map { patched($0, change) })
    default: return value
    }
  }

  /// The example with our event's ids in place of its made-up ones.
  static func withIDs(of ours: JSONValue, _ example: JSONValue) -> JSONValue {
    patched(example) { key, value in
      key == "eventID" || key == "sharedEventID" ? ours[key] : value
    }
  }

  static func minute(_ text: String) -> Int64 { Int64(ISO8601Time.parse(text)!) / 60 }

  @Test func startWithStatisticsAndAttributionsMatchesTheEventReference() throws {
    let example = try Self.example("start-with-attributions.json")
    let period = InsightPeriod(
      subject: InsightSubject(
        type: .apiCallRateInsight, accountId: "838185438692", region: "us-east-1",
        eventSource: "autoscaling.amazonaws.com", eventName: "CompleteLifecycleAction"),
      startMinute: Self.minute("2020-07-21T20:56:00Z"), lastMinute: Self.minute("2020-07-21T21:00:00Z"),
      isClosed: true, baselineMinutes: 11336, baselineAverage: 0.0000882145, startAverage: 0.6,
      periodAverage: 0.6)
    let role = "arn:aws:sts::012345678901:assumed-role/CodeDeployRole"
    let attributions = [
      InsightAttribution(
        attribute: "userIdentityArn", insight: [(role + "1", 0.2), (role + "2", 0.2), (role + "3", 0.2)],
        baseline: [(role + "1", 0.0000882145)]),
      InsightAttribution(
        attribute: "userAgent", insight: [("codedeploy.amazonaws.com", 0.6)],
        baseline: [("codedeploy.amazonaws.com", 0.0000882145)]),
      InsightAttribution(
        attribute: "errorCode", insight: [("null", 0.6)], baseline: [("null", 0.0000882145)]),
    ]
    let ours = try JSONValue(parsing: InsightRecord.json(period, state: .start, attributions: attributions))
    #expect(ours == Self.withIDs(of: ours, example), "\(ours.compactText())")
    #expect(ours.keys == example.keys)
  }

  /// The log-file example predates `baselineDuration` (the event reference's newer example carries it,
  /// and so do ours): it is the one member left out before comparing.
  @Test func startAndEndPairMatchesTheLogFileExample() throws {
    let records = try #require(Self.example("log-file-start-end.json")["Records"])
    guard case .array(let pair) = records, pair.count == 2 else { Issue.record("two records"); return }
    var period = InsightPeriod(
      subject: InsightSubject(
        type: .apiCallRateInsight, accountId: "123456789012", region: "us-east-1",
        eventSource: "ssm.amazonaws.com", eventName: "UpdateInstanceInformation"),
      startMinute: Self.minute("2019-11-14T00:51:00Z"), lastMinute: Self.minute("2019-11-14T00:51:00Z"),
      isClosed: false, baselineMinutes: 10080, baselineAverage: 85.4202380952, startAverage: 664,
      periodAverage: 664)
    // The Start is written while the period is open (no insightDuration yet), the End once it closed.
    let start = try JSONValue(parsing: InsightRecord.json(period, state: .start, attributions: []))
    period.isClosed = true
    let end = try JSONValue(parsing: InsightRecord.json(period, state: .end, attributions: []))
    let withoutBaselineDuration = { (value: JSONValue) in
      Self.patched(value) { key, value in key == "baselineDuration" ? nil : value }
    }
    #expect(withoutBaselineDuration(start) == Self.withIDs(of: start, pair[0]), "\(start.compactText())")
    #expect(withoutBaselineDuration(end) == Self.withIDs(of: end, pair[1]), "\(end.compactText())")
    #expect(start["sharedEventID"] == end["sharedEventID"] && start["eventID"] != end["eventID"])
    #expect(end["insightDetails"]?["insightContext"]?["statistics"]?["baselineDuration"] == .integer(10080))
  }

  @Test func errorRateEventsNameTheirErrorCodeAfterTheInsightType() throws {
    let period = InsightPeriod(
      subject: InsightSubject(
        type: .apiErrorRateInsight, accountId: "111122223333", region: "eu-west-1",
        eventSource: "kms.amazonaws.com", eventName: "Decrypt", errorCode: "AccessDeniedException"),
      startMinute: 29_000_000, lastMinute: 29_000_006, isClosed: true, baselineMinutes: 10080,
      baselineAverage: 0.0123, startAverage: 0.75, periodAverage: 0.8123456789012)
    let end = try JSONValue(parsing: InsightRecord.json(period, state: .end, attributions: []))
    let details = try #require(end["insightDetails"])
    #expect(
      details.keys == ["state", "eventSource", "eventName", "insightType", "errorCode", "insightContext"])
    #expect(details["errorCode"] == .string("AccessDeniedException"))
    #expect(details["insightType"] == .string("ApiErrorRateInsight"))
    // The End's time is the minute after the last unusual one; its average is the period's.
    #expect(end["eventTime"] == .string(ISO8601Time.format(Date(timeIntervalSince1970: 29_000_007 * 60))))
    let statistics = try #require(details["insightContext"]?["statistics"])
    #expect(statistics["insight"]?["average"] == .double(0.8123456789))
    #expect(statistics["insightDuration"] == .integer(7))
  }

  @Test(arguments: [
    (0.0000882145, "0.0000882145"), (664, "664"), (85.42023809523, "85.4202380952"), (0.6, "0.6"),
    (1e-12, "0"), (0.00000000005, "0.0000000001"),
  ])
  func numbersAreWrittenWithoutExponents(value: Double, text: String) {
    #expect(InsightRecord.number(value) == text)
  }

  @Test func theSamePeriodGetsTheSameIdsAndAnotherStartOthers() {
    let subject = InsightSubject(
      type: .apiCallRateInsight, accountId: "1", region: "r", eventSource: "s", eventName: "n")
    let a = InsightPeriod(
      subject: subject, startMinute: 10, lastMinute: 12, isClosed: true, baselineMinutes: 1,
      baselineAverage: 0, startAverage: 1, periodAverage: 1)
    var b = a
    b.lastMinute = 20
    var c = a
    c.startMinute = 11
    #expect(InsightRecord.sharedEventID(a) == InsightRecord.sharedEventID(b))
    #expect(InsightRecord.sharedEventID(a) != InsightRecord.sharedEventID(c))
    let id = InsightRecord.eventID(a, state: .start)
    #expect(
      id.count == 36 && id == id.lowercased() && id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
  }
}
