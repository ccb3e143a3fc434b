import Foundation

// The Insights selector shapes of PutInsightSelectors and GetInsightSelectors, as CloudTrail's service
// model defines them (members in the model's order, keyed by its names). Enum-typed members are string
// wrappers or strings so that an unknown value is refused by `InsightSelectorValidation` with
// InvalidInsightSelectorsException, as CloudTrail refuses it, rather than failing to decode.

/// The model's `InsightType`: `ApiCallRateInsight` or `ApiErrorRateInsight`.
public struct InsightType: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
  /// The value as the request spelt it.
  public var rawValue: String
  /// Any spelling; ``isKnown`` says whether it is one of the model's two.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// Unusual rates of write management API calls (or of data API calls).
  public static let apiCallRateInsight = InsightType(rawValue: "ApiCallRateInsight")
  /// Unusual rates of API calls that end in an error code.
  public static let apiErrorRateInsight = InsightType(rawValue: "ApiErrorRateInsight")
  /// The model's enum, in its order.
  public static let allKnown: [InsightType] = [.apiCallRateInsight, .apiErrorRateInsight]

  /// Whether this is one of the model's values.
  public var isKnown: Bool { Self.allKnown.contains(self) }
  /// The value as spelt, for messages.
  public var description: String { rawValue }

  /// Reads any JSON string, known or not (validation, not decoding, refuses unknown values).
  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }
  /// Writes the value as a JSON string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// The model's `InsightSelector`: one Insights type and the event categories it watches.
public struct InsightSelector: Codable, Hashable, Sendable {
  /// `InsightType`.
  public var insightType: InsightType?
  /// `EventCategories`: `Management` and/or `Data` (the model's `SourceEventCategory`); absent means
  /// `Management`.
  public var eventCategories: [String]?

  /// A selector with the given members.
  public init(insightType: InsightType? = nil, eventCategories: [String]? = nil) {
    self.insightType = insightType
    self.eventCategories = eventCategories
  }

  private enum CodingKeys: String, CodingKey {
    case insightType = "InsightType"
    case eventCategories = "EventCategories"
  }
}

/// The model's `PutInsightSelectorsRequest`: a trail (`TrailName`) or an event data store pair
/// (`EventDataStore` and `InsightsDestination`), and the selectors (`[]` turns Insights off).
public struct PutInsightSelectorsRequest: Codable, Hashable, Sendable {
  /// `TrailName`: not with `EventDataStore`/`InsightsDestination`.
  public var trailName: String?
  /// `InsightSelectors` (required).
  public var insightSelectors: [InsightSelector]
  /// `EventDataStore`: the source event data store's ARN or ID.
  public var eventDataStore: String?
  /// `InsightsDestination`: the destination event data store's ARN or ID.
  public var insightsDestination: String?

  /// A request with the given members.
  public init(
    trailName: String? = nil, insightSelectors: [InsightSelector], eventDataStore: String? = nil,
    insightsDestination: String? = nil
  ) {
    self.trailName = trailName
    self.insightSelectors = insightSelectors
    self.eventDataStore = eventDataStore
    self.insightsDestination = insightsDestination
  }

  private enum CodingKeys: String, CodingKey {
    case trailName = "TrailName"
    case insightSelectors = "InsightSelectors"
    case eventDataStore = "EventDataStore"
    case insightsDestination = "InsightsDestination"
  }
}

/// The model's `PutInsightSelectorsResponse`; GetInsightSelectors answers the same members
/// (``GetInsightSelectorsResponse``).
public struct PutInsightSelectorsResponse: Codable, Hashable, Sendable {
  /// `TrailARN`: for a trail.
  public var trailARN: String?
  /// `InsightSelectors`.
  public var insightSelectors: [InsightSelector]?
  /// `EventDataStoreArn`: for an event data store, the source store.
  public var eventDataStoreArn: String?
  /// `InsightsDestination`: for an event data store, the destination store.
  public var insightsDestination: String?

  /// A response with the given members.
  public init(
    trailARN: String? = nil, insightSelectors: [InsightSelector]? = nil, eventDataStoreArn: String? = nil,
    insightsDestination: String? = nil
  ) {
    self.trailARN = trailARN
    self.insightSelectors = insightSelectors
    self.eventDataStoreArn = eventDataStoreArn
    self.insightsDestination = insightsDestination
  }

  private enum CodingKeys: String, CodingKey {
    case trailARN = "TrailARN"
    case insightSelectors = "InsightSelectors"
    case eventDataStoreArn = "EventDataStoreArn"
    case insightsDestination = "InsightsDestination"
  }
}

/// The model's `GetInsightSelectorsRequest`: `TrailName` or `EventDataStore`, not both.
public struct GetInsightSelectorsRequest: Codable, Hashable, Sendable {
  /// `TrailName`: the trail's name or ARN.
  public var trailName: String?
  /// `EventDataStore`: the event data store's ARN or ID.
  public var eventDataStore: String?

  /// A request with the given members.
  public init(trailName: String? = nil, eventDataStore: String? = nil) {
    self.trailName = trailName
    self.eventDataStore = eventDataStore
  }

  private enum CodingKeys: String, CodingKey {
    case trailName = "TrailName"
    case eventDataStore = "EventDataStore"
  }
}

/// The model's `GetInsightSelectorsResponse`: the same members as PutInsightSelectors' response.
public typealias GetInsightSelectorsResponse = PutInsightSelectorsResponse
