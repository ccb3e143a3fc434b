import Foundation
import Testing

@testable import TrailCore

/// What Event history shows: management events only (never data events), Insights only when asked,
/// and one region when a region is given.
@Suite("Event history categories and regions")
struct EventCategoryTests {
  /// An Insights record as CloudTrail writes it: no top-level eventName/eventSource/userIdentity.
  static func insight(_ n: Int, at time: Int64, state: String, name: String = "DeleteBucket") -> String {
    """
    {"eventVersion":"1.07","eventTime":"\(ISO8601Time.format(time))","awsRegion":"us-east-1",\
    "eventID":"\(TestRecord.id(n))","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333",\
    "sharedEventID":"12345678-1234-1234-1234-123456789012","insightDetails":{"state":"\(state)",\
    "eventSource":"s3.amazonaws.com","eventName":"\(name)","insightType":"ApiCallRateInsight",\
    "insightContext":{"statistics":{"baseline":{"average":0.01},"insight":{"average":5.2}}}},\
    "eventCategory":"Insight"}
    """
  }

  static func mixedStore() throws -> TestStore {
    let store = try TestStore()
    let t = TestTime.base
    let management = TestRecord(TestRecord.id(1), at: t + 1)
    let dataByCategory = TestRecord(TestRecord.id(2), at: t + 2).with {
      $0.eventName = "GetObject"
      $0.eventSource = "s3.amazonaws.com"
      $0.eventCategory = "Data"
      $0.managementEvent = false
    }
    // Before eventVersion 1.07 there is no eventCategory: managementEvent false marks a data event.
    let dataByFlag = TestRecord(TestRecord.id(3), at: t + 3).with {
      $0.eventName = "Invoke"
      $0.eventSource = "lambda.amazonaws.com"
      $0.eventCategory = nil
      $0.managementEvent = false
    }
    let oldManagement = TestRecord(TestRecord.id(4), at: t + 4).with {
      $0.eventCategory = nil
      $0.managementEvent = nil
    }
    let otherRegion = TestRecord(TestRecord.id(5), at: t + 5).with { $0.awsRegion = "eu-west-1" }
    let network = TestRecord(TestRecord.id(6), at: t + 6).with { $0.eventCategory = "NetworkActivity" }
    try store.write(
      "mixed.json",
      text: TestStore.text(
        of: [management, dataByCategory, dataByFlag, oldManagement, otherRegion, network].map(\.json)
          + [
            insight(7, at: t + 7, state: "Start"), insight(8, at: t + 8, state: "End"),
            insight(9, at: t + 9, state: "Start", name: "PutObject"),
          ],
        shape: .envelope))
    let run = try store.ingest()
    #expect(run.summary.eventsLoaded == 9)
    #expect(run.lines == [])
    return store
  }

  @Test func onlyManagementEventsAppear() throws {
    let ids = try Self.mixedStore().history().allEventIDs()
    #expect(ids == [5, 4, 1].map(TestRecord.id))
  }

  @Test func dataEventsAreStoredButNeverLookedUp() throws {
    let store = try Self.mixedStore()
    let history = try store.history()
    for n in [2, 3, 6] {
      let ids = try history.allEventIDs(
        LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(n))]))
      #expect(ids == [], "event \(n)")
    }
    let categories = Dictionary(
      try store.statistics().eventsByCategory.map { ($0.value, $0.count) }, uniquingKeysWith: +)
    #expect(categories == ["Management": 3, "Data": 2, "Insight": 3, "NetworkActivity": 1])
  }

  @Test func regionFilterKeepsOneRegion() throws {
    let history = try Self.mixedStore().history()
    #expect(try history.allEventIDs(LookupRequest(region: "eu-west-1")) == [TestRecord.id(5)])
    #expect(try history.allEventIDs(LookupRequest(region: "us-east-1")) == [4, 1].map(TestRecord.id))
    #expect(try history.allEventIDs(LookupRequest(region: "ap-south-2")) == [])
  }

  @Test func insightCategoryShowsOnlyInsightsEvents() throws {
    let history = try Self.mixedStore().history()
    let page = try history.lookupEvents(LookupRequest(eventCategory: "insight"))
    #expect(page.events.map(\.summary.eventId) == [9, 8, 7].map(TestRecord.id))
    #expect(page.events.map(\.summary.eventCategory) == ["Insight", "Insight", "Insight"])
    // The subject API comes from insightDetails.
    #expect(page.events.map(\.summary.eventName) == ["PutObject", "DeleteBucket", "DeleteBucket"])
    #expect(page.events.map(\.summary.eventSource) == Array(repeating: "s3.amazonaws.com", count: 3))
  }

  /// Insights events are found through their partial index, not by walking every row of the 90 days
  /// (the Insights pane and the Dashboard ask every 10 seconds).
  @Test func insightPagesReadThePartialIndex() throws {
    let history = try Self.mixedStore().history()
    let query = try #require(
      try HistoryQuery.make(
        filter: HistoryFilter(isInsight: true), bounds: 0...Int64.max, pages: history.pages))
    let plan = try history.reader.connection.prepare(
      "EXPLAIN QUERY PLAN " + query.rangeSQL(direction: .older))
    for (i, value) in query.rangeParameters(0...Int64.max, limit: 50).enumerated() {
      if case .int(let number) = value { plan.bindInt(Int32(i + 1), number) }
    }
    var steps: [String] = []
    while try plan.step() { steps.append(plan.text(3) ?? "") }
    #expect(steps.contains { $0.contains("events_insights") }, "\(steps)")
  }

  /// Before eventCategory existed, an Insights record is known by its eventType.
  @Test func insightWithoutEventCategoryIsKnownByItsEventType() throws {
    let store = try TestStore()
    let old = Self.insight(1, at: TestTime.base, state: "Start").replacingOccurrences(
      of: #","eventCategory":"Insight""#, with: "")
    #expect(!old.contains("eventCategory"))
    try store.write("old-insight.json", text: TestStore.text(of: [old], shape: .jsonLines))
    #expect(try store.ingest().summary.eventsLoaded == 1)
    let history = try store.history()
    #expect(try history.allEventIDs(LookupRequest(eventCategory: "insight")) == [TestRecord.id(1)])
    #expect(try history.allEventIDs() == [])
  }

  @Test(arguments: [
    (LookupAttribute(.eventName, "DeleteBucket"), [8, 7]),
    (LookupAttribute(.eventSource, "s3.amazonaws.com"), [9, 8, 7]),
    (LookupAttribute(.eventId, TestRecord.id(9)), [9]),
    (LookupAttribute(.eventId, TestRecord.id(1)), []),
  ])
  func insightLookupsByAllowedAttributes(attribute: LookupAttribute, expected: [Int]) throws {
    let history = try Self.mixedStore().history()
    let ids = try history.allEventIDs(LookupRequest(lookupAttributes: [attribute], eventCategory: "insight"))
    #expect(ids == expected.map(TestRecord.id))
  }
}
