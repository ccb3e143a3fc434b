import Foundation
import Testing

/// The organizations, iam and kms subcommands as the aws CLI's, and the CloudTrail exceptions the
/// state they change raises: each an `An error occurred (…)` line and exit status 254.
@Suite("CLI organization state")
struct CLIOrganizationTests {
  static let now = ["--now", "2026-01-01T00:00:00Z"]
  static let organizationTrail = [
    "create-trail", "--name", "org", "--s3-bucket-name", "logs", "--is-organization-trail",
  ]

  /// `result` is CloudTrail's `exception` for `operation`, as the aws CLI prints it.
  static func expectError(_ result: CLIResult, _ exception: String, _ operation: String = "CreateTrail") {
    #expect(result.status == 254, "\(result)")
    #expect(
      result.stderr.hasPrefix("\nAn error occurred (\(exception)) when calling the \(operation) operation: "),
      "\(result)")
  }

  @Test func featureSetTrustedAccessAndServiceLinkedRole() throws {
    let scratch = try CLIScratch()
    #expect(try scratch.run(["mb", "s3://logs"]).status == 0)
    let created = try scratch.run(
      ["create-organization", "--feature-set", "CONSOLIDATED_BILLING"] + Self.now)
    #expect(created.status == 0, "\(created)")
    let id = try #require(created.stdout.firstMatch(of: /"Id": "(o-[a-z0-9]{10})"/)?.1)
    let described = try scratch.run(["describe-organization"])
    #expect(described.stdout == created.stdout)
    #expect(
      described.stdout == """
        {
            "Organization": {
                "Id": "\(id)",
                "Arn": "arn:aws:organizations::123456789012:organization/\(id)",
                "FeatureSet": "CONSOLIDATED_BILLING",
                "MasterAccountArn": "arn:aws:organizations::123456789012:account/\(id)/123456789012",
                "MasterAccountId": "123456789012"
            }
        }

        """)
    Self.expectError(
      try scratch.run(["create-organization"]), "AlreadyInOrganizationException", "CreateOrganization")
    Self.expectError(try scratch.run(Self.organizationTrail), "OrganizationNotInAllFeaturesModeException")

    let enabled = try scratch.run(["enable-all-features"] + Self.now)
    #expect(enabled.stdout.contains(#""Action": "ENABLE_ALL_FEATURES""#), "\(enabled)")
    Self.expectError(try scratch.run(Self.organizationTrail), "CloudTrailAccessNotEnabledException")
    #expect(
      try scratch.run(["list-aws-service-access-for-organization"]).stdout
        == "{\n    \"EnabledServicePrincipals\": []\n}\n")
    let access = try scratch.run([
      "enable-aws-service-access", "--service-principal", "cloudtrail.amazonaws.com",
    ])
    #expect(access.status == 0 && access.stdout.isEmpty, "\(access)")
    #expect(
      try scratch.run(["list-aws-service-access-for-organization"]).stdout.contains(
        #""ServicePrincipal": "cloudtrail.amazonaws.com""#))

    let deleted = try scratch.run([
      "delete-service-linked-role", "--role-name", "AWSServiceRoleForCloudTrail",
    ])
    #expect(deleted.stdout.contains(#""DeletionTaskId": "task/aws-service-role/"#), "\(deleted)")
    Self.expectError(try scratch.run(Self.organizationTrail), "NoManagementAccountSLRExistsException")
    let role = try scratch.run(
      ["create-service-linked-role", "--aws-service-name", "cloudtrail.amazonaws.com"] + Self.now)
    #expect(
      role.stdout == """
        {
            "Role": {
                "Path": "/aws-service-role/cloudtrail.amazonaws.com/",
                "RoleName": "AWSServiceRoleForCloudTrail",
                "Arn": "arn:aws:iam::123456789012:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail",
                "CreateDate": "2026-01-01T00:00:00+00:00"
            }
        }

        """, "\(role)")
    Self.expectError(
      try scratch.run(["create-service-linked-role", "--aws-service-name", "cloudtrail.amazonaws.com"]),
      "InvalidInputException", "CreateServiceLinkedRole")
    let trail = try scratch.run(Self.organizationTrail)
    #expect(trail.status == 0 && trail.stdout.contains(#""IsOrganizationTrail": true"#), "\(trail)")

    // Taking trusted access away again stops changes to the organization trail.
    _ = try scratch.run(["disable-aws-service-access", "--service-principal", "cloudtrail.amazonaws.com"])
    Self.expectError(
      try scratch.run(["update-trail", "--name", "org", "--enable-log-file-validation"]),
      "CloudTrailAccessNotEnabledException", "UpdateTrail")
  }

  @Test func aTopicOfAClosedAccount() throws {
    let scratch = try CLIScratch()
    #expect(
      try scratch.run(["demo", "--hours", "1", "--accounts", "2", "--regions", "1"] + Self.now).status == 0)
    #expect(try scratch.run(["mb", "s3://logs"]).status == 0)
    let accounts = try scratch.run(["list-accounts"])
    let ids = accounts.stdout.matches(of: /"Id": "(\d{12})"/).map { String($0.1) }
    #expect(ids.count == 2, "\(accounts)")
    let member = try #require(ids.last)
    #expect(try scratch.run(["create-topic", "--name", "alerts", "--account", member]).status == 0)
    let trail = [
      "create-trail", "--name", "member", "--s3-bucket-name", "logs", "--sns-topic-name", "alerts",
    ]
    #expect(try scratch.run(trail + ["--account", member]).status == 0)
    let closed = try scratch.run(["close-account", "--account-id", member])
    #expect(closed.status == 0 && closed.stdout.isEmpty, "\(closed)")
    #expect(try scratch.run(["list-accounts"]).stdout.contains(#""Status": "SUSPENDED""#))
    Self.expectError(
      try scratch.run(["close-account", "--account-id", member]), "AccountAlreadyClosedException",
      "CloseAccount")
    Self.expectError(
      try scratch.run(["update-trail", "--name", "member", "--sns-topic-name", "alerts", "--account", member]
      ),
      "CloudTrailInvalidClientTokenIdException", "UpdateTrail")
  }

  @Test func aKeyPolicyWithoutCloudTrail() throws {
    let scratch = try CLIScratch()
    #expect(try scratch.run(["mb", "s3://logs"]).status == 0)
    let rootOnly = try scratch.write(
      "root-only.json",
      #"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}]}"#
    )
    let created = try scratch.run(["create-key", "--alias", "alias/trails", "--policy", "file://" + rootOnly])
    #expect(created.status == 0, "\(created)")
    let keyId = try #require(created.stdout.firstMatch(of: /"KeyId": "([0-9a-f-]{36})"/)?.1)
    let policy = try scratch.run(["get-key-policy", "--key-id", String(keyId), "--policy-name", "default"])
    #expect(policy.stdout.contains(#""PolicyName": "default""#), "\(policy)")
    #expect(policy.stdout.contains(#"arn:aws:iam::123456789012:root"#), "\(policy)")
    let trail = [
      "create-trail", "--name", "main", "--s3-bucket-name", "logs", "--kms-key-id", "alias/trails",
    ]
    Self.expectError(try scratch.run(trail), "InsufficientEncryptionPolicyException")
    let put = try scratch.run([
      "put-key-policy", "--key-id", String(keyId), "--policy-name", "default", "--policy",
      #"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "kms:GenerateDataKey*", "Resource": "*"}]}"#,
    ])
    #expect(put.status == 0 && put.stdout.isEmpty, "\(put)")
    #expect(try scratch.run(trail).status == 0)
    Self.expectError(
      try scratch.run(["put-key-policy", "--key-id", String(keyId), "--policy", "nope"]),
      "MalformedPolicyDocumentException", "PutKeyPolicy")
  }
}
