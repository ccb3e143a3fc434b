import ArgumentParser
import Foundation
import TrailCore

/// `traildeck create-topic`, `list-topics`, `delete-topic`: SNS topics for trails' `--sns-topic-name`,
/// kept as files in `sns/` beside --buckets (`SnsTopics`), printed as `aws sns …` prints them.
///
/// Hand-written rather than `OperationCommand`s: they are SNS's operations, not CloudTrail's, and
/// take only the flags a trail's topic needs.
struct CreateTopicCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create-topic",
    abstract:
      "Make an SNS topic for trail notifications (sns/ beside --buckets), like `aws sns create-topic`.",
    discussion: """
      The topic belongs to the caller's account (--account) and region (--region, default us-east-1).
      Creating a topic that exists returns its ARN again. A trail's --sns-topic-name must name a topic
      of the trail's account and home region; its notifications are appended to
      sns/REGION/ACCOUNT/NAME.jsonl.
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "The topic's name: 1 to 256 letters, digits, '-' and '_' (optionally ending in .fifo).",
      valueName: "name"))
  var name: String

  func run() throws {
    let context = try store.context()
    let arn = try OperationOutput.calling("CreateTopic") {
      try SnsTopics(context).create(
        name: name, account: context.account, region: context.callerRegion, at: context.clock.now())
    }
    try OperationOutput.printJSON(SnsCreateTopicResponse(topicArn: arn))
  }
}

struct ListTopicsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "list-topics",
    abstract: "List the SNS topics of the caller's account and region, like `aws sns list-topics`.")

  @OptionGroup var store: StoreOptions

  func run() throws {
    let context = try store.context()
    let arns = SnsTopics(context).list(account: context.account, region: context.callerRegion)
    try OperationOutput.printJSON(SnsListTopicsResponse(topics: arns.map { .init(topicArn: $0) }))
  }
}

struct DeleteTopicCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "delete-topic",
    abstract: "Delete an SNS topic, like `aws sns delete-topic`; a missing topic is not an error.",
    discussion: """
      The notifications already delivered (sns/REGION/ACCOUNT/NAME.jsonl) are kept. Trails that name
      the topic keep it; their next notification fails, as in CloudTrail.
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .customLong("topic-arn"),
    help: ArgumentHelp("The topic's ARN, arn:aws:sns:REGION:ACCOUNT:NAME.", valueName: "arn"))
  var topicArn: String

  func run() throws {
    let context = try store.context()
    try OperationOutput.calling("DeleteTopic") {
      try SnsTopics(context).delete(arn: topicArn, account: context.account, region: context.callerRegion)
    }
  }
}
