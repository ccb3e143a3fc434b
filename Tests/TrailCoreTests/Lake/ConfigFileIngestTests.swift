import Foundation
import Testing

@testable import TrailCore

/// `traildeck ingest` of AWS Config's delivered files (ConfigHistory, ConfigSnapshot): each item
/// becomes a configuration-item record that stores selecting ConfigurationItem collect; bad items are
/// reported by file, item and field; the same item read twice is stored once.
@Suite("AWS Config file ingest")
struct ConfigFileIngestTests {
  typealias F = LakeFixture
  static let account = F.management
  static let folder = "AWSLogs/\(account)/Config/us-east-1/2026/1/1"

  static func historyKey(_ type: String, _ n: Int = 1) -> String {
    "\(folder)/ConfigHistory/\(account)_Config_us-east-1_ConfigHistory_\(type)_20260101T000000Z_20260101T060000Z_\(n).json.gz"
  }
  static let snapshotKey =
    "\(folder)/ConfigSnapshot/\(account)_Config_us-east-1_ConfigSnapshot_20260101T060000Z_5b7a0e4c-1d2f-4a3b-9c8d-7e6f5a4b3c2d.json.gz"

  /// Items as AWS Config writes them in its files (its field names: `awsAccountId`, `ARN`,
  /// `configurationStateId` a number, `relationships[].name`).
  static let securityGroup = """
    {"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-01-01T00:10:05.123Z",\
    "configurationStateId":1767226205123,"awsAccountId":"\(account)","configurationItemStatus":"OK",\
    "resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-0a1b2c3d","resourceName":"web",\
    "ARN":"arn:aws:ec2:us-east-1:\(account):security-group/sg-0a1b2c3d","awsRegion":"us-east-1",\
    "availabilityZone":"Not Applicable","configurationStateMd5Hash":"",\
    "tags":{"team":"payments","env":"prod"},"relatedEvents":["00000000-0000-4000-8000-000000000007"],\
    "relationships":[{"resourceType":"AWS::EC2::VPC","resourceId":"vpc-1","name":"Is contained in Vpc"}],\
    "configuration":{"groupName":"web","ipPermissions":[{"fromPort":443,"toPort":443,"ipProtocol":"tcp"}]},\
    "supplementaryConfiguration":{}}
    """
  static let bucket = """
    {"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-01-01T00:20:00.000Z",\
    "configurationStateId":1767226800000,"awsAccountId":"\(account)","configurationItemStatus":"ResourceDiscovered",\
    "resourceType":"AWS::S3::Bucket","resourceId":"logs-bucket","resourceName":"logs-bucket",\
    "ARN":"arn:aws:s3:::logs-bucket","awsRegion":"us-east-1","availabilityZone":"Regional",\
    "resourceCreationTime":"2025-12-01T08:00:00.000Z","tags":{},"relatedEvents":[],"relationships":[],\
    "configuration":{"name":"logs-bucket","owner":{"id":"abc"}},\
    "supplementaryConfiguration":{"BucketVersioningConfiguration":{"status":"Enabled"},"IsRequesterPaysEnabled":false}}
    """
  static let role = """
    {"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-01-01T00:30:00.000Z",\
    "configurationStateId":1767227400000,"awsAccountId":"\(account)","configurationItemStatus":"OK",\
    "resourceType":"AWS::IAM::Role","resourceId":"AROAEXAMPLE","resourceName":"deploy",\
    "ARN":"arn:aws:iam::\(account):role/deploy","awsRegion":"global","availabilityZone":"Not Applicable",\
    "tags":null,"relatedEvents":[],"relationships":[{"resourceType":"AWS::IAM::Policy",\
    "resourceId":"ANPAEXAMPLE","resourceName":"deploy-policy","name":"Is attached to CustomerManagedPolicy"}],\
    "configuration":{"roleName":"deploy","path":"/"},"supplementaryConfiguration":{}}
    """
  static let deletedInstance = """
    {"configurationItemVersion":"1.3","configurationItemCaptureTime":"2026-01-01T00:40:00.000Z",\
    "configurationStateId":1767228000000,"awsAccountId":"\(account)","configurationItemStatus":"ResourceDeleted",\
    "resourceType":"AWS::EC2::Instance","resourceId":"i-0123","ARN":"arn:aws:ec2:us-east-1:\(account):instance/i-0123",\
    "awsRegion":"us-east-1","availabilityZone":"us-east-1a","tags":{},"relatedEvents":[],"relationships":[],\
    "configuration":null,"supplementaryConfiguration":{}}
    """

  static func configFile(_ items: [String], snapshot: Bool = false) -> [UInt8] {
    let id = snapshot ? #""configSnapshotId":"5b7a0e4c-1d2f-4a3b-9c8d-7e6f5a4b3c2d","# : ""
    return Gzip.deflate(
      Array(#"{"fileVersion":"1.0",\#(id)"configurationItems":["#.utf8)
        + Array(items.joined(separator: ",").utf8) + Array("]}".utf8))
  }

  static func event(_ n: Int) -> TestRecord {
    TestRecord(TestRecord.id(n), at: 1_767_226_000).with {
      $0.patches["recipientAccountId"] = "\"\(account)\""
    }
  }

  /// Ingests `paths` (relative to the store's folder) on the fixture's clock.
  static func ingest(
    _ fixture: LakeFixture, _ paths: [String], destination: EventDataStoreDestination? = nil
  ) throws -> (summary: IngestSummary, problems: [Diagnostic]) {
    let ingestor = Ingestor(databasePath: fixture.store.dbPath, clock: fixture.clock)
    ingestor.destination = destination
    var problems: [Diagnostic] = []
    let summary = try ingestor.ingest(
      paths: paths.map { fixture.store.folder + "/" + $0 }, report: { problems.append($0) })
    return (summary, problems)
  }

  /// A folder with a history file of two types' items, a snapshot repeating one of them, and a
  /// CloudTrail log file.
  static func writeFolder(_ fixture: LakeFixture) throws {
    try fixture.store.write(
      historyKey("AWS::EC2::SecurityGroup"), bytes: configFile([securityGroup, bucket]))
    try fixture.store.write(
      snapshotKey, bytes: configFile([securityGroup, role, deletedInstance], snapshot: true))
    try fixture.store.write(
      "AWSLogs/\(account)/CloudTrail/us-east-1/2026/01/01/\(account)_CloudTrail_us-east-1_20260101T0015Z_a1.json.gz",
      records: [event(7), event(8)], gzip: true)
  }

  @Test func aFolderOfConfigAndCloudTrailFilesLoadsBoth() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let management = try #require(try fixture.create("default").eventDataStoreArn)
    try Self.writeFolder(fixture)
    let (summary, problems) = try Self.ingest(fixture, ["AWSLogs"])
    #expect(problems.isEmpty, "\(problems)")
    #expect(summary.files == 3)
    #expect(summary.eventsLoaded == 6)
    #expect(summary.configurationItemsLoaded == 4)
    // The security group's item is in the history file and in the snapshot: stored once.
    #expect(summary.duplicates == 1)
    #expect(summary.line == "3 files, 6 events loaded (4 configuration items), 1 duplicates, 0 rejected")
    #expect(try fixture.members(config).count == 4)
    #expect(try fixture.memberEventIDs(management) == [TestRecord.id(7), TestRecord.id(8)])
    let sg = ConfigurationItemRecord.eventID(
      accountId: Self.account, resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0a1b2c3d",
      stateId: "1767226205123")
    #expect(try fixture.memberEventIDs(config).contains(sg))
  }

  @Test func itemsKeepAWSConfigsFields() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    try Self.writeFolder(fixture)
    _ = try Self.ingest(fixture, ["AWSLogs"])
    let rows = try fixture.query(
      """
      SELECT eventdata.resourcetype, eventdata.configurationitemstateid, eventdata.configurationitemstatus,
        eventdata.arn, eventdata.availabilityzone, eventdata.resourcecreationtime, eventtime,
        eventdata.tags['team'], element_at(eventdata.configuration, 'groupName'),
        cardinality(eventdata.relatedevents), element_at(eventdata.relationships, 1).name
      FROM \(F.table(config)) ORDER BY eventtime
      """
    ).rows
    #expect(
      rows == [
        [
          "AWS::EC2::SecurityGroup", "1767226205123", "OK",
          "arn:aws:ec2:us-east-1:\(Self.account):security-group/sg-0a1b2c3d",
          "Not Applicable", nil, "2026-01-01 00:10:05.000", "payments", "web", "1", "Is contained in Vpc",
        ],
        [
          "AWS::S3::Bucket", "1767226800000", "ResourceDiscovered", "arn:aws:s3:::logs-bucket", "Regional",
          "2025-12-01T08:00:00.000Z", "2026-01-01 00:20:00.000", nil, nil, "0", nil,
        ],
        [
          "AWS::IAM::Role", "1767227400000", "OK", "arn:aws:iam::\(Self.account):role/deploy",
          "Not Applicable",
          nil, "2026-01-01 00:30:00.000", nil, nil, "0", "Is attached to CustomerManagedPolicy",
        ],
        [
          "AWS::EC2::Instance", "1767228000000", "ResourceDeleted",
          "arn:aws:ec2:us-east-1:\(Self.account):instance/i-0123",
          "us-east-1a", nil, "2026-01-01 00:40:00.000", nil, nil, "0", nil,
        ],
      ])
  }

  @Test func badItemsAreReportedByFileItemAndFieldAndTheOthersLoad() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    func replacing(_ item: String, _ old: String, _ new: String) -> String {
      item.replacingOccurrences(of: old, with: new)
    }
    let key = Self.historyKey("AWS::S3::Bucket")
    try fixture.store.write(
      key,
      bytes: Self.configFile([
        Self.bucket,
        replacing(Self.securityGroup, #""resourceId":"sg-0a1b2c3d","#, ""),
        replacing(Self.role, "2026-01-01T00:30:00.000Z", "yesterday"),
        replacing(Self.deletedInstance, #""tags":{}"#, #""tags":{"n":1}"#),
        replacing(Self.bucket, #""awsAccountId":"\#(Self.account)""#, #""awsAccountId":"12345""#),
        replacing(
          Self.bucket, #""configurationItemStatus":"ResourceDiscovered""#,
          #""configurationItemStatus":"Gone""#),
        replacing(Self.securityGroup, #""relatedEvents":["#, #""relatedEvents":[7,"#),
        "42",
      ]))
    let (summary, problems) = try Self.ingest(fixture, [key])
    #expect(summary.eventsLoaded == 1)
    #expect(summary.rejected == 7)
    let path = fixture.store.folder + "/" + key
    #expect(problems.map { $0.location?.path } == Array(repeating: path, count: 7))
    #expect(problems.map { $0.location?.record } == [2, 3, 4, 5, 6, 7, 8])
    #expect(
      problems.map { $0.location?.field } == [
        "resourceId", "configurationItemCaptureTime", "tags.n", "awsAccountId", "configurationItemStatus",
        "relatedEvents[0]", "configurationItems",
      ])
    #expect(
      problems.map(\.reason) == [
        "missing resourceId",
        #"field configurationItemCaptureTime: "yesterday" is not an ISO 8601 time (expected YYYY-MM-DDTHH:MM:SS.sssZ)"#,
        "field tags.n: expected a string, found a number",
        #"field awsAccountId: "12345" is not a 12-digit account ID"#,
        #"field configurationItemStatus: "Gone" is not one of OK, ResourceDiscovered, ResourceNotRecorded, ResourceDeleted, ResourceDeletedNotRecorded"#,
        "field relatedEvents[0]: expected a CloudTrail eventID (a string), found a number",
        "expected a configuration item (an object), found a number",
      ])
    #expect(problems[0].oneLine == "\(path):record 2: missing resourceId")
    #expect(try fixture.members(config).count == 1)
  }

  @Test func aFileThatIsNotAConfigFileIsRejectedWhole() throws {
    let fixture = try LakeFixture()
    let key = Self.historyKey("AWS::S3::Bucket")
    try fixture.store.write(key, bytes: Gzip.deflate(Array(#"{"fileVersion":"1.0","items":[]}"#.utf8)))
    let (summary, problems) = try Self.ingest(fixture, [key])
    #expect(summary.rejected == 1)
    #expect(
      problems.map(\.reason) == [
        #"not an AWS Config history or snapshot file: expected {"fileVersion":…, "configurationItems":[…]}"#
      ])
  }

  @Test func ingestingTheSameFilesAgainStoresEachItemOnce() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    try Self.writeFolder(fixture)
    _ = try Self.ingest(fixture, ["AWSLogs"])
    let (again, _) = try Self.ingest(fixture, ["AWSLogs"])
    #expect(again.eventsLoaded == 0 && again.alreadyIngested == 3)
    // The same items under another name: read, and every one already stored.
    try fixture.store.write(
      Self.historyKey("AWS::EC2::SecurityGroup", 2),
      bytes: Self.configFile([Self.securityGroup, Self.bucket]))
    let (copy, _) = try Self.ingest(fixture, [Self.historyKey("AWS::EC2::SecurityGroup", 2)])
    #expect(copy.eventsLoaded == 0 && copy.duplicates == 2)
    #expect(try fixture.members(config).count == 4)
  }

  @Test func anEventDataStoreDestinationTakesOnlyItsKindOfRecords() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let trail = try #require(try fixture.create("copies") { $0.startIngestion = false }.eventDataStoreArn)
    _ = try StopEventDataStoreIngestion.perform(.init(eventDataStore: config), with: services)
    try Self.writeFolder(fixture)
    let intoConfig = try EventDataStoreDestination.resolve(
      "config", with: services, alsoCollectsLive: true, acceptsConfigurationItems: true)
    _ = try Self.ingest(fixture, ["AWSLogs"], destination: intoConfig)
    #expect(try fixture.members(config).count == 4)
    let intoTrail = try EventDataStoreDestination.resolve(
      trail, with: services, alsoCollectsLive: true, acceptsConfigurationItems: true)
    _ = try Self.ingest(fixture, ["AWSLogs"], destination: intoTrail)
    #expect(try fixture.memberEventIDs(trail) == [TestRecord.id(7), TestRecord.id(8)])
    // Only `traildeck ingest` copies configuration items into a store; imports do not.
    #expect(
      fixture.exception {
        _ = try EventDataStoreDestination.resolve("config", with: services, alsoCollectsLive: false)
      } == "InvalidEventDataStoreCategoryException")
  }
}
