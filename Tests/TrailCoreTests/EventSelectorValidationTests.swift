import Foundation
import Testing

@testable import TrailCore

/// Spec §4's selector rules: each refused request with its exception name and full message, pinned once.
@Suite("Event selector validation")
struct EventSelectorValidationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var request: PutEventSelectorsRequest
    var error: ServiceError
    var testDescription: String { name }
  }

  static func basic(_ selectors: EventSelector...) -> PutEventSelectorsRequest {
    PutEventSelectorsRequest(trailName: "t", eventSelectors: selectors)
  }
  static func advanced(_ selectors: AdvancedEventSelector...) -> PutEventSelectorsRequest {
    PutEventSelectorsRequest(trailName: "t", advancedEventSelectors: selectors)
  }
  static func selector(_ fields: AdvancedFieldSelector...) -> AdvancedEventSelector {
    AdvancedEventSelector(fieldSelectors: fields)
  }
  static func s3(_ values: [String]) -> EventSelector {
    EventSelector(dataResources: [DataResource(type: "AWS::S3::Object", values: values)])
  }
  static let management = AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])
  static let data = AdvancedFieldSelector(field: "eventCategory", equals: ["Data"])
  static let s3Objects = AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::Object"])
  static let long = String(repeating: "a", count: 2049)

  static let cases: [Case] = [
    Case(
      name: "both kinds",
      request: PutEventSelectorsRequest(
        trailName: "t", eventSelectors: [EventSelector()],
        advancedEventSelectors: [selector(management)]),
      error: .invalidEventSelectors(
        "EventSelectors and AdvancedEventSelectors cannot both be specified; use one or the other.")),
    Case(
      name: "neither kind", request: PutEventSelectorsRequest(trailName: "t"),
      error: .invalidEventSelectors("Either EventSelectors or AdvancedEventSelectors must be specified.")),

    // Basic.
    Case(
      name: "no basic selectors", request: basic(),
      error: .invalidEventSelectors("A trail can have 1 to 5 event selectors; got 0.")),
    Case(
      name: "six basic selectors",
      request: PutEventSelectorsRequest(
        trailName: "t", eventSelectors: Array(repeating: EventSelector(), count: 6)),
      error: .invalidEventSelectors("A trail can have 1 to 5 event selectors; got 6.")),
    Case(
      name: "ReadWriteType read-only (the model's example)",
      request: basic(EventSelector(), EventSelector(readWriteType: ReadWriteType(rawValue: "read-only"))),
      error: .invalidEventSelectors(
        "EventSelectors[1].ReadWriteType 'read-only' is invalid; valid values are ReadOnly, WriteOnly, All.")),
    Case(
      name: "data resource without Type",
      request: basic(EventSelector(dataResources: [DataResource(values: ["arn:aws:s3"])])),
      error: .invalidEventSelectors("EventSelectors[0].DataResources[0].Type is required.")),
    Case(
      name: "advanced-only resource type",
      request: basic(
        EventSelector(dataResources: [DataResource(type: "AWS::S3::AccessPoint", values: ["arn:aws:s3"])])),
      error: .invalidEventSelectors(
        "EventSelectors[0].DataResources[0].Type 'AWS::S3::AccessPoint' is not supported by basic event "
          + "selectors; valid types are AWS::S3::Object, AWS::Lambda::Function, AWS::DynamoDB::Table. Use "
          + "AdvancedEventSelectors for other types.")),
    Case(
      name: "data resource without values", request: basic(s3([])),
      error: .invalidEventSelectors(
        "EventSelectors[0].DataResources[0].Values must contain at least one value.")),
    Case(
      name: "S3 value that is a bucket name, not an ARN",
      request: basic(s3(["arn:aws:s3:::b/", "mybucket"])),
      error: .invalidEventSelectors(
        "EventSelectors[0].DataResources[0].Values[1] 'mybucket' is not a valid AWS::S3::Object ARN or ARN prefix."
      )),
    Case(
      name: "S3 type with a Lambda ARN", request: basic(s3(["arn:aws:lambda"])),
      error: .invalidEventSelectors(
        "EventSelectors[0].DataResources[0].Values[0] 'arn:aws:lambda' is not a valid AWS::S3::Object ARN or ARN prefix."
      )),
    Case(
      name: "Lambda value that is not a function ARN",
      request: basic(
        EventSelector(dataResources: [
          DataResource(
            type: "AWS::Lambda::Function", values: ["arn:aws:lambda:us-east-1:111122223333:layer:x"])
        ])),
      error: .invalidEventSelectors(
        "EventSelectors[0].DataResources[0].Values[0] 'arn:aws:lambda:us-east-1:111122223333:layer:x' is not a "
          + "valid AWS::Lambda::Function ARN or ARN prefix.")),
    Case(
      name: "DynamoDB value that is not a table ARN",
      request: basic(
        EventSelector(dataResources: [
          DataResource(
            type: "AWS::DynamoDB::Table", values: ["arn:aws:dynamodb:us-east-1:111122223333:table/"])
        ])),
      error: .invalidEventSelectors(
        "EventSelectors[0].DataResources[0].Values[0] 'arn:aws:dynamodb:us-east-1:111122223333:table/' is not a "
          + "valid AWS::DynamoDB::Table ARN or ARN prefix.")),
    Case(
      name: "251 data resources over two selectors",
      request: basic(
        s3((0..<200).map { "arn:aws:s3:::b\($0)/" }),
        s3((0..<51).map { "arn:aws:s3:::c\($0)/" } + ["arn:aws:s3"])),
      error: .invalidEventSelectors(
        "A trail can have at most 250 data resources across all event selectors; got 251 (values that select "
          + "every resource of a type are not counted).")),
    Case(
      name: "excluding a source other than KMS and RDS Data API",
      request: basic(
        EventSelector(excludeManagementEventSources: ["kms.amazonaws.com", "ec2.amazonaws.com"])),
      error: .invalidEventSelectors(
        "EventSelectors[0].ExcludeManagementEventSources value 'ec2.amazonaws.com' is invalid; only "
          + "kms.amazonaws.com and rdsdata.amazonaws.com can be excluded.")),

    // Advanced: shape of selectors and field selectors.
    Case(
      name: "no advanced selectors", request: advanced(),
      error: .invalidEventSelectors("AdvancedEventSelectors must contain at least one selector.")),
    Case(
      name: "Name of 1001 characters",
      request: advanced(
        AdvancedEventSelector(name: String(repeating: "n", count: 1001), fieldSelectors: [management])),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].Name is 1001 characters long; it can be at most 1000.")),
    Case(
      name: "no field selectors",
      request: advanced(selector(management), AdvancedEventSelector(fieldSelectors: [])),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[1].FieldSelectors must contain at least one field selector.")),
    Case(
      name: "Field with a space",
      request: advanced(selector(management, AdvancedFieldSelector(field: "event Name", equals: ["x"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1].Field 'event Name' is invalid; it must be 1 to 1000 "
          + "letters, digits, '.', '_' or '|'.")),
    Case(
      name: "empty Field", request: advanced(selector(AdvancedFieldSelector(field: "", equals: ["x"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[0].Field '' is invalid; it must be 1 to 1000 letters, digits, "
          + "'.', '_' or '|'.")),
    Case(
      name: "field selector without operators",
      request: advanced(selector(data, s3Objects, AdvancedFieldSelector(field: "eventName"))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[2] (eventName) must have at least one operator: Equals, "
          + "StartsWith, EndsWith, NotEquals, NotStartsWith or NotEndsWith.")),
    Case(
      name: "empty operator list",
      request: advanced(
        selector(data, s3Objects, AdvancedFieldSelector(field: "eventName", notStartsWith: []))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[2].NotStartsWith must contain at least one value.")),
    Case(
      name: "empty value",
      request: advanced(
        selector(data, s3Objects, AdvancedFieldSelector(field: "eventName", equals: ["Get", ""]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[2].Equals[1] is 0 characters long; values must be 1 to 2048 "
          + "characters.")),
    Case(
      name: "value of 2049 characters",
      request: advanced(
        selector(data, s3Objects, AdvancedFieldSelector(field: "resources.ARN", startsWith: [long]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[2].StartsWith[0] is 2049 characters long; values must be 1 to "
          + "2048 characters.")),
    Case(
      name: "readOnly with NotEquals",
      request: advanced(selector(management, AdvancedFieldSelector(field: "readOnly", notEquals: ["true"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1] (readOnly) uses NotEquals; readOnly supports only Equals."
      )),
    Case(
      name: "eventCategory with StartsWith",
      request: advanced(selector(AdvancedFieldSelector(field: "eventCategory", startsWith: ["Man"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[0] (eventCategory) uses StartsWith; eventCategory supports "
          + "only Equals.")),
    Case(
      name: "resources.type with Equals and NotEquals",
      request: advanced(
        selector(
          data, AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::Object"], notEquals: ["x"]))
      ),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1] (resources.type) uses NotEquals; resources.type supports "
          + "only Equals.")),
    Case(
      name: "readOnly neither true nor false",
      request: advanced(selector(management, AdvancedFieldSelector(field: "readOnly", equals: ["True"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1].Equals value 'True' is invalid for readOnly; use 'true' or "
          + "'false'.")),

    // Advanced: categories and their fields.
    Case(
      name: "no eventCategory",
      request: advanced(selector(AdvancedFieldSelector(field: "eventName", equals: ["x"]))),
      error: .invalidEventSelectors("AdvancedEventSelectors[0] must have an eventCategory field selector.")),
    Case(
      name: "two eventCategory values",
      request: advanced(
        selector(AdvancedFieldSelector(field: "eventCategory", equals: ["Management", "Data"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0] must select exactly one eventCategory value; got 2.")),
    Case(
      name: "two eventCategory field selectors", request: advanced(selector(management, data)),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0] must select exactly one eventCategory value; got 2.")),
    Case(
      name: "Insight category on a trail",
      request: advanced(selector(AdvancedFieldSelector(field: "eventCategory", equals: ["Insight"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[0].Equals value 'Insight' is not a valid eventCategory for a "
          + "trail; valid values are Management, Data, NetworkActivity.")),
    Case(
      name: "eventName on management events of a trail",
      request: advanced(
        selector(management, AdvancedFieldSelector(field: "eventName", equals: ["RunInstances"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1].Field 'eventName' is not supported for Management events "
          + "on a trail; supported fields are eventCategory, eventSource, readOnly.")),
    Case(
      name: "unknown field",
      request: advanced(
        selector(data, s3Objects, AdvancedFieldSelector(field: "awsRegion", equals: ["us-east-1"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[2].Field 'awsRegion' is not supported for Data events on a "
          + "trail; supported fields are eventCategory, resources.type, eventName, eventSource, eventType, "
          + "readOnly, resources.ARN, sessionCredentialFromConsole, userIdentity.arn.")),
    Case(
      name: "errorCode on data events",
      request: advanced(selector(data, s3Objects, AdvancedFieldSelector(field: "errorCode", equals: ["x"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[2].Field 'errorCode' is not supported for Data events on a "
          + "trail; supported fields are eventCategory, resources.type, eventName, eventSource, eventType, "
          + "readOnly, resources.ARN, sessionCredentialFromConsole, userIdentity.arn.")),
    Case(
      name: "Data without resources.type", request: advanced(selector(management), selector(data)),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[1] selects Data events and must have a field selector on resources.type.")),
    Case(
      name: "NetworkActivity without eventSource",
      request: advanced(
        selector(
          AdvancedFieldSelector(field: "eventCategory", equals: ["NetworkActivity"]),
          AdvancedFieldSelector(field: "errorCode", equals: ["VpceAccessDenied"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0] selects NetworkActivity events and must have a field selector on eventSource."
      )),
    Case(
      name: "management eventSource Equals on a trail",
      request: advanced(
        selector(management, AdvancedFieldSelector(field: "eventSource", equals: ["ec2.amazonaws.com"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1] (eventSource) for Management events on a trail can only be "
          + "NotEquals kms.amazonaws.com or rdsdata.amazonaws.com.")),
    Case(
      name: "management eventSource NotEquals another source on a trail",
      request: advanced(
        selector(management, AdvancedFieldSelector(field: "eventSource", notEquals: ["s3.amazonaws.com"]))),
      error: .invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1] (eventSource) for Management events on a trail can only be "
          + "NotEquals kms.amazonaws.com or rdsdata.amazonaws.com.")),
    Case(
      name: "501 values",
      request: advanced(
        selector(
          data, s3Objects,
          AdvancedFieldSelector(field: "resources.ARN", startsWith: (0..<250).map { "arn:aws:s3:::b\($0)/" })),
        selector(
          data, s3Objects, AdvancedFieldSelector(field: "eventName", notEquals: (0..<247).map { "E\($0)" }))),
      error: .invalidEventSelectors(
        "Advanced event selectors can have at most 500 values across all conditions; got 501.")),
  ]

  @Test(arguments: cases)
  func refusedWithItsException(_ c: Case) {
    #expect(throws: c.error) { try EventSelectorValidation.validate(c.request) }
    #expect(throws: c.error) { try EventSelectorConfiguration(validating: c.request) }
  }

  static let validRequests: [PutEventSelectorsRequest] = [
    basic(EventSelector()),
    basic(EventSelector.newTrailDefault),
    basic(
      EventSelector(
        readWriteType: .readOnly, includeManagementEvents: false,
        dataResources: [
          DataResource(
            type: "AWS::S3::Object", values: ["arn:aws:s3:::b/", "arn:aws:s3:::b/prefix", "arn:aws:s3:::"]),
          DataResource(
            type: "AWS::Lambda::Function",
            values: ["arn:aws:lambda", "arn:aws:lambda:us-west-2:111111111111:function:helloworld:prod"]),
          DataResource(
            type: "AWS::DynamoDB::Table",
            values: ["arn:aws-cn:dynamodb", "arn:aws:dynamodb:us-east-1:111122223333:table/Music"]),
        ], excludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"])),
    // 250 counted values plus "all" values, which do not count.
    basic(s3((0..<250).map { "arn:aws:s3:::b\($0)/" } + ["arn:aws:s3"])),
    advanced(selector(management)),
    advanced(
      selector(
        management, AdvancedFieldSelector(field: "readOnly", equals: ["false"]),
        AdvancedFieldSelector(
          field: "eventSource", notEquals: ["kms.amazonaws.com", "rdsdata.amazonaws.com"]))),
    advanced(
      AdvancedEventSelector(name: String(repeating: "n", count: 1000), fieldSelectors: [data, s3Objects]),
      selector(
        data, AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::AccessPoint"]),
        AdvancedFieldSelector(field: "resources.ARN", startsWith: [String(repeating: "a", count: 2048)]),
        AdvancedFieldSelector(field: "userIdentity.arn", notStartsWith: ["arn:aws:sts::1:assumed-role/Bot/"]))
    ),
    advanced(
      selector(
        AdvancedFieldSelector(field: "eventCategory", equals: ["NetworkActivity"]),
        AdvancedFieldSelector(field: "eventSource", equals: ["kms.amazonaws.com"]),
        AdvancedFieldSelector(field: "errorCode", equals: ["VpceAccessDenied"]),
        AdvancedFieldSelector(field: "vpcEndpointId", notEquals: ["vpce-1"]),
        AdvancedFieldSelector(field: "userIdentity.arn", startsWith: ["arn:aws:iam::"]))),
    // Exactly 500 values.
    advanced(
      selector(
        data, s3Objects, AdvancedFieldSelector(field: "eventName", notEquals: (0..<498).map { "E\($0)" }))),
  ]

  @Test(arguments: validRequests)
  func accepted(_ request: PutEventSelectorsRequest) throws {
    try EventSelectorValidation.validate(request)
  }

  @Test func eventDataStoreRules() throws {
    let managementFields = EventSelectorValidationTests.selector(
      Self.management, AdvancedFieldSelector(field: "eventName", equals: ["RunInstances"]),
      AdvancedFieldSelector(field: "eventSource", equals: ["ec2.amazonaws.com"]))
    try EventSelectorValidation.validate(advanced: [managementFields], for: .eventDataStore)
    try EventSelectorValidation.validate(
      advanced: [Self.selector(AdvancedFieldSelector(field: "eventCategory", equals: ["Insight"]))],
      for: .eventDataStore)
    try EventSelectorValidation.validate(advanced: [], for: .eventDataStore)
    #expect(
      throws: ServiceError.invalidEventSelectors(
        "An event data store can have at most 5 advanced event selectors; got 6.")
    ) {
      try EventSelectorValidation.validate(
        advanced: Array(repeating: Self.selector(Self.management), count: 6), for: .eventDataStore)
    }
    #expect(
      throws: ServiceError.invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[1].Field 'userIdentity.arn' is not supported for "
          + "NetworkActivity events on an event data store; supported fields are eventCategory, eventSource, "
          + "eventName, errorCode, vpcEndpointId.")
    ) {
      try EventSelectorValidation.validate(
        advanced: [
          Self.selector(
            AdvancedFieldSelector(field: "eventCategory", equals: ["NetworkActivity"]),
            AdvancedFieldSelector(field: "userIdentity.arn", equals: ["x"]),
            AdvancedFieldSelector(field: "eventSource", equals: ["ec2.amazonaws.com"]))
        ], for: .eventDataStore)
    }
    #expect(
      throws: ServiceError.invalidEventSelectors(
        "AdvancedEventSelectors[0].FieldSelectors[0].Equals value 'Other' is not a valid eventCategory for an "
          + "event data store; valid values are Management, Data, NetworkActivity, Insight, ConfigurationItem, "
          + "Evidence, ActivityAuditLog.")
    ) {
      try EventSelectorValidation.validate(
        advanced: [Self.selector(AdvancedFieldSelector(field: "eventCategory", equals: ["Other"]))],
        for: .eventDataStore)
    }
  }
}
