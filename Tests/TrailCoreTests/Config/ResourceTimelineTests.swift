import Foundation
import Testing

@testable import TrailCore

/// A security group's configuration items, a bucket named like the group, and the call that changed
/// the group, written through `RecordIntake` as the simulator and Config ingest write them.
struct TimelineStore {
  static let account = "111122223333"
  static let groupARN = "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc1234"
  static let causeID = TestRecord.id(77)
  /// Capture times, in milliseconds.
  static let t0: Int64 = (TestTime.base + 60) * 1000
  static let t1: Int64 = (TestTime.base + 3_600) * 1000 + 250
  static let t2: Int64 = (TestTime.base + 7_200) * 1000
  static let t3: Int64 = (TestTime.base + 9_000) * 1000

  static func group(
    _ time: Int64, status: ConfigurationItemRecord.Status = .ok, permissions: [JSONValue], env: String,
    policy: String = #"{"Statement":[{"Effect":"Allow"}]}"#, related: [String] = []
  ) -> ConfigurationItemRecord {
    ConfigurationItemRecord(
      captureTime: time, status: status, accountId: account, resourceType: "AWS::EC2::SecurityGroup",
      resourceId: "sg-0abc1234", resourceName: "web", arn: groupARN, awsRegion: "us-east-1",
      configuration: .object([("groupId", .string("sg-0abc1234")), ("ipPermissions", .array(permissions))]),
      supplementaryConfiguration: .object([("Policy", .string(policy))]), relatedEvents: related,
      relationships: [.init(name: "Is contained in Vpc", resourceType: "AWS::EC2::VPC", resourceId: "vpc-1")],
      tags: [(key: "env", value: env)])
  }

  static func rule(_ from: Int64, _ to: Int64) -> JSONValue {
    .object([("ipProtocol", .string("tcp")), ("fromPort", .integer(from)), ("toPort", .integer(to))])
  }

  static let items: [ConfigurationItemRecord] = [
    group(t0, status: .resourceDiscovered, permissions: [], env: "dev"),
    group(t1, permissions: [rule(22, 22)], env: "prod", related: [causeID]),
    group(
      t2, permissions: [rule(22, 2222)], env: "prod", policy: #"{"Statement":[{"Effect":"Deny"}]}"#,
      related: [causeID, TestRecord.id(999)]),
    ConfigurationItemRecord(
      captureTime: t0, status: .ok, accountId: account, resourceType: "AWS::S3::Bucket", resourceId: "web",
      resourceName: "web", arn: "arn:aws:s3:::web", awsRegion: "us-east-1", configuration: .object([])),
  ]

  static let cause = TestRecord(causeID, at: TestTime.base + 3_590).with {
    $0.eventName = "AuthorizeSecurityGroupIngress"
    $0.readOnly = false
  }

  let store: TestStore

  /// Items in a shuffled order, the cause in another batch.
  init() throws {
    store = try TestStore()
    let intake = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(TestTime.date(TestTime.base)))
    let order = [2, 0, 3, 1]
    try intake.append([
      RecordIntake.Batch(source: "config:test/1", records: order.map { Self.items[$0].json }),
      RecordIntake.Batch(source: "api:test/1", records: [Array(Self.cause.json.utf8)]),
    ])
  }

  func services() throws -> StoreServices { try store.history(now: TestTime.base + TestTime.day) }
}

@Suite("Resource timeline")
struct ResourceTimelineTests {
  @Test func itemsComeInCaptureOrderEachDiffedAgainstTheOneBefore() throws {
    let fixture = try TimelineStore()
    let timeline = try fixture.services().resourceTimeline(.identifier("sg-0abc1234"))
    #expect(
      timeline.entries.map(\.item.captureTime) == [TimelineStore.t0, TimelineStore.t1, TimelineStore.t2])
    #expect(timeline.resource?.label == "AWS::EC2::SecurityGroup sg-0abc1234 (web)")
    #expect(timeline.otherResources.isEmpty)
    let first = timeline.entries[0]
    #expect(first.isFirst)
    #expect(first.summary == "discovered")
    #expect(first.changes.map(\.path).contains("configuration.groupId"))
    #expect(first.changes.allSatisfy { $0.kind == .added })
    #expect(
      timeline.entries[1].changes == [
        ConfigurationChange(.changed, "status", old: .string("ResourceDiscovered"), new: .string("OK")),
        ConfigurationChange(.added, "configuration.ipPermissions[0]", new: TimelineStore.rule(22, 22)),
        ConfigurationChange(.changed, "tags.env", old: .string("dev"), new: .string("prod")),
      ])
    #expect(
      timeline.entries[1].summary == "3 changes: ~status, +configuration.ipPermissions[0], ~tags.env")
    // Same length: element by element; the policy held as JSON text is compared as JSON.
    #expect(
      timeline.entries[2].changes == [
        ConfigurationChange(
          .changed, "configuration.ipPermissions[0].toPort", old: .integer(22), new: .integer(2222)),
        ConfigurationChange(
          .changed, "supplementaryConfiguration.Policy.Statement[0].Effect", old: .string("Allow"),
          new: .string("Deny")),
      ])
  }

  @Test func causingEventsAreResolvedThroughTheEventIDIndex() throws {
    let fixture = try TimelineStore()
    let entries = try fixture.services().resourceTimeline(.arn(TimelineStore.groupARN)).entries
    #expect(entries[0].causes.isEmpty)
    let cause = try #require(entries[1].causes.first)
    #expect(cause.eventID == TimelineStore.causeID)
    #expect(cause.isStored)
    #expect(cause.eventName == "AuthorizeSecurityGroupIngress")
    #expect(cause.eventTime == TestTime.date(TestTime.base + 3_590))
    #expect(cause.userArn == "arn:aws:iam::111122223333:user/alice")
    #expect(cause.userName == "alice")
    #expect(cause.sourceIPAddress == "203.0.113.7")
    // An eventID the store does not hold stays, unresolved, in the item's order.
    #expect(entries[2].causes.map(\.eventID) == [TimelineStore.causeID, TestRecord.id(999)])
    #expect(entries[2].causes.map(\.isStored) == [true, false])
  }

  @Test(arguments: [
    ("arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc1234", 3),
    ("AWS::EC2::SecurityGroup sg-0abc1234", 3),
    ("AWS::EC2::SecurityGroup/sg-0abc1234", 3),
    ("sg-0abc1234", 3),
    // An ARN Config did not record (another spelling) is found through its resource part.
    ("arn:aws:ec2:us-east-1:111122223333:security-group-rule/sg-0abc1234", 3),
    ("arn:aws:s3:::web", 1),
    ("sg-missing", 0),
  ])
  func lookupsByARNTypeAndIDOrBareID(_ text: String, _ count: Int) throws {
    let fixture = try TimelineStore()
    let query = try #require(ResourceQuery(parsing: text))
    #expect(try fixture.services().resourceTimeline(query).entries.count == count)
  }

  @Test func aNameTwoResourcesShareShowsTheNewestAndNamesTheOther() throws {
    let fixture = try TimelineStore()
    let timeline = try fixture.services().resourceTimeline(.identifier("web"))
    #expect(timeline.resource?.resourceType == "AWS::EC2::SecurityGroup")
    #expect(timeline.otherResources.map(\.label) == ["AWS::S3::Bucket web"])
  }

  @Test func anEmptyTimelineSaysWhy() throws {
    let fixture = try TimelineStore()
    let timeline = try fixture.services().resourceTimeline(.identifier("sg-missing"))
    #expect(timeline.resource == nil)
    #expect(timeline.emptyExplanation.reason == "no configuration items for sg-missing")
    #expect(timeline.emptyExplanation.help.contains("traildeck ingest"))
  }

  @Test func aLookupIsAPrimaryKeySearchOfConfigItems() throws {
    let fixture = try TimelineStore()
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    let statement = try reader.prepare("EXPLAIN QUERY PLAN " + ConfigItemIndex.lookupSQL)
    statement.bindText(1, "sg-0abc1234")
    var plan: [String] = []
    while try statement.step() { plan.append(statement.text(3) ?? "") }
    #expect(plan == ["SEARCH config_items USING PRIMARY KEY (resource_key=?)"])
    // Each item is filed under its ARN, type + id, id and (when it differs) name.
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM config_items") == 3 * 4 + 3)
  }

  @Test func theMigrationFilesItemsStoredBeforeIt() throws {
    let fixture = try TimelineStore()
    do {
      let db = try SQLiteConnection(path: fixture.store.dbPath)
      // A TrailDeck from before the ConfigurationItem category filed items as Other (9).
      try db.execute(
        """
        DROP TABLE config_items; DROP TABLE trail_aggregation; DROP TABLE rollup_arn_packs;
        DROP TABLE rollup_resource_packs; DROP TABLE rollup_hour_packs; DROP TABLE request_parameter_pages;
        DROP TRIGGER events_are_immutable; ALTER TABLE events DROP COLUMN params_slot;
        ALTER TABLE channels DROP COLUMN source_config;
        UPDATE events SET category = 9 WHERE category = 5 AND event_time = \(TimelineStore.t1 / 1000);
        PRAGMA user_version = 23
        """)
    }
    let writer = try EventStore.openWriter(path: fixture.store.dbPath)
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM events WHERE category = 9") == 1)
    #expect(try fixture.services().resourceTimeline(.identifier("sg-0abc1234")).entries.count == 3)
  }

  @Test func retentionTakesTheItemsKeysWithTheItems() throws {
    let fixture = try TimelineStore()
    try Retention.purge(
      databasePath: fixture.store.dbPath, olderThan: TestTime.date(TimelineStore.t1 / 1000 - 10))
    let entries = try fixture.services().resourceTimeline(.identifier("sg-0abc1234")).entries
    #expect(entries.map(\.item.captureTime) == [TimelineStore.t1, TimelineStore.t2])
    let reader = try EventStore.openReader(path: fixture.store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM config_items") == 2 * 4)
  }
}

@Suite("Configuration diff")
struct ConfigurationDiffTests {
  @Test func arraysWhoseLengthChangedAreComparedAsSets() {
    var changes: [ConfigurationChange] = []
    ConfigurationDiff.diff(
      .array([.string("a"), .string("b")]), .array([.string("x"), .string("a"), .string("b")]), path: "list",
      into: &changes)
    #expect(changes == [ConfigurationChange(.added, "list[0]", new: .string("x"))])
  }

  @Test func keysThatAreNotPlainNamesAreQuoted() {
    #expect(ConfigurationDiff.join("tags", "env") == "tags.env")
    #expect(
      ConfigurationDiff.join("tags", "aws:cloudformation:stack") == #"tags["aws:cloudformation:stack"]"#)
  }

  @Test func relationshipsAreKeyedByWhatTheyAre() {
    let old = TimelineStore.items[0]
    var new = old
    new.relationships = [
      .init(name: "Is attached to Instance", resourceType: "AWS::EC2::Instance", resourceId: "i-1")
    ]
    let changes = ConfigurationDiff.changes(from: old, to: new)
    #expect(
      changes.map { "\($0.kind.sign)\($0.path)" } == [
        "-relationships[\"Is contained in Vpc AWS::EC2::VPC vpc-1\"]",
        "+relationships[\"Is attached to Instance AWS::EC2::Instance i-1\"]",
      ])
  }
}

@Suite("Resource mentions")
struct ResourceMentionsTests {
  @Test(arguments: [
    ("sg-0abc1234", true), ("i-0123456789abcdef0", true), ("vpc-1a2b3c4d", true),
    ("arn:aws:iam::111122223333:role/admin", true), ("AROAEXAMPLEID1234567", true),
    ("my-bucket", false), ("2024-03-01T12:00:00Z", false), ("sg-XYZ", false), ("us-east-1", false),
  ])
  func resourcesAreRecognisedByTheirShape(_ text: String, _ expected: Bool) {
    #expect(ResourceMentions.looksLikeResource(text) == expected)
  }

  @Test func aRecordsResourcesComeBeforeItsRequestAndResponse() throws {
    let record = try JSONValue(
      parsing: #"""
        {"eventID":"00000000-0000-4000-8000-000000000001","userIdentity":{"accountId":"111122223333"},
         "requestParameters":{"groupId":"sg-0abc1234","bucketName":"logs","requestID":"r-0123456789abcdef"},
         "responseElements":{"instancesSet":{"items":[{"instanceId":"i-0123456789abcdef0"}]}},
         "resources":[{"ARN":"arn:aws:s3:::logs","type":"AWS::S3::Bucket"}]}
        """#)
    #expect(
      ResourceMentions.candidates(in: record) == [
        "arn:aws:s3:::logs", "sg-0abc1234", "logs", "i-0123456789abcdef0",
      ])
  }

  @Test func queriesAreReadFromText() {
    #expect(ResourceQuery(parsing: " arn:aws:s3:::b ") == .arn("arn:aws:s3:::b"))
    #expect(ResourceQuery(parsing: "AWS::S3::Bucket b") == .typeAndId(type: "AWS::S3::Bucket", id: "b"))
    #expect(ResourceQuery(parsing: "admin") == .identifier("admin"))
    #expect(ResourceQuery(parsing: "  ") == nil)
  }
}
