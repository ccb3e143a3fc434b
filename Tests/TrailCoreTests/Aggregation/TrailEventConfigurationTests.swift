import Foundation
import Testing

@testable import TrailCore

/// PutEventConfiguration / GetEventConfiguration on trails: every refusal by exception name and
/// message, the round trip, changes, removal, and the forms of the trail's name.
@Suite("Aggregated data events: configuration")
struct TrailEventConfigurationTests {
  typealias F = AggregationFixture

  static func put(_ templates: [String], category: String = "Data") -> PutEventConfigurationRequest {
    PutEventConfigurationRequest(
      trailName: "agg",
      aggregationConfigurations: [AggregationConfiguration(templates: templates, eventCategory: category)])
  }

  struct Refusal: CustomTestStringConvertible, Sendable {
    var label: String
    var request: PutEventConfigurationRequest
    var exception: String
    var message: String
    var testDescription: String { label }
  }

  static let refusals: [Refusal] = [
    Refusal(
      label: "trail and store", request: PutEventConfigurationRequest(trailName: "agg", eventDataStore: "x"),
      exception: "InvalidParameterCombinationException",
      message: "Give exactly one of TrailName and EventDataStore."),
    Refusal(
      label: "MaxEventSize on a trail",
      request: PutEventConfigurationRequest(trailName: "agg", maxEventSize: "Large"),
      exception: "InvalidParameterCombinationException",
      message:
        "MaxEventSize and ContextKeySelectors configure event data stores; a trail takes AggregationConfigurations only."
    ),
    Refusal(
      label: "ContextKeySelectors on a trail",
      request: PutEventConfigurationRequest(
        trailName: "agg", contextKeySelectors: [ContextKeySelector(type: "TagContext", equals: ["team"])]),
      exception: "InvalidParameterCombinationException",
      message:
        "MaxEventSize and ContextKeySelectors configure event data stores; a trail takes AggregationConfigurations only."
    ),
    Refusal(
      label: "two configurations",
      request: PutEventConfigurationRequest(
        trailName: "agg",
        aggregationConfigurations: [
          AggregationConfiguration(templates: ["API_ACTIVITY"], eventCategory: "Data"),
          AggregationConfiguration(templates: ["USER_ACTIONS"], eventCategory: "Data"),
        ]),
      exception: "InvalidParameterException",
      message: "AggregationConfigurations holds at most 1 configuration; got 2."),
    Refusal(
      label: "management events", request: put(["API_ACTIVITY"], category: "Management"),
      exception: "InvalidParameterException",
      message:
        "AggregationConfigurations[0].EventCategory 'Management' is not valid: only Data events are aggregated."
    ),
    Refusal(
      label: "no templates", request: put([]), exception: "InvalidParameterException",
      message: "AggregationConfigurations[0].Templates lists 1 to 50 templates; got 0."),
    Refusal(
      label: "unknown template", request: put(["API_ACTIVITY", "API_ACTIVTY"]),
      exception: "InvalidParameterException",
      message:
        "AggregationConfigurations[0].Templates[1] 'API_ACTIVTY' is not valid: use API_ACTIVITY, RESOURCE_ACCESS, USER_ACTIONS."
    ),
    Refusal(
      label: "template twice", request: put(["USER_ACTIONS", "USER_ACTIONS"]),
      exception: "InvalidParameterException",
      message: "AggregationConfigurations[0].Templates[1] 'USER_ACTIONS' is listed twice."),
    Refusal(
      label: "unknown trail",
      request: PutEventConfigurationRequest(
        trailName: "nope",
        aggregationConfigurations: [
          AggregationConfiguration(templates: ["API_ACTIVITY"], eventCategory: "Data")
        ]),
      exception: "TrailNotFoundException", message: "Unknown trail: nope for the user: 111122223333"),
    Refusal(
      label: "invalid name",
      request: PutEventConfigurationRequest(trailName: "ab", aggregationConfigurations: []),
      exception: "InvalidTrailNameException", message: ""),
    Refusal(
      label: "invalid ARN",
      request: PutEventConfigurationRequest(
        trailName: "arn:aws:cloudtrail:us-east-1:1111:trail/agg", aggregationConfigurations: []),
      exception: "CloudTrailARNInvalidException", message: ""),
  ]

  @Test(arguments: refusals)
  func refusesByName(_ refusal: Refusal) throws {
    let fixture = try F()
    try fixture.makeTrail()
    do {
      _ = try PutEventConfiguration.perform(refusal.request, with: fixture.services())
      Issue.record("accepted")
    } catch let error as ServiceError {
      #expect(error.exceptionName == refusal.exception)
      if !refusal.message.isEmpty { #expect(error.message == refusal.message) }
    }
    // Nothing was stored by a refused request.
    let got = try GetEventConfiguration.perform(
      GetEventConfigurationRequest(trailName: "agg"), with: fixture.services())
    #expect(got.aggregationConfigurations == [])
  }

  @Test func aTrailWithoutDataEventsCannotAggregate() throws {
    let fixture = try F()
    let arn = try fixture.makeTrail(dataEvents: false)
    do {
      _ = try fixture.aggregate(["API_ACTIVITY"])
      Issue.record("accepted")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "InvalidParameterCombinationException")
      #expect(
        error.message
          == "Trail \(arn) logs no data events: put event selectors that log data events before you enable aggregation of data events."
      )
    }
    // Basic selectors with data resources are data events too.
    _ = try PutEventSelectors.perform(
      PutEventSelectorsRequest(
        trailName: "agg",
        eventSelectors: [
          EventSelector(dataResources: [DataResource(type: "AWS::S3::Object", values: ["arn:aws:s3"])])
        ]), with: fixture.services())
    #expect(
      try fixture.aggregate(["API_ACTIVITY"]).aggregationConfigurations?.first?.templates == ["API_ACTIVITY"])
  }

  @Test func changesAreMadeInTheHomeRegion() throws {
    let fixture = try F()
    try fixture.makeTrail()
    // A single-region trail is not seen elsewhere; a multi-region one is, and refuses the change there.
    _ = try UpdateTrail.perform(
      UpdateTrailRequest(name: "agg", isMultiRegionTrail: true), with: fixture.services())
    do {
      _ = try PutEventConfiguration.perform(
        Self.put(["API_ACTIVITY"]), with: fixture.services(region: "eu-west-1"))
      Issue.record("accepted")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "InvalidHomeRegionException")
    }
    // Reading is allowed anywhere the trail is seen.
    let got = try GetEventConfiguration.perform(
      GetEventConfigurationRequest(trailName: "agg"), with: fixture.services(region: "eu-west-1"))
    #expect(got.aggregationConfigurations == [])
  }

  @Test func putGetChangeAndRemove() throws {
    let fixture = try F()
    let arn = try fixture.makeTrail()
    let services = try fixture.services()
    func get(_ name: String = "agg") throws -> GetEventConfigurationResponse {
      try GetEventConfiguration.perform(GetEventConfigurationRequest(trailName: name), with: services)
    }
    #expect(try get() == GetEventConfigurationResponse(trailARN: arn, aggregationConfigurations: []))

    let all = ["RESOURCE_ACCESS", "API_ACTIVITY", "USER_ACTIONS"]
    let put = try fixture.aggregate(all)
    let configured = [AggregationConfiguration(templates: all, eventCategory: "Data")]
    #expect(put == PutEventConfigurationResponse(trailARN: arn, aggregationConfigurations: configured))
    #expect(try get() == GetEventConfigurationResponse(trailARN: arn, aggregationConfigurations: configured))
    #expect(try get(arn).aggregationConfigurations == configured)

    // A change keeps the time aggregation was turned on; members not given keep their value.
    let enabled = try #require(
      try TrailAggregation.load(
        trailARN: arn, connection: TrailStore(databasePath: fixture.store.dbPath).connection))
    fixture.clock.set(TestTime.date(F.start + 3600))
    _ = try fixture.aggregate(["USER_ACTIONS"])
    let changed = try #require(
      try TrailAggregation.load(
        trailARN: arn, connection: TrailStore(databasePath: fixture.store.dbPath).connection))
    #expect(changed.enabledAt == enabled.enabledAt && changed.templates == [.userActions])
    let unchanged = try PutEventConfiguration.perform(
      PutEventConfigurationRequest(trailName: arn), with: services)
    #expect(unchanged.aggregationConfigurations?.first?.templates == ["USER_ACTIONS"])

    // An empty list turns aggregation off.
    let removed = try PutEventConfiguration.perform(
      PutEventConfigurationRequest(trailName: "agg", aggregationConfigurations: []), with: services)
    #expect(removed == PutEventConfigurationResponse(trailARN: arn, aggregationConfigurations: []))
    #expect(try get().aggregationConfigurations == [])
  }

  @Test func deletingTheTrailForgetsItsAggregation() throws {
    let fixture = try F()
    let arn = try fixture.makeTrail()
    _ = try fixture.aggregate(["API_ACTIVITY"])
    _ = try DeleteTrail.perform(DeleteTrailRequest(name: "agg"), with: fixture.services())
    try fixture.makeTrail()
    let got = try GetEventConfiguration.perform(
      GetEventConfigurationRequest(trailName: arn), with: fixture.services())
    #expect(got.aggregationConfigurations == [])
  }

  @Test func getNamesAnUnknownTrail() throws {
    let fixture = try F()
    do {
      _ = try GetEventConfiguration.perform(
        GetEventConfigurationRequest(trailName: "nope"), with: fixture.services())
      Issue.record("answered")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "TrailNotFoundException")
    }
  }
}
