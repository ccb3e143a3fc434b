import Foundation

/// One Lake channel as `channels` holds it: where events from outside AWS enter (PutAuditEvents) and
/// which event data stores they go to; or a service-linked channel, which an AWS service made to receive
/// CloudTrail events and which users only read (see `ServiceLinkedChannels`).
public struct ChannelRecord: Sendable, Equatable {
  /// `channels.id`.
  public var rowID: Int64
  /// The channel's ID: a lower-case UUID, the ARN's suffix.
  public var id: String
  /// `arn:aws:cloudtrail:<region>:<account>:channel/<uuid>`.
  public var arn: String
  public var name: String
  /// `Custom` or a partner's source name (`CloudTrail` for a service-linked channel); never changes.
  public var source: String
  public var destinations: [Destination]
  /// The owner: the only account that may call PutAuditEvents without a resource policy.
  public var account: String
  public var region: String
  public var createdTimestamp: Date
  /// `GetChannel`'s IngestionStatus, kept by PutAuditEvents.
  public var ingestion: IngestionStatus
  /// A service-linked channel's selection of CloudTrail events (its service set it); nil for the
  /// channels users create, which take audit events instead.
  public var sourceConfig: SourceConfig? = nil

  /// The AWS service that created and manages the channel (its `AWS_SERVICE` destination's
  /// location); nil for a channel a user created.
  public var managingService: String? {
    destinations.first { $0.type == ChannelRules.awsServiceType }?.location
  }

  /// Whether an AWS service made the channel: users may read it but not change, delete or feed it.
  public var isServiceLinked: Bool { managingService != nil }

  /// The event data stores (ARNs) the channel delivers to.
  public var storeARNs: [String] {
    destinations.filter { $0.type == ChannelRules.eventDataStoreType }.map(\.location)
  }
}

/// `arn:aws:cloudtrail:<region>:<account>:channel/<uuid>`, the ARN of a channel.
struct ChannelARN: Equatable, Sendable {
  var partition = "aws"
  var region: String
  var account: String
  /// The lower-case UUID.
  var id: String

  var text: String { "arn:\(partition):cloudtrail:\(region):\(account):channel/\(id)" }

  init(region: String, account: String, id: String) {
    self.region = region
    self.account = account
    self.id = id.lowercased()
  }

  /// Parses an ARN; nil when it is not a channel's.
  init?(_ text: String) {
    guard let parts = EventDataStoreARN.parse(text, type: "channel") else { return nil }
    (partition, region, account, id) = parts
  }
}
