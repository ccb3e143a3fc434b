import Foundation
import Testing

@testable import TrailCore

// The organization state organization trails depend on (feature set, trusted access, service-linked
// roles, closed accounts), each exception of spec §3.4 reached through the calls that change it.
extension TrailOperationsTests {
  static let organizationTrail = CreateTrailRequest(
    name: "org", s3BucketName: "logs", isMultiRegionTrail: true, isOrganizationTrail: true)

  func organizations(_ fixture: Fixture, account: String = TrailOperationsTests.management) throws
    -> Organizations
  {
    try Organizations(fixture.services(account: account).context)
  }

  func roles(_ fixture: Fixture, account: String = TrailOperationsTests.management) throws
    -> ServiceLinkedRoles
  {
    try ServiceLinkedRoles(fixture.services(account: account).context)
  }

  @Test func organizationTrailsNeedAllFeatures() throws {
    let fixture = try Fixture(organization: false)
    let created = try organizations(fixture).create(featureSet: "CONSOLIDATED_BILLING")
    #expect(created.organization.featureSet == "CONSOLIDATED_BILLING")
    #expect(created.organization.masterAccountId == Self.management)
    #expect(
      fixture.exception { _ = try self.organizations(fixture).create(featureSet: nil) }
        == "AlreadyInOrganizationException")
    #expect(
      fixture.exception { try fixture.create(Self.organizationTrail) }
        == "OrganizationNotInAllFeaturesModeException")
    #expect(
      fixture.exception {
        _ = try RegisterOrganizationDelegatedAdmin.perform(
          RegisterOrganizationDelegatedAdminRequest(memberAccountId: Self.member), with: fixture.services())
      } == "OrganizationNotInAllFeaturesModeException")
    _ = try organizations(fixture).enableAllFeatures()
    #expect(try organizations(fixture).describe().organization.featureSet == "ALL")
    #expect(
      fixture.exception { _ = try self.organizations(fixture).enableAllFeatures() }
        == "HandshakeConstraintViolationException")
    // A new organization trusts no service yet, as in AWS.
    #expect(
      fixture.exception { try fixture.create(Self.organizationTrail) }
        == "CloudTrailAccessNotEnabledException")
    try organizations(fixture).setServiceAccess("cloudtrail.amazonaws.com", on: true)
    #expect(try fixture.create(Self.organizationTrail).isOrganizationTrail == true)
  }

  @Test func organizationTrailsNeedCloudTrailsTrustedAccess() throws {
    let fixture = try Fixture()
    try fixture.create(Self.organizationTrail)
    _ = try RegisterOrganizationDelegatedAdmin.perform(
      RegisterOrganizationDelegatedAdminRequest(memberAccountId: Self.member), with: fixture.services())
    #expect(
      try organizations(fixture).serviceAccess().enabledServicePrincipals.map(\.servicePrincipal) == [
        "cloudtrail.amazonaws.com"
      ])
    #expect(
      fixture.exception {
        try self.organizations(fixture, account: Self.member).setServiceAccess(
          "cloudtrail.amazonaws.com", on: false)
      } == "AccessDeniedException")
    try organizations(fixture).setServiceAccess("cloudtrail.amazonaws.com", on: false)
    #expect(try organizations(fixture).serviceAccess().enabledServicePrincipals.isEmpty)
    let services = try fixture.services()
    for (label, call) in [
      (
        "create",
        {
          try fixture.create(
            CreateTrailRequest(name: "org2", s3BucketName: "logs", isOrganizationTrail: true))
        }
      ),
      (
        "update keeping it on",
        { _ = try UpdateTrail.perform(UpdateTrailRequest(name: "org"), with: services) }
      ),
      (
        "deregister",
        {
          _ = try DeregisterOrganizationDelegatedAdmin.perform(
            DeregisterOrganizationDelegatedAdminRequest(delegatedAdminAccountId: Self.member), with: services)
        }
      ),
    ] as [(String, () throws -> Void)] {
      #expect(fixture.exception(call) == "CloudTrailAccessNotEnabledException", "\(label)")
    }
    // Turning the trail into an ordinary one needs no trusted access.
    #expect(
      try UpdateTrail.perform(UpdateTrailRequest(name: "org", isOrganizationTrail: false), with: services)
        .isOrganizationTrail == false)
  }

  @Test func organizationTrailsNeedTheManagementAccountsServiceLinkedRole() throws {
    let fixture = try Fixture()
    try fixture.create(Self.organizationTrail)
    try fixture.create(Self.trail("own"))
    let deleted = try roles(fixture).delete(roleName: "AWSServiceRoleForCloudTrail")
    #expect(deleted.deletionTaskId.hasPrefix("task/aws-service-role/cloudtrail.amazonaws.com/"))
    #expect(
      fixture.exception { _ = try self.roles(fixture).delete(roleName: "AWSServiceRoleForCloudTrail") }
        == "NoSuchEntityException")
    let services = try fixture.services()
    let calls: [(String, () throws -> Void)] = [
      (
        "create",
        {
          try fixture.create(
            CreateTrailRequest(name: "org2", s3BucketName: "logs", isOrganizationTrail: true))
        }
      ),
      ("update", { _ = try UpdateTrail.perform(UpdateTrailRequest(name: "org"), with: services) }),
      ("start", { _ = try StartLogging.perform(StartLoggingRequest(name: "org"), with: services) }),
      ("stop", { _ = try StopLogging.perform(StopLoggingRequest(name: "org"), with: services) }),
      (
        "event selectors",
        {
          _ = try PutEventSelectors.perform(
            PutEventSelectorsRequest(trailName: "org", eventSelectors: [.newTrailDefault]), with: services)
        }
      ),
      (
        "insight selectors",
        {
          _ = try PutInsightSelectors.perform(
            PutInsightSelectorsRequest(
              trailName: "org", insightSelectors: [InsightSelector(insightType: .apiCallRateInsight)]),
            with: services)
        }
      ),
      ("delete", { _ = try DeleteTrail.perform(DeleteTrailRequest(name: "org"), with: services) }),
    ]
    for (label, call) in calls {
      #expect(fixture.exception(call) == "NoManagementAccountSLRExistsException", "\(label)")
    }
    // Only organization trails depend on it.
    _ = try StartLogging.perform(StartLoggingRequest(name: "own"), with: services)
    let role = try roles(fixture).create(awsServiceName: "cloudtrail.amazonaws.com")
    #expect(
      role.role.arn
        == "arn:aws:iam::111111111111:role/aws-service-role/cloudtrail.amazonaws.com/AWSServiceRoleForCloudTrail"
    )
    #expect(
      fixture.exception { _ = try self.roles(fixture).create(awsServiceName: "cloudtrail.amazonaws.com") }
        == "InvalidInputException")
    for (label, call) in calls { #expect(fixture.exception(call) == nil, "\(label)") }
  }

  @Test func aDelegatedAdministratorCannotCreateAMembersServiceLinkedRole() throws {
    let fixture = try Fixture()
    _ = try RegisterOrganizationDelegatedAdmin.perform(
      RegisterOrganizationDelegatedAdminRequest(memberAccountId: Self.member), with: fixture.services())
    _ = try roles(fixture, account: Self.member).delete(roleName: "AWSServiceRoleForCloudTrail")
    #expect(
      fixture.exception { try fixture.create(Self.organizationTrail, account: Self.member) }
        == "InsufficientDependencyServiceAccessPermissionException")
    // The management account may create it (CloudTrail creates the members' roles for it).
    try fixture.create(Self.organizationTrail)
    let admin = try fixture.services(account: Self.member)
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(
          UpdateTrailRequest(name: "org", enableLogFileValidation: true), with: admin)
      } == "InsufficientDependencyServiceAccessPermissionException")
    _ = try roles(fixture, account: Self.member).create(awsServiceName: "cloudtrail.amazonaws.com")
    #expect(
      try UpdateTrail.perform(UpdateTrailRequest(name: "org", enableLogFileValidation: true), with: admin)
        .logFileValidationEnabled == true)
  }

  @Test func aTopicOfAClosedAccountIsAnInvalidClientToken() throws {
    let fixture = try Fixture()
    try fixture.makeTopic("alerts", account: Self.member)
    let request = CreateTrailRequest(name: "member", s3BucketName: "logs", snsTopicName: "alerts")
    try fixture.create(request, account: Self.member)
    #expect(
      fixture.exception { try self.organizations(fixture).closeAccount(Self.management) }
        == "ConstraintViolationException")
    #expect(
      fixture.exception { try self.organizations(fixture).closeAccount(Self.outsider) }
        == "AccountNotFoundException")
    try organizations(fixture).closeAccount(Self.member)
    #expect(
      fixture.exception { try self.organizations(fixture).closeAccount(Self.member) }
        == "AccountAlreadyClosedException")
    let member = try fixture.services(account: Self.member)
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "member", snsTopicName: "alerts"), with: member)
      } == "CloudTrailInvalidClientTokenIdException")
    #expect(
      fixture.exception {
        try fixture.create(
          CreateTrailRequest(
            name: "org", s3BucketName: "logs", snsTopicName: "arn:aws:sns:us-east-1:\(Self.member):alerts",
            isOrganizationTrail: true))
      } == "CloudTrailInvalidClientTokenIdException")
  }

  @Test func aKeyWhosePolicyLeavesCloudTrailOutIsAnInsufficientEncryptionPolicy() throws {
    let fixture = try Fixture()
    let ring = KmsKeyRing(directory: fixture.store.folder + "/kms")
    func policy(
      _ effect: String, _ action: String, principal: String = #"{"Service": "cloudtrail.amazonaws.com"}"#
    )
      -> String
    {
      #"{"Statement": [{"Effect": "\#(effect)", "Principal": \#(principal), "Action": "\#(action)", "Resource": "*"}]}"#
    }
    let key = try ring.create(
      account: Self.management, region: "us-east-1",
      policy: policy("Allow", "kms:*", principal: #"{"AWS": "arn:aws:iam::111111111111:root"}"#), at: Self.now
    )
    let request = CreateTrailRequest(name: "main", s3BucketName: "logs", kmsKeyId: key.arn)
    #expect(fixture.exception { try fixture.create(request) } == "InsufficientEncryptionPolicyException")
    func put(_ text: String) throws {
      try KmsKeyPolicy.put(
        text, keyId: key.keyId, policyName: nil, account: Self.management, region: "us-east-1", in: ring)
    }
    for allowing in ["kms:GenerateDataKey*", "kms:*", "*", "kms:Generate*"] {
      try put(policy("Allow", allowing))
      #expect(KmsKeyPolicy.allowsCloudTrail(try #require(ring.key(id: key.keyId))), "\(allowing)")
    }
    try fixture.create(request)
    // A Deny wins; put-insight-selectors re-checks the trail's key.
    try put(
      #"""
      {"Statement": [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "kms:*", "Resource": "*"},
        {"Effect": "Deny", "Principal": "*", "Action": "kms:GenerateDataKey*", "Resource": "*"}
      ]}
      """#)
    #expect(
      fixture.exception {
        _ = try PutInsightSelectors.perform(
          PutInsightSelectorsRequest(
            trailName: "main", insightSelectors: [InsightSelector(insightType: .apiCallRateInsight)]),
          with: fixture.services())
      } == "InsufficientEncryptionPolicyException")
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(
          UpdateTrailRequest(name: "main", kmsKeyId: key.keyId), with: fixture.services())
      }
        == "InsufficientEncryptionPolicyException")
    // A key nobody put a policy on has the default one, which lets CloudTrail in.
    let plain = try ring.create(account: Self.management, region: "us-east-1", at: Self.now)
    let fetched = try KmsKeyPolicy.get(
      keyId: plain.arn, policyName: "default", account: Self.management, region: "us-east-1", in: ring)
    #expect(fetched.policy.contains(#""Service" : "cloudtrail.amazonaws.com""#))
    _ = try UpdateTrail.perform(
      UpdateTrailRequest(name: "main", kmsKeyId: plain.keyId), with: fixture.services())
    #expect(throws: KmsError.self) { try put("not json") }
  }

  @Test func aLogGroupThatCannotBeWrittenIsDeliveryUnavailable() throws {
    let fixture = try Fixture()
    let group = "arn:aws:logs:us-east-1:111111111111:log-group:/trails/main:*"
    let role = "arn:aws:iam::111111111111:role/CloudTrailLogs"
    let request = CreateTrailRequest(
      name: "main", s3BucketName: "logs", cloudWatchLogsLogGroupArn: group, cloudWatchLogsRoleArn: role)
    // A file where the account's folder of log groups must be.
    let logs = fixture.store.folder + "/logs/us-east-1"
    try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
    try Data().write(to: URL(fileURLWithPath: logs + "/111111111111"))
    #expect(fixture.exception { try fixture.create(request) } == "CloudWatchLogsDeliveryUnavailableException")
    try FileManager.default.removeItem(atPath: logs + "/111111111111")
    try fixture.create(request)
    // Delivery makes the group's folder; a file there instead fails the next update.
    try Data().write(to: URL(fileURLWithPath: logs + "/111111111111"))
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "main"), with: fixture.services())
      } == "CloudWatchLogsDeliveryUnavailableException")
  }

  /// (CI runs as root) writes anywhere, so the test needs an ordinary user.
  @Test(.enabled(if: getuid() != 0, "root can write to any folder"))
  func anUnwritableLogGroupFolderIsDeliveryUnavailable() throws {
    let fixture = try Fixture()
    let logs = fixture.store.folder + "/logs"
    try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: logs)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: logs) }
    #expect(
      fixture.exception {
        try fixture.create(
          CreateTrailRequest(
            name: "main", s3BucketName: "logs",
            cloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:trails:*",
            cloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/CloudTrailLogs"))
      } == "CloudWatchLogsDeliveryUnavailableException")
  }

  /// A change made by another process between this call's read and its write is not overwritten.
  @Test func aTrailChangedConcurrentlyIsAConflict() throws {
    let fixture = try Fixture()
    try fixture.create(Self.trail("main"))
    let context = try fixture.services().context
    let trails = TrailService(store: try TrailStore(databasePath: context.databasePath), context: context)
    var changes = 0
    trails.beforeWriting = {
      changes += 1
      _ = try StartLogging.perform(StartLoggingRequest(name: "main"), with: fixture.services())
    }
    #expect(
      fixture.exception {
        _ = try trails.update(UpdateTrailRequest(name: "main", enableLogFileValidation: true))
      }
        == "ConflictException")
    #expect(changes == 1)
    // Nothing of the lost update was written; the concurrent change was.
    let seen = try GetTrail.perform(GetTrailRequest(name: "main"), with: fixture.services()).trail
    #expect(seen?.logFileValidationEnabled == false)
    #expect(
      try GetTrailStatus.perform(GetTrailStatusRequest(name: "main"), with: fixture.services()).isLogging
        == true)
    trails.beforeWriting = nil
    _ = try trails.update(UpdateTrailRequest(name: "main", enableLogFileValidation: true))
    trails.beforeWriting = {
      _ = try DeleteTrail.perform(DeleteTrailRequest(name: "main"), with: fixture.services())
    }
    #expect(fixture.exception { try trails.setLogging("main", on: false) } == "ConflictException")
  }
}
