import Foundation

// The LookupEvents operation's shapes, as CloudTrail's service model (botocore's service-2.json) defines
// them. Members are declared in the model's order and keyed by the model's names, so ShapeEncoder prints
// them as the aws CLI does and the JSON 1.1 server reads and writes them as CloudTrail does. Every member
// is optional as in the model: the server, not the decoder, reports what is missing or invalid, with
// CloudTrail's exception names.

/// The model's `LookupEventsRequest`.
public struct LookupEventsRequest: Codable, Equatable, Sendable {
  /// `LookupAttributes`: at most one attribute (CloudTrail rejects more, with InvalidLookupAttributes).
  public var lookupAttributes: [LookupAttribute]?
  /// `StartTime`: events at or after this time.
  public var startTime: Date?
  /// `EndTime`: events at or before this time.
  public var endTime: Date?
  /// `EventCategory`: the model's enum allows only `insight`; kept a string so that another value can be
  /// answered with InvalidEventCategoryException rather than a decoding error.
  public var eventCategory: String?
  /// `MaxResults`: 1 through 50 (default 50).
  public var maxResults: Int?
  /// `NextToken`: the token of the previous page.
  public var nextToken: String?

  /// A request with the given members; omitted ones are absent, as in the model.
  public init(
    lookupAttributes: [LookupAttribute]? = nil, startTime: Date? = nil, endTime: Date? = nil,
    eventCategory: String? = nil, maxResults: Int? = nil, nextToken: String? = nil
  ) {
    self.lookupAttributes = lookupAttributes
    self.startTime = startTime
    self.endTime = endTime
    self.eventCategory = eventCategory
    self.maxResults = maxResults
    self.nextToken = nextToken
  }

  private enum CodingKeys: String, CodingKey {
    case lookupAttributes = "LookupAttributes"
    case startTime = "StartTime"
    case endTime = "EndTime"
    case eventCategory = "EventCategory"
    case maxResults = "MaxResults"
    case nextToken = "NextToken"
  }
}

/// The model's `LookupEventsResponse`.
public struct LookupEventsResponse: Codable, Equatable, Sendable {
  /// `Events`, newest first.
  public var events: [TrailEvent]?
  /// `NextToken`: present when more events remain.
  public var nextToken: String?

  /// A response with the given members.
  public init(events: [TrailEvent]? = nil, nextToken: String? = nil) {
    self.events = events
    self.nextToken = nextToken
  }

  /// The response for one page of TrailDeck's history; `Events` is always present (an empty list when
  /// nothing matched), as CloudTrail sends it.
  public init(_ page: LookupPage) {
    self.init(events: page.events.map(TrailEvent.init), nextToken: page.nextToken)
  }

  private enum CodingKeys: String, CodingKey {
    case events = "Events"
    case nextToken = "NextToken"
  }
}

/// The model's `Event`: one event of a LookupEvents response. Named `TrailEvent` because `Event` is too
/// generic a name for a public type of TrailCore.
public struct TrailEvent: Codable, Equatable, Sendable {
  /// `EventId`.
  public var eventId: String?
  /// `EventName`.
  public var eventName: String?
  /// `ReadOnly`: the strings `"true"` or `"false"` (the model types it as a string, not a boolean).
  public var readOnly: String?
  /// `AccessKeyId`.
  public var accessKeyId: String?
  /// `EventTime`.
  public var eventTime: Date?
  /// `EventSource`.
  public var eventSource: String?
  /// `Username`.
  public var username: String?
  /// `Resources`.
  public var resources: [TrailResource]?
  /// `CloudTrailEvent`: the whole record as a JSON string.
  public var cloudTrailEvent: String?

  /// An event with the given members; omitted ones are absent.
  public init(
    eventId: String? = nil, eventName: String? = nil, readOnly: String? = nil, accessKeyId: String? = nil,
    eventTime: Date? = nil, eventSource: String? = nil, username: String? = nil,
    resources: [TrailResource]? = nil, cloudTrailEvent: String? = nil
  ) {
    self.eventId = eventId
    self.eventName = eventName
    self.readOnly = readOnly
    self.accessKeyId = accessKeyId
    self.eventTime = eventTime
    self.eventSource = eventSource
    self.username = username
    self.resources = resources
    self.cloudTrailEvent = cloudTrailEvent
  }

  /// A looked-up event as LookupEvents returns it: `Resources` is always present (`[]` when the event
  /// names none), `ReadOnly`, `AccessKeyId` and `Username` only when the record has them.
  public init(_ event: LookedUpEvent) {
    let e = event.summary
    self.init(
      eventId: e.eventId, eventName: e.eventName, readOnly: e.readOnly.map { $0 ? "true" : "false" },
      accessKeyId: e.accessKeyId, eventTime: e.eventTime, eventSource: e.eventSource, username: e.username,
      resources: e.resources.map { TrailResource(resourceType: $0.type, resourceName: $0.name) },
      cloudTrailEvent: event.cloudTrailEvent)
  }

  private enum CodingKeys: String, CodingKey {
    case eventId = "EventId"
    case eventName = "EventName"
    case readOnly = "ReadOnly"
    case accessKeyId = "AccessKeyId"
    case eventTime = "EventTime"
    case eventSource = "EventSource"
    case username = "Username"
    case resources = "Resources"
    case cloudTrailEvent = "CloudTrailEvent"
  }
}

/// The model's `Resource`: a resource an event refers to. Named `TrailResource` to keep `Resource` free.
public struct TrailResource: Codable, Equatable, Sendable {
  /// `ResourceType`: absent when the type cannot be determined.
  public var resourceType: String?
  /// `ResourceName`.
  public var resourceName: String?

  /// A resource with the given members.
  public init(resourceType: String? = nil, resourceName: String? = nil) {
    self.resourceType = resourceType
    self.resourceName = resourceName
  }

  private enum CodingKeys: String, CodingKey {
    case resourceType = "ResourceType"
    case resourceName = "ResourceName"
  }
}

/// Thrown (as a `DecodingError`'s underlying error) when a request names an `AttributeKey` outside the
/// model's enum, so the server can answer InvalidLookupAttributesException quoting the key.
public struct UnknownLookupAttributeKey: Error, Equatable, Sendable {
  /// The key as the request spelt it.
  public var key: String
  /// The error for `key`.
  public init(key: String) { self.key = key }
}

/// The model's `LookupAttribute`: `{"AttributeKey": …, "AttributeValue": …}`, both required.
///
/// Decoding an `AttributeKey` that is not one of the eight keys throws
/// `DecodingError.dataCorrupted` whose `debugDescription` names the key and whose `underlyingError` is
/// ``UnknownLookupAttributeKey``; a missing member throws `DecodingError.keyNotFound`.
extension LookupAttribute: Codable {
  private enum CodingKeys: String, CodingKey {
    case key = "AttributeKey"
    case value = "AttributeValue"
  }

  /// Reads `AttributeKey` and `AttributeValue`; see the extension's documentation for the errors.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let raw = try container.decode(String.self, forKey: .key)
    guard let key = LookupAttributeKey(rawValue: raw) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: container.codingPath + [CodingKeys.key],
          debugDescription: "Unknown AttributeKey '\(raw)'",
          underlyingError: UnknownLookupAttributeKey(key: raw)))
    }
    self.init(key, try container.decode(String.self, forKey: .value))
  }

  /// Writes `AttributeKey` then `AttributeValue`, the model's order.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(key.rawValue, forKey: .key)
    try container.encode(value, forKey: .value)
  }
}
