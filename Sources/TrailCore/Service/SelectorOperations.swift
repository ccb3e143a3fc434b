import Foundation

// Event and Insights selectors of trails (spec §4). Validation and evaluation live in Trails/
// (`EventSelectorValidation`, `SelectorSet`); these operations store and answer them.

/// `PutEventSelectors`: basic or advanced selectors replace the trail's selectors (of either kind).
public enum PutEventSelectors: ServiceOperation {
  public static let name = "PutEventSelectors"
  public static func perform(_ request: PutEventSelectorsRequest, with services: StoreServices) throws
    -> PutEventSelectorsResponse
  {
    let trails = try services.trails()
    let original = try trails.find(request.trailName)
    try trails.requireHomeRegion(original)
    try trails.requireOwner(original)
    var trail = original
    trail.selectors = try EventSelectorConfiguration(validating: request)
    try trails.write(trail, replacing: original)
    return trail.selectors.response(trailARN: trail.arn)
  }
}

/// `GetEventSelectors`: the trail's selectors (a new trail's default when none were put).
public enum GetEventSelectors: ServiceOperation {
  public static let name = "GetEventSelectors"
  public static func perform(_ request: GetEventSelectorsRequest, with services: StoreServices) throws
    -> GetEventSelectorsResponse
  {
    let trail = try services.trails().find(request.trailName)
    return trail.selectors.response(trailARN: trail.arn)
  }
}

/// `PutInsightSelectors`: turns Insights on (or off, with `[]`) for a trail. Event data stores come with
/// Lake.
public enum PutInsightSelectors: ServiceOperation {
  public static let name = "PutInsightSelectors"
  public static func perform(_ request: PutInsightSelectorsRequest, with services: StoreServices) throws
    -> PutInsightSelectorsResponse
  {
    try InsightSelectorValidation.validate(request)
    guard let name = request.trailName else {
      return try EventDataStoreInsightSelectors.put(request, services)
    }
    let trails = try services.trails()
    let original = try trails.find(name)
    try trails.requireHomeRegion(original)
    try trails.requireOwner(original)
    // Insights events are encrypted with the trail's key too: its policy must still let CloudTrail in.
    if !request.insightSelectors.isEmpty, let key = original.kmsKeyId {
      try TrailRules.checkKeyPolicy(key, in: services.context)
    }
    var trail = original
    trail.setInsightSelectors(request.insightSelectors, now: services.context.clock.now())
    try trails.write(trail, replacing: original)
    return PutInsightSelectorsResponse(trailARN: trail.arn, insightSelectors: request.insightSelectors)
  }
}

/// `GetInsightSelectors`: a trail's Insights selectors; `InsightNotEnabledException` when it has none.
public enum GetInsightSelectors: ServiceOperation {
  public static let name = "GetInsightSelectors"
  public static func perform(_ request: GetInsightSelectorsRequest, with services: StoreServices) throws
    -> GetInsightSelectorsResponse
  {
    try InsightSelectorValidation.validate(request)
    guard let name = request.trailName else {
      return try EventDataStoreInsightSelectors.get(request, services)
    }
    let trail = try services.trails().find(name)
    guard let selectors = trail.insightSelectors, !selectors.isEmpty else {
      throw ServiceError(
        "InsightNotEnabledException",
        "Trail \(trail.arn) does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again."
      )
    }
    return GetInsightSelectorsResponse(trailARN: trail.arn, insightSelectors: selectors)
  }
}
