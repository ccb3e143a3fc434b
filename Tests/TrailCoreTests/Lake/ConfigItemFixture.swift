import Foundation
import Testing

@testable import TrailCore

/// A `LakeFixture` with helpers for stores of AWS Config configuration items and Audit Manager
/// evidence, and hand-built records of both.
extension LakeFixture {
  /// Creates a store that selects one `category` (`ConfigurationItem`, `Evidence`, …); returns its ARN.
  func createStore(_ name: String, category: String) throws -> String {
    let created = try create(name) {
      $0.advancedEventSelectors = [
        AdvancedEventSelector(
          name: "\(category) only",
          fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: [category])])
      ]
    }
    return try #require(created.eventDataStoreArn)
  }

  /// Appends `records` (each one JSON object) as live events.
  func appendLive(json records: [String], source: String = "api:test") throws {
    let intake = try RecordIntake(databasePath: store.dbPath, clock: clock)
    try intake.append([
      RecordIntake.Batch(source: source + "/\(UUID())", records: records.map { Array($0.utf8) })
    ])
  }

  /// Runs `sql` through Lake's engine; the rows as Lake prints them.
  func query(_ sql: String) throws -> LakeQueryOutput {
    let services = try services()
    return try LakeSQLEngine().prepare(sql, parameters: [], connection: services.connection, context: context)
      .run(on: services.connection, now: clock.now(), cancellation: LakeCancellation())
  }

  /// The table name of store `arn` (its ID).
  static func table(_ arn: String) -> String { String(arn.split(separator: "/").last!) }

  /// A security group's configuration item, caused by CloudTrail event `relatedEvent`.
  static func securityGroupItem(
    stateId: String = "1767225600000", capture: Int64 = 1_767_225_600_000, relatedEvent: String? = nil,
    account: String = LakeFixture.management
  ) -> ConfigurationItemRecord {
    ConfigurationItemRecord(
      captureTime: capture, status: .ok, stateId: stateId, accountId: account,
      resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0123456789abcdef0", resourceName: "web",
      arn: "arn:aws:ec2:us-east-1:\(account):security-group/sg-0123456789abcdef0", awsRegion: "us-east-1",
      availabilityZone: nil, resourceCreationTime: 1_767_139_200_000,
      configuration: .object([
        ("groupName", .string("web")),
        (
          "ipPermissions",
          .array([.object([("fromPort", .integer(443)), ("ipProtocol", .string("tcp"))])])
        ),
      ]),
      supplementaryConfiguration: .object([("unused", .bool(false))]),
      relatedEvents: relatedEvent.map { [$0] } ?? [],
      relationships: [
        .init(
          name: "Is contained in Vpc", resourceType: "AWS::EC2::VPC", resourceId: "vpc-1", resourceName: nil)
      ],
      tags: [(key: "team", value: "payments")])
  }

  /// An Audit Manager evidence record (eventData members as Audit Manager's evidence finder names them).
  static func evidenceRecord(id: String = "5f0b8e6a-1111-4222-8333-944455556666") -> String {
    """
    {"eventVersion":"1.0","eventCategory":"Evidence","eventType":"AwsAuditManagerEvidence",\
    "eventID":"\(id)","eventTime":"2026-01-01T00:00:00Z","awsRegion":"us-east-1",\
    "recipientAccountId":"\(LakeFixture.management)","eventData":{\
    "attributes":{"findingComplianceStatus":"PASSED","details":{"a":1}},"awsAccountId":"\(LakeFixture.management)",\
    "awsOrganization":"o-abcdefghij","complianceCheck":"COMPLIANT","dataSource":"AWS Config",\
    "eventName":"DescribeSecurityGroups","eventSource":"ec2.amazonaws.com",\
    "evidenceAwsAccountId":"\(LakeFixture.management)","evidenceByType":"Compliance check","iamId":"arn:aws:iam::\(LakeFixture.management):role/audit",\
    "evidenceId":"ev-1","time":"2026-01-01T00:00:00Z","assessmentId":"as-1","controlSetId":"cs-1",\
    "controlId":"ct-1","controlName":"Restrict SSH","controlDomainName":"Network","frameworkName":"CIS",\
    "frameworkId":"fw-1","service":"ec2","serviceCategory":"Compute",\
    "resourceArn":"arn:aws:ec2:us-east-1:\(LakeFixture.management):security-group/sg-1","resourceType":"AWS::EC2::SecurityGroup",\
    "evidenceFolderId":"ef-1","description":"SSH closed","manualEvidenceS3ResourcePath":"s3://evidence/a.pdf",\
    "evidenceFolderName":"folder","resourceComplianceCheck":"PASSED"}}
    """
  }
}
