import Foundation
import Testing

@testable import TrailCore

/// The trail operations through the operation layer: every exception of spec §3.6 they can raise
/// here, visibility across regions and accounts, organization trails, the 5-trail limit and the
/// logging clock.
@Suite("Trail operations")
struct TrailOperationsTests {
  static let management = "111111111111"
  static let member = "222222222222"
  static let outsider = "999999999999"
  static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  /// A store with the demo-style organization of two accounts and a bucket `logs`.
  final class Fixture {
    let store: TestStore
    let buckets: String

    init(organization: Bool = true) throws {
      store = try TestStore()
      buckets = store.folder + "/buckets"
      try FileManager.default.createDirectory(atPath: buckets + "/logs", withIntermediateDirectories: true)
      let intake = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(TrailOperationsTests.now))
      if organization {
        try intake.setOrganization(
          OrganizationInfo(
            id: "o-abcdefghij", managementAccount: TrailOperationsTests.management,
            accounts: [TrailOperationsTests.management, TrailOperationsTests.member]))
      }
    }

    func services(account: String = TrailOperationsTests.management, region: String = "us-east-1")
      throws -> StoreServices
    {
      try StoreServices(
        StoreContext(
          databasePath: store.dbPath, clock: FixedClock(TrailOperationsTests.now), bucketsDirectory: buckets,
          account: account, region: region))
    }

    @discardableResult
    func create(
      _ request: CreateTrailRequest, account: String = TrailOperationsTests.management,
      region: String = "us-east-1"
    )
      throws -> CreateTrailResponse
    {
      try CreateTrail.perform(request, with: services(account: account, region: region))
    }

    /// The exception name `body` throws, or nil.
    func exception(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch let error as ServiceError {
        return error.exceptionName
      } catch {
        return "unexpected \(error)"
      }
    }
  }

  static func trail(_ name: String, bucket: String = "logs") -> CreateTrailRequest {
    CreateTrailRequest(name: name, s3BucketName: bucket)
  }

  struct CreateCase: CustomTestStringConvertible, Sendable {
    var label: String
    var request: CreateTrailRequest
    var exception: String
    var testDescription: String { label }
  }

  static let createCases: [CreateCase] = [
    CreateCase(label: "short name", request: trail("ab"), exception: "InvalidTrailNameException"),
    CreateCase(
      label: "adjacent separators", request: trail("my--trail"), exception: "InvalidTrailNameException"),
    CreateCase(
      label: "IP-shaped name", request: trail("192.168.5.4"), exception: "InvalidTrailNameException"),
    CreateCase(
      label: "bad bucket name", request: trail("main", bucket: "Logs_Bucket"),
      exception: "InvalidS3BucketNameException"),
    CreateCase(
      label: "missing bucket", request: trail("main", bucket: "nowhere"),
      exception: "S3BucketDoesNotExistException"),
    CreateCase(
      label: "long prefix",
      request: CreateTrailRequest(
        name: "main", s3BucketName: "logs", s3KeyPrefix: String(repeating: "p", count: 201)),
      exception: "InvalidS3PrefixException"),
    CreateCase(
      label: "bad topic",
      request: CreateTrailRequest(name: "main", s3BucketName: "logs", snsTopicName: "no spaces"),
      exception: "InvalidSnsTopicNameException"),
    CreateCase(
      label: "malformed key",
      request: CreateTrailRequest(name: "main", s3BucketName: "logs", kmsKeyId: "not a key"),
      exception: "InvalidKmsKeyIdException"),
    CreateCase(
      label: "unknown key",
      request: CreateTrailRequest(name: "main", s3BucketName: "logs", kmsKeyId: "alias/none"),
      exception: "KmsKeyNotFoundException"),
    CreateCase(
      label: "role without group",
      request: CreateTrailRequest(
        name: "main", s3BucketName: "logs", cloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/CT"),
      exception: "InvalidParameterCombinationException"),
    CreateCase(
      label: "bad group",
      request: CreateTrailRequest(
        name: "main", s3BucketName: "logs", cloudWatchLogsLogGroupArn: "log-group",
        cloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/CT"),
      exception: "InvalidCloudWatchLogsLogGroupArnException"),
    CreateCase(
      label: "bad role",
      request: CreateTrailRequest(
        name: "main", s3BucketName: "logs",
        cloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:CloudTrail/logs:*",
        cloudWatchLogsRoleArn: "role/CT"),
      exception: "InvalidCloudWatchLogsRoleArnException"),
    CreateCase(
      label: "51 tags",
      request: CreateTrailRequest(
        name: "main", s3BucketName: "logs", tagsList: (1...51).map { Tag(key: "k\($0)", value: "v") }),
      exception: "TagsLimitExceededException"),
    CreateCase(
      label: "empty tag key",
      request: CreateTrailRequest(name: "main", s3BucketName: "logs", tagsList: [Tag(key: "", value: "v")]),
      exception: "InvalidTagParameterException"),
  ]

  /// CloudTrail's own texts for a bad name, checked in its order (what the real service answers).
  @Test(arguments: [
    (
      "ab", "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."
    ),
    (
      String(repeating: "a", count: 129),
      "Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 characters."
    ),
    ("-main", "Trail name must starts with a letter or number."),
    ("main_", "Trail name must ends with a letter or number."),
    (
      "my trail",
      "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."
    ),
    (
      "my--trail",
      "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_)."
    ),
  ])
  func nameMessages(name: String, message: String) throws {
    let fixture = try Fixture()
    #expect(throws: ServiceError("InvalidTrailNameException", message)) {
      try CreateTrail.perform(Self.trail(name), with: fixture.services())
    }
  }

  @Test func aMultiRegionTrailIncludesGlobalServiceEvents() throws {
    let fixture = try Fixture()
    #expect(
      throws: ServiceError(
        "InvalidParameterCombinationException", "Multi-Region trail must include global service events.")
    ) {
      try CreateTrail.perform(
        CreateTrailRequest(
          name: "main", s3BucketName: "logs", includeGlobalServiceEvents: false, isMultiRegionTrail: true),
        with: fixture.services())
    }
    #expect(throws: ServiceError("S3BucketDoesNotExistException", "S3 bucket nowhere does not exist!")) {
      try CreateTrail.perform(Self.trail("main", bucket: "nowhere"), with: fixture.services())
    }
  }

  @Test(arguments: createCases)
  func createRefuses(_ c: CreateCase) throws {
    let fixture = try Fixture()
    #expect(fixture.exception { try fixture.create(c.request) } == c.exception)
    #expect(try ListTrails.perform(ListTrailsRequest(), with: fixture.services()).trails == [])
  }

  @Test func createReturnsTheTrailWithItsDefaults() throws {
    let fixture = try Fixture()
    try fixture.makeTopic("alerts")
    let response = try fixture.create(
      CreateTrailRequest(
        name: "main", s3BucketName: "logs", s3KeyPrefix: "ct", snsTopicName: "alerts",
        cloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:CloudTrail/logs:*",
        cloudWatchLogsRoleArn: "arn:aws:iam::111111111111:role/CT"))
    #expect(response.trailARN == "arn:aws:cloudtrail:us-east-1:111111111111:trail/main")
    #expect(response.includeGlobalServiceEvents == true)
    #expect(response.isMultiRegionTrail == false)
    #expect(response.logFileValidationEnabled == false)
    #expect(response.isOrganizationTrail == false)
    #expect(response.snsTopicARN == "arn:aws:sns:us-east-1:111111111111:alerts")
    let status = try GetTrailStatus.perform(GetTrailStatusRequest(name: "main"), with: fixture.services())
    #expect(status.isLogging == false)
    #expect(fixture.exception { try fixture.create(Self.trail("main")) } == "TrailAlreadyExistsException")
  }

  @Test func fiveTrailsPerRegionAndMultiRegionTrailsCountEverywhere() throws {
    let fixture = try Fixture()
    try fixture.create(CreateTrailRequest(name: "everywhere", s3BucketName: "logs", isMultiRegionTrail: true))
    for n in 1...4 { try fixture.create(Self.trail("east-\(n)")) }
    #expect(
      fixture.exception { try fixture.create(Self.trail("east-5")) }
        == "MaximumNumberOfTrailsExceededException")
    // Another region still has room for four besides the multi-region trail.
    try fixture.create(Self.trail("west-1"), region: "us-west-2")
    // Another account has its own five.
    try fixture.create(Self.trail("east-1"), account: Self.outsider)
  }

  @Test func shadowTrailsAndNames() throws {
    let fixture = try Fixture()
    try fixture.create(CreateTrailRequest(name: "everywhere", s3BucketName: "logs", isMultiRegionTrail: true))
    try fixture.create(Self.trail("only-east"))
    let west = try fixture.services(region: "eu-west-1")
    let described = try DescribeTrails.perform(DescribeTrailsRequest(), with: west)
    #expect(described.trailList?.map(\.name) == ["everywhere"])
    #expect(described.trailList?.first?.homeRegion == "us-east-1")
    let noShadows = try DescribeTrails.perform(DescribeTrailsRequest(includeShadowTrails: false), with: west)
    #expect(noShadows.trailList == [])
    // Names match trails of the caller's region; ARNs any trail it sees.
    let byName = try DescribeTrails.perform(DescribeTrailsRequest(trailNameList: ["everywhere"]), with: west)
    #expect(byName.trailList == [])
    let byARN = try DescribeTrails.perform(
      DescribeTrailsRequest(trailNameList: ["arn:aws:cloudtrail:us-east-1:111111111111:trail/everywhere"]),
      with: west)
    #expect(byARN.trailList?.count == 1)
    #expect(
      fixture.exception { _ = try GetTrail.perform(GetTrailRequest(name: "only-east"), with: west) }
        == "TrailNotFoundException")
    // Changes only in the home region.
    #expect(
      fixture.exception { _ = try StartLogging.perform(StartLoggingRequest(name: "everywhere"), with: west) }
        == "InvalidHomeRegionException")
    #expect(
      fixture.exception { _ = try DeleteTrail.perform(DeleteTrailRequest(name: "everywhere"), with: west) }
        == "InvalidHomeRegionException")
    #expect(
      fixture.exception {
        _ = try GetTrail.perform(GetTrailRequest(name: "arn:aws:cloudtrail:bad"), with: west)
      }
        == "CloudTrailARNInvalidException")
    let listed = try ListTrails.perform(ListTrailsRequest(), with: west)
    #expect(listed.trails?.map(\.name) == ["everywhere", "only-east"])
  }

  @Test func loggingTimesComeFromTheClock() throws {
    let fixture = try Fixture()
    try fixture.create(Self.trail("main"))
    let services = try fixture.services()
    _ = try StartLogging.perform(StartLoggingRequest(name: "main"), with: services)
    var status = try GetTrailStatus.perform(GetTrailStatusRequest(name: "main"), with: services)
    #expect(status.isLogging == true)
    #expect(status.startLoggingTime == Self.now)
    #expect(status.timeLoggingStarted == "2026-01-01T00:00:00Z")
    #expect(status.timeLoggingStopped == "")
    _ = try StopLogging.perform(StopLoggingRequest(name: "main"), with: services)
    status = try GetTrailStatus.perform(GetTrailStatusRequest(name: "main"), with: services)
    #expect(status.isLogging == false)
    #expect(status.stopLoggingTime == Self.now)
    _ = try DeleteTrail.perform(DeleteTrailRequest(name: "main"), with: services)
    #expect(
      fixture.exception {
        _ = try GetTrailStatus.perform(GetTrailStatusRequest(name: "main"), with: services)
      } == "TrailNotFoundException")
  }

  @Test func updateChangesSettingsInTheHomeRegion() throws {
    let fixture = try Fixture()
    try fixture.create(Self.trail("main"))
    let services = try fixture.services()
    let updated = try UpdateTrail.perform(
      UpdateTrailRequest(
        name: "main", s3KeyPrefix: "org", isMultiRegionTrail: true, enableLogFileValidation: true),
      with: services)
    #expect(updated.s3KeyPrefix == "org")
    #expect(updated.isMultiRegionTrail == true)
    #expect(updated.logFileValidationEnabled == true)
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "main", s3BucketName: "nowhere"), with: services)
      }
        == "S3BucketDoesNotExistException")
    #expect(
      fixture.exception { _ = try UpdateTrail.perform(UpdateTrailRequest(name: "absent"), with: services) }
        == "TrailNotFoundException")
    // Multi → single turns global service events off (spec §3.2).
    let single = try UpdateTrail.perform(
      UpdateTrailRequest(name: "main", isMultiRegionTrail: false), with: services)
    #expect(single.includeGlobalServiceEvents == false)
  }

  /// A KmsKeyId in any form resolves against the key ring in the caller's account and region, and the
  /// trail keeps and returns the key's full ARN (spec §3.3).
  @Test func kmsKeysResolveToTheirFullARN() throws {
    let fixture = try Fixture()
    let ring = KmsKeyRing(directory: fixture.store.folder + "/kms")
    let key = try ring.create(
      account: Self.management, region: "us-east-1", alias: "alias/trails", at: Self.now)
    let other = try ring.create(account: Self.management, region: "eu-west-1", at: Self.now)
    let created = try fixture.create(
      CreateTrailRequest(name: "main", s3BucketName: "logs", kmsKeyId: "alias/trails"))
    #expect(created.kmsKeyId == key.arn)
    let services = try fixture.services()
    for form in [key.keyId, "arn:aws:kms:us-east-1:\(Self.management):alias/trails", key.arn] {
      let updated = try UpdateTrail.perform(UpdateTrailRequest(name: "main", kmsKeyId: form), with: services)
      #expect(updated.kmsKeyId == key.arn, "\(form)")
    }
    // A bare key id of another region is not the caller's.
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "main", kmsKeyId: other.keyId), with: services)
      } == "KmsKeyNotFoundException")
    let trail = try GetTrail.perform(GetTrailRequest(name: "main"), with: services)
    #expect(trail.trail?.kmsKeyId == key.arn)
    // An empty KmsKeyId takes the key away.
    let cleared = try UpdateTrail.perform(UpdateTrailRequest(name: "main", kmsKeyId: ""), with: services)
    #expect(cleared.kmsKeyId == nil)
    // A disabled key (edited in its file) is refused as AWS refuses one: KmsException.
    let path = ring.path(of: key.keyId)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let disabled = text.replacingOccurrences(of: #""enabled":true"#, with: #""enabled":false"#)
      .replacingOccurrences(of: #""enabled" : true"#, with: #""enabled" : false"#)
      .replacingOccurrences(of: #""enabled": true"#, with: #""enabled": false"#)
    #expect(disabled != text, "the key file's format changed: \(text)")
    try disabled.write(toFile: path, atomically: true, encoding: .utf8)
    #expect(
      fixture.exception {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "main", kmsKeyId: key.arn), with: services)
      } == "KmsException")
  }

  /// (CI runs as root) writes anywhere, so the test needs an ordinary user.
  @Test(.enabled(if: getuid() != 0, "root can write to any folder"))
  func anUnwritableBucketIsAnInsufficientPolicy() throws {
    let fixture = try Fixture()
    try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: fixture.buckets + "/logs")
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: fixture.buckets + "/logs")
    }
    #expect(
      fixture.exception { try fixture.create(Self.trail("main")) } == "InsufficientS3BucketPolicyException")
  }
}
