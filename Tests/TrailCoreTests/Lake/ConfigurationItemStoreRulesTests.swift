import Foundation
import Testing

@testable import TrailCore

/// Stores of configuration items and evidence (spec §8.1, §8.2, §8.9; the model's documentation of
/// each operation): which records they collect, which ones never reach CloudTrail's features, and
/// which operations each kind of store allows.
@Suite("Configuration item and evidence stores")
struct ConfigurationItemStoreRulesTests {
  typealias F = LakeFixture

  static func managementEvent(_ n: Int) -> TestRecord {
    TestRecord(TestRecord.id(n), at: Int64(F.start.timeIntervalSince1970)).with {
      $0.patches["recipientAccountId"] = "\"\(F.management)\""
    }
  }

  static var item: ConfigurationItemRecord { F.securityGroupItem() }
  static var itemJSON: String { String(decoding: item.json, as: UTF8.self) }

  @Test func itemsAndEvidenceReachOnlyTheStoresSelectingTheirCategory() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let evidence = try fixture.createStore("evidence", category: "Evidence")
    let management = try #require(try fixture.create("default").eventDataStoreArn)
    let data = try #require(
      try fixture.create("data") {
        $0.advancedEventSelectors = [
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["Data"]),
            AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::Object"]),
          ])
        ]
      }.eventDataStoreArn)
    try fixture.appendLive([Self.managementEvent(1)])
    try fixture.appendLive(json: [Self.itemJSON, F.evidenceRecord()])
    #expect(try fixture.memberEventIDs(config) == [Self.item.eventID])
    #expect(try fixture.memberEventIDs(evidence) == ["5f0b8e6a-1111-4222-8333-944455556666"])
    #expect(try fixture.memberEventIDs(management) == [TestRecord.id(1)])
    #expect(try fixture.memberEventIDs(data).isEmpty)
  }

  @Test func itemsAndEvidenceNeverShowInEventHistoryOrTheDashboard() throws {
    let fixture = try LakeFixture()
    try fixture.appendLive([Self.managementEvent(1)])
    try fixture.appendLive(json: [Self.itemJSON, F.evidenceRecord()])
    let page = try LookupEvents.perform(LookupEventsRequest(), with: fixture.services())
    #expect(page.events?.map(\.eventId) == [TestRecord.id(1)])
    var insights = LookupEventsRequest()
    insights.eventCategory = "insight"
    #expect(try LookupEvents.perform(insights, with: fixture.services()).events?.isEmpty ?? true)
  }

  @Test func aTrailDeliversNoItemsNorEvidence() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    _ = try CreateTrail.perform(CreateTrailRequest(name: "all", s3BucketName: "logs"), with: services)
    _ = try StartLogging.perform(StartLoggingRequest(name: "all"), with: services)
    try fixture.appendLive([Self.managementEvent(1)], source: "api:trail")
    try fixture.appendLive(json: [Self.itemJSON, F.evidenceRecord()], source: "api:trail")
    fixture.advance(days: 0.01)
    try TrailDelivery(context: fixture.context).runDue(upTo: fixture.clock.now())
    let keys = try BucketFolder(fixture.context).list(bucket: "logs")
      .filter { $0.hasSuffix(".json.gz") && $0.contains("_CloudTrail_") }
    var ids: [String] = []
    for key in keys {
      let bytes = try Gzip.inflate(
        Array(try Data(contentsOf: URL(fileURLWithPath: fixture.buckets + "/logs/" + key))), path: key)
      if case .array(let records)? = try JSONValue(parsing: bytes)["Records"] {
        ids += records.compactMap { $0["eventID"]?.stringValue }
      }
    }
    #expect(ids == [TestRecord.id(1)])
  }

  @Test func ingestionStopsAndStartsForItemsButNotEvidence() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let evidence = try fixture.createStore("evidence", category: "Evidence")
    _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: config), with: services)
    // Stopped: arriving items are not collected.
    try fixture.appendLive(json: [Self.itemJSON])
    #expect(try fixture.members(config).isEmpty)
    _ = try StartEventDataStoreIngestion.perform(.init(eventDataStore: config), with: services)
    #expect(try GetEventDataStore.perform(.init(eventDataStore: config), with: services).status == "ENABLED")
    for stop in [true, false] {
      #expect(
        fixture.exception {
          if stop {
            _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: evidence), with: services)
          } else {
            _ = try StartEventDataStoreIngestion.perform(.init(eventDataStore: evidence), with: services)
          }
        } == "InvalidEventDataStoreCategoryException")
    }
  }

  @Test(arguments: ["ConfigurationItem", "Evidence"])
  func importsGoOnlyIntoStoresOfCloudTrailEvents(category: String) throws {
    let fixture = try LakeFixture()
    let arn = try fixture.createStore("store", category: category)
    let request = StartImportRequest(
      destinations: [arn],
      importSource: ImportSource(
        s3: S3ImportSource(
          s3LocationUri: "s3://logs", s3BucketRegion: "us-east-1",
          s3BucketAccessRoleArn: "arn:aws:iam::\(F.management):role/import")))
    #expect(
      fixture.exception { _ = try StartImport.perform(request, with: fixture.services()) }
        == "InvalidEventDataStoreCategoryException")
  }

  @Test(arguments: ["ConfigurationItem", "Evidence"])
  func aStoreOfItemsOrEvidenceHoldsThatCategoryAlone(category: String) throws {
    let fixture = try LakeFixture()
    let mixed = [
      AdvancedEventSelector(fieldSelectors: [
        AdvancedFieldSelector(field: "eventCategory", equals: [category])
      ]),
      AdvancedEventSelector(fieldSelectors: [
        AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])
      ]),
    ]
    do {
      _ = try fixture.create("mixed") { $0.advancedEventSelectors = mixed }
      Issue.record("a mixed store was created")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "InvalidEventSelectorsException")
      #expect(
        error.message
          == "An event data store of \(category) events holds \(category) events only; these selectors also name Management."
      )
    }
    let arn = try fixture.createStore("alone", category: category)
    #expect(
      fixture.exception {
        _ = try UpdateEventDataStore.perform(
          UpdateEventDataStoreRequest(eventDataStore: arn, advancedEventSelectors: mixed),
          with: fixture.services())
      } == "InvalidEventSelectorsException")
  }

  @Test func aStoreKeepsItsKindOnUpdate() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let management = try #require(try fixture.create("default").eventDataStoreArn)
    func selecting(_ category: String) -> [AdvancedEventSelector] {
      [
        AdvancedEventSelector(fieldSelectors: [
          AdvancedFieldSelector(field: "eventCategory", equals: [category])
        ])
      ]
    }
    for (arn, category, message) in [
      (
        config, "Management",
        "An event data store of ConfigurationItem events cannot become a store of AWS events, nor the other way round."
      ),
      (
        management, "Evidence",
        "An event data store of AWS events cannot become a store of Evidence events, nor the other way round."
      ),
      (
        config, "Evidence",
        "An event data store of ConfigurationItem events cannot become a store of Evidence events, nor the other way round."
      ),
    ] {
      do {
        _ = try UpdateEventDataStore.perform(
          UpdateEventDataStoreRequest(eventDataStore: arn, advancedEventSelectors: selecting(category)),
          with: fixture.services())
        Issue.record("\(arn) became a store of \(category)")
      } catch let error as ServiceError {
        #expect(error.exceptionName == "InvalidEventSelectorsException")
        #expect(error.message == message)
      }
    }
    // The same kind again is a change like any other.
    _ = try UpdateEventDataStore.perform(
      UpdateEventDataStoreRequest(
        eventDataStore: config, advancedEventSelectors: selecting("ConfigurationItem")),
      with: fixture.services())
  }

  @Test func enrichmentAndInsightsAreForCloudTrailEventsOnly() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let services = try fixture.services()
    #expect(
      fixture.exception {
        _ = try PutEventConfiguration.perform(
          PutEventConfigurationRequest(eventDataStore: config, maxEventSize: "Large"), with: services)
      } == "InvalidEventDataStoreCategoryException")
    #expect(
      fixture.exception {
        _ = try PutInsightSelectors.perform(
          PutInsightSelectorsRequest(
            insightSelectors: [InsightSelector(insightType: .apiCallRateInsight)], eventDataStore: config,
            insightsDestination: config),
          with: services)
      } != nil)
  }
}
