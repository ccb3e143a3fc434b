import Foundation

/// PutInsightSelectors and GetInsightSelectors on an event data store (spec §7.1): the source store
/// logs management events, the destination store collects the `Insight` category, both of the
/// caller's account.
///
/// PutInsightSelectors models no event data store exceptions, so a store that cannot be found or does
/// not fit is `InvalidParameterException` naming it (inferred).
enum EventDataStoreInsightSelectors {
  static func put(_ request: PutInsightSelectorsRequest, _ services: StoreServices) throws
    -> PutInsightSelectorsResponse
  {
    let stores = try EventDataStoreService(services)
    let source = try find(request.eventDataStore ?? "", "EventDataStore", stores)
    try stores.requireActive(source)
    guard !request.insightSelectors.isEmpty else {
      try EventDataStoreInsights.write(nil, store: source.rowID, connection: stores.connection)
      return PutInsightSelectorsResponse(insightSelectors: [], eventDataStoreArn: source.arn)
    }
    guard EventDataStoreRules.categories(of: source.advancedEventSelectors).contains("Management") else {
      throw invalid(
        "The source event data store \(source.arn) does not log management events; Insights judge management events."
      )
    }
    let destination = try find(request.insightsDestination ?? "", "InsightsDestination", stores)
    guard EventDataStoreRules.categories(of: destination.advancedEventSelectors) == ["Insight"] else {
      throw invalid(
        "The destination event data store \(destination.arn) must collect Insights events only (eventCategory = Insight)."
      )
    }
    guard destination.account == source.account else {
      throw invalid("The source and destination event data stores must belong to the same account.")
    }
    let before = try EventDataStoreInsights.read(store: source.rowID, connection: stores.connection)
    var times: [String: Date] = [:]
    for selector in request.insightSelectors {
      guard let type = selector.insightType else { continue }
      let key = InsightsScope.key(type, "Management")
      times[key] = before?.enabledTimes[key] ?? stores.now
    }
    let settings = EventDataStoreInsights(
      insightSelectors: request.insightSelectors, destination: destination.arn, enabledTimes: times)
    try EventDataStoreInsights.write(settings, store: source.rowID, connection: stores.connection)
    return PutInsightSelectorsResponse(
      insightSelectors: request.insightSelectors, eventDataStoreArn: source.arn,
      insightsDestination: destination.arn)
  }

  static func get(_ request: GetInsightSelectorsRequest, _ services: StoreServices) throws
    -> GetInsightSelectorsResponse
  {
    let stores = try EventDataStoreService(services)
    let source = try find(request.eventDataStore ?? "", "EventDataStore", stores)
    guard let settings = try EventDataStoreInsights.read(store: source.rowID, connection: stores.connection)
    else {
      throw ServiceError(
        "InsightNotEnabledException",
        "Event data store \(source.arn) does not have Insights enabled. Put Insights selectors on it, with a destination event data store, and then try the operation again."
      )
    }
    return GetInsightSelectorsResponse(
      insightSelectors: settings.insightSelectors, eventDataStoreArn: source.arn,
      insightsDestination: settings.destination)
  }

  private static func find(_ idOrARN: String, _ member: String, _ stores: EventDataStoreService) throws
    -> EventDataStoreRecord
  {
    do { return try stores.find(idOrARN) } catch let error as ServiceError {
      throw invalid("\(member): \(error.message)")
    }
  }

  private static func invalid(_ message: String) -> ServiceError {
    ServiceError("InvalidParameterException", message)
  }
}
