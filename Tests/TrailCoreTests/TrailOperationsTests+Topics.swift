import Foundation
import Testing

@testable import TrailCore

extension TrailOperationsTests.Fixture {
  /// Makes SNS topic `name` in `account` and `region`, as `traildeck create-topic` does.
  @discardableResult
  func makeTopic(
    _ name: String, account: String = TrailOperationsTests.management, region: String = "us-east-1"
  ) throws -> String {
    try SnsTopics(directory: store.folder + "/sns").create(
      name: name, account: account, region: region, at: TrailOperationsTests.now)
  }

  /// The error `body` throws, as `Exception: message`, or nil.
  func failure(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch {
      return "\(error)"
    }
  }
}

/// A trail's SNS topic must exist in the trail's account and home region (CloudTrail checks the
/// topic and its policy when a trail names it).
extension TrailOperationsTests {
  static let topicRefused =
    "InsufficientSnsTopicPolicyException: SNS Topic does not exist or the topic policy is incorrect!"

  struct TopicCase: CustomTestStringConvertible, Sendable {
    var label: String
    /// The topic made before the trail: name, account, region.
    var made: (String, String, String)?
    var named: String
    var failure: String?
    var testDescription: String { label }
  }

  static let topicCases: [TopicCase] = [
    TopicCase(label: "no topic", made: nil, named: "alerts", failure: topicRefused),
    TopicCase(label: "by name", made: ("alerts", management, "us-east-1"), named: "alerts", failure: nil),
    TopicCase(
      label: "by ARN", made: ("alerts", management, "us-east-1"),
      named: "arn:aws:sns:us-east-1:111111111111:alerts", failure: nil),
    TopicCase(
      label: "name of another region's topic", made: ("alerts", management, "us-west-2"), named: "alerts",
      failure: topicRefused),
    TopicCase(
      label: "ARN in another region", made: ("alerts", management, "us-west-2"),
      named: "arn:aws:sns:us-west-2:111111111111:alerts", failure: topicRefused),
    TopicCase(
      label: "ARN of another account's topic", made: ("alerts", member, "us-east-1"),
      named: "arn:aws:sns:us-east-1:222222222222:alerts", failure: topicRefused),
    // The name rules come first: a malformed name is InvalidSnsTopicNameException, topic or not.
    TopicCase(
      label: "malformed name", made: nil, named: "no spaces",
      failure:
        "InvalidSnsTopicNameException: SNS topic 'no spaces' is not valid: give a topic name of 1 to 256 letters, digits, underscores or dashes, or its ARN."
    ),
  ]

  @Test(arguments: topicCases)
  func createTrailNeedsItsTopic(_ c: TopicCase) throws {
    let fixture = try Fixture()
    if let (name, account, region) = c.made { try fixture.makeTopic(name, account: account, region: region) }
    let failure = fixture.failure {
      try fixture.create(CreateTrailRequest(name: "main", s3BucketName: "logs", snsTopicName: c.named))
    }
    #expect(failure == c.failure)
    let trails = try ListTrails.perform(ListTrailsRequest(), with: fixture.services()).trails
    #expect(trails?.count == (c.failure == nil ? 1 : 0))
  }

  @Test func updateTrailNeedsTheTopicItNames() throws {
    let fixture = try Fixture()
    try fixture.create(Self.trail("main"))
    let services = try fixture.services()
    func update(_ topic: String) -> String? {
      fixture.failure {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "main", snsTopicName: topic), with: services)
      }
    }
    #expect(update("alerts") == Self.topicRefused)
    #expect(try GetTrail.perform(GetTrailRequest(name: "main"), with: services).trail?.snsTopicName == nil)
    let arn = try fixture.makeTopic("alerts")
    #expect(update("alerts") == nil)
    #expect(try GetTrail.perform(GetTrailRequest(name: "main"), with: services).trail?.snsTopicARN == arn)
    // A topic deleted later does not block changes that leave it alone; "" removes it.
    try SnsTopics(directory: fixture.store.folder + "/sns").delete(
      arn: arn, account: Self.management, region: "us-east-1")
    #expect(
      fixture.failure {
        _ = try UpdateTrail.perform(UpdateTrailRequest(name: "main", s3KeyPrefix: "p"), with: services)
      }
        == nil)
    #expect(update("") == nil)
    #expect(try GetTrail.perform(GetTrailRequest(name: "main"), with: services).trail?.snsTopicName == nil)
  }
}
