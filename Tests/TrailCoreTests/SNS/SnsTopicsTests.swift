import Foundation
import Testing

@testable import TrailCore

/// SNS topics as files: create is idempotent per name, list is per account and region, delete is
/// idempotent, attributes are SNS's, and each refusal carries SNS's code and text.
@Suite("SNS topics")
struct SnsTopicsTests {
  static let account = "111122223333"
  static let time = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  static func topics(_ store: TestStore) -> SnsTopics { SnsTopics(directory: store.folder + "/sns") }

  /// The error `body` throws, as `CODE: message`, or nil.
  static func failure(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func createIsIdempotentAndWritesTheAttributesFileBesideTheMessages() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    let arn = try topics.create(
      name: "trail-topic", account: Self.account, region: "us-east-1", at: Self.time)
    #expect(arn == "arn:aws:sns:us-east-1:111122223333:trail-topic")
    let later = Self.time.addingTimeInterval(60)
    #expect(
      try topics.create(name: "trail-topic", account: Self.account, region: "us-east-1", at: later) == arn)
    let path = store.folder + "/sns/us-east-1/111122223333/trail-topic.topic.json"
    #expect(FileManager.default.fileExists(atPath: path))
    // The second create changed nothing: the topic keeps its first creation time.
    #expect(topics.topic(arn: arn)?.creationTime == Self.time)
  }

  @Test(arguments: [
    ("", false), ("a", true), ("A-z_09", true), (String(repeating: "x", count: 256), true),
    (String(repeating: "x", count: 257), false), ("has space", false), ("dot.ted", false),
    ("orders.fifo", true), (".fifo", false), ("x.fifo.fifo", false),
    (String(repeating: "x", count: 251) + ".fifo", true),
    (String(repeating: "x", count: 252) + ".fifo", false),
    ("../escape", false), ("é", false),
  ])
  func topicNamesFollowSNSsRule(name: String, valid: Bool) throws {
    let store = try TestStore()
    let failure = Self.failure {
      try Self.topics(store).create(name: name, account: Self.account, region: "us-east-1", at: Self.time)
    }
    #expect(failure == (valid ? nil : "InvalidParameter: Invalid parameter: Topic Name"))
  }

  @Test func createRefusesWhatSNSRefuses() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    func create(_ name: String, _ attributes: [String: String]) -> String? {
      Self.failure {
        try topics.create(
          name: name, attributes: attributes, account: Self.account, region: "us-east-1", at: Self.time)
      }
    }
    #expect(create("t", ["DisplayName": "Trail"]) == nil)
    #expect(create("t", ["DisplayName": "Trail"]) == nil)
    #expect(
      create("t", ["DisplayName": "Other"])
        == "InvalidParameter: Invalid parameter: Attributes Reason: Topic already exists with different attributes"
    )
    #expect(create("u", ["Colour": "red"]) == "InvalidParameter: Invalid parameter: AttributeName")
    #expect(create("u", ["Policy": "not json"]) == "InvalidParameter: Invalid parameter: Policy Error: null")
    #expect(
      create("u", ["FifoTopic": "true"])?.hasPrefix("InvalidParameter: Invalid parameter: Fifo Topic names")
        == true)
    #expect(create("u.fifo", ["FifoTopic": "true"]) == nil)
  }

  @Test func listIsSortedPerAccountAndRegion() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    for name in ["zeta", "alpha", "Mid"] {
      try topics.create(name: name, account: Self.account, region: "us-east-1", at: Self.time)
    }
    try topics.create(name: "west", account: Self.account, region: "us-west-2", at: Self.time)
    try topics.create(name: "other", account: "999999999999", region: "us-east-1", at: Self.time)
    #expect(
      topics.list(account: Self.account, region: "us-east-1") == [
        "arn:aws:sns:us-east-1:111122223333:Mid", "arn:aws:sns:us-east-1:111122223333:alpha",
        "arn:aws:sns:us-east-1:111122223333:zeta",
      ])
    #expect(
      topics.list(account: Self.account, region: "us-west-2") == ["arn:aws:sns:us-west-2:111122223333:west"])
    #expect(topics.list(account: Self.account, region: "eu-west-1") == [])
  }

  /// SNS allows 256 characters, file systems 255 bytes a name: a long name's files get a shorter,
  /// unique stem, and the topic is still listed and found by its ARN.
  @Test func longNamesHaveShortenedFiles() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    let names = [String(repeating: "x", count: 256), String(repeating: "x", count: 255) + "y"]
    let arns = try names.map {
      try topics.create(name: $0, account: Self.account, region: "us-east-1", at: Self.time)
    }
    #expect(topics.list(account: Self.account, region: "us-east-1") == arns.sorted())
    #expect(arns.allSatisfy { topics.exists(arn: $0) })
    let stems = names.map(SnsTopics.fileStem)
    #expect(stems[0] != stems[1] && stems.allSatisfy { $0.count == 217 })
    #expect(SnsTopics.fileStem("short") == "short")
    let notifications = TrailNotifications(
      snsDirectory: store.folder + "/sns", logsDirectory: store.folder + "/logs")
    #expect(notifications.publish(topicARN: arns[0], bucket: "b", keys: ["k"], at: Self.time) == nil)
  }

  @Test func deleteIsIdempotentAndKeepsTheDeliveredMessages() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    let arn = try topics.create(name: "t", account: Self.account, region: "us-east-1", at: Self.time)
    let messages = store.folder + "/sns/us-east-1/111122223333/t.jsonl"
    _ = FileManager.default.createFile(atPath: messages, contents: Data("{}\n".utf8))
    try topics.delete(arn: arn, account: Self.account, region: "us-east-1")
    try topics.delete(arn: arn, account: Self.account, region: "us-east-1")
    #expect(!topics.exists(arn: arn))
    #expect(topics.list(account: Self.account, region: "us-east-1") == [])
    #expect(FileManager.default.fileExists(atPath: messages))
  }

  @Test func attributesAreSNSsForANewTopic() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    let arn = try topics.create(name: "t", account: Self.account, region: "us-east-1", at: Self.time)
    let attributes = try topics.attributes(arn: arn, account: Self.account, region: "us-east-1").attributes
    #expect(
      attributes.map(\.key) == [
        "Policy", "Owner", "SubscriptionsPending", "TopicArn", "EffectiveDeliveryPolicy",
        "SubscriptionsConfirmed", "DisplayName", "SubscriptionsDeleted",
      ])
    let values = Dictionary(uniqueKeysWithValues: attributes.map { ($0.key, $0.value) })
    #expect(values["TopicArn"] == arn)
    #expect(values["Owner"] == Self.account)
    #expect(values["DisplayName"] == "")
    #expect(values["SubscriptionsConfirmed"] == "0")
    #expect(
      values["Policy"]
        == #"{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"arn:aws:sns:us-east-1:111122223333:t","Condition":{"StringEquals":{"AWS:SourceOwner":"111122223333"}}}]}"#
    )
  }

  @Test func topicARNsAreCheckedAsSNSChecksThem() throws {
    let store = try TestStore()
    let topics = Self.topics(store)
    let arn = try topics.create(name: "t", account: Self.account, region: "us-east-1", at: Self.time)
    func attributes(_ arn: String, account: String = Self.account, region: String = "us-east-1") -> String? {
      Self.failure { _ = try topics.attributes(arn: arn, account: account, region: region) }
    }
    #expect(attributes(arn) == nil)
    #expect(attributes("arn:aws:sns:us-east-1:111122223333:absent") == "NotFound: Topic does not exist")
    #expect(attributes("not-an-arn") == "InvalidParameter: Invalid parameter: TopicArn")
    #expect(
      attributes("arn:aws:sns:us-east-1:111122223333:../x") == "InvalidParameter: Invalid parameter: TopicArn"
    )
    #expect(attributes(arn, region: "eu-west-1") == "InvalidParameter: Invalid parameter: TopicArn")
    #expect(
      attributes(arn, account: "999999999999")
        == "AuthorizationError: User: arn:aws:iam::999999999999:root is not authorized to perform: SNS:GetTopicAttributes on resource: arn:aws:sns:us-east-1:111122223333:t because no resource-based policy allows the SNS:GetTopicAttributes action"
    )
    #expect(
      Self.failure { try topics.delete(arn: "x", account: Self.account, region: "us-east-1") }
        == "InvalidParameter: Invalid parameter: TopicArn")
    #expect(
      Self.failure { try topics.delete(arn: arn, account: "999999999999", region: "us-east-1") }?
        .hasPrefix("AuthorizationError:") == true)
    #expect(topics.exists(arn: arn))
  }
}
