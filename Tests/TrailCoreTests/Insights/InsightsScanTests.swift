import Foundation
import Testing

@testable import TrailCore

/// `InsightsScan` over real stores: hand-made records (which APIs each insight type judges) and a
/// seeded simulation (its injected bursts and storms found, nothing else), with the events it writes
/// read back through Event history.
@Suite("Insights scan")
struct InsightsScanTests {
  /// Two days of history before `judged`, then the burst and storm minutes.
  static let start = TestTime.base - 2 * TestTime.day
  static let judged = TestTime.base + 3600

  /// One call of `name` every 10 minutes for two days, then `burst` calls a minute for 5 minutes at
  /// `judged`, failing with AccessDenied when `failing`.
  static func records(
    _ name: String, readOnly: Bool, burst: Int, failing: Bool, firstID: Int
  ) -> [TestRecord] {
    var out: [TestRecord] = []
    var n = firstID
    func add(_ time: Int64, error: Bool) {
      var record = TestRecord(TestRecord.id(n), at: time).with {
        $0.eventName = name
        $0.readOnly = readOnly
      }
      if error { record.patches["errorCode"] = #""AccessDenied""# }
      out.append(record)
      n += 1
    }
    for time in stride(from: start, to: judged, by: 600) { add(time + 13, error: false) }
    for minute in 0..<5 {
      for i in 0..<burst { add(judged + Int64(minute * 60 + i * 7), error: failing) }
    }
    return out
  }

  static func scan(_ store: TestStore, write: Bool = true) throws -> InsightsScan.Result {
    let clock = FixedClock(TestTime.date(judged + 3600))
    return try InsightsScan(context: StoreContext(databasePath: store.dbPath, clock: clock)).run(
      from: TestTime.date(start), to: TestTime.date(judged + 3600), write: write)
  }

  @Test func callRateJudgesOnlyWriteAPIsAndErrorRateBoth() throws {
    let store = try TestStore()
    // A read API bursting (not a call-rate insight), a read API failing (an error-rate insight) and a
    // write API bursting (a call-rate insight).
    let records =
      Self.records("DescribeInstances", readOnly: true, burst: 8, failing: false, firstID: 1)
      + Self.records("DescribeVolumes", readOnly: true, burst: 8, failing: true, firstID: 10_000)
      + Self.records("RunInstances", readOnly: false, burst: 8, failing: false, firstID: 20_000)
    try store.write("calls.json", records: records.sorted { $0.eventTime < $1.eventTime }, shape: .jsonLines)
    #expect(try store.ingest().summary.eventsLoaded == records.count)
    let result = try Self.scan(store)
    let found = result.periods.map {
      "\($0.subject.type.rawValue) \($0.subject.eventName) \($0.subject.errorCode ?? "-")"
    }
    #expect(
      found.sorted() == [
        "ApiCallRateInsight RunInstances -", "ApiErrorRateInsight DescribeVolumes AccessDenied",
      ])
    #expect(
      result.periods.allSatisfy {
        $0.startMinute == Self.judged / 60 && $0.lastMinute == Self.judged / 60 + 4
      })
    #expect(result.periods.allSatisfy { $0.isClosed })
    let burst = try #require(result.periods.first { $0.subject.eventName == "RunInstances" })
    #expect(burst.periodAverage == 8 && burst.startAverage == 8)
    #expect(abs(burst.baselineAverage - 0.1) < 0.001, "one call every 10 minutes: \(burst.baselineAverage)")
    #expect(burst.baselineMinutes == 2 * 1440 + 60)
    // Error rate: 8 failures of 8 calls in the storm's minutes; no failure before.
    let storm = try #require(result.periods.first { $0.subject.eventName == "DescribeVolumes" })
    #expect(storm.periodAverage == 1 && storm.baselineAverage == 0)

    // Start and End of each, read back through Event history's insight category.
    #expect(result.eventsStored == 4)
    let history = try store.history(now: Self.judged + 3600)
    let page = try history.lookupEvents(LookupRequest(eventCategory: "insight"))
    #expect(page.events.count == 4)
    #expect(Set(page.events.map(\.summary.eventName)) == ["RunInstances", "DescribeVolumes"])
    #expect(page.events.allSatisfy { $0.summary.eventCategory == "Insight" })
    // Management lookups do not show them.
    let management = try history.allEventIDs(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventName, "RunInstances")]))
    #expect(management.count == records.filter { $0.eventName == "RunInstances" }.count)

    // The call-rate Start's attributions: the caller, the agent and "null" for no error.
    let start = try JSONValue(
      parsing: try #require(
        result.events.first { String(decoding: $0, as: UTF8.self).contains("RunInstances") }))
    guard case .array(let attributions) = start["insightDetails"]?["insightContext"]?["attributions"] else {
      Issue.record("no attributions in \(start.compactText())")
      return
    }
    #expect(
      attributions.map { $0["attribute"] } == [
        .string("userIdentityArn"), .string("userAgent"), .string("errorCode"),
      ])
    #expect(
      attributions[0]["insight"]
        == .array([
          .object([("value", .string("arn:aws:iam::111122223333:user/alice")), ("average", .integer(8))])
        ]))
    #expect(attributions[2]["insight"]?.compactText() == #"[{"value":"null","average":8}]"#)
  }

  /// Insights on data events (trails only): judged when the scan asks for the data category.
  @Test func dataEventsAreJudgedOnlyWhenAskedFor() throws {
    let store = try TestStore()
    let records = Self.records("PutObject", readOnly: false, burst: 8, failing: false, firstID: 1).map {
      $0.with {
        $0.eventSource = "s3.amazonaws.com"
        $0.eventCategory = "Data"
        $0.managementEvent = false
      }
    }
    try store.write("data.json", records: records, shape: .jsonLines)
    #expect(try store.ingest().summary.eventsLoaded == records.count)
    #expect(try Self.scan(store, write: false).periods.isEmpty)
    var scan = InsightsScan(
      context: StoreContext(databasePath: store.dbPath, clock: FixedClock(TestTime.date(Self.judged + 3600))))
    scan.categories.insert(.data)
    let found = try scan.run(
      from: TestTime.date(Self.start), to: TestTime.date(Self.judged + 3600), write: false)
    #expect(found.periods.map(\.subject.eventName) == ["PutObject"])
    #expect(found.periods.first?.subject.category == .data)
  }

  @Test func scanningAgainStoresNothingNewAndADryRunNothingAtAll() throws {
    let store = try TestStore()
    let records = Self.records("RunInstances", readOnly: false, burst: 8, failing: false, firstID: 1)
    try store.write("calls.json", records: records, shape: .jsonLines)
    _ = try store.ingest()
    let dry = try Self.scan(store, write: false)
    #expect(dry.periods.count == 1 && dry.events.count == 2 && dry.eventsStored == 0)
    #expect(try store.statistics().events == records.count)
    let first = try Self.scan(store)
    #expect(first.eventsStored == 2)
    let again = try Self.scan(store)
    #expect(again.events == first.events && again.eventsStored == 0)
    #expect(try store.statistics().events == records.count + 2)
  }

  /// Recall and false periods on seeded simulations (the bench measures more seeds, longer spans).
  @Test(arguments: [UInt64(5), 11])
  func aSeededSimulationYieldsItsBurstsAndStormsAndNothingElse(seed: UInt64) throws {
    let store = try TestStore()
    let configuration = DemoConfiguration(
      seed: seed, days: 4, accounts: 2, regions: 2, end: InsightsFixture.end)
    let simulator = DemoSimulator(configuration: configuration)
    let clock = FixedClock(InsightsFixture.end)
    _ = try DemoLoader(databasePath: store.dbPath, clock: clock).seed(simulator)
    let result = try InsightsScan(context: StoreContext(databasePath: store.dbPath, clock: clock)).run(
      from: configuration.span.start, to: configuration.span.end)
    let evaluation = InsightsEvaluation(
      periods: result.periods, incidents: simulator.incidents, jobs: simulator.recurringJobs)
    #expect(evaluation.matches.count == 2)
    #expect(
      evaluation.recall == 1,
      "missed: \(evaluation.matches.filter { $0.period == nil }.map(\.incident.summary))")
    #expect(evaluation.startDelays.allSatisfy { $0 < 5 })
    #expect(evaluation.recurringJobPeriods.isEmpty)
    #expect(evaluation.falsePeriods.count <= 1, "\(evaluation.falsePeriods.map(\.subject))")
    #expect(result.eventsStored == result.events.count)
    let history = try StoreServices(databasePath: store.dbPath, clock: clock)
    let ids = try history.allEventIDs(LookupRequest(eventCategory: "insight"))
    #expect(ids.count == result.events.count)
  }
}
