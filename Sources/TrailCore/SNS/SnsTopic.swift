import Foundation

/// One SNS topic as TrailDeck keeps it: the attributes file `NAME.topic.json` beside the topic's
/// delivered messages (`NAME.jsonl`, `TrailNotifications`). The file's presence is the topic's
/// existence.
public struct SnsTopic: Codable, Equatable, Sendable {
  /// `arn:aws:sns:REGION:ACCOUNT:NAME`.
  public var topicArn: String
  /// When the topic was made, by the creating context's clock (SNS does not return it; kept for people
  /// reading the folder).
  public var creationTime: Date
  /// The `DisplayName` attribute ("" unless given).
  public var displayName: String
  /// The topic's access policy JSON: SNS's default policy unless one was given.
  public var policy: String

  public init(topicArn: String, creationTime: Date, displayName: String, policy: String) {
    self.topicArn = topicArn
    self.creationTime = creationTime
    self.displayName = displayName
    self.policy = policy
  }

  enum CodingKeys: String, CodingKey {
    case topicArn = "TopicArn"
    case creationTime = "CreationTime"
    case displayName = "DisplayName"
    case policy = "Policy"
  }

  /// The topic's account, read off its ARN.
  public var owner: String { SnsTopics.parse(topicArn)?.account ?? "" }

  /// Whether the topic is FIFO: SNS decides by the `.fifo` suffix of the name.
  public var isFifo: Bool { topicArn.hasSuffix(".fifo") }

  /// `GetTopicAttributes`' map, in the order SNS lists it. Subscriptions are not modelled (TrailDeck's
  /// topic file is its one subscriber), so their counts are "0".
  public var attributes: [(key: String, value: String)] {
    var list: [(key: String, value: String)] = [
      ("Policy", policy), ("Owner", owner), ("SubscriptionsPending", "0"), ("TopicArn", topicArn),
      ("EffectiveDeliveryPolicy", Self.effectiveDeliveryPolicy), ("SubscriptionsConfirmed", "0"),
      ("DisplayName", displayName), ("SubscriptionsDeleted", "0"),
    ]
    if isFifo { list += [("FifoTopic", "true"), ("ContentBasedDeduplication", "false")] }
    return list
  }

  /// SNS's default access policy for a new topic: the owner's account may do everything to it.
  public static func defaultPolicy(topicArn: String, account: String) -> String {
    let actions = [
      "SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission",
      "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish",
    ]
    let statement = JSONValue.object([
      (key: "Sid", value: .string("__default_statement_ID")), (key: "Effect", value: .string("Allow")),
      (key: "Principal", value: .object([(key: "AWS", value: .string("*"))])),
      (key: "Action", value: .array(actions.map { .string($0) })),
      (key: "Resource", value: .string(topicArn)),
      (
        key: "Condition",
        value: .object([
          (key: "StringEquals", value: .object([(key: "AWS:SourceOwner", value: .string(account))]))
        ])
      ),
    ])
    return JSONValue.object([
      (key: "Version", value: .string("2008-10-17")), (key: "Id", value: .string("__default_policy_ID")),
      (key: "Statement", value: .array([statement])),
    ]).compactText()
  }

  /// SNS's default `EffectiveDeliveryPolicy` (HTTP retries), as a new topic reports it.
  public static let effectiveDeliveryPolicy =
    #"{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}"#
}
