import Foundation

/// Which resource a configuration item describes: AWS Config's identity of it.
public struct ResourceIdentity: Equatable, Hashable, Sendable {
  public var accountId: String
  public var resourceType: String
  public var resourceId: String
  public var resourceName: String?
  public var arn: String?
  public var awsRegion: String

  public init(_ item: ConfigurationItemRecord) {
    accountId = item.accountId
    resourceType = item.resourceType
    resourceId = item.resourceId
    resourceName = item.resourceName
    arn = item.arn
    awsRegion = item.awsRegion
  }

  /// `AWS::EC2::SecurityGroup sg-0abc (web)`.
  public var label: String {
    let name = resourceName.flatMap { $0 == resourceId ? nil : " (\($0))" } ?? ""
    return "\(resourceType) \(resourceId)\(name)"
  }

  /// Items of one resource share these (the name and ARN may change or be missing).
  var groupKey: String { accountId + "|" + awsRegion + "|" + resourceType + "|" + resourceId }
}

/// A CloudTrail event a configuration item names in `relatedEvents`, as the store has it.
public struct CausingEvent: Equatable, Sendable {
  public var eventID: String
  /// nil when the store does not hold the event (the item names it, its log was never ingested).
  public var rowID: Int64?
  public var eventName: String?
  public var eventTime: Date?
  /// `userIdentity.arn`.
  public var userArn: String?
  /// Event history's user name: `userIdentity.userName`, a role session's issuer, else the ARN's last part.
  public var userName: String?
  public var sourceIPAddress: String?

  public init(
    eventID: String, rowID: Int64? = nil, eventName: String? = nil, eventTime: Date? = nil,
    userArn: String? = nil, userName: String? = nil, sourceIPAddress: String? = nil
  ) {
    self.eventID = eventID
    self.rowID = rowID
    self.eventName = eventName
    self.eventTime = eventTime
    self.userArn = userArn
    self.userName = userName
    self.sourceIPAddress = sourceIPAddress
  }

  /// Whether the store holds the event (so it can be opened).
  public var isStored: Bool { rowID != nil }
}

/// One resource's configuration items over time, each with what changed since the one before and
/// the CloudTrail events that caused it.
public struct ResourceTimeline: Equatable, Sendable {
  /// One configuration item in the timeline.
  public struct Entry: Equatable, Sendable {
    public var item: ConfigurationItemRecord
    /// The item's row in `events`.
    public var rowID: Int64
    /// Against the previous item; for the first, its sections' members as added.
    public var changes: [ConfigurationChange]
    /// `relatedEvents`, resolved, in the item's order.
    public var causes: [CausingEvent]
    /// Whether this is the resource's first item in the store.
    public var isFirst: Bool

    public init(
      item: ConfigurationItemRecord, rowID: Int64, changes: [ConfigurationChange], causes: [CausingEvent],
      isFirst: Bool
    ) {
      self.item = item
      self.rowID = rowID
      self.changes = changes
      self.causes = causes
      self.isFirst = isFirst
    }

    /// One line: what happened to the resource at this item.
    public var summary: String {
      switch item.status {
      case .resourceDeleted, .resourceDeletedNotRecorded: return "deleted"
      case .resourceNotRecorded: return "not recorded"
      case .ok, .resourceDiscovered: break
      }
      if isFirst { return item.status == .resourceDiscovered ? "discovered" : "first recorded" }
      guard !changes.isEmpty else { return "no change to its configuration" }
      let shown = changes.prefix(3).map { "\($0.kind.sign)\($0.path)" }.joined(separator: ", ")
      let more = changes.count > 3 ? ", +\(changes.count - 3) more" : ""
      return "\(changes.count) change\(changes.count == 1 ? "" : "s"): \(shown)\(more)"
    }
  }

  public var query: ResourceQuery
  /// The resource shown; nil when no item matched.
  public var resource: ResourceIdentity?
  /// Oldest first, by capture time.
  public var entries: [Entry]
  /// Other resources the query also matched (a bare name two resources share), newest first.
  public var otherResources: [ResourceIdentity]

  public init(
    query: ResourceQuery, resource: ResourceIdentity?, entries: [Entry],
    otherResources: [ResourceIdentity] = []
  ) {
    self.query = query
    self.resource = resource
    self.entries = entries
    self.otherResources = otherResources
  }

  /// Why a timeline is empty, and where items come from.
  public var emptyExplanation: (reason: String, help: String) {
    (
      "no configuration items for \(query)",
      "configuration items come from AWS Config: a ConfigurationItem event data store, or `traildeck ingest` of AWS Config history or snapshot files"
    )
  }
}
