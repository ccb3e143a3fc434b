import Foundation
import Testing

@testable import TrailCore

/// `InsightsCatalog` over real stores: the Start and End events `InsightsScan` writes (or an End
/// alone, as a bucket may hold) read back into periods with their statistics and attributions, per
/// API, inside Event history's 90 days and region.
@Suite("Insights catalog")
struct InsightsCatalogTests {
  typealias Scan = InsightsScanTests

  /// A store with a RunInstances burst (call rate) and DescribeVolumes failing (error rate) at
  /// `judged`, scanned up to `scannedTo`.
  static func scannedStore(to scannedTo: Int64 = Scan.judged + 3600) throws -> TestStore {
    let store = try TestStore()
    let records =
      Scan.records("RunInstances", readOnly: false, burst: 8, failing: false, firstID: 1)
      + Scan.records("DescribeVolumes", readOnly: true, burst: 8, failing: true, firstID: 10_000)
    try store.write("calls.json", records: records.sorted { $0.eventTime < $1.eventTime }, shape: .jsonLines)
    _ = try store.ingest()
    try scan(store, to: scannedTo)
    return store
  }

  @discardableResult
  static func scan(_ store: TestStore, to: Int64) throws -> InsightsScan.Result {
    let context = StoreContext(databasePath: store.dbPath, clock: FixedClock(TestTime.date(to)))
    return try InsightsScan(context: context).run(from: TestTime.date(Scan.start), to: TestTime.date(to))
  }

  static func catalog(_ store: TestStore, now: Int64) throws -> InsightsCatalog {
    InsightsCatalog(try StoreReader(databasePath: store.dbPath, clock: FixedClock(TestTime.date(now))))
  }

  @Test func startAndEndPairIntoPeriodsWithTheirStatisticsAndAttributions() throws {
    let store = try Self.scannedStore()
    let catalog = try Self.catalog(store, now: Scan.judged + 3600)
    let periods = try catalog.periods()
    #expect(periods.map(\.subject.eventName).sorted() == ["DescribeVolumes", "RunInstances"])
    let burst = try #require(periods.first { $0.subject.eventName == "RunInstances" })
    #expect(burst.subject.type == .apiCallRateInsight && burst.subject.errorCode == nil)
    #expect(burst.subject.accountId == "111122223333" && burst.subject.region == "us-east-1")
    #expect(burst.start == TestTime.date(Scan.judged))
    #expect(burst.end == TestTime.date(Scan.judged + 300))
    #expect(!burst.isOpen)
    #expect(burst.startAverage == 8 && burst.periodAverage == 8 && burst.insightAverage == 8)
    #expect(abs(burst.baselineAverage - 0.1) < 0.001)
    #expect(burst.durationMinutes == 5 && burst.baselineMinutes == 2 * 1440 + 60)
    #expect(abs((burst.rateChange ?? 0) - 79) < 0.1)
    #expect(burst.topUserArn == "arn:aws:iam::111122223333:user/alice")
    #expect(burst.attributions.map(\.attribute) == ["userIdentityArn", "userAgent", "errorCode"])
    #expect(burst.startRowID != nil && burst.endRowID != nil)
    // The ids are the ones the scan wrote, so the period names its two events.
    let found = try Scan.scan(store, write: false).periods.first { $0.subject.eventName == "RunInstances" }
    let detected = try #require(found)
    #expect(burst.startEventID == InsightRecord.eventID(detected, state: .start))
    #expect(burst.endEventID == InsightRecord.eventID(detected, state: .end))
    #expect(burst.sharedEventID == InsightRecord.sharedEventID(detected))

    let storm = try #require(periods.first { $0.subject.eventName == "DescribeVolumes" })
    #expect(storm.subject.type == .apiErrorRateInsight && storm.subject.errorCode == "AccessDenied")
    #expect(storm.periodAverage == 1 && storm.baselineAverage == 0 && storm.rateChange == nil)
  }

  @Test func anOpenPeriodHasNoEndUntilAScanWritesIt() throws {
    // Three minutes into the five-minute burst: the scan writes a Start only.
    let store = try Self.scannedStore(to: Scan.judged + 180)
    let now = Scan.judged + 180
    let open = try #require(try Self.catalog(store, now: now).periods().first)
    #expect(open.isOpen && open.end == nil && open.endEventID == nil)
    #expect(open.insightAverage == open.startAverage)
    #expect(open.end(orNow: TestTime.date(now)) == TestTime.date(now))
    // The console's related events: a minute before the start to a minute after the clock's now.
    #expect(
      open.relatedEventsWindow(now: TestTime.date(now))
        == TestTime.date(Scan.judged - 60)...TestTime.date(now + 60))

    try Self.scan(store, to: Scan.judged + 3600)
    let closed = try #require(
      try Self.catalog(store, now: Scan.judged + 3600).periods().first { $0.subject == open.subject })
    #expect(closed.sharedEventID == open.sharedEventID)
    #expect(closed.end == TestTime.date(Scan.judged + 300) && closed.startEventID == open.startEventID)
  }

  @Test func anEndWhoseStartIsNotStoredStillMakesAPeriod() throws {
    let store = try TestStore()
    let subject = InsightSubject(
      type: .apiCallRateInsight, accountId: "111122223333", region: "eu-west-1",
      eventSource: "kms.amazonaws.com", eventName: "RetireGrant")
    let minute = Scan.judged / 60
    let period = InsightPeriod(
      subject: subject, startMinute: minute, lastMinute: minute + 6, isClosed: true, baselineMinutes: 10_080,
      baselineAverage: 0.02, startAverage: 9, periodAverage: 6)
    let end = InsightRecord.json(period, state: .end, attributions: [])
    try store.write("end.json", text: String(decoding: end, as: UTF8.self) + "\n")
    _ = try store.ingest()
    let stored = try #require(try Self.catalog(store, now: Scan.judged + 3600).periods().first)
    #expect(stored.start == TestTime.date(Scan.judged) && stored.end == TestTime.date(Scan.judged + 420))
    #expect(stored.startEventID == nil && stored.startAverage == nil && stored.periodAverage == 6)
    #expect(stored.subject == subject && stored.attributions.isEmpty && stored.topUserArn == nil)
  }

  @Test func onlyTheRegionAskedForAndTheLast90DaysAreListed() throws {
    let store = try Self.scannedStore()
    let catalog = try Self.catalog(store, now: Scan.judged + 3600)
    #expect(try catalog.periods(region: "us-east-1").count == 2)
    #expect(try catalog.periods(region: "eu-west-1").isEmpty)
    let later = try Self.catalog(store, now: Scan.judged + 91 * TestTime.day)
    #expect(try later.periods().isEmpty)
  }

  @Test func periodsGroupIntoOneRowPerAPIOrderedByItsNewestPeriod() {
    func subject(_ name: String) -> InsightSubject {
      InsightSubject(
        type: .apiCallRateInsight, accountId: "111122223333", region: "us-east-1",
        eventSource: "ec2.amazonaws.com", eventName: name)
    }
    func period(_ id: String, _ name: String, _ minutesAgo: Double) -> StoredInsightPeriod {
      StoredInsightPeriod(
        sharedEventID: id, subject: subject(name), start: Date(timeIntervalSince1970: 1e9 - minutesAgo * 60),
        baselineAverage: 1, baselineMinutes: 10_080)
    }
    // Newest first, as the catalog reads them.
    let periods = [
      period("a", "RunInstances", 5), period("b", "StopInstances", 10), period("c", "RunInstances", 60),
    ]
    let rows = InsightsCatalog.group(periods)
    #expect(rows.map(\.subject.eventName) == ["RunInstances", "StopInstances"])
    #expect(rows[0].periods.map(\.sharedEventID) == ["a", "c"])
    #expect(rows[0].latestStart == periods[0].start)
    #expect(rows[0].isOpen && rows[1].isOpen)
  }
}
