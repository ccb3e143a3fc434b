import Foundation
import Testing

@testable import TrailCore

/// The event data store operations through the operation layer (spec §8.1, §8.2, §8.10): defaults,
/// ranges, every exception they can raise here, pending deletion and purge on the clock, restore,
/// the KMS key rules, the limit of 10 and paging.
@Suite("Event data store operations")
struct EventDataStoreOperationsTests {
  typealias F = LakeFixture

  @Test func createAppliesCloudTrailsDefaults() throws {
    let fixture = try LakeFixture()
    let created = try fixture.create("audit")
    #expect(created.name == "audit")
    #expect(created.status == "ENABLED")
    #expect(created.multiRegionEnabled == true)
    #expect(created.organizationEnabled == false)
    #expect(created.retentionPeriod == 366)
    #expect(created.billingMode == "EXTENDABLE_RETENTION_PRICING")
    #expect(created.terminationProtectionEnabled == true)
    #expect(created.kmsKeyId == nil)
    #expect(created.createdTimestamp == F.start)
    #expect(created.updatedTimestamp == F.start)
    #expect(
      created.advancedEventSelectors == [
        AdvancedEventSelector(
          name: "Default management events",
          fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])])
      ])
    let arn = try #require(created.eventDataStoreArn)
    #expect(arn.hasPrefix("arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/"))
    let id = String(arn.split(separator: "/").last ?? "")
    #expect(EventDataStoreARN.isID(id) && id == id.lowercased())
    // Fixed pricing defaults to its longest retention; StartIngestion false leaves it stopped.
    let fixed = try fixture.create("fixed") {
      $0.billingMode = "FIXED_RETENTION_PRICING"
      $0.startIngestion = false
    }
    #expect(fixed.retentionPeriod == 2557)
    #expect(fixed.status == "STOPPED_INGESTION")
  }

  struct CreateCase: CustomTestStringConvertible, Sendable {
    var label: String
    var change: @Sendable (inout CreateEventDataStoreRequest) -> Void
    var exception: String
    var testDescription: String { label }
  }

  static let createCases: [CreateCase] = [
    CreateCase(label: "short name", change: { $0.name = "ab" }, exception: "InvalidParameterException"),
    CreateCase(
      label: "bad character", change: { $0.name = "my store" }, exception: "InvalidParameterException"),
    CreateCase(
      label: "long name", change: { $0.name = String(repeating: "a", count: 129) },
      exception: "InvalidParameterException"),
    CreateCase(
      label: "retention 6", change: { $0.retentionPeriod = 6 }, exception: "InvalidParameterException"),
    CreateCase(
      label: "extendable retention 3654", change: { $0.retentionPeriod = 3654 },
      exception: "InvalidParameterException"),
    CreateCase(
      label: "fixed retention 2558",
      change: {
        $0.billingMode = "FIXED_RETENTION_PRICING"
        $0.retentionPeriod = 2558
      }, exception: "InvalidParameterException"),
    CreateCase(
      label: "bad billing mode", change: { $0.billingMode = "CHEAP" }, exception: "InvalidParameterException"),
    CreateCase(
      label: "six selectors",
      change: {
        $0.advancedEventSelectors = Array(
          repeating: AdvancedEventSelector(
            fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])]), count: 6
        )
      }, exception: "InvalidEventSelectorsException"),
    CreateCase(
      label: "unknown field",
      change: {
        $0.advancedEventSelectors = [
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["Management"]),
            AdvancedFieldSelector(field: "colour", equals: ["red"]),
          ])
        ]
      }, exception: "InvalidEventSelectorsException"),
    CreateCase(
      label: "51 tags", change: { $0.tagsList = (0...50).map { Tag(key: "k\($0)", value: "v") } },
      exception: "InvalidTagParameterException"),
    CreateCase(
      label: "malformed key", change: { $0.kmsKeyId = "not a key" }, exception: "InvalidKmsKeyIdException"),
    CreateCase(
      label: "missing key", change: { $0.kmsKeyId = "alias/none" }, exception: "KmsKeyNotFoundException"),
  ]

  @Test(arguments: createCases) func createRefuses(_ example: CreateCase) throws {
    let fixture = try LakeFixture()
    #expect(fixture.exception { try fixture.create("valid-name", example.change) } == example.exception)
    #expect(try ListEventDataStores.perform(.init(), with: fixture.services()).eventDataStores == [])
  }

  @Test func retentionRangesAreEachBillingModes() throws {
    let fixture = try LakeFixture()
    try fixture.create("seven") { $0.retentionPeriod = 7 }
    try fixture.create("longest") { $0.retentionPeriod = 3653 }
    try fixture.create("fixed-longest") {
      $0.billingMode = "FIXED_RETENTION_PRICING"
      $0.retentionPeriod = 2557
    }
  }

  @Test func namesAreUniquePerAccountAndRegion() throws {
    let fixture = try LakeFixture()
    try fixture.create("audit")
    #expect(fixture.exception { try fixture.create("audit") } == "EventDataStoreAlreadyExistsException")
    try fixture.create("audit", region: "eu-west-1")
    try fixture.create("audit", account: F.member)
  }

  @Test func atMostTenStoresPerAccountAndRegionNotCountingPendingDeletion() throws {
    let fixture = try LakeFixture()
    var arns: [String] = []
    for n in 1...10 { arns.append(try #require(try fixture.create("store-\(n)").eventDataStoreArn)) }
    #expect(fixture.exception { try fixture.create("store-11") } == "EventDataStoreMaxLimitExceededException")
    try fixture.create("elsewhere", region: "eu-west-1")
    let services = try fixture.services()
    _ = try UpdateEventDataStore.perform(
      .init(eventDataStore: arns[0], terminationProtectionEnabled: false), with: services)
    _ = try DeleteEventDataStore.perform(.init(eventDataStore: arns[0]), with: services)
    try fixture.create("store-11")
    // Restoring would make 11.
    #expect(
      fixture.exception {
        _ = try RestoreEventDataStore.perform(.init(eventDataStore: arns[0]), with: services)
      }
        == "EventDataStoreMaxLimitExceededException")
  }

  @Test func storesAreFoundByARNOrIDInTheirAccountAndRegion() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    let id = String(arn.split(separator: "/").last!)
    let services = try fixture.services()
    for reference in [arn, id, id.uppercased()] {
      #expect(try GetEventDataStore.perform(.init(eventDataStore: reference), with: services).name == "audit")
    }
    let got = try GetEventDataStore.perform(.init(eventDataStore: arn), with: services)
    #expect(got.federationStatus == "DISABLED")
    #expect(got.retentionPeriod == 366)
    let cases: [(String, StoreServices, String)] = [
      ("audit", services, "EventDataStoreARNInvalidException"),
      (
        "arn:aws:cloudtrail:us-east-1:\(F.management):trail/audit", services,
        "EventDataStoreARNInvalidException"
      ),
      (
        "arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/xyz", services,
        "EventDataStoreARNInvalidException"
      ),
      (UUID().uuidString, services, "EventDataStoreNotFoundException"),
      (arn, try fixture.services(region: "eu-west-1"), "EventDataStoreNotFoundException"),
      (arn, try fixture.services(account: F.member), "EventDataStoreNotFoundException"),
    ]
    for (reference, caller, exception) in cases {
      #expect(
        fixture.exception {
          _ = try GetEventDataStore.perform(.init(eventDataStore: reference), with: caller)
        }
          == exception, "\(reference)")
    }
  }

  @Test func listPagesInCreationOrderWithARNAndNameOnly() throws {
    let fixture = try LakeFixture()
    for n in 1...5 { try fixture.create("store-\(n)") }
    try fixture.create("other-region", region: "eu-west-1")
    let services = try fixture.services()
    var names: [String] = []
    var token: String?
    var pages = 0
    repeat {
      let page = try ListEventDataStores.perform(.init(nextToken: token, maxResults: 2), with: services)
      for store in page.eventDataStores ?? [] {
        names.append(store.name ?? "")
        #expect(store.status == nil && store.retentionPeriod == nil)
      }
      token = page.nextToken
      pages += 1
    } while token != nil
    #expect(names == (1...5).map { "store-\($0)" })
    #expect(pages == 3)
    #expect(
      fixture.exception { _ = try ListEventDataStores.perform(.init(maxResults: 0), with: services) }
        == "InvalidMaxResultsException")
    #expect(
      fixture.exception { _ = try ListEventDataStores.perform(.init(maxResults: 1001), with: services) }
        == "InvalidMaxResultsException")
    #expect(
      fixture.exception {
        _ = try ListEventDataStores.perform(.init(nextToken: "bogus-token"), with: services)
      }
        == "InvalidNextTokenException")
  }

  @Test func deletionIsPendingForSevenDaysThenPurged() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    var services = try fixture.services()
    #expect(
      fixture.exception { _ = try DeleteEventDataStore.perform(.init(eventDataStore: arn), with: services) }
        == "EventDataStoreTerminationProtectedException")
    _ = try UpdateEventDataStore.perform(
      .init(eventDataStore: arn, terminationProtectionEnabled: false), with: services)
    try fixture.appendLive([
      TestRecord(TestRecord.id(1), at: Int64(F.start.timeIntervalSince1970)).with {
        $0.patches["recipientAccountId"] = "\"\(F.management)\""
      }
    ])
    #expect(try fixture.members(arn).count == 1)
    _ = try DeleteEventDataStore.perform(.init(eventDataStore: arn), with: services)
    let pending = try GetEventDataStore.perform(.init(eventDataStore: arn), with: services)
    #expect(pending.status == "PENDING_DELETION")
    #expect(try ListEventDataStores.perform(.init(), with: services).eventDataStores?.count == 1)
    // No collection, no changes while pending.
    try fixture.appendLive([
      TestRecord(TestRecord.id(2), at: Int64(F.start.timeIntervalSince1970)).with {
        $0.patches["recipientAccountId"] = "\"\(F.management)\""
      }
    ])
    #expect(try fixture.members(arn).count == 1)
    #expect(
      fixture.exception { _ = try DeleteEventDataStore.perform(.init(eventDataStore: arn), with: services) }
        == "InactiveEventDataStoreException")
    #expect(
      fixture.exception {
        _ = try UpdateEventDataStore.perform(.init(eventDataStore: arn, retentionPeriod: 30), with: services)
      } == "InactiveEventDataStoreException")
    #expect(
      fixture.exception {
        _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
      }
        == "InvalidEventDataStoreStatusException")
    // Still there just before the 7 days are up ...
    fixture.advance(days: 7)
    fixture.clock.advance(by: -1)
    services = try fixture.services()
    #expect(
      try GetEventDataStore.perform(.init(eventDataStore: arn), with: services).status == "PENDING_DELETION")
    // ... gone, with its members, once the clock has passed them.
    fixture.clock.advance(by: 1)
    services = try fixture.services()
    #expect(
      fixture.exception { _ = try GetEventDataStore.perform(.init(eventDataStore: arn), with: services) }
        == "EventDataStoreNotFoundException")
    #expect(try ListEventDataStores.perform(.init(), with: services).eventDataStores == [])
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM event_data_store_events") == 0)
    #expect(try EventDataStoreCatalog.all(connection: reader).isEmpty)
    // The events themselves stay in the store.
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events") == 2)
  }

  @Test func restoreBringsAPendingStoreBackEnabled() throws {
    let fixture = try LakeFixture()
    let arn = try #require(
      try fixture.create("audit") {
        $0.terminationProtectionEnabled = false
        $0.startIngestion = false
      }.eventDataStoreArn)
    let services = try fixture.services()
    #expect(
      fixture.exception { _ = try RestoreEventDataStore.perform(.init(eventDataStore: arn), with: services) }
        == "InvalidEventDataStoreStatusException")
    _ = try DeleteEventDataStore.perform(.init(eventDataStore: arn), with: services)
    fixture.advance(days: 6)
    let later = try fixture.services()
    let restored = try RestoreEventDataStore.perform(.init(eventDataStore: arn), with: later)
    #expect(restored.status == "ENABLED")
    #expect(restored.updatedTimestamp == F.start.addingTimeInterval(6 * 86_400))
    fixture.advance(days: 2)
    #expect(
      try GetEventDataStore.perform(.init(eventDataStore: arn), with: fixture.services()).status == "ENABLED")
  }

  @Test func updateChangesWhatItIsGivenAndNeedsSomething() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    try fixture.create("taken")
    fixture.advance(days: 1)
    let services = try fixture.services()
    #expect(
      fixture.exception { _ = try UpdateEventDataStore.perform(.init(eventDataStore: arn), with: services) }
        == "InvalidParameterException")
    #expect(
      fixture.exception {
        _ = try UpdateEventDataStore.perform(.init(eventDataStore: arn, name: "taken"), with: services)
      } == "EventDataStoreAlreadyExistsException")
    let updated = try UpdateEventDataStore.perform(
      .init(eventDataStore: arn, name: "renamed", multiRegionEnabled: false, retentionPeriod: 90),
      with: services)
    #expect(updated.name == "renamed")
    #expect(updated.multiRegionEnabled == false)
    #expect(updated.retentionPeriod == 90)
    #expect(updated.createdTimestamp == F.start)
    #expect(updated.updatedTimestamp == F.start.addingTimeInterval(86_400))
    #expect(updated.federationStatus == "DISABLED")
  }

  @Test func billingModeMovesOnlyFromFixedToExtendable() throws {
    let fixture = try LakeFixture()
    let extendable = try #require(try fixture.create("extendable").eventDataStoreArn)
    let fixed = try #require(
      try fixture.create("fixed") { $0.billingMode = "FIXED_RETENTION_PRICING" }.eventDataStoreArn)
    let services = try fixture.services()
    #expect(
      fixture.exception {
        _ = try UpdateEventDataStore.perform(
          .init(eventDataStore: extendable, billingMode: "FIXED_RETENTION_PRICING"), with: services)
      } == "InvalidParameterException")
    #expect(
      fixture.exception {
        _ = try UpdateEventDataStore.perform(
          .init(eventDataStore: fixed, retentionPeriod: 3000), with: services)
      } == "InvalidParameterException")
    let moved = try UpdateEventDataStore.perform(
      .init(eventDataStore: fixed, retentionPeriod: 3000, billingMode: "EXTENDABLE_RETENTION_PRICING"),
      with: services)
    #expect(moved.billingMode == "EXTENDABLE_RETENTION_PRICING")
    #expect(moved.retentionPeriod == 3000)
  }

  @Test func aKmsKeyIsSetOnceAndNeverChangedOrRemoved() throws {
    let fixture = try LakeFixture()
    let ring = KmsKeyRing(directory: fixture.store.folder + "/kms")
    let key = try ring.create(account: F.management, region: "us-east-1", alias: "alias/lake", at: F.start)
    let other = try ring.create(account: F.management, region: "us-east-1", alias: "alias/other", at: F.start)
    let arn = try #require(try fixture.create("plain").eventDataStoreArn)
    let services = try fixture.services()
    let set = try UpdateEventDataStore.perform(
      .init(eventDataStore: arn, kmsKeyId: "alias/lake"), with: services)
    #expect(set.kmsKeyId == key.arn)
    // The same key in another form is no change.
    _ = try UpdateEventDataStore.perform(.init(eventDataStore: arn, kmsKeyId: key.keyId), with: services)
    for change in [other.arn, ""] {
      #expect(
        fixture.exception {
          _ = try UpdateEventDataStore.perform(.init(eventDataStore: arn, kmsKeyId: change), with: services)
        } == "InvalidParameterException", "\(change)")
    }
    #expect(try GetEventDataStore.perform(.init(eventDataStore: arn), with: services).kmsKeyId == key.arn)
    let encrypted = try fixture.create("encrypted") { $0.kmsKeyId = key.arn }
    #expect(encrypted.kmsKeyId == key.arn)
  }

  @Test func ingestionStopsAndStartsFromTheRightStatuses() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    let services = try fixture.services()
    #expect(
      fixture.exception {
        _ = try StartEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
      }
        == "InvalidEventDataStoreStatusException")
    _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
    #expect(
      try GetEventDataStore.perform(.init(eventDataStore: arn), with: services).status == "STOPPED_INGESTION")
    #expect(
      fixture.exception {
        _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
      }
        == "InvalidEventDataStoreStatusException")
    _ = try StartEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
    #expect(try GetEventDataStore.perform(.init(eventDataStore: arn), with: services).status == "ENABLED")
    // Insights stores have no ingestion to stop.
    let insights = try #require(
      try fixture.create("insights") {
        $0.advancedEventSelectors = [
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["Insight"])
          ])
        ]
      }.eventDataStoreArn)
    #expect(
      fixture.exception {
        _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: insights), with: services)
      } == "InvalidEventDataStoreCategoryException")
  }

  @Test func organizationStoresBelongToTheManagementAccount() throws {
    let fixture = try LakeFixture()
    let created = try fixture.create("org") { $0.organizationEnabled = true }
    #expect(created.organizationEnabled == true)
    #expect(
      fixture.exception { try fixture.create("org2", account: F.member) { $0.organizationEnabled = true } }
        == "NotOrganizationMasterAccountException")
    let lone = try LakeFixture(organization: false)
    #expect(
      lone.exception { try lone.create("org") { $0.organizationEnabled = true } }
        == "OrganizationsNotInUseException")
    // Only the management account converts a store either way.
    let arn = try #require(created.eventDataStoreArn)
    let converted = try UpdateEventDataStore.perform(
      .init(eventDataStore: arn, organizationEnabled: false), with: fixture.services())
    #expect(converted.organizationEnabled == false)
  }

  @Test func tagsOfAStoreGoThroughTheTagOperations() throws {
    let fixture = try LakeFixture()
    let arn = try #require(
      try fixture.create("audit") { $0.tagsList = [Tag(key: "team", value: "sec")] }.eventDataStoreArn)
    let services = try fixture.services()
    _ = try AddTags.perform(
      AddTagsRequest(resourceId: arn, tagsList: [Tag(key: "env", value: "prod")]), with: services)
    _ = try RemoveTags.perform(
      RemoveTagsRequest(resourceId: arn, tagsList: [Tag(key: "team")]), with: services)
    let listed = try ListTags.perform(ListTagsRequest(resourceIdList: [arn]), with: services)
    #expect(
      listed.resourceTagList == [ResourceTag(resourceId: arn, tagsList: [Tag(key: "env", value: "prod")])])
    let missing =
      "arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/\(UUID().uuidString.lowercased())"
    #expect(
      fixture.exception {
        _ = try ListTags.perform(ListTagsRequest(resourceIdList: [missing]), with: services)
      }
        == "EventDataStoreNotFoundException")
    #expect(
      fixture.exception {
        _ = try ListTags.perform(
          ListTagsRequest(resourceIdList: ["arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/x"]),
          with: services)
      } == "EventDataStoreARNInvalidException")
  }

  @Test func shapesAreTheServiceModels() throws {
    try ServiceModel.check(
      "CreateEventDataStore", request: CreateEventDataStoreRequest.self,
      response: CreateEventDataStoreResponse.self)
    try ServiceModel.check(
      "GetEventDataStore", request: GetEventDataStoreRequest.self, response: GetEventDataStoreResponse.self)
    try ServiceModel.check(
      "UpdateEventDataStore", request: UpdateEventDataStoreRequest.self,
      response: UpdateEventDataStoreResponse.self)
    try ServiceModel.check(
      "ListEventDataStores", request: ListEventDataStoresRequest.self,
      response: ListEventDataStoresResponse.self)
    try ServiceModel.check(
      "DeleteEventDataStore", request: DeleteEventDataStoreRequest.self,
      response: DeleteEventDataStoreResponse.self)
    try ServiceModel.check(
      "RestoreEventDataStore", request: RestoreEventDataStoreRequest.self,
      response: RestoreEventDataStoreResponse.self)
    try ServiceModel.check(
      "StartEventDataStoreIngestion", request: StartEventDataStoreIngestionRequest.self,
      response: StartEventDataStoreIngestionResponse.self)
    try ServiceModel.check(
      "StopEventDataStoreIngestion", request: StopEventDataStoreIngestionRequest.self,
      response: StopEventDataStoreIngestionResponse.self)
    try ServiceModel.check(
      "StartImport", request: StartImportRequest.self, response: StartImportResponse.self)
    try ServiceModel.check("GetImport", request: GetImportRequest.self, response: GetImportResponse.self)
    try ServiceModel.check(
      "ListImports", request: ListImportsRequest.self, response: ListImportsResponse.self)
    try ServiceModel.check(
      "ListImportFailures", request: ListImportFailuresRequest.self, response: ListImportFailuresResponse.self
    )
    try ServiceModel.check("StopImport", request: StopImportRequest.self, response: StopImportResponse.self)
  }
}
