import Foundation
import Testing

@testable import TrailCore

/// Insights on an event data store: PutInsightSelectors with a source and a destination store, the
/// rules on both, the 7-day wait, and the Insights events collected by the destination. And on trails,
/// the wait that restarts when logging stops and starts again.
@Suite("Insights on event data stores")
struct EventDataStoreInsightsTests {
  static let account = InsightsLiveTests.account
  static let enabled = InsightsLiveTests.enabled
  /// Bursts 3 days after enabling (inside the 7-day wait) and 8 days after (at another time of day: the
  /// same burst at the same time a few days later would look like a recurring job).
  static let bursts = [enabled + 3 * 86_400, enabled + 8 * 86_400 + 6 * 3600]

  static func records() -> [TestRecord] {
    var times = Array(stride(from: enabled - 2 * TestTime.day + 13, to: enabled + 9 * TestTime.day, by: 600))
    for burst in bursts { times += (0..<40).map { burst + Int64($0 / 8) * 60 + Int64($0 % 8) * 7 } }
    return times.sorted().enumerated().map { n, time in
      TestRecord(TestRecord.id(n + 1), at: time).with {
        $0.eventName = "RunInstances"
        $0.readOnly = false
      }
    }
  }

  final class Fixture {
    let store = try! TestStore()
    let clock = ManualClock(TestTime.date(EventDataStoreInsightsTests.enabled))
    var context: StoreContext {
      StoreContext(
        databasePath: store.dbPath, clock: clock, bucketsDirectory: store.folder + "/buckets",
        account: EventDataStoreInsightsTests.account, region: "us-east-1")
    }
    var services: StoreServices { try! StoreServices(context) }

    init() {
      // StoreServices opens an existing store: create it.
      _ = try! RecordIntake(databasePath: store.dbPath, clock: clock)
    }

    func create(_ name: String, category: String) throws -> String {
      let selectors = [
        AdvancedEventSelector(fieldSelectors: [
          AdvancedFieldSelector(field: "eventCategory", equals: [category])
        ])
      ]
      let created = try CreateEventDataStore.perform(
        CreateEventDataStoreRequest(name: name, advancedEventSelectors: selectors), with: services)
      return try #require(created.eventDataStoreArn)
    }

    func put(_ types: [InsightType], source: String, destination: String?) throws
      -> PutInsightSelectorsResponse
    {
      try PutInsightSelectors.perform(
        PutInsightSelectorsRequest(
          insightSelectors: types.map { InsightSelector(insightType: $0) }, eventDataStore: source,
          insightsDestination: destination), with: services)
    }

    /// How many events the store with ARN `arn` holds.
    func members(_ arn: String) throws -> Int64 {
      let reader = try EventStore.openReader(path: store.dbPath)
      let record = try #require(try EventDataStoreCatalog.find(arn, connection: reader))
      return try reader.scalarInt(
        "SELECT COUNT(*) FROM event_data_store_events WHERE store = \(record.rowID)")
    }
  }

  @Test func putAndGetOnAStoreWithItsDestination() throws {
    let fixture = Fixture()
    let source = try fixture.create("management", category: "Management")
    let destination = try fixture.create("insights", category: "Insight")
    let other = try fixture.create("more-management", category: "Management")
    #expect(
      exceptionName {
        _ = try GetInsightSelectors.perform(
          GetInsightSelectorsRequest(eventDataStore: source), with: fixture.services)
      } == "InsightNotEnabledException")
    let put = try fixture.put([.apiCallRateInsight], source: source, destination: destination)
    #expect(put.eventDataStoreArn == source && put.insightsDestination == destination)
    let got = try GetInsightSelectors.perform(
      GetInsightSelectorsRequest(eventDataStore: source), with: fixture.services)
    #expect(got.insightSelectors == [InsightSelector(insightType: .apiCallRateInsight)])
    #expect(got.insightsDestination == destination)
    // The destination must collect Insights events; the source management events.
    #expect(
      exceptionName { _ = try fixture.put([.apiCallRateInsight], source: source, destination: other) }
        == "InvalidParameterException")
    #expect(
      exceptionName {
        _ = try fixture.put([.apiCallRateInsight], source: destination, destination: destination)
      }
        == "InvalidParameterException")
    #expect(
      exceptionName {
        _ = try fixture.put(
          [.apiCallRateInsight], source: source, destination: "0123abcd-0000-4000-8000-000000000000")
      } == "InvalidParameterException")
    // [] turns Insights off.
    _ = try fixture.put([], source: source, destination: nil)
    #expect(
      exceptionName {
        _ = try GetInsightSelectors.perform(
          GetInsightSelectorsRequest(eventDataStore: source), with: fixture.services)
      } == "InsightNotEnabledException")
  }

  @Test func insightsComeSevenDaysAfterAndLandInTheDestination() throws {
    let fixture = Fixture()
    try fixture.store.write("history.json", records: Self.records(), shape: .jsonLines)
    _ = try fixture.store.ingest()
    let source = try fixture.create("management", category: "Management")
    let destination = try fixture.create("insights", category: "Insight")
    _ = try fixture.put([.apiCallRateInsight], source: source, destination: destination)
    let live = try InsightsLive(context: fixture.context)
    let scheduler = Scheduler()
    live.schedule(on: scheduler, startingAfter: fixture.clock.now())
    fixture.clock.set(TestTime.date(Self.enabled + 9 * 86_400))
    try scheduler.runDue(upTo: fixture.clock.now())
    // Only the burst after the 7 days: a Start and an End, in Event history and in the destination.
    let events = try fixture.services.lookup.lookupEvents(LookupRequest(eventCategory: "insight")).events
    #expect(events.count == 2)
    #expect(events.allSatisfy { $0.summary.eventTime >= TestTime.date(Self.bursts[1]) })
    #expect(try fixture.members(destination) == 2)
    #expect(try fixture.members(source) == 0)  // imported history is not collected live
  }

  @Test func aTrailsWaitRestartsWhenLoggingStartsAgain() throws {
    let fixture = Fixture()
    try FileManager.default.createDirectory(
      atPath: fixture.store.folder + "/buckets/logs", withIntermediateDirectories: true)
    let services = fixture.services
    _ = try CreateTrail.perform(CreateTrailRequest(name: "watch", s3BucketName: "logs"), with: services)
    _ = try StartLogging.perform(StartLoggingRequest(name: "watch"), with: services)
    _ = try PutInsightSelectors.perform(
      PutInsightSelectorsRequest(
        trailName: "watch", insightSelectors: [InsightSelector(insightType: .apiCallRateInsight)]),
      with: services)
    func waitEnds() throws -> Date? {
      let trail = try fixture.services.trails().find("watch")
      return InsightsScope.grant(of: trail, organization: nil)?.startsFrom["ApiCallRateInsight/Management"]
    }
    #expect(try waitEnds() == TestTime.date(Self.enabled + 36 * 3600))
    fixture.clock.set(TestTime.date(Self.enabled + 86_400))
    _ = try StopLogging.perform(StopLoggingRequest(name: "watch"), with: fixture.services)
    #expect(try waitEnds() == nil)  // not logging: no Insights
    fixture.clock.set(TestTime.date(Self.enabled + 2 * 86_400))
    _ = try StartLogging.perform(StartLoggingRequest(name: "watch"), with: fixture.services)
    #expect(try waitEnds() == TestTime.date(Self.enabled + 2 * 86_400 + 36 * 3600))
  }
}
