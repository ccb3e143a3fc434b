import Foundation

/// The model's `ListInsightsMetricDataRequest`.
public struct ListInsightsMetricDataRequest: Codable, Equatable, Sendable {
  /// `TrailName`: only for Insights on a trail's data events.
  public var trailName: String?
  public var eventSource: String
  public var eventName: String
  public var insightType: String
  /// `ErrorCode`: required for `ApiErrorRateInsight`.
  public var errorCode: String?
  /// Inclusive; default 90 days before now.
  public var startTime: Date?
  /// Exclusive; default now.
  public var endTime: Date?
  /// 60, 300 or 3600 seconds; default 3600.
  public var period: Int?
  /// `FillWithZeros` or `NonZeroData` (default).
  public var dataType: String?
  /// 1–21600; default 21600.
  public var maxResults: Int?
  public var nextToken: String?

  public init(
    trailName: String? = nil, eventSource: String, eventName: String, insightType: String,
    errorCode: String? = nil, startTime: Date? = nil, endTime: Date? = nil, period: Int? = nil,
    dataType: String? = nil, maxResults: Int? = nil, nextToken: String? = nil
  ) {
    self.trailName = trailName
    self.eventSource = eventSource
    self.eventName = eventName
    self.insightType = insightType
    self.errorCode = errorCode
    self.startTime = startTime
    self.endTime = endTime
    self.period = period
    self.dataType = dataType
    self.maxResults = maxResults
    self.nextToken = nextToken
  }

  private enum CodingKeys: String, CodingKey {
    case trailName = "TrailName"
    case eventSource = "EventSource"
    case eventName = "EventName"
    case insightType = "InsightType"
    case errorCode = "ErrorCode"
    case startTime = "StartTime"
    case endTime = "EndTime"
    case period = "Period"
    case dataType = "DataType"
    case maxResults = "MaxResults"
    case nextToken = "NextToken"
  }
}

/// The model's `ListInsightsMetricDataResponse`.
public struct ListInsightsMetricDataResponse: Codable, Equatable, Sendable {
  /// Only for Insights on a trail's data events.
  public var trailARN: String?
  public var eventSource: String?
  public var eventName: String?
  public var insightType: String?
  public var errorCode: String?
  public var timestamps: [Date]?
  public var values: [Double]?
  public var nextToken: String?

  public init(
    trailARN: String? = nil, eventSource: String? = nil, eventName: String? = nil, insightType: String? = nil,
    errorCode: String? = nil, timestamps: [Date]? = nil, values: [Double]? = nil, nextToken: String? = nil
  ) {
    self.trailARN = trailARN
    self.eventSource = eventSource
    self.eventName = eventName
    self.insightType = insightType
    self.errorCode = errorCode
    self.timestamps = timestamps
    self.values = values
    self.nextToken = nextToken
  }

  private enum CodingKeys: String, CodingKey {
    case trailARN = "TrailARN"
    case eventSource = "EventSource"
    case eventName = "EventName"
    case insightType = "InsightType"
    case errorCode = "ErrorCode"
    case timestamps = "Timestamps"
    case values = "Values"
    case nextToken = "NextToken"
  }
}

/// The model's `ListInsightsDataRequest`.
public struct ListInsightsDataRequest: Codable, Equatable, Sendable {
  /// `InsightSource`: the trail's ARN.
  public var insightSource: String
  /// `InsightsEvents`, the only value.
  public var dataType: String
  /// One of `EventId`, `EventName`, `EventSource` with its value.
  public var dimensions: [String: String]?
  public var startTime: Date?
  public var endTime: Date?
  /// 1–50; default 50.
  public var maxResults: Int?
  public var nextToken: String?

  public init(
    insightSource: String, dataType: String = "InsightsEvents", dimensions: [String: String]? = nil,
    startTime: Date? = nil, endTime: Date? = nil, maxResults: Int? = nil, nextToken: String? = nil
  ) {
    self.insightSource = insightSource
    self.dataType = dataType
    self.dimensions = dimensions
    self.startTime = startTime
    self.endTime = endTime
    self.maxResults = maxResults
    self.nextToken = nextToken
  }

  private enum CodingKeys: String, CodingKey {
    case insightSource = "InsightSource"
    case dataType = "DataType"
    case dimensions = "Dimensions"
    case startTime = "StartTime"
    case endTime = "EndTime"
    case maxResults = "MaxResults"
    case nextToken = "NextToken"
  }
}

/// The model's `ListInsightsDataResponse`: LookupEvents' `Event` shape.
public typealias ListInsightsDataResponse = LookupEventsResponse
