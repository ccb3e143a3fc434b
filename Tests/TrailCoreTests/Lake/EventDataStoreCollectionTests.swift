import Foundation
import Testing

@testable import TrailCore

/// Which arriving events an event data store collects (spec §8.1, DESIGN "Lake"): its selectors
/// (through the evaluator trails use), its region unless multi-region, its account or organization,
/// only while ingestion is on, and only what its retention keeps.
@Suite("Event data store collection")
struct EventDataStoreCollectionTests {
  typealias F = LakeFixture
  static let now = Int64(F.start.timeIntervalSince1970)

  /// A management event of `account` in `region`, numbered `n`.
  static func event(
    _ n: Int, account: String = F.management, region: String = "us-east-1", at time: Int64 = now,
    _ change: (inout TestRecord) -> Void = { _ in }
  ) -> TestRecord {
    var record = TestRecord(TestRecord.id(n), at: time)
    record.awsRegion = region
    record.patches["recipientAccountId"] = "\"\(account)\""
    change(&record)
    return record
  }

  static func dataEvent(_ n: Int, type: String = "AWS::S3::Object", arn: String = "arn:aws:s3:::logs/a.txt")
    -> TestRecord
  {
    event(n) {
      $0.eventCategory = "Data"
      $0.managementEvent = false
      $0.eventSource = "s3.amazonaws.com"
      $0.eventName = "GetObject"
      $0.resources = #"[{"type":"\#(type)","ARN":"\#(arn)"}]"#
    }
  }

  static func ids(_ numbers: [Int]) -> [String] { numbers.map(TestRecord.id).sorted() }

  static func selectors(_ fields: [AdvancedFieldSelector]) -> [AdvancedEventSelector] {
    [AdvancedEventSelector(fieldSelectors: fields)]
  }

  @Test func theDefaultStoreCollectsTheAccountsManagementEventsInEveryRegion() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    try fixture.appendLive([
      Self.event(1), Self.event(2, region: "eu-west-1"), Self.event(3, account: F.member), Self.dataEvent(4),
    ])
    #expect(try fixture.memberEventIDs(arn) == Self.ids([1, 2]))
  }

  @Test func aSingleRegionStoreCollectsItsRegionOnly() throws {
    let fixture = try LakeFixture()
    let arn = try #require(
      try fixture.create("west", region: "eu-west-1") { $0.multiRegionEnabled = false }.eventDataStoreArn)
    try fixture.appendLive([Self.event(1), Self.event(2, region: "eu-west-1")])
    #expect(try fixture.memberEventIDs(arn) == Self.ids([2]))
  }

  @Test func anOrganizationStoreCollectsEveryMembersEvents() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("org") { $0.organizationEnabled = true }.eventDataStoreArn)
    try fixture.appendLive([
      Self.event(1), Self.event(2, account: F.member), Self.event(3, account: "999999999999"),
    ])
    #expect(try fixture.memberEventIDs(arn) == Self.ids([1, 2]))
  }

  @Test func selectorsChooseAsTheyDoForTrails() throws {
    let fixture = try LakeFixture()
    let objects = try #require(
      try fixture.create("objects") {
        $0.advancedEventSelectors = Self.selectors([
          AdvancedFieldSelector(field: "eventCategory", equals: ["Data"]),
          AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::Object"]),
        ])
      }.eventDataStoreArn)
    let writes = try #require(
      try fixture.create("writes") {
        $0.advancedEventSelectors = Self.selectors([
          AdvancedFieldSelector(field: "eventCategory", equals: ["Management"]),
          AdvancedFieldSelector(field: "readOnly", equals: ["false"]),
        ])
      }.eventDataStoreArn)
    // Fields the writer does not extract (userIdentity.arn, resources.ARN) are read from the record.
    let alice = try #require(
      try fixture.create("alice") {
        $0.advancedEventSelectors = Self.selectors([
          AdvancedFieldSelector(field: "eventCategory", equals: ["Management"]),
          AdvancedFieldSelector(field: "userIdentity.arn", endsWith: [":user/alice"]),
        ])
      }.eventDataStoreArn)
    let bucket = try #require(
      try fixture.create("bucket") {
        $0.advancedEventSelectors = Self.selectors([
          AdvancedFieldSelector(field: "eventCategory", equals: ["Data"]),
          AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::Object"]),
          AdvancedFieldSelector(field: "resources.ARN", startsWith: ["arn:aws:s3:::logs/"]),
        ])
      }.eventDataStoreArn)
    try fixture.appendLive([
      Self.event(1),
      Self.event(2) {
        $0.readOnly = false
        $0.eventName = "RunInstances"
      },
      Self.event(3) { $0.identity = TestRecord.iamUser("bob", key: "AKIABOB") },
      Self.dataEvent(4),
      Self.dataEvent(5, arn: "arn:aws:s3:::other/b.txt"),
      Self.dataEvent(6, type: "AWS::Lambda::Function", arn: "arn:aws:lambda:us-east-1:1:function:f"),
    ])
    #expect(try fixture.memberEventIDs(objects) == Self.ids([4, 5]))
    #expect(try fixture.memberEventIDs(writes) == Self.ids([2]))
    #expect(try fixture.memberEventIDs(alice) == Self.ids([1, 2]))
    #expect(try fixture.memberEventIDs(bucket) == Self.ids([4]))
    // Each event is stored once, whatever number of stores hold it.
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events") == 6)
  }

  @Test func onlyEventsArrivingWhileIngestionIsOnAreCollected() throws {
    let fixture = try LakeFixture()
    try fixture.appendLive([Self.event(1)])
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    let services = try fixture.services()
    try fixture.appendLive([Self.event(2)])
    _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
    try fixture.appendLive([Self.event(3)])
    _ = try StartEventDataStoreIngestion.perform(.init(eventDataStore: arn), with: services)
    try fixture.appendLive([Self.event(4), Self.event(2)])
    #expect(try fixture.memberEventIDs(arn) == Self.ids([2, 4]))
  }

  @Test func ingestedLogFilesFeedTheStoresToo() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    let path = try fixture.store.write(
      "logs/a.json.gz", records: [Self.event(1), Self.event(2, account: F.member)], gzip: true)
    let ingestor = Ingestor(databasePath: fixture.store.dbPath, clock: fixture.clock)
    _ = try ingestor.ingest(paths: [path], report: { _ in })
    #expect(try fixture.memberEventIDs(arn) == Self.ids([1]))
  }

  @Test func eventsOlderThanTheRetentionAreNotCollectedAndShrinkingDropsThem() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit") { $0.retentionPeriod = 30 }.eventDataStoreArn)
    let day: Int64 = 86_400
    try fixture.appendLive([
      Self.event(1, at: Self.now - 31 * day), Self.event(2, at: Self.now - 20 * day),
      Self.event(3, at: Self.now - 5 * day), Self.event(4, at: Self.now),
    ])
    #expect(try fixture.memberEventIDs(arn) == Self.ids([2, 3, 4]))
    _ = try UpdateEventDataStore.perform(
      .init(eventDataStore: arn, retentionPeriod: 10), with: fixture.services())
    #expect(try fixture.memberEventIDs(arn) == Self.ids([3, 4]))
    // Growing it back does not bring dropped events back.
    _ = try UpdateEventDataStore.perform(
      .init(eventDataStore: arn, retentionPeriod: 60), with: fixture.services())
    #expect(try fixture.memberEventIDs(arn) == Self.ids([3, 4]))
  }

  @Test func theCatalogIsWhatTheSQLEngineReads() throws {
    let fixture = try LakeFixture()
    let first = try #require(try fixture.create("first").eventDataStoreArn)
    fixture.advance(days: 1)
    try fixture.create("second", region: "eu-west-1") {
      $0.multiRegionEnabled = false
      $0.retentionPeriod = 90
    }
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    let all = try EventDataStoreCatalog.all(connection: reader)
    #expect(all.map(\.name) == ["first", "second"])
    let second = all[1]
    #expect(second.status == "ENABLED" && second.retentionPeriod == 90 && !second.multiRegionEnabled)
    #expect(!second.organizationEnabled)
    #expect(second.createdTimestamp == F.start.addingTimeInterval(86_400))
    #expect(second.arn.hasPrefix("arn:aws:cloudtrail:eu-west-1:\(F.management):eventdatastore/\(second.id)"))
    let id = String(first.split(separator: "/").last!)
    #expect(try EventDataStoreCatalog.find(id.uppercased(), connection: reader)?.arn == first)
    #expect(try EventDataStoreCatalog.find(first, connection: reader)?.rowID == all[0].rowID)
    #expect(try EventDataStoreCatalog.find("nothing", connection: reader) == nil)
    // The membership table has exactly the shape the engine reads.
    let statement = try reader.prepare(
      "SELECT sql FROM sqlite_master WHERE name = 'event_data_store_events'")
    _ = try statement.step()
    let sql = (statement.text(0) ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    #expect(
      sql
        == "CREATE TABLE event_data_store_events ( store INTEGER NOT NULL, event INTEGER NOT NULL, PRIMARY KEY (store, event) ) WITHOUT ROWID"
    )
  }
}

/// Events and their membership commit in one transaction: a failure on either side leaves neither.
@Suite("Event data store collection commits with the events")
struct EventDataStoreCollectionAtomicityTests {
  typealias F = LakeFixture

  @Test func aFailedWriteLeavesNeitherEventsNorMembers() throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("audit").eventDataStoreArn)
    let records = (1...3).map { EventDataStoreCollectionTests.event($0) }
    let writer = try EventStore.openWriter(path: fixture.store.dbPath)
    // The membership insert fails: the events of the transaction go too.
    try writer.execute(
      """
      CREATE TRIGGER refuse_members BEFORE INSERT ON event_data_store_events
      BEGIN SELECT RAISE(ABORT, 'refused'); END
      """)
    #expect(throws: (any Error).self) { try fixture.appendLive(records) }
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM events") == 0)
    try writer.execute("DROP TRIGGER refuse_members")
    // An event insert fails after others were filed: no member row survives either.
    try writer.execute(
      """
      CREATE TRIGGER refuse_third BEFORE INSERT ON events WHEN (SELECT COUNT(*) FROM events) >= 2
      BEGIN SELECT RAISE(ABORT, 'refused'); END
      """)
    #expect(throws: (any Error).self) { try fixture.appendLive(records) }
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM events") == 0)
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM event_data_store_events") == 0)
    try writer.execute("DROP TRIGGER refuse_third")
    try fixture.appendLive(records)
    #expect(try fixture.memberEventIDs(arn) == EventDataStoreCollectionTests.ids([1, 2, 3]))
  }
}
