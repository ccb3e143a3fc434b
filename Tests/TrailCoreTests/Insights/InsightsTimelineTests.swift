import Foundation
import Testing

@testable import TrailCore

/// The Insights timeline: its windows and buckets, the per-minute series of one API read from the
/// rollups (call rate and error rate), and the baseline band drawn from `InsightModel`.
@Suite("Insights timeline")
struct InsightsTimelineTests {
  typealias Scan = InsightsScanTests

  static let burst = InsightSubject(
    type: .apiCallRateInsight, accountId: "111122223333", region: "us-east-1",
    eventSource: "ec2.amazonaws.com", eventName: "RunInstances")
  static let storm = InsightSubject(
    type: .apiErrorRateInsight, accountId: "111122223333", region: "us-east-1",
    eventSource: "ec2.amazonaws.com", eventName: "DescribeVolumes", errorCode: "AccessDenied")

  /// The burst's five minutes, as the pane highlights them.
  static let burstMinutes = TestTime.date(Scan.judged)..<TestTime.date(Scan.judged + 300)

  static func timeline(
    _ store: TestStore, _ subject: InsightSubject, zoom: InsightsZoom, end: Int64, columns: Int
  ) throws -> InsightsTimeline {
    let reader = try StoreReader(databasePath: store.dbPath, clock: FixedClock(TestTime.date(end)))
    return try InsightsTimelineReader(reader).timeline(
      InsightsTimelineRequest(
        subject: subject, zoom: zoom, end: TestTime.date(end), columns: columns, highlights: [burstMinutes]))
  }

  @Test(arguments: [
    (InsightsZoom.hour, 100, 1), (.hour, 30, 2), (.day, 100, 15), (.day, 40, 60), (.week, 100, 120),
    (.days90, 100, 1_440), (.days90, 50, 2_592),
  ])
  func bucketsAreTheShortestStepThatFitsTheColumns(zoom: InsightsZoom, columns: Int, minutes: Int64) {
    let request = InsightsTimelineRequest(
      subject: Self.burst, zoom: zoom, end: TestTime.date(TestTime.base), columns: columns)
    #expect(request.bucketMinutes == minutes)
    #expect(Int64(request.minutes.count) / minutes <= Int64(columns))
  }

  @Test func theWindowEndsOnAWholeBucketAtOrAfterItsEndAndCoversTheZoom() {
    let end = TestTime.date(TestTime.base + 7 * 60 + 20)  // 12:07:20
    let request = InsightsTimelineRequest(subject: Self.burst, zoom: .day, end: end, columns: 100)
    #expect(request.minutes.upperBound == (TestTime.base + 15 * 60) / 60)  // 12:15
    #expect(request.minutes.count == 1_440)
  }

  @Test(arguments: [
    (Int64(5), InsightsZoom.hour), (20, .hour), (21, .day), (480, .day), (481, .week), (3_360, .week),
    (3_361, .days90),
  ])
  func aPeriodOpensAtTheClosestZoomThatHoldsItThreeTimes(minutes: Int64, zoom: InsightsZoom) {
    #expect(InsightsZoom.fitting(durationMinutes: minutes) == zoom)
  }

  @Test func callRateIsTheAPIsWriteCallsAMinuteWithItsBand() throws {
    let store = try InsightsCatalogTests.scannedStore()
    let timeline = try Self.timeline(store, Self.burst, zoom: .hour, end: Scan.judged + 1800, columns: 60)
    #expect(timeline.buckets.count == 60 && timeline.bucketMinutes == 1)
    #expect(timeline.start == TestTime.date(Scan.judged - 1800))
    let inBurst = timeline.buckets.filter { $0.highlight == 0 }
    #expect(inBurst.count == 5)
    #expect(inBurst.allSatisfy { $0.average == 8 && $0.peak == 8 })
    // Before it, one call every ten minutes: counts of 0 or 1, inside a band from ~0.1 to 4.
    let before = timeline.buckets.prefix(30)
    #expect(before.map(\.average).reduce(0, +) == 3)
    for bucket in before {
      let band = try #require(bucket.band)
      #expect(abs(band.expected - 0.1) < 0.01)
      #expect(band.unusualFrom == 4)
      #expect(bucket.peak < band.unusualFrom)
    }
    #expect(inBurst.allSatisfy { $0.peak >= ($0.band?.unusualFrom ?? .infinity) })
    #expect(!timeline.isErrorRate && timeline.largestValue == 8)
  }

  @Test func errorRateIsTheShareOfCallsFailingWithTheCode() throws {
    let store = try InsightsCatalogTests.scannedStore()
    let timeline = try Self.timeline(store, Self.storm, zoom: .hour, end: Scan.judged + 1800, columns: 60)
    let inStorm = timeline.buckets.filter { $0.highlight == 0 }
    #expect(inStorm.count == 5 && inStorm.allSatisfy { $0.average == 1 && $0.peak == 1 })
    // It never failed before: the band runs from no failures to the model's least rise.
    let band = try #require(timeline.buckets.first?.band)
    #expect(band.expected == 0 && abs(band.unusualFrom - 0.2) < 1e-9)
    #expect(timeline.isErrorRate)
  }

  @Test func coarserZoomsSumMinutesIntoBucketsAndKeepTheBusiestMinute() throws {
    let store = try InsightsCatalogTests.scannedStore()
    let timeline = try Self.timeline(store, Self.burst, zoom: .day, end: Scan.judged + 3600, columns: 96)
    #expect(timeline.bucketMinutes == 15 && timeline.buckets.count == 96)
    let bucket = try #require(timeline.buckets.first { $0.start == TestTime.date(Scan.judged) })
    #expect(bucket.average == 40.0 / 15 && bucket.peak == 8 && bucket.highlight == 0)
  }

  @Test func thereIsNoBandBeforeThe36HoursOfHistoryTheModelNeeds() throws {
    let store = try InsightsCatalogTests.scannedStore()
    let early = try Self.timeline(store, Self.burst, zoom: .hour, end: Scan.start + 7200, columns: 60)
    #expect(early.buckets.allSatisfy { $0.band == nil })
    #expect(early.buckets.map(\.average).reduce(0, +) > 0)
  }

  @Test func anAPITheStoreNeverSawIsAQuietTimeline() throws {
    let store = try InsightsCatalogTests.scannedStore()
    let other = InsightSubject(
      type: .apiCallRateInsight, accountId: "111122223333", region: "us-east-1",
      eventSource: "iam.amazonaws.com", eventName: "NeverCalled")
    let timeline = try Self.timeline(store, other, zoom: .hour, end: Scan.judged, columns: 60)
    #expect(timeline.buckets.count == 60)
    #expect(timeline.buckets.allSatisfy { $0.average == 0 && $0.peak == 0 && $0.band == nil })
  }

  @Test(arguments: [(0.1, Int64(1)), (0.0, 0), (2.5, 4), (40, 20), (400, 350)])
  func theBandsTopIsTheLeastCountTheModelCallsUnusual(rate: Double, peak: Int64) {
    let model = InsightModel()
    let least = model.leastUnusualCount(rate: rate, peak: peak)
    #expect(model.judge(least, rate: rate, peak: peak).isUnusual)
    #expect(!model.judge(least - 1, rate: rate, peak: peak).isUnusual)
  }
}
