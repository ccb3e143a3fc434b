import Foundation

/// One Lake channel as `channels` holds it: where events from outside AWS enter (PutAuditEvents) and
/// which event data stores they go to.
public struct ChannelRecord: Sendable, Equatable {
  /// `channels.id`.
  public var rowID: Int64
  /// The channel's ID: a lower-case UUID, the ARN's suffix.
  public var id: String
  /// `arn:aws:cloudtrail:<region>:<account>:channel/<uuid>`.
  public var arn: String
  public var name: String
  /// `Custom` or a partner's source name; never changes.
  public var source: String
  public var destinations: [Destination]
  /// The owner: the only account that may call PutAuditEvents without a resource policy.
  public var account: String
  public var region: String
  public var createdTimestamp: Date
  /// `GetChannel`'s IngestionStatus, kept by PutAuditEvents.
  public var ingestion: IngestionStatus

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
