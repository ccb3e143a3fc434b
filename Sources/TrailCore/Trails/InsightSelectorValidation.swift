/// The rules CloudTrail enforces on PutInsightSelectors and GetInsightSelectors requests (SM, spec §7.1).
///
/// Selector contents are refused with InvalidInsightSelectorsException (the model names it for an invalid
/// `InsightType`); the choice of trail or event data store with InvalidParameterCombinationException (the
/// model: "You cannot specify these parameters together"). Inferred: a request naming neither a trail nor
/// an event data store, and an event data store without its `InsightsDestination` (or the reverse) when
/// turning Insights on, are parameter combination errors too; a repeated `InsightType`, a repeated or
/// unknown `EventCategories` value, and `Data` on an event data store are InvalidInsightSelectorsException.
public enum InsightSelectorValidation {
  /// `SourceEventCategory` values (SM).
  public static let eventCategories = ["Management", "Data"]

  /// A PutInsightSelectors request: a trail, or an event data store and its destination; valid selectors.
  public static func validate(_ request: PutInsightSelectorsRequest) throws(ServiceError) {
    let forStore = request.eventDataStore != nil || request.insightsDestination != nil
    if request.trailName != nil, forStore {
      throw combination("TrailName cannot be used with EventDataStore or InsightsDestination.")
    }
    if request.trailName == nil, !forStore {
      throw combination("Specify TrailName, or EventDataStore and InsightsDestination.")
    }
    if forStore, !request.insightSelectors.isEmpty,
      request.eventDataStore == nil || request.insightsDestination == nil
    {
      throw combination(
        "To enable Insights on an event data store, specify both EventDataStore and InsightsDestination.")
    }
    try validate(request.insightSelectors, for: forStore ? .eventDataStore : .trail)
  }

  /// A GetInsightSelectors request: `TrailName` or `EventDataStore`, exactly one.
  public static func validate(_ request: GetInsightSelectorsRequest) throws(ServiceError) {
    switch (request.trailName, request.eventDataStore) {
    case (_?, _?): throw combination("TrailName and EventDataStore cannot be specified together.")
    case (nil, nil): throw combination("Specify TrailName or EventDataStore.")
    default: break
    }
  }

  /// Insights selectors: each with a known, unrepeated `InsightType` and known, unrepeated
  /// `EventCategories` (only `Management` on an event data store). `[]` is valid: it turns Insights off.
  public static func validate(_ selectors: [InsightSelector], for target: SelectorTarget) throws(ServiceError)
  {
    var seen: Set<InsightType> = []
    for (i, selector) in selectors.enumerated() {
      let at = "InsightSelectors[\(i)]"
      guard let type = selector.insightType else {
        throw .invalidInsightSelectors("\(at).InsightType is required.")
      }
      guard type.isKnown else {
        throw .invalidInsightSelectors(
          "\(at).InsightType '\(type)' is invalid; valid values are ApiCallRateInsight, ApiErrorRateInsight.")
      }
      guard seen.insert(type).inserted else {
        throw .invalidInsightSelectors("\(at).InsightType '\(type)' is specified more than once.")
      }
      var categories: Set<String> = []
      for category in selector.eventCategories ?? [] {
        guard eventCategories.contains(category) else {
          throw .invalidInsightSelectors(
            "\(at).EventCategories value '\(category)' is invalid; valid values are Management, Data.")
        }
        guard categories.insert(category).inserted else {
          throw .invalidInsightSelectors(
            "\(at).EventCategories value '\(category)' is specified more than once.")
        }
        if target == .eventDataStore, category == "Data" {
          throw .invalidInsightSelectors(
            "\(at).EventCategories value 'Data' is not supported on event data stores; only Management is.")
        }
      }
    }
  }

  private static func combination(_ message: String) -> ServiceError {
    // Built in place rather than as a shared factory: the trails work may add one, and two would clash.
    ServiceError("InvalidParameterCombinationException", message)
  }
}
