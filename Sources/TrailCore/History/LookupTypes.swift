import Foundation

/// The eight attributes LookupEvents can filter on, spelt as CloudTrail spells them (case-sensitive).
public enum LookupAttributeKey: String, CaseIterable, Sendable, Hashable, Codable {
  case eventId = "EventId"
  case eventName = "EventName"
  case readOnly = "ReadOnly"
  case username = "Username"
  case resourceType = "ResourceType"
  case resourceName = "ResourceName"
  case eventSource = "EventSource"
  case accessKeyId = "AccessKeyId"

  /// The keys CloudTrail accepts together with `EventCategory=insight`.
  public var isAllowedWithInsight: Bool {
    switch self {
    case .eventId, .eventName, .eventSource: true
    default: false
    }
  }
}

/// One `{AttributeKey, AttributeValue}` pair.
public struct LookupAttribute: Equatable, Hashable, Sendable {
  public var key: LookupAttributeKey
  public var value: String
  public init(_ key: LookupAttributeKey, _ value: String) {
    self.key = key
    self.value = value
  }
}

/// What the Event history shows: at most one attribute, a time range, a region and a category.
///
/// `startTime`/`endTime` are inclusive; `nil` means "the edge of the 90-day window" and "now".
/// `region == nil` means every region (TrailDeck holds several; CloudTrail answers per region).
public struct HistoryFilter: Equatable, Hashable, Sendable {
  public var attribute: LookupAttribute?
  public var startTime: Date?
  public var endTime: Date?
  public var region: String?
  /// `EventCategory=insight`: Insights events instead of management events.
  public var isInsight: Bool

  public init(
    attribute: LookupAttribute? = nil, startTime: Date? = nil, endTime: Date? = nil,
    region: String? = nil, isInsight: Bool = false
  ) {
    self.attribute = attribute
    self.startTime = startTime
    self.endTime = endTime
    self.region = region
    self.isInsight = isInsight
  }
}

/// Event history's `Resources[]` entry: `{ResourceType, ResourceName}` (not the record's `{ARN, type}`).
public struct EventResource: Equatable, Hashable, Sendable {
  public var type: String?
  public var name: String
  public init(type: String?, name: String) {
    self.type = type
    self.name = name
  }
}

/// A stored event's lookup columns: what a history row, a CSV line or a LookupEvents `Event` needs.
public struct EventSummary: Equatable, Hashable, Sendable, Identifiable {
  /// The store's ordinal for the event; with `eventTime` it forms the keyset cursor.
  public var rowID: Int64
  public var eventId: String
  public var eventName: String
  public var eventSource: String
  public var eventTime: Date
  /// `nil` when the record has no `readOnly` (old versions, Insights events).
  public var readOnly: Bool?
  public var username: String?
  public var accessKeyId: String?
  public var resources: [EventResource]
  public var errorCode: String?
  public var awsRegion: String
  public var sourceIPAddress: String?
  public var recipientAccountId: String?
  public var eventType: String
  public var eventCategory: String

  public var id: Int64 { rowID }
  public var cursor: HistoryCursor {
    HistoryCursor(time: Int64(eventTime.timeIntervalSince1970), rowID: rowID)
  }

  public init(
    rowID: Int64, eventId: String, eventName: String, eventSource: String, eventTime: Date,
    readOnly: Bool?, username: String?, accessKeyId: String?, resources: [EventResource],
    errorCode: String?, awsRegion: String, sourceIPAddress: String?, recipientAccountId: String?,
    eventType: String, eventCategory: String
  ) {
    self.rowID = rowID
    self.eventId = eventId
    self.eventName = eventName
    self.eventSource = eventSource
    self.eventTime = eventTime
    self.readOnly = readOnly
    self.username = username
    self.accessKeyId = accessKeyId
    self.resources = resources
    self.errorCode = errorCode
    self.awsRegion = awsRegion
    self.sourceIPAddress = sourceIPAddress
    self.recipientAccountId = recipientAccountId
    self.eventType = eventType
    self.eventCategory = eventCategory
  }
}

/// A position in newest-first order: events strictly older than `(time, rowID)` come after it.
public struct HistoryCursor: Hashable, Sendable, Comparable {
  public var time: Int64
  public var rowID: Int64
  public init(time: Int64, rowID: Int64) {
    self.time = time
    self.rowID = rowID
  }
  public static func < (a: Self, b: Self) -> Bool { (a.time, a.rowID) < (b.time, b.rowID) }
}

/// Which way to read from a cursor: `.older` walks down the newest-first list, `.newer` walks up.
public enum PageDirection: Sendable, Equatable {
  case older
  case newer
}

/// A LookupEvents request, member for member (`LookupAttributes`, `StartTime`, …) plus TrailDeck's `region`.
public struct LookupRequest: Equatable, Sendable {
  public var lookupAttributes: [LookupAttribute]
  public var startTime: Date?
  public var endTime: Date?
  /// Only `"insight"` is valid; anything else is `InvalidEventCategoryException`.
  public var eventCategory: String?
  public var maxResults: Int?
  public var nextToken: String?
  public var region: String?

  public init(
    lookupAttributes: [LookupAttribute] = [], startTime: Date? = nil, endTime: Date? = nil,
    eventCategory: String? = nil, maxResults: Int? = nil, nextToken: String? = nil, region: String? = nil
  ) {
    self.lookupAttributes = lookupAttributes
    self.startTime = startTime
    self.endTime = endTime
    self.eventCategory = eventCategory
    self.maxResults = maxResults
    self.nextToken = nextToken
    self.region = region
  }

  /// A copy that asks for the page after `token`.
  public func continuing(from token: String) -> LookupRequest {
    var copy = self
    copy.nextToken = token
    return copy
  }
}

/// One LookupEvents `Event`: the summary plus `CloudTrailEvent`, the full record as a JSON string.
public struct LookedUpEvent: Equatable, Sendable {
  public var summary: EventSummary
  public var cloudTrailEvent: String
  public init(summary: EventSummary, cloudTrailEvent: String) {
    self.summary = summary
    self.cloudTrailEvent = cloudTrailEvent
  }
}

/// A LookupEvents response: `Events` newest first and `NextToken` when more remain.
public struct LookupPage: Equatable, Sendable {
  public var events: [LookedUpEvent]
  public var nextToken: String?
  public init(events: [LookedUpEvent], nextToken: String?) {
    self.events = events
    self.nextToken = nextToken
  }
}
