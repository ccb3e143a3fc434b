import Foundation

/// CloudTrail's `LookupEvents`: management events (or Insights events) of the last 90 days of the
/// clock, newest first, one lookup attribute at most, 50 a page with a signed `NextToken`.
///
/// Regions: CloudTrail answers per region. A TrailDeck store may hold many, so the caller's region
/// (`StoreContext.region`) filters, and no region means every region of the store.
/// - Throws: `ServiceError` — `InvalidLookupAttributesException`, `InvalidTimeRangeException`,
///   `InvalidMaxResultsException`, `InvalidNextTokenException`, `InvalidEventCategoryException`.
public enum LookupEvents: ServiceOperation {
  public static let name = "LookupEvents"

  public static func perform(_ request: LookupEventsRequest, with services: StoreServices) throws
    -> LookupEventsResponse
  {
    let page = try services.lookup.lookupEvents(LookupRequest(request, region: services.context.region))
    return LookupEventsResponse(page)
  }
}

extension LookupRequest {
  /// The engine's request for the API's `request`, in `region` (nil: every region).
  public init(_ request: LookupEventsRequest, region: String?) {
    self.init(
      lookupAttributes: request.lookupAttributes ?? [], startTime: request.startTime,
      endTime: request.endTime, eventCategory: request.eventCategory, maxResults: request.maxResults,
      nextToken: request.nextToken, region: region)
  }
}
