import Foundation
import Testing

@testable import TrailCore

/// Live detection on a trail with Insights: nothing before 36 hours of the clock after the trail turned
/// them on, a wait that restarts when they are turned off and on again; the events written as the
/// clock passes, and delivered under the trail's `CloudTrail-Insight` folder.
@Suite("Insights live")
struct InsightsLiveTests {
  static let account = "111122223333"
  /// When the trail turns Insights on.
  static let enabled = TestTime.base - 3 * TestTime.day
  /// Bursts 12 h, 48 h and 60 h after that: before the wait, after it, and after the wait restarted.
  static let bursts = [enabled + 12 * 3600, enabled + 48 * 3600, enabled + 60 * 3600]
  /// When Insights are turned off and on again.
  static let toggled = enabled + 50 * 3600

  /// RunInstances every 10 minutes from two days before enabling, and the bursts (8 a minute for 5
  /// minutes).
  static func records() -> [TestRecord] {
    var out: [TestRecord] = []
    var times = Array(stride(from: enabled - 2 * TestTime.day + 13, to: enabled + 3 * TestTime.day, by: 600))
    for burst in bursts {
      times += (0..<40).map { burst + Int64($0 / 8) * 60 + Int64($0 % 8) * 7 }
    }
    for (n, time) in times.sorted().enumerated() {
      out.append(
        TestRecord(TestRecord.id(n + 1), at: time).with {
          $0.eventName = "RunInstances"
          $0.readOnly = false
        })
    }
    return out
  }

  final class Fixture {
    let store = try! TestStore()
    let clock = ManualClock(TestTime.date(InsightsLiveTests.enabled))
    var context: StoreContext {
      StoreContext(
        databasePath: store.dbPath, clock: clock, bucketsDirectory: store.folder + "/buckets",
        account: InsightsLiveTests.account, region: "us-east-1")
    }

    /// Records from `later` on are held back until `ingestLater()`: they arrive while detection runs.
    let later: Int64

    let records: [TestRecord]

    init(
      later: Int64 = .max, records: [TestRecord] = InsightsLiveTests.records(),
      selectors: [InsightSelector] = [InsightSelector(insightType: .apiCallRateInsight)]
    ) throws {
      self.records = records
      self.later = later
      try FileManager.default.createDirectory(
        atPath: store.folder + "/buckets/logs", withIntermediateDirectories: true)
      let path = try store.write(
        "history.json", records: records.filter { $0.eventTime < later },
        shape: .jsonLines)
      _ = try store.ingest([path])
      let services = try StoreServices(context)
      _ = try CreateTrail.perform(CreateTrailRequest(name: "watch", s3BucketName: "logs"), with: services)
      _ = try StartLogging.perform(StartLoggingRequest(name: "watch"), with: services)
      try select(selectors)
    }

    func ingestLater() throws {
      let path = try store.write(
        "later.json", records: records.filter { $0.eventTime >= later }, shape: .jsonLines
      )
      _ = try store.ingest([path])
    }

    func select(_ selectors: [InsightSelector]) throws {
      _ = try PutInsightSelectors.perform(
        PutInsightSelectorsRequest(trailName: "watch", insightSelectors: selectors),
        with: StoreServices(context))
    }

    /// Runs detection once a minute of the clock up to `end`.
    func run(_ live: InsightsLive, until end: Int64) throws {
      let scheduler = Scheduler()
      live.schedule(on: scheduler, startingAfter: clock.now())
      clock.set(TestTime.date(end))
      try scheduler.runDue(upTo: clock.now())
    }

    func insightEvents() throws -> [JSONValue] {
      let history = try StoreServices(context)
      return try history.lookupEvents(LookupRequest(eventCategory: "insight")).events.map {
        try JSONValue(parsing: $0.cloudTrailEvent)
      }
    }
  }

  static func state(_ event: JSONValue) -> String {
    guard case .string(let state)? = event["insightDetails"]?["state"] else { return "" }
    return state
  }

  static func time(_ event: JSONValue) -> Int64 {
    guard case .string(let text)? = event["eventTime"] else { return 0 }
    return ISO8601Time.parse(text) ?? 0
  }

  @Test func onlyPeriodsAfterThe36HourWaitAreWrittenAndDelivered() throws {
    let fixture = try Fixture()
    let live = try InsightsLive(context: fixture.context)
    try fixture.run(live, until: Self.toggled)
    // The 12-hour burst came before the wait ended; the 48-hour one after.
    let events = try fixture.insightEvents()
    #expect(events.map(Self.state).sorted() == ["End", "Start"])
    #expect(events.allSatisfy { Self.time($0) >= Self.bursts[1] && Self.time($0) <= Self.bursts[1] + 600 })
    #expect(live.eventsWritten == 2)

    // Delivery, as it runs every 5 minutes: the Start and the End (written 4 minutes apart) in one
    // Insights file each, under CloudTrail-Insight, and no regular log file (the history was
    // imported, not live).
    let delivery = try TrailDelivery(context: fixture.context)
    try delivery.runDue(upTo: fixture.clock.now())
    let folder = BucketFolder(fixture.context)
    let keys = try folder.list(bucket: "logs").sorted()
    #expect(keys.count == 2, "\(keys)")
    let day = ISO8601Time.format(Self.bursts[1]).prefix(10).replacingOccurrences(of: "-", with: "/")
    var states: [String] = []
    for key in keys {
      #expect(key.hasPrefix("AWSLogs/\(Self.account)/CloudTrail-Insight/us-east-1/\(day)/"), "\(key)")
      #expect(key.contains("/\(Self.account)_CloudTrail-Insight_us-east-1_") && key.hasSuffix(".json.gz"))
      let object = try folder.get(bucket: "logs", key: key)
      let file = try JSONValue(parsing: try Gzip.inflate(object.bytes, path: key))
      guard case .array(let records)? = file["Records"] else {
        Issue.record("no Records in \(key)")
        return
      }
      #expect(records.allSatisfy { $0["eventCategory"] == .string("Insight") })
      states += records.map(Self.state)
    }
    #expect(states == ["Start", "End"])

    // Off and on again: the wait restarts, so the 60-hour burst is not an insight, and nothing more
    // is delivered.
    try fixture.select([])
    try fixture.select([InsightSelector(insightType: .apiCallRateInsight)])
    try fixture.run(live, until: Self.enabled + 72 * 3600)
    #expect(try fixture.insightEvents().count == 2)
    try delivery.runDue(upTo: fixture.clock.now())
    #expect(try folder.list(bucket: "logs").count == 2)
  }

  /// Insights on data events (trails only): judged when the trail's selector names the Data category,
  /// and delivered like any other.
  @Test(arguments: [false, true])
  func dataEventInsightsNeedTheDataCategory(enabled: Bool) throws {
    let records = Self.records().map {
      $0.with {
        $0.eventName = "PutObject"
        $0.eventSource = "s3.amazonaws.com"
        $0.eventCategory = "Data"
        $0.managementEvent = false
      }
    }
    let categories = enabled ? ["Data"] : ["Management"]
    let fixture = try Fixture(
      records: records,
      selectors: [InsightSelector(insightType: .apiCallRateInsight, eventCategories: categories)])
    let live = try InsightsLive(context: fixture.context)
    try fixture.run(live, until: Self.toggled)
    let events = try fixture.insightEvents()
    #expect(events.map(Self.state).sorted() == (enabled ? ["End", "Start"] : []))
    try TrailDelivery(context: fixture.context).runDue(upTo: fixture.clock.now())
    #expect(try BucketFolder(fixture.context).list(bucket: "logs").count == (enabled ? 2 : 0))
  }

  @Test func withoutInsightsOnNothingIsJudged() throws {
    let fixture = try Fixture()
    try fixture.select([])
    let live = try InsightsLive(context: fixture.context)
    try fixture.run(live, until: Self.enabled + 72 * 3600)
    #expect(try fixture.insightEvents().isEmpty)
    #expect(live.eventsWritten == 0)
  }

  /// Events arrive while detection runs (the same detector, reading the store again each minute).
  @Test func aPeriodOpenAtATickGetsItsEndLater() throws {
    let fixture = try Fixture(later: Self.bursts[1] - 1800)
    fixture.clock.set(TestTime.date(Self.bursts[1] - 3600))
    let live = try InsightsLive(context: fixture.context)
    try fixture.run(live, until: Self.bursts[1] - 1800)
    #expect(try fixture.insightEvents().isEmpty)
    try fixture.ingestLater()
    // Ticks until two minutes into the burst: a Start, no End yet.
    try fixture.run(live, until: Self.bursts[1] / 60 * 60 + 180)
    #expect(try fixture.insightEvents().map(Self.state) == ["Start"])
    try fixture.run(live, until: Self.bursts[1] + 3600)
    let events = try fixture.insightEvents()
    #expect(events.map(Self.state) == ["End", "Start"])
    #expect(events[0]["sharedEventID"] == events[1]["sharedEventID"])
    // The Start was written while the period was open: no insightDuration on it.
    #expect(events[1]["insightDetails"]?["insightContext"]?["statistics"]?["insightDuration"] == nil)
    #expect(events[0]["insightDetails"]?["insightContext"]?["statistics"]?["insightDuration"] == .integer(5))
  }
}
