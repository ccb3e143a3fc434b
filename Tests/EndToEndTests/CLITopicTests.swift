import Foundation
import Testing

/// `create-topic`, `list-topics`, `delete-topic` as the aws CLI's `sns` commands print them, and a
/// trail that names a topic only once the topic exists.
@Suite("CLI topics")
struct CLITopicTests {
  static let now = ["--now", "2026-01-01T00:00:00Z"]

  @Test func createListAndDeleteTopics() throws {
    let scratch = try CLIScratch()
    let created = try scratch.run(["create-topic", "--name", "trail-topic"] + Self.now)
    #expect(created.status == 0, "\(created)")
    #expect(created.stdout == "{\n    \"TopicArn\": \"arn:aws:sns:us-east-1:123456789012:trail-topic\"\n}\n")
    // Idempotent per name: the same ARN again.
    #expect(try scratch.run(["create-topic", "--name", "trail-topic"]).stdout == created.stdout)
    #expect(try scratch.run(["create-topic", "--name", "alerts"]).status == 0)
    #expect(try scratch.run(["create-topic", "--name", "west", "--region", "us-west-2"]).status == 0)
    let listed = try scratch.run(["list-topics"])
    #expect(
      listed.stdout == """
        {
            "Topics": [
                {
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:alerts"
                },
                {
                    "TopicArn": "arn:aws:sns:us-east-1:123456789012:trail-topic"
                }
            ]
        }

        """, "\(listed)")
    let deleted = try scratch.run([
      "delete-topic", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:alerts",
    ])
    #expect(deleted.status == 0 && deleted.stdout.isEmpty && deleted.stderr.isEmpty, "\(deleted)")
    let again = try scratch.run(["delete-topic", "--topic-arn", "arn:aws:sns:us-east-1:123456789012:alerts"])
    #expect(again.status == 0, "\(again)")
    #expect(!(try scratch.run(["list-topics"]).stdout.contains("alerts")))
    #expect(try scratch.run(["list-topics", "--region", "eu-west-1"]).stdout == "{\n    \"Topics\": []\n}\n")
  }

  @Test func errorsAreSNSsWithTheAwsCLIsStatus() throws {
    let scratch = try CLIScratch()
    let badName = try scratch.run(["create-topic", "--name", "no spaces"])
    #expect(badName.status == 254)
    #expect(
      badName.stderr
        == "\nAn error occurred (InvalidParameter) when calling the CreateTopic operation: Invalid parameter: Topic Name\n"
    )
    let badARN = try scratch.run(["delete-topic", "--topic-arn", "trail-topic"])
    #expect(badARN.status == 254)
    #expect(
      badARN.stderr
        == "\nAn error occurred (InvalidParameter) when calling the DeleteTopic operation: Invalid parameter: TopicArn\n"
    )
    let usage = try scratch.run(["create-topic"])
    #expect(usage.status == 252, "\(usage)")
  }

  @Test func aTrailNamesATopicOnceItExists() throws {
    let scratch = try CLIScratch()
    #expect(try scratch.run(["mb", "s3://trail-logs"]).status == 0)
    let trail = [
      "create-trail", "--name", "main", "--s3-bucket-name", "trail-logs", "--sns-topic-name", "ct",
    ]
    let refused = try scratch.run(trail + Self.now)
    #expect(refused.status == 254)
    #expect(
      refused.stderr
        == "\nAn error occurred (InsufficientSnsTopicPolicyException) when calling the CreateTrail operation: SNS Topic does not exist or the topic policy is incorrect!\n"
    )
    #expect(try scratch.run(["create-topic", "--name", "ct"] + Self.now).status == 0)
    let created = try scratch.run(trail + Self.now)
    #expect(created.status == 0, "\(created)")
    #expect(created.stdout.contains(#""SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:ct""#), "\(created)")
    let update = try scratch.run(["update-trail", "--name", "main", "--sns-topic-name", "absent"] + Self.now)
    #expect(update.status == 254)
    #expect(
      update.stderr.contains("(InsufficientSnsTopicPolicyException) when calling the UpdateTrail"),
      "\(update)")
  }
}
