import Foundation
import Testing

@testable import TrailCore

/// Each of the eight LookupAttributes matches exactly the events it should, and only those.
@Suite("LookupEvents attributes")
struct LookupAttributeTests {
  /// Five management events that differ in every attribute, plus a data event sharing values with them.
  static let records: [TestRecord] = {
    let t = TestTime.base
    let runInstances = TestRecord(TestRecord.id(1), at: t + 10).with {
      $0.eventName = "RunInstances"
      $0.readOnly = false
      $0.resources =
        #"[{"ARN":"arn:aws:ec2:us-east-1:111122223333:instance/i-0abc","accountId":"111122223333","type":"AWS::EC2::Instance"}]"#
    }
    let rootLogin = TestRecord(TestRecord.id(2), at: t + 20).with {
      $0.eventName = "ConsoleLogin"
      $0.eventSource = "signin.amazonaws.com"
      $0.eventType = "AwsConsoleSignIn"
      $0.readOnly = false
      $0.identity =
        #"{"type":"Root","principalId":"111122223333","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"}"#
    }
    let createBucket = TestRecord(TestRecord.id(3), at: t + 30).with {
      $0.eventName = "CreateBucket"
      $0.eventSource = "s3.amazonaws.com"
      $0.readOnly = false
      $0.identity =
        #"{"type":"AssumedRole","principalId":"AROAADMIN:bob-session","arn":"arn:aws:sts::111122223333:assumed-role/Admin/bob-session","accountId":"111122223333","accessKeyId":"ASIABOB","sessionContext":{"sessionIssuer":{"type":"Role","userName":"Admin"}}}"#
      $0.resources =
        #"[{"ARN":"arn:aws:s3:::my-bucket","accountId":"111122223333","type":"AWS::S3::Bucket"}]"#
    }
    let serviceAssumeRole = TestRecord(TestRecord.id(4), at: t + 40).with {
      $0.eventName = "AssumeRole"
      $0.eventSource = "sts.amazonaws.com"
      $0.identity = #"{"type":"AWSService","invokedBy":"autoscaling.amazonaws.com"}"#
      $0.resources =
        #"[{"ARN":"arn:aws:iam::111122223333:role/path/Admin","accountId":"111122223333","type":"AWS::IAM::Role"}]"#
    }
    let carolDescribes = TestRecord(TestRecord.id(5), at: t + 50).with {
      $0.identity = TestRecord.iamUser("carol", key: "AKIACAROL")
    }
    let dataEvent = TestRecord(TestRecord.id(6), at: t + 60).with {
      $0.eventName = "GetObject"
      $0.eventSource = "s3.amazonaws.com"
      $0.eventCategory = "Data"
      $0.managementEvent = false
      $0.resources =
        #"[{"ARN":"arn:aws:s3:::my-bucket/key.txt","type":"AWS::S3::Object"},{"ARN":"arn:aws:s3:::my-bucket","type":"AWS::S3::Bucket"}]"#
    }
    return [runInstances, rootLogin, createBucket, serviceAssumeRole, carolDescribes, dataEvent]
  }()

  struct Case: CustomTestStringConvertible, Sendable {
    var key: LookupAttributeKey
    var value: String
    /// Expected event numbers (`TestRecord.id(n)`), newest first.
    var expected: [Int]
    var testDescription: String { "\(key.rawValue)=\(value) → \(expected)" }
  }

  static let cases: [Case] = [
    Case(key: .eventId, value: TestRecord.id(3), expected: [3]),
    Case(key: .eventId, value: TestRecord.id(6), expected: []),
    Case(key: .eventId, value: TestRecord.id(99), expected: []),
    Case(key: .eventName, value: "RunInstances", expected: [1]),
    Case(key: .eventName, value: "DescribeInstances", expected: [5]),
    Case(key: .eventName, value: "GetObject", expected: []),
    Case(key: .eventName, value: "runinstances", expected: []),
    Case(key: .eventName, value: "RunInstance", expected: []),
    Case(key: .eventSource, value: "s3.amazonaws.com", expected: [3]),
    Case(key: .eventSource, value: "ec2.amazonaws.com", expected: [5, 1]),
    Case(key: .readOnly, value: "true", expected: [5, 4]),
    Case(key: .readOnly, value: "false", expected: [3, 2, 1]),
    Case(key: .username, value: "alice", expected: [1]),
    Case(key: .username, value: "Alice", expected: []),
    Case(key: .username, value: "root", expected: [2]),
    Case(key: .username, value: "bob-session", expected: [3]),
    Case(key: .username, value: "Admin", expected: []),
    Case(key: .username, value: "autoscaling.amazonaws.com", expected: [4]),
    Case(key: .username, value: "carol", expected: [5]),
    Case(key: .accessKeyId, value: "AKIAALICE", expected: [1]),
    Case(key: .accessKeyId, value: "ASIABOB", expected: [3]),
    Case(key: .accessKeyId, value: "AKIA", expected: []),
    Case(key: .resourceType, value: "AWS::EC2::Instance", expected: [1]),
    Case(key: .resourceType, value: "AWS::S3::Bucket", expected: [3]),
    Case(key: .resourceType, value: "AWS::IAM::Role", expected: [4]),
    Case(key: .resourceType, value: "AWS::S3::Object", expected: []),
    Case(key: .resourceName, value: "i-0abc", expected: [1]),
    Case(key: .resourceName, value: "my-bucket", expected: [3]),
    Case(key: .resourceName, value: "Admin", expected: [4]),
    Case(key: .resourceName, value: "arn:aws:iam::111122223333:role/path/Admin", expected: []),
  ]

  @Test(arguments: cases)
  func attributeMatchesExactlyItsEvents(_ c: Case) throws {
    let store = try TestStore()
    try store.write("events.json", records: Self.records)
    let run = try store.ingest()
    #expect(run.summary.eventsLoaded == 6)
    let ids = try store.history().allEventIDs(
      LookupRequest(lookupAttributes: [LookupAttribute(c.key, c.value)]))
    #expect(ids == c.expected.map(TestRecord.id))
  }

  @Test func withoutAttributeEveryManagementEventNewestFirst() throws {
    let store = try TestStore()
    try store.write("events.json", records: Self.records)
    _ = try store.ingest()
    let page = try store.history().lookupEvents(LookupRequest())
    #expect(page.events.map(\.summary.eventId) == [5, 4, 3, 2, 1].map(TestRecord.id))
    #expect(page.nextToken == nil)
  }

  @Test func lookedUpEventCarriesSummaryFieldsAndTheVerbatimRecord() throws {
    let store = try TestStore()
    try store.write("events.json", records: Self.records)
    _ = try store.ingest()
    let page = try store.history().lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventId, TestRecord.id(3))]))
    let event = try #require(page.events.first)
    #expect(
      event.summary.resources == [EventResource(type: "AWS::S3::Bucket", name: "my-bucket")])
    #expect(event.summary.username == "bob-session")
    #expect(event.summary.accessKeyId == "ASIABOB")
    #expect(event.summary.readOnly == false)
    #expect(event.summary.eventTime == TestTime.date(TestTime.base + 30))
    #expect(event.summary.eventCategory == "Management")
    #expect(event.cloudTrailEvent == Self.records[2].json)
  }

  /// ResourceName is the ARN's resource part without its type prefix (S3 keeps bucket/key).
  @Test(arguments: [
    ("arn:aws:iam::111122223333:role/path/Admin", "Admin"),
    ("arn:aws:ec2:us-east-1:111122223333:instance/i-0abc", "i-0abc"),
    ("arn:aws:s3:::my-bucket", "my-bucket"),
    ("arn:aws:s3:::my-bucket/dir/key.txt", "my-bucket/dir/key.txt"),
    ("arn:aws:lambda:us-east-1:111122223333:function:backdoor", "function:backdoor"),
    ("arn:aws:sns:us-east-1:111122223333:alerts", "alerts"),
    ("not-an-arn", "not-an-arn"),
  ])
  func resourceNameRule(arn: String, name: String) {
    #expect(ResourceNameRule.name(fromARN: arn) == name)
  }

  @Test func resourceNameRuleGivesNothingForAnEmptyARN() {
    #expect(ResourceNameRule.name(fromARN: "") == nil)
  }

  /// The Username rule, one identity shape per row, through ingest and lookup.
  @Test(arguments: [
    (#"{"type":"IAMUser","userName":"dave","arn":"arn:aws:iam::1:user/dave"}"#, "dave"),
    (#"{"type":"Root","arn":"arn:aws:iam::1:root"}"#, "root"),
    (#"{"type":"Root","userName":"my-alias","arn":"arn:aws:iam::1:root"}"#, "my-alias"),
    (#"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/Ops/i-0123"}"#, "i-0123"),
    (#"{"type":"AssumedRole","principalId":"AROAX:sess"}"#, "sess"),
    (#"{"type":"FederatedUser","arn":"arn:aws:sts::1:federated-user/eve"}"#, "eve"),
    (#"{"type":"AWSService","invokedBy":"cloudtrail.amazonaws.com"}"#, "cloudtrail.amazonaws.com"),
    (#"{"accountId":"1","invokedBy":"AWS Internal"}"#, "AWS Internal"),
    // Escaped values are decoded before the rule takes its part of them.
    (#"{"type":"IAMUser","userName":"d\u00e9j\u00e0"}"#, "déjà"),
    (#"{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role\/Ops\/sess\u0031"}"#, "sess1"),
    (#"{"type":"AssumedRole","principalId":"AROAX:s\u0032"}"#, "s2"),
  ])
  func usernameRule(identity: String, username: String) throws {
    let store = try TestStore()
    try store.write(
      "one.json", records: [TestRecord(TestRecord.id(1), at: TestTime.base).with { $0.identity = identity }])
    _ = try store.ingest()
    let page = try store.history().lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.username, username)]))
    #expect(page.events.map(\.summary.username) == [username])
  }

  /// An escaped ARN is decoded before its name is taken; the name is found by lookup like any other.
  @Test func resourceNameOfAnEscapedARN() throws {
    let store = try TestStore()
    try store.write(
      "one.json",
      records: [
        TestRecord(TestRecord.id(1), at: TestTime.base).with {
          $0.resources = #"[{"ARN":"arn:aws:iam::1:role\/path\/Adm\u0069n","type":"AWS::IAM::Role"}]"#
        }
      ])
    _ = try store.ingest()
    let page = try store.history().lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.resourceName, "Admin")]))
    #expect(page.events.map(\.summary.resources) == [[EventResource(type: "AWS::IAM::Role", name: "Admin")]])
  }

  @Test func identityWithoutAnyNameHasNoUsername() throws {
    let store = try TestStore()
    try store.write(
      "one.json",
      records: [TestRecord(TestRecord.id(1), at: TestTime.base).with { $0.identity = #"{"type":"Unknown"}"# }]
    )
    _ = try store.ingest()
    let page = try store.history().lookupEvents(LookupRequest())
    #expect(page.events.map(\.summary.username) == [nil])
  }
}
