import Foundation
import Testing

@testable import TrailCore

/// CreateTrail and UpdateTrail refuse a bucket whose policy does not let CloudTrail write the trail's
/// logs, as CloudTrail checks it; a bucket without a policy is accepted.
@Suite("Bucket policy rule")
struct BucketPolicyRuleTests {
  static let account = "111111111111"
  static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  /// CloudTrail's documented policy for bucket `logs`, objects under `objects` (without the ARN's prefix).
  static func policy(
    objects: String = "AWSLogs/111111111111/*", actions: String = #""s3:PutObject""#,
    aclAction: String = #""s3:GetBucketAcl""#, principal: String = #"{"Service":"cloudtrail.amazonaws.com"}"#,
    extra: String = ""
  ) -> String {
    """
    {"Version":"2012-10-17","Statement":[\
    {"Sid":"AWSCloudTrailAclCheck","Effect":"Allow","Principal":\(principal),"Action":\(aclAction),\
    "Resource":"arn:aws:s3:::logs"},\
    {"Sid":"AWSCloudTrailWrite","Effect":"Allow","Principal":\(principal),"Action":\(actions),\
    "Resource":"arn:aws:s3:::logs/\(objects)","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}\
    \(extra)]}
    """
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var label: String
    var policy: String?
    var prefix: String? = nil
    var accepted: Bool
    var testDescription: String { label }
  }

  static let cases: [Case] = [
    Case(label: "no policy", policy: nil, accepted: true),
    Case(label: "CloudTrail's documented policy", policy: policy(), accepted: true),
    Case(label: "bucket-wide wildcard", policy: policy(objects: "*"), accepted: true),
    Case(
      label: "s3:* in a list", policy: policy(actions: #"["s3:GetObject","s3:*"]"#, aclAction: #"["s3:*"]"#),
      accepted: true),
    Case(
      label: "prefix covered", policy: policy(objects: "trails/AWSLogs/111111111111/*"), prefix: "trails",
      accepted: true),
    Case(label: "prefix not covered", policy: policy(), prefix: "trails", accepted: false),
    Case(
      label: "another account's folder", policy: policy(objects: "AWSLogs/222222222222/*"), accepted: false),
    Case(label: "no GetBucketAcl", policy: policy(aclAction: #""s3:ListBucket""#), accepted: false),
    Case(label: "no PutObject", policy: policy(actions: #""s3:GetObject""#), accepted: false),
    Case(
      label: "another principal", policy: policy(principal: #"{"Service":"config.amazonaws.com"}"#),
      accepted: false),
    Case(
      label: "a Deny wins",
      policy: policy(
        extra: #",{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"arn:aws:s3:::logs/*"}"#
      ),
      accepted: false),
    Case(label: "empty statements", policy: #"{"Statement":[]}"#, accepted: false),
  ]

  /// A fresh store with an empty bucket `logs` (and the caller's context over it).
  static func context(_ store: TestStore) throws -> StoreContext {
    let buckets = store.folder + "/buckets"
    try FileManager.default.createDirectory(atPath: buckets + "/logs", withIntermediateDirectories: true)
    // Trails live in the store: opening an intake creates it.
    _ = try RecordIntake(databasePath: store.dbPath, clock: FixedClock(now))
    return StoreContext(
      databasePath: store.dbPath, clock: FixedClock(now), bucketsDirectory: buckets, account: account,
      region: "us-east-1")
  }

  @Test(arguments: cases)
  func createTrailChecksTheBucketPolicy(_ c: Case) throws {
    let store = try TestStore()
    let context = try Self.context(store)
    if let policy = c.policy { try BucketPolicies(context).setPolicy(policy, for: "logs") }
    let request = CreateTrailRequest(name: "main", s3BucketName: "logs", s3KeyPrefix: c.prefix)
    if c.accepted {
      _ = try CreateTrail.perform(request, with: StoreServices(context))
    } else {
      #expect(
        throws: ServiceError(
          "InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: logs")
      ) {
        try CreateTrail.perform(request, with: StoreServices(context))
      }
    }
  }

  @Test func updateTrailChecksThePolicyOfTheNewPrefix() throws {
    let store = try TestStore()
    let context = try Self.context(store)
    try BucketPolicies(context).setPolicy(Self.policy(), for: "logs")
    _ = try CreateTrail.perform(
      CreateTrailRequest(name: "main", s3BucketName: "logs"), with: StoreServices(context))
    #expect(
      throws: ServiceError(
        "InsufficientS3BucketPolicyException", "Incorrect S3 bucket policy is detected for bucket: logs")
    ) {
      try UpdateTrail.perform(
        UpdateTrailRequest(name: "main", s3KeyPrefix: "elsewhere"), with: StoreServices(context))
    }
  }

  @Test func thePoliciesLiveBesideTheBuckets() throws {
    let context = StoreContext(
      databasePath: "/tmp/x.sqlite", clock: FixedClock(Self.now), bucketsDirectory: "/data/td/buckets")
    #expect(context.s3PoliciesDirectory == "/data/td/s3-policies")
    #expect(BucketPolicies(context).path(of: "logs") == "/data/td/s3-policies/logs.json")
  }
}
