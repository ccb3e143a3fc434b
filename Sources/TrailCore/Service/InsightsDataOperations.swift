import Foundation

/// `ListInsightsMetricData`: the per-period counts Insights judge for one API, read from the rollups —
/// write calls for `ApiCallRateInsight`, failures with `ErrorCode` for `ApiErrorRateInsight` — in the
/// caller's account and region (management events), or of a trail's data events with `TrailName`.
///
/// As the model documents: Period 60 s data goes back 15 days, 300 s 63 days, 3600 s (the default) 90
/// days; StartTime (inclusive, default 90 days ago) and EndTime (exclusive, default now) are read off
/// the clock; `NonZeroData` (default) leaves out empty periods, `FillWithZeros` lists every one.
/// Timestamps are period starts, aligned to the period. TrailDeck answers whether or not Insights are
/// on (the counts exist either way; OPEN whether CloudTrail refuses).
public enum ListInsightsMetricData: ServiceOperation {
  public static let name = "ListInsightsMetricData"

  /// Days of data kept at each period.
  static let retentionDays: [Int: Double] = [60: 15, 300: 63, 3600: 90]

  public static func perform(_ request: ListInsightsMetricDataRequest, with services: StoreServices) throws
    -> ListInsightsMetricDataResponse
  {
    let type = InsightType(rawValue: request.insightType)
    guard type.isKnown else {
      throw invalid(
        "InsightType '\(request.insightType)' is not valid; use ApiCallRateInsight or ApiErrorRateInsight.")
    }
    if type == .apiErrorRateInsight && (request.errorCode ?? "").isEmpty {
      throw invalid("ErrorCode is required when InsightType is ApiErrorRateInsight.")
    }
    if type == .apiCallRateInsight && request.errorCode != nil {
      throw invalid("ErrorCode is only valid when InsightType is ApiErrorRateInsight.")
    }
    let period = request.period ?? 3600
    guard let days = retentionDays[period] else {
      throw invalid("Period \(period) is not valid; use 60, 300 or 3600.")
    }
    let fill = try fillsWithZeros(request.dataType)
    let maxResults = request.maxResults ?? 21_600
    guard (1...21_600).contains(maxResults) else {
      throw invalid("MaxResults \(maxResults) is not valid; use a value from 1 to 21600.")
    }
    let now = services.context.clock.now()
    var start = request.startTime ?? now.addingTimeInterval(-90 * 86_400)
    let end = request.endTime ?? now
    guard start < end else { throw invalid("StartTime must be before EndTime.") }
    start = max(start, now.addingTimeInterval(-days * 86_400))
    var trailARN: String?
    var category = EventCategory.management
    if let name = request.trailName {
      let trail: TrailRecord
      do { trail = try services.trails().find(name) } catch let error as ServiceError {
        throw ServiceError("InvalidTrailNameException", error.message)
      }
      trailARN = trail.arn
      category = .data
    }
    let step = Int64(period)
    var first = (Int64(start.timeIntervalSince1970.rounded(.up)) + step - 1) / step * step
    if let token = request.nextToken {
      guard let resumed = Self.resume(token), resumed >= first else {
        throw invalid("NextToken is not valid for this request.")
      }
      first = resumed
    }
    let last = Int64(end.timeIntervalSince1970.rounded(.up))
    let counts = try Self.counts(
      services, category: category, source: request.eventSource, name: request.eventName,
      errorCode: type == .apiErrorRateInsight ? request.errorCode : nil, period: step,
      seconds: first..<max(first, last))
    let buckets =
      fill
      ? Array(stride(from: first, to: last, by: Int(step)))
      : counts.keys.filter { $0 >= first && $0 < last }.sorted()
    let shown = buckets.prefix(maxResults)
    let timestamps = shown.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    let values = shown.map { Double(counts[$0] ?? 0) }
    let next = buckets.count > maxResults ? Self.token(buckets[maxResults]) : nil
    return ListInsightsMetricDataResponse(
      trailARN: trailARN, eventSource: request.eventSource, eventName: request.eventName,
      insightType: request.insightType, errorCode: request.errorCode, timestamps: timestamps, values: values,
      nextToken: next)
  }

  static func fillsWithZeros(_ dataType: String?) throws -> Bool {
    switch dataType ?? "NonZeroData" {
    case "NonZeroData": return false
    case "FillWithZeros": return true
    case let other: throw invalid("DataType '\(other)' is not valid; use FillWithZeros or NonZeroData.")
    }
  }

  /// The API's counts per period start (epoch seconds) over `seconds`, from the rollups of the
  /// caller's account and region: write calls (call rate) or failures with the error code.
  static func counts(
    _ services: StoreServices, category: EventCategory, source: String, name: String, errorCode: String?,
    period: Int64, seconds: Range<Int64>
  ) throws -> [Int64: Int64] {
    guard !seconds.isEmpty else { return [:] }
    let subject = InsightSubject(
      type: errorCode == nil ? .apiCallRateInsight : .apiErrorRateInsight, category: category,
      accountId: services.context.account, region: services.context.callerRegion, eventSource: source,
      eventName: name, errorCode: errorCode)
    let connection = try EventStore.openReader(path: services.context.databasePath)
    let minutes = (seconds.lowerBound / 60)...((seconds.upperBound - 1) / 60)
    guard
      let loaded = try connection.reading({
        try InsightRollups.load(from: connection, minutes: minutes, subject: subject)
      })
    else { return [:] }
    let series: MinuteSeries?
    if let error = loaded.error {
      series = loaded.rollups.failures[InsightRollups.Failure(api: loaded.api, error: error)]
    } else {
      series = loaded.rollups.writes[loaded.api]
    }
    guard let series else { return [:] }
    var out: [Int64: Int64] = [:]
    for (minute, count) in zip(series.minutes, series.counts) where seconds.contains(minute * 60) {
      out[minute * 60 / period * period, default: 0] += count
    }
    return out
  }

  static func token(_ bucket: Int64) -> String {
    Data("metric:\(bucket)".utf8).base64EncodedString()
  }

  static func resume(_ token: String) -> Int64? {
    guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
      text.hasPrefix("metric:")
    else { return nil }
    return Int64(text.dropFirst(7))
  }

  static func invalid(_ message: String) -> ServiceError {
    ServiceError("InvalidParameterException", message)
  }
}

/// `ListInsightsData`: the Insights events of a trail (`InsightSource`, its ARN), newest first, in
/// LookupEvents' `Event` shape, optionally narrowed by one dimension (`EventId`, `EventName`,
/// `EventSource`) and a time range, 50 a page at most.
///
/// The events are those Event history holds (`lookup-events --event-category insight`) of the trail's
/// accounts and regions; a page can hold fewer than MaxResults when events of other accounts or
/// regions were passed over, and its NextToken goes on from there.
public enum ListInsightsData: ServiceOperation {
  public static let name = "ListInsightsData"

  public static func perform(_ request: ListInsightsDataRequest, with services: StoreServices) throws
    -> ListInsightsDataResponse
  {
    guard request.dataType == "InsightsEvents" else {
      throw ListInsightsMetricData.invalid("DataType '\(request.dataType)' is not valid; use InsightsEvents.")
    }
    var attributes: [LookupAttribute] = []
    if let dimensions = request.dimensions {
      guard dimensions.count == 1, let (key, value) = dimensions.first.map({ ($0.key, $0.value) }) else {
        throw ListInsightsMetricData.invalid("Dimensions can hold exactly one item.")
      }
      let known: [String: LookupAttributeKey] = [
        "EventId": .eventId, "EventName": .eventName, "EventSource": .eventSource,
      ]
      guard let attribute = known[key] else {
        throw ListInsightsMetricData.invalid(
          "Dimension '\(key)' is not valid; use EventId, EventName or EventSource.")
      }
      attributes.append(LookupAttribute(attribute, value))
    }
    let maxResults = request.maxResults ?? 50
    guard (1...50).contains(maxResults) else {
      throw ListInsightsMetricData.invalid("MaxResults \(maxResults) is not valid; use a value from 1 to 50.")
    }
    let trail: TrailRecord
    do { trail = try services.trails().find(request.insightSource) } catch let error as ServiceError {
      throw ListInsightsMetricData.invalid("InsightSource: \(error.message)")
    }
    let organization = trail.isOrganizationTrail ? try services.trails().store.organization() : nil
    let accounts = Set(organization?.accounts ?? [trail.ownerAccount])
    let lookup = LookupRequest(
      lookupAttributes: attributes, startTime: request.startTime, endTime: request.endTime,
      eventCategory: "insight", maxResults: maxResults, nextToken: request.nextToken,
      region: services.context.region)
    let page: LookupPage
    do { page = try services.lookup.lookupEvents(lookup) } catch let error as ServiceError {
      throw ListInsightsMetricData.invalid(error.message)
    }
    let events = page.events.filter { event in
      accounts.contains(event.summary.recipientAccountId ?? "") && trail.applies(in: event.summary.awsRegion)
    }
    return LookupEventsResponse(events: events.map(TrailEvent.init), nextToken: page.nextToken)
  }
}
