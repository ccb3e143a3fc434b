import Foundation
import Testing

@testable import TrailCore

/// PutInsightSelectors' and GetInsightSelectors' rules: each exception name and its full message, pinned.
@Suite("Insight selector validation")
struct InsightSelectorValidationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var request: PutInsightSelectorsRequest
    var error: ServiceError
    var testDescription: String { name }
  }

  static func trail(_ selectors: InsightSelector...) -> PutInsightSelectorsRequest {
    PutInsightSelectorsRequest(trailName: "t", insightSelectors: selectors)
  }
  static let callRate = InsightSelector(insightType: .apiCallRateInsight)
  static func combination(_ message: String) -> ServiceError {
    ServiceError("InvalidParameterCombinationException", message)
  }

  static let cases: [Case] = [
    Case(
      name: "unknown type",
      request: trail(callRate, InsightSelector(insightType: InsightType(rawValue: "ApiRate"))),
      error: .invalidInsightSelectors(
        "InsightSelectors[1].InsightType 'ApiRate' is invalid; valid values are ApiCallRateInsight, "
          + "ApiErrorRateInsight.")),
    Case(
      name: "no type", request: trail(InsightSelector(eventCategories: ["Management"])),
      error: .invalidInsightSelectors("InsightSelectors[0].InsightType is required.")),
    Case(
      name: "repeated type", request: trail(callRate, callRate),
      error: .invalidInsightSelectors(
        "InsightSelectors[1].InsightType 'ApiCallRateInsight' is specified more than once.")),
    Case(
      name: "unknown category",
      request: trail(InsightSelector(insightType: .apiErrorRateInsight, eventCategories: ["Insight"])),
      error: .invalidInsightSelectors(
        "InsightSelectors[0].EventCategories value 'Insight' is invalid; valid values are Management, Data.")),
    Case(
      name: "repeated category",
      request: trail(InsightSelector(insightType: .apiErrorRateInsight, eventCategories: ["Data", "Data"])),
      error: .invalidInsightSelectors(
        "InsightSelectors[0].EventCategories value 'Data' is specified more than once.")),
    Case(
      name: "data Insights on an event data store",
      request: PutInsightSelectorsRequest(
        insightSelectors: [InsightSelector(insightType: .apiCallRateInsight, eventCategories: ["Data"])],
        eventDataStore: "src", insightsDestination: "dst"),
      error: .invalidInsightSelectors(
        "InsightSelectors[0].EventCategories value 'Data' is not supported on event data stores; only "
          + "Management is.")),
    Case(
      name: "trail and event data store",
      request: PutInsightSelectorsRequest(
        trailName: "t", insightSelectors: [callRate], eventDataStore: "src"),
      error: combination("TrailName cannot be used with EventDataStore or InsightsDestination.")),
    Case(
      name: "neither trail nor event data store",
      request: PutInsightSelectorsRequest(insightSelectors: [callRate]),
      error: combination("Specify TrailName, or EventDataStore and InsightsDestination.")),
    Case(
      name: "event data store without destination",
      request: PutInsightSelectorsRequest(insightSelectors: [callRate], eventDataStore: "src"),
      error: combination(
        "To enable Insights on an event data store, specify both EventDataStore and InsightsDestination.")),
  ]

  @Test(arguments: cases)
  func refusedWithItsException(_ c: Case) {
    #expect(throws: c.error) { try InsightSelectorValidation.validate(c.request) }
  }

  @Test func accepted() throws {
    try InsightSelectorValidation.validate(Self.trail())  // [] turns Insights off
    try InsightSelectorValidation.validate(
      Self.trail(
        Self.callRate,
        InsightSelector(insightType: .apiErrorRateInsight, eventCategories: ["Management", "Data"])))
    try InsightSelectorValidation.validate(
      PutInsightSelectorsRequest(
        insightSelectors: [Self.callRate], eventDataStore: "src", insightsDestination: "dst"))
    try InsightSelectorValidation.validate(
      PutInsightSelectorsRequest(insightSelectors: [], eventDataStore: "src"))
    try InsightSelectorValidation.validate(GetInsightSelectorsRequest(trailName: "t"))
    try InsightSelectorValidation.validate(GetInsightSelectorsRequest(eventDataStore: "src"))
  }

  @Test func getNeedsExactlyOneTarget() {
    #expect(throws: Self.combination("TrailName and EventDataStore cannot be specified together.")) {
      try InsightSelectorValidation.validate(GetInsightSelectorsRequest(trailName: "t", eventDataStore: "s"))
    }
    #expect(throws: Self.combination("Specify TrailName or EventDataStore.")) {
      try InsightSelectorValidation.validate(GetInsightSelectorsRequest())
    }
  }
}
