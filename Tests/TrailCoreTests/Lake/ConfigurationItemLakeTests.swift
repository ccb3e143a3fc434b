import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// Lake's tables of AWS Config configuration items and Audit Manager evidence (spec §8.7, the guide's
/// query-limitations schemas): every column read from a stored record with its type, each store's own
/// columns, and a join of a CloudTrail store with a configuration-item store.
@Suite("Configuration items and evidence in Lake")
struct ConfigurationItemLakeTests {
  typealias F = LakeFixture

  /// Column path, the type `typeof` names, and the value Lake prints for `F.securityGroupItem`.
  static let itemColumns: [(path: String, type: String, value: String?)] = [
    ("eventversion", "varchar", "1.0"),
    ("eventcategory", "varchar", "ConfigurationItem"),
    ("eventtype", "varchar", "AwsConfigurationItem"),
    (
      "eventid", "varchar",
      ConfigurationItemRecord.eventID(
        accountId: F.management, resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0123456789abcdef0",
        stateId: "1767225600000")
    ),
    ("eventtime", "timestamp(3)", "2026-01-01 00:00:00.000"),
    ("awsregion", "varchar", "us-east-1"),
    ("recipientaccountid", "varchar", F.management),
    ("addendum", "map(varchar, varchar)", nil),
    ("eventdata.configurationitemversion", "varchar", "1.3"),
    ("eventdata.configurationitemcapturetime", "varchar", "2026-01-01T00:00:00.000Z"),
    ("eventdata.configurationitemstatus", "varchar", "OK"),
    ("eventdata.configurationitemstateid", "varchar", "1767225600000"),
    ("eventdata.accountid", "varchar", F.management),
    ("eventdata.resourcetype", "varchar", "AWS::EC2::SecurityGroup"),
    ("eventdata.resourceid", "varchar", "sg-0123456789abcdef0"),
    ("eventdata.resourcename", "varchar", "web"),
    ("eventdata.arn", "varchar", "arn:aws:ec2:us-east-1:\(F.management):security-group/sg-0123456789abcdef0"),
    ("eventdata.awsregion", "varchar", "us-east-1"),
    ("eventdata.availabilityzone", "varchar", "Not Applicable"),
    ("eventdata.resourcecreationtime", "varchar", "2025-12-31T00:00:00.000Z"),
    (
      "eventdata.configuration", "map(varchar, varchar)",
      #"{"groupName":"web","ipPermissions":[{"fromPort":443,"ipProtocol":"tcp"}]}"#
    ),
    ("eventdata.supplementaryconfiguration", "map(varchar, varchar)", #"{"unused":false}"#),
    ("eventdata.relatedevents", "array(varchar)", "[\"\(TestRecord.id(7))\"]"),
    (
      "eventdata.relationships",
      "array(row(name varchar, resourcetype varchar, resourceid varchar, resourcename varchar))",
      #"[{"name":"Is contained in Vpc","resourcetype":"AWS::EC2::VPC","resourceid":"vpc-1","resourcename":null}]"#
    ),
    ("eventdata.tags", "map(varchar, varchar)", #"{"team":"payments"}"#),
  ]

  /// The columns of `columns` read from a one-record store: their types, then their values.
  static func read(_ columns: [String], from arn: String, in fixture: LakeFixture) throws -> (
    types: [String?], values: [String?]
  ) {
    let table = F.table(arn)
    let types = try fixture.query(
      "SELECT " + columns.map { "typeof(\($0))" }.joined(separator: ", ") + " FROM \(table)")
    let values = try fixture.query("SELECT " + columns.joined(separator: ", ") + " FROM \(table)")
    return (try #require(types.rows.first), try #require(values.rows.first))
  }

  @Test func everyConfigurationItemColumnReadsWithItsType() throws {
    let fixture = try LakeFixture()
    let arn = try fixture.createStore("config", category: "ConfigurationItem")
    try fixture.appendLive(json: [
      String(decoding: F.securityGroupItem(relatedEvent: TestRecord.id(7)).json, as: UTF8.self)
    ])
    let (types, values) = try Self.read(Self.itemColumns.map(\.path), from: arn, in: fixture)
    for (i, column) in Self.itemColumns.enumerated() {
      #expect(types[i] == column.type, "\(column.path)")
      #expect(values[i] == column.value, "\(column.path)")
    }
  }

  static let evidenceColumns: [(path: String, type: String, value: String?)] =
    [
      ("eventversion", "varchar", "1.0"), ("eventcategory", "varchar", "Evidence"),
      ("eventtype", "varchar", "AwsAuditManagerEvidence"),
      ("eventid", "varchar", "5f0b8e6a-1111-4222-8333-944455556666"),
      ("eventtime", "timestamp(3)", "2026-01-01 00:00:00.000"), ("awsregion", "varchar", "us-east-1"),
      ("recipientaccountid", "varchar", F.management), ("addendum", "map(varchar, varchar)", nil),
      (
        "eventdata.attributes", "map(varchar, varchar)",
        #"{"findingComplianceStatus":"PASSED","details":{"a":1}}"#
      ),
      ("eventdata.awsaccountid", "varchar", F.management),
      ("eventdata.awsorganization", "varchar", "o-abcdefghij"),
      ("eventdata.compliancecheck", "varchar", "COMPLIANT"),
      ("eventdata.datasource", "varchar", "AWS Config"),
      ("eventdata.eventname", "varchar", "DescribeSecurityGroups"),
      ("eventdata.eventsource", "varchar", "ec2.amazonaws.com"),
      ("eventdata.evidenceawsaccountid", "varchar", F.management),
      ("eventdata.evidencebytype", "varchar", "Compliance check"),
      ("eventdata.iamid", "varchar", "arn:aws:iam::\(F.management):role/audit"),
      ("eventdata.evidenceid", "varchar", "ev-1"),
      ("eventdata.time", "timestamp(3)", "2026-01-01 00:00:00.000"),
      ("eventdata.assessmentid", "varchar", "as-1"), ("eventdata.controlsetid", "varchar", "cs-1"),
      ("eventdata.controlid", "varchar", "ct-1"), ("eventdata.controlname", "varchar", "Restrict SSH"),
      ("eventdata.controldomainname", "varchar", "Network"), ("eventdata.frameworkname", "varchar", "CIS"),
      ("eventdata.frameworkid", "varchar", "fw-1"), ("eventdata.service", "varchar", "ec2"),
      ("eventdata.servicecategory", "varchar", "Compute"),
      ("eventdata.resourcearn", "varchar", "arn:aws:ec2:us-east-1:\(F.management):security-group/sg-1"),
      ("eventdata.resourcetype", "varchar", "AWS::EC2::SecurityGroup"),
      ("eventdata.evidencefolderid", "varchar", "ef-1"), ("eventdata.description", "varchar", "SSH closed"),
      ("eventdata.manualevidences3resourcepath", "varchar", "s3://evidence/a.pdf"),
      ("eventdata.evidencefoldername", "varchar", "folder"),
      ("eventdata.resourcecompliancecheck", "varchar", "PASSED"),
    ]

  @Test func everyEvidenceColumnReadsWithItsType() throws {
    let fixture = try LakeFixture()
    let arn = try fixture.createStore("evidence", category: "Evidence")
    try fixture.appendLive(json: [F.evidenceRecord()])
    let (types, values) = try Self.read(Self.evidenceColumns.map(\.path), from: arn, in: fixture)
    for (i, column) in Self.evidenceColumns.enumerated() {
      #expect(types[i] == column.type, "\(column.path)")
      #expect(values[i] == column.value, "\(column.path)")
    }
  }

  @Test func selectStarReturnsEachStoresOwnColumns() throws {
    let fixture = try LakeFixture()
    let config = try fixture.createStore("config", category: "ConfigurationItem")
    let evidence = try fixture.createStore("evidence", category: "Evidence")
    try fixture.appendLive(json: [
      String(decoding: F.securityGroupItem().json, as: UTF8.self), F.evidenceRecord(),
    ])
    let names = [
      "eventversion", "eventcategory", "eventtype", "eventid", "eventtime", "awsregion", "recipientaccountid",
      "addendum", "eventdata",
    ]
    let items = try fixture.query("SELECT * FROM \(F.table(config))")
    #expect(items.columns == names)
    #expect(items.rows.count == 1)
    let found = try fixture.query("SELECT * FROM \(F.table(evidence))")
    #expect(found.columns == names)
    #expect(found.rows.first?[1] == "Evidence")
  }

  @Test func pathsAreTypedInTheirOwnStoresSchema() throws {
    let fixture = try LakeFixture()
    let config = F.table(try fixture.createStore("config", category: "ConfigurationItem"))
    let cloudTrail = F.table(try #require(try fixture.create("trail-events").eventDataStoreArn))
    // CloudTrail's columns are not a configuration-item store's, nor the other way round.
    for (sql, refused) in [
      ("SELECT eventdata.resourcetype FROM \(config)", false),
      ("SELECT eventname FROM \(config)", true),
      ("SELECT eventdata.eventname FROM \(config)", true),
      ("SELECT eventdata FROM \(cloudTrail)", true),
      ("SELECT useridentity.arn FROM \(cloudTrail)", false),
    ] {
      let failed = fixture.exception { _ = try fixture.query(sql) } == "InvalidQueryStatementException"
      #expect(failed == refused, "\(sql)")
    }
  }

  /// "Which API call changed this security group, and who made it": the item's relatedEvents name
  /// CloudTrail eventIDs of the calls that caused it.
  @Test func aJoinFindsTheCallThatChangedAResource() throws {
    let fixture = try LakeFixture()
    let config = F.table(try fixture.createStore("config", category: "ConfigurationItem"))
    let cloudTrail = F.table(try #require(try fixture.create("trail-events").eventDataStoreArn))
    let call = TestRecord(TestRecord.id(7), at: 1_767_225_590).with {
      $0.eventName = "AuthorizeSecurityGroupIngress"
      $0.readOnly = false
      $0.patches["recipientAccountId"] = "\"\(F.management)\""
    }
    let other = TestRecord(TestRecord.id(8), at: 1_767_225_595).with {
      $0.patches["recipientAccountId"] = "\"\(F.management)\""
    }
    try fixture.appendLive([call, other])
    try fixture.appendLive(json: [
      String(decoding: F.securityGroupItem(relatedEvent: TestRecord.id(7)).json, as: UTF8.self),
      String(
        decoding: F.securityGroupItem(stateId: "1767225700000", capture: 1_767_225_700_000).json,
        as: UTF8.self),
    ])
    let joined = try fixture.query(
      """
      SELECT c.eventdata.resourceid, c.eventdata.configurationitemstateid, e.eventname, e.useridentity.arn
      FROM \(config) c JOIN \(cloudTrail) e ON contains(c.eventdata.relatedevents, e.eventid)
      WHERE c.eventdata.resourcetype = 'AWS::EC2::SecurityGroup'
      """)
    #expect(
      joined.rows == [
        [
          "sg-0123456789abcdef0", "1767225600000", "AuthorizeSecurityGroupIngress",
          "arn:aws:iam::111122223333:user/alice",
        ]
      ])
    // The same question through UNNEST and an equality join.
    let unnested = try fixture.query(
      """
      SELECT e.eventname FROM \(config) c CROSS JOIN UNNEST(c.eventdata.relatedevents) AS r(id)
      JOIN \(cloudTrail) e ON e.eventid = r.id
      """)
    #expect(unnested.rows == [["AuthorizeSecurityGroupIngress"]])
  }

  /// A hive export (what federation serves) of a configuration-item store holds its own columns.
  @Test func aHiveExportOfAConfigurationItemStoreHasItsColumns() throws {
    let fixture = try LakeFixture()
    let arn = try fixture.createStore("config", category: "ConfigurationItem")
    try fixture.appendLive(json: [
      String(decoding: F.securityGroupItem(relatedEvent: TestRecord.id(7)).json, as: UTF8.self)
    ])
    let folder = fixture.store.folder + "/hive"
    let summary = try EventDataStoreExport.run(
      EventDataStoreExportRequest(eventDataStore: arn, folder: folder, layout: .hive),
      with: try fixture.services())
    #expect(summary.events == 1)
    let part = try #require(summary.manifest.files.first).path
    let bytes = try Gzip.inflate(
      Array(try #require(FileManager.default.contents(atPath: folder + "/" + part))), path: part)
    let row = try JSONValue(parsing: bytes.split(separator: 0x0A).first.map(Array.init) ?? [])
    guard case .object(let members) = row else {
      Issue.record("not an object: \(row)")
      return
    }
    #expect(members.map(\.key) == LakeSchema.configurationItemColumns.map(\.name))
    #expect(row["eventdata"]?["configurationitemstateid"] == .string("1767225600000"))
    #expect(row["eventdata"]?["relatedevents"] == .array([.string(TestRecord.id(7))]))
    let tables = try String(contentsOfFile: summary.tablesPath, encoding: .utf8)
    #expect(tables.contains("eventdata row(configurationitemversion varchar"))
  }
}
