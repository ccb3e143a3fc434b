/// SNS `CreateTopic`'s output shape, as the aws CLI prints it (`{"TopicArn": "…"}`).
public struct SnsCreateTopicResponse: Codable, Equatable, Sendable {
  /// The topic's ARN.
  public var topicArn: String

  public init(topicArn: String) { self.topicArn = topicArn }

  enum CodingKeys: String, CodingKey { case topicArn = "TopicArn" }
}

/// SNS `ListTopics`' output shape (`{"Topics": [{"TopicArn": "…"}]}`).
public struct SnsListTopicsResponse: Codable, Equatable, Sendable {
  /// One topic of the list.
  public struct Topic: Codable, Equatable, Sendable {
    public var topicArn: String

    public init(topicArn: String) { self.topicArn = topicArn }

    enum CodingKeys: String, CodingKey { case topicArn = "TopicArn" }
  }

  public var topics: [Topic]
  /// Set when more topics follow (SNS pages by 100).
  public var nextToken: String?

  public init(topics: [Topic], nextToken: String? = nil) {
    self.topics = topics
    self.nextToken = nextToken
  }

  enum CodingKeys: String, CodingKey {
    case topics = "Topics"
    case nextToken = "NextToken"
  }
}
