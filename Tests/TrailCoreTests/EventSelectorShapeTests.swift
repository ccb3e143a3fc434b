import Foundation
import Testing

@testable import TrailCore

/// The selector shapes as users type them (the aws CLI's `--event-selectors`, `--advanced-event-selectors`
/// and `--insight-selectors` take the request member's list as JSON) and as CloudTrail prints them.
@Suite("Event selector shapes")
struct EventSelectorShapeTests {
  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try ShapeDecoder().decode(type, from: Data(text.utf8))
  }
  static func compact(_ value: some Encodable) throws -> String {
    try ShapeEncoder(.epochSeconds).encode(value).compactText()
  }

  @Test func basicSelectorsAsTypedForTheCLI() throws {
    let typed =
      #"[{"ReadWriteType":"All","IncludeManagementEvents":true,"#
      + #""DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::b/"]}]}]"#
    let selectors = try Self.decode([EventSelector].self, typed)
    #expect(
      selectors == [
        EventSelector(
          readWriteType: .all, includeManagementEvents: true,
          dataResources: [DataResource(type: "AWS::S3::Object", values: ["arn:aws:s3:::b/"])])
      ])
    #expect(try Self.compact(selectors) == typed)
    // GetEventSelectors prints all four members once stored (G:ME's example).
    #expect(
      try Self.compact(selectors.map(\.filled))
        == #"[{"ReadWriteType":"All","IncludeManagementEvents":true,"#
        + #""DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::b/"]}],"#
        + #""ExcludeManagementEventSources":[]}]"#)
  }

  @Test func memberOrderOfTheInputDoesNotMatterAndOutputIsInModelOrder() throws {
    // G:ME's KMS example, members in the user's order.
    let typed =
      #"[{"ReadWriteType": "All","ExcludeManagementEventSources": ["kms.amazonaws.com"],"#
      + #""IncludeManagementEvents": true}]"#
    let selectors = try Self.decode([EventSelector].self, typed)
    #expect(
      try Self.compact(selectors)
        == #"[{"ReadWriteType":"All","IncludeManagementEvents":true,"#
        + #""ExcludeManagementEventSources":["kms.amazonaws.com"]}]"#)
  }

  @Test func advancedSelectorsAsTypedForTheCLI() throws {
    // G:DE's example.
    let typed = """
      [
        {
          "Name": "Log readOnly and writeOnly management events",
          "FieldSelectors": [
            { "Field": "eventCategory", "Equals": ["Management"] }
          ]
        },
        {
          "Name": "Log PutObject and DeleteObject events for two S3 prefixes",
          "FieldSelectors": [
            { "Field": "eventCategory", "Equals": ["Data"] },
            { "Field": "resources.type", "Equals": ["AWS::S3::Object"] },
            { "Field": "eventName", "Equals": ["PutObject","DeleteObject"] },
            { "Field": "resources.ARN", "StartsWith": ["arn:aws:s3:::mybucket/prefix","arn:aws:s3:::mybucket2/prefix2"] }
          ]
        }
      ]
      """
    let selectors = try Self.decode([AdvancedEventSelector].self, typed)
    #expect(selectors.count == 2)
    #expect(selectors[1].fieldSelectors[3].startsWith?.count == 2)
    #expect(
      try Self.compact(selectors)
        == #"[{"Name":"Log readOnly and writeOnly management events","FieldSelectors":"#
        + #"[{"Field":"eventCategory","Equals":["Management"]}]},"#
        + #"{"Name":"Log PutObject and DeleteObject events for two S3 prefixes","FieldSelectors":["#
        + #"{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::S3::Object"]},"#
        + #"{"Field":"eventName","Equals":["PutObject","DeleteObject"]},"#
        + #"{"Field":"resources.ARN","StartsWith":["arn:aws:s3:::mybucket/prefix","arn:aws:s3:::mybucket2/prefix2"]}]}]"#
    )
    try EventSelectorValidation.validate(advanced: selectors, for: .trail)
  }

  @Test func everyOperatorInModelOrder() throws {
    let typed =
      #"{"NotEndsWith":["f"],"NotStartsWith":["e"],"NotEquals":["d"],"EndsWith":["c"],"StartsWith":["b"],"#
      + #""Equals":["a"],"Field":"eventName"}"#
    #expect(
      try Self.compact(try Self.decode(AdvancedFieldSelector.self, typed))
        == #"{"Field":"eventName","Equals":["a"],"StartsWith":["b"],"EndsWith":["c"],"NotEquals":["d"],"#
        + #""NotStartsWith":["e"],"NotEndsWith":["f"]}"#)
  }

  @Test func requestOnTheWire() throws {
    let wire =
      #"{"TrailName":"t","AdvancedEventSelectors":[{"FieldSelectors":[{"Field":"eventCategory","#
      + #""Equals":["Management"]}]}]}"#
    let request = try Self.decode(PutEventSelectorsRequest.self, wire)
    #expect(request.eventSelectors == nil)
    #expect(try Self.compact(request) == wire)
    #expect(
      try EventSelectorConfiguration(validating: request)
        == .advanced([
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])
          ])
        ]))
  }

  @Test func unknownReadWriteTypeDecodesSoValidationCanNameIt() throws {
    let selectors = try Self.decode([EventSelector].self, #"[{"ReadWriteType":"read-only"}]"#)
    #expect(selectors[0].readWriteType?.isKnown == false)
    #expect(throws: ServiceError.self) { try EventSelectorValidation.validate(basic: selectors) }
  }

  @Test func missingRequiredMembersFailToDecode() {
    #expect(throws: DecodingError.self) { try Self.decode([AdvancedEventSelector].self, #"[{"Name":"x"}]"#) }
    #expect(throws: DecodingError.self) {
      try Self.decode([AdvancedFieldSelector].self, #"[{"Equals":["Management"]}]"#)
    }
    #expect(throws: DecodingError.self) {
      try Self.decode(PutEventSelectorsRequest.self, #"{"EventSelectors":[]}"#)
    }
  }

  @Test func insightSelectorsAsTypedForTheCLI() throws {
    let typed =
      #"[{"InsightType":"ApiCallRateInsight"},{"InsightType":"ApiErrorRateInsight","EventCategories":["Management","Data"]}]"#
    let selectors = try Self.decode([InsightSelector].self, typed)
    #expect(selectors[0] == InsightSelector(insightType: .apiCallRateInsight))
    #expect(selectors[1].eventCategories == ["Management", "Data"])
    #expect(try Self.compact(selectors) == typed)
  }

  @Test func newTrailDefaultsAsGetEventSelectorsPrintsThem() throws {
    let response = EventSelectorConfiguration.newTrail.response(
      trailARN: "arn:aws:cloudtrail:us-east-1:111122223333:trail/TrailName")
    #expect(
      try ShapeEncoder(.awsCLI).encode(response).awsCLIText() == """
        {
            "TrailARN": "arn:aws:cloudtrail:us-east-1:111122223333:trail/TrailName",
            "EventSelectors": [
                {
                    "ReadWriteType": "All",
                    "IncludeManagementEvents": true,
                    "DataResources": [],
                    "ExcludeManagementEventSources": []
                }
            ]
        }

        """)
  }

  @Test func advancedConfigurationAnswersOnlyAdvancedSelectors() throws {
    let selectors = [
      AdvancedEventSelector(
        name: "Management events selector",
        fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])])
    ]
    let response = EventSelectorConfiguration.advanced(selectors).response(trailARN: "arn")
    #expect(
      try Self.compact(response)
        == #"{"TrailARN":"arn","AdvancedEventSelectors":[{"Name":"Management events selector","#
        + #""FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]}"#)
  }

  @Test func putBasicSelectorsAreStoredWithDefaultsFilledIn() throws {
    let configuration = try EventSelectorConfiguration(
      validating: PutEventSelectorsRequest(
        trailName: "t", eventSelectors: [EventSelector(readWriteType: .writeOnly)]))
    #expect(
      configuration
        == .basic([
          EventSelector(
            readWriteType: .writeOnly, includeManagementEvents: true, dataResources: [],
            excludeManagementEventSources: [])
        ]))
  }

  @Test func hasCustomEventSelectors() {
    #expect(!EventSelectorConfiguration.newTrail.hasCustomEventSelectors)
    // The default spelt with members left out is still the default.
    #expect(!EventSelectorConfiguration.basic([EventSelector()]).hasCustomEventSelectors)
    #expect(!EventSelectorConfiguration.basic([EventSelector(readWriteType: .all)]).hasCustomEventSelectors)
    #expect(
      EventSelectorConfiguration.basic([EventSelector(readWriteType: .readOnly)]).hasCustomEventSelectors)
    #expect(
      EventSelectorConfiguration.basic([EventSelector(excludeManagementEventSources: ["kms.amazonaws.com"])])
        .hasCustomEventSelectors)
    #expect(EventSelectorConfiguration.basic([.newTrailDefault, .newTrailDefault]).hasCustomEventSelectors)
    #expect(
      EventSelectorConfiguration.advanced([
        AdvancedEventSelector(fieldSelectors: [
          AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])
        ])
      ]).hasCustomEventSelectors)
  }
}
