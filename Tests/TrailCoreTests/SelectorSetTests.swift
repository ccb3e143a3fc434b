import Foundation
import Testing

@testable import TrailCore

/// Spec §4's matching rules as one table: selectors, an event (read from record JSON, as trails and event
/// data stores will read it), and whether the event is selected.
@Suite("Selector set")
struct SelectorSetTests {
  struct Row: CustomTestStringConvertible, Sendable {
    var name: String
    var selectors: EventSelectorConfiguration
    var event: String
    var selected: Bool
    var testDescription: String { name }
  }

  // Events, as record JSON.
  static let ids =
    #""eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice"}"#
  static func management(_ source: String, _ name: String, readOnly: Bool) -> String {
    #"{\#(ids),"eventSource":"\#(source)","eventName":"\#(name)","readOnly":\#(readOnly),"#
      + #""eventType":"AwsApiCall","managementEvent":true,"eventCategory":"Management"}"#
  }
  static func s3(_ name: String, _ key: String, bucket: String = "b", readOnly: Bool) -> String {
    #"{\#(ids),"eventSource":"s3.amazonaws.com","eventName":"\#(name)","readOnly":\#(readOnly),"#
      + #""resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::\#(bucket)/\#(key)"},"#
      + #"{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::\#(bucket)"}],"#
      + #""eventType":"AwsApiCall","managementEvent":false,"eventCategory":"Data"}"#
  }
  static func data(_ source: String, _ name: String, _ type: String, _ arn: String, readOnly: Bool) -> String
  {
    #"{\#(ids),"eventSource":"\#(source)","eventName":"\#(name)","readOnly":\#(readOnly),"#
      + #""resources":[{"accountId":"111122223333","type":"\#(type)","ARN":"\#(arn)"}],"#
      + #""eventType":"AwsApiCall","managementEvent":false,"eventCategory":"Data"}"#
  }
  static let describe = management("ec2.amazonaws.com", "DescribeInstances", readOnly: true)
  static let runInstances = management("ec2.amazonaws.com", "RunInstances", readOnly: false)
  static let kmsDecrypt = management("kms.amazonaws.com", "Decrypt", readOnly: true)
  static let rdsData = management("rdsdata.amazonaws.com", "ExecuteStatement", readOnly: false)
  /// eventVersion 1.05: no `eventCategory`, no `managementEvent`: a management event.
  static let oldManagement =
    #"{"eventVersion":"1.05","eventSource":"iam.amazonaws.com","eventName":"CreateUser","readOnly":false}"#
  /// eventVersion 1.06: no `eventCategory`, `managementEvent: false`: a data event.
  static let oldData =
    #"{"eventVersion":"1.06","eventSource":"s3.amazonaws.com","eventName":"GetObject","readOnly":true,"#
    + #""managementEvent":false,"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/old.txt"}]}"#
  static let noReadOnly =
    #"{"eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","eventType":"AwsConsoleSignIn","#
    + #""managementEvent":true,"eventCategory":"Management"}"#
  static let getCat = s3("GetObject", "images/cat.png", readOnly: true)
  static let putDoc = s3("PutObject", "docs/a.txt", readOnly: false)
  static let deleteDoc = s3("DeleteObject", "docs/a.txt", readOnly: false)
  static let getOtherBucket = s3("GetObject", "images/cat.png", bucket: "c", readOnly: true)
  static let getSimilarBucket = s3("GetObject", "x", bucket: "bb", readOnly: true)
  static let helloworld = "arn:aws:lambda:us-west-2:111111111111:function:helloworld"
  static let invoke = data(
    "lambda.amazonaws.com", "Invoke", "AWS::Lambda::Function", helloworld, readOnly: false)
  static let invoke2 = data(
    "lambda.amazonaws.com", "Invoke", "AWS::Lambda::Function", helloworld + "2", readOnly: false)
  static let music = "arn:aws:dynamodb:us-east-1:111122223333:table/Music"
  static let getItem = data(
    "dynamodb.amazonaws.com", "GetItem", "AWS::DynamoDB::Table", music, readOnly: true)
  static let getItemOther = data(
    "dynamodb.amazonaws.com", "GetItem", "AWS::DynamoDB::Table", music + "2", readOnly: true)
  static let network =
    #"{\#(ids),"eventSource":"ec2.amazonaws.com","eventName":"DescribeVpcs","readOnly":true,"#
    + #""errorCode":"VpceAccessDenied","vpcEndpointId":"vpce-0abc","eventType":"AwsVpceEvent","#
    + #""managementEvent":false,"eventCategory":"NetworkActivity"}"#
  static let insight =
    #"{"eventVersion":"1.07","eventSource":"ec2.amazonaws.com","eventName":"RunInstances","#
    + #""eventType":"AwsCloudTrailInsight","eventCategory":"Insight","insightDetails":{"state":"Start"}}"#
  /// An Insights record without `eventCategory`: still an Insight, from `eventType`.
  static let oldInsight = #"{"eventType":"AwsCloudTrailInsight","eventName":"RunInstances"}"#
  static let consoleGet =
    #"{"userIdentity":{"arn":"arn:aws:sts::111122223333:assumed-role/Admin/bob"},"eventSource":"s3.amazonaws.com","#
    + #""eventName":"GetObject","readOnly":true,"sessionCredentialFromConsole":"true","#
    + #""resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::b/k"}],"eventCategory":"Data"}"#

  // Selectors.
  static func basic(
    _ readWrite: ReadWriteType? = nil, management: Bool? = nil, data resources: [DataResource]? = nil,
    exclude: [String]? = nil
  ) -> EventSelector {
    EventSelector(
      readWriteType: readWrite, includeManagementEvents: management, dataResources: resources,
      excludeManagementEventSources: exclude)
  }
  static func resource(_ type: String, _ values: String...) -> DataResource {
    DataResource(type: type, values: values)
  }
  static func field(
    _ field: String, equals: [String]? = nil, startsWith: [String]? = nil, endsWith: [String]? = nil,
    notEquals: [String]? = nil, notStartsWith: [String]? = nil, notEndsWith: [String]? = nil
  ) -> AdvancedFieldSelector {
    AdvancedFieldSelector(
      field: field, equals: equals, startsWith: startsWith, endsWith: endsWith, notEquals: notEquals,
      notStartsWith: notStartsWith, notEndsWith: notEndsWith)
  }
  static func advanced(_ fields: AdvancedFieldSelector...) -> EventSelectorConfiguration {
    .advanced([AdvancedEventSelector(fieldSelectors: fields)])
  }
  static func category(_ value: String) -> AdvancedFieldSelector { field("eventCategory", equals: [value]) }
  static let s3Objects = field("resources.type", equals: ["AWS::S3::Object"])

  static let rows: [Row] = [
    // Basic: the default and management events.
    Row(name: "default: read management", selectors: .newTrail, event: describe, selected: true),
    Row(name: "default: write management", selectors: .newTrail, event: runInstances, selected: true),
    Row(name: "default: KMS is logged", selectors: .newTrail, event: kmsDecrypt, selected: true),
    Row(
      name: "default: record without eventCategory", selectors: .newTrail, event: oldManagement,
      selected: true),
    Row(name: "default: no data events", selectors: .newTrail, event: getCat, selected: false),
    Row(name: "default: no network activity", selectors: .newTrail, event: network, selected: false),
    Row(name: "default: no Insights events", selectors: .newTrail, event: insight, selected: false),
    Row(name: "default: no old Insights events", selectors: .newTrail, event: oldInsight, selected: false),
    Row(
      name: "absent members mean All and true", selectors: .basic([basic()]), event: runInstances,
      selected: true),
    Row(name: "ReadOnly takes reads", selectors: .basic([basic(.readOnly)]), event: describe, selected: true),
    Row(
      name: "ReadOnly drops writes", selectors: .basic([basic(.readOnly)]), event: runInstances,
      selected: false),
    Row(
      name: "WriteOnly takes writes", selectors: .basic([basic(.writeOnly)]), event: runInstances,
      selected: true),
    Row(
      name: "WriteOnly drops reads", selectors: .basic([basic(.writeOnly)]), event: describe, selected: false),
    Row(
      name: "no readOnly: All takes it", selectors: .basic([basic(.all)]), event: noReadOnly, selected: true),
    Row(
      name: "no readOnly: ReadOnly drops it", selectors: .basic([basic(.readOnly)]), event: noReadOnly,
      selected: false),
    Row(
      name: "no readOnly: WriteOnly drops it", selectors: .basic([basic(.writeOnly)]), event: noReadOnly,
      selected: false),
    Row(
      name: "IncludeManagementEvents false", selectors: .basic([basic(management: false)]), event: describe,
      selected: false),
    Row(
      name: "excluded KMS", selectors: .basic([basic(exclude: ["kms.amazonaws.com"])]), event: kmsDecrypt,
      selected: false),
    Row(
      name: "KMS excluded, EC2 kept", selectors: .basic([basic(exclude: ["kms.amazonaws.com"])]),
      event: describe, selected: true),
    Row(
      name: "excluded RDS Data API", selectors: .basic([basic(exclude: ["rdsdata.amazonaws.com"])]),
      event: rdsData, selected: false),
    Row(
      name: "[] excludes nothing", selectors: .basic([basic(exclude: [])]), event: kmsDecrypt, selected: true),

    // Basic: data events.
    Row(
      name: "S3: arn:aws:s3 is every object",
      selectors: .basic([basic(management: false, data: [resource("AWS::S3::Object", "arn:aws:s3")])]),
      event: getOtherBucket, selected: true),
    Row(
      name: "S3: another partition's 'all' does not cover aws",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws-cn:s3")])]), event: getCat,
      selected: false),
    Row(
      name: "S3: bucket/ covers the bucket's objects",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")])]), event: putDoc,
      selected: true),
    Row(
      name: "S3: bucket/ does not cover another bucket",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")])]),
      event: getOtherBucket,
      selected: false),
    Row(
      name: "S3: bucket/ does not cover a bucket whose name extends it",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")])]),
      event: getSimilarBucket,
      selected: false),
    Row(
      name: "S3: key prefix matches",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::b/images")])]),
      event: getCat, selected: true),
    Row(
      name: "S3: key prefix does not match another key",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::b/images")])]), event: putDoc,
      selected: false),
    Row(
      name: "S3: second value of a resource",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::x/", "arn:aws:s3:::c/")])]),
      event: getOtherBucket, selected: true),
    Row(
      name: "S3: ReadWriteType applies to data events",
      selectors: .basic([basic(.readOnly, data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")])]),
      event: putDoc,
      selected: false),
    Row(
      name: "S3: record without eventCategory (managementEvent false)",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")])]), event: oldData,
      selected: true),
    Row(
      name: "S3 resource does not select a Lambda event",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3")])]), event: invoke,
      selected: false),
    Row(
      name: "Lambda: arn:aws:lambda is every function",
      selectors: .basic([basic(data: [resource("AWS::Lambda::Function", "arn:aws:lambda")])]), event: invoke2,
      selected: true),
    Row(
      name: "Lambda: function ARN matches exactly",
      selectors: .basic([basic(data: [resource("AWS::Lambda::Function", helloworld)])]), event: invoke,
      selected: true),
    Row(
      name: "Lambda: function ARN is not a prefix",
      selectors: .basic([basic(data: [resource("AWS::Lambda::Function", helloworld)])]), event: invoke2,
      selected: false),
    Row(
      name: "DynamoDB: arn:aws:dynamodb is every table",
      selectors: .basic([basic(data: [resource("AWS::DynamoDB::Table", "arn:aws:dynamodb")])]),
      event: getItemOther,
      selected: true),
    Row(
      name: "DynamoDB: table ARN matches",
      selectors: .basic([basic(data: [resource("AWS::DynamoDB::Table", music)])]),
      event: getItem, selected: true),
    Row(
      name: "DynamoDB: another table",
      selectors: .basic([basic(data: [resource("AWS::DynamoDB::Table", music)])]),
      event: getItemOther, selected: false),
    Row(
      name: "data selector without management events drops management",
      selectors: .basic([basic(management: false, data: [resource("AWS::S3::Object", "arn:aws:s3")])]),
      event: describe, selected: false),
    Row(
      name: "exclusions do not touch data events",
      selectors: .basic([
        basic(data: [resource("AWS::S3::Object", "arn:aws:s3")], exclude: ["kms.amazonaws.com"])
      ]),
      event: getCat, selected: true),
    Row(
      name: "selectors are OR'ed (first)",
      selectors: .basic([
        basic(.readOnly), basic(management: false, data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")]),
      ]), event: describe, selected: true),
    Row(
      name: "selectors are OR'ed (second)",
      selectors: .basic([
        basic(.readOnly), basic(management: false, data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")]),
      ]), event: putDoc, selected: true),
    Row(
      name: "selectors are OR'ed (neither)",
      selectors: .basic([
        basic(.readOnly), basic(management: false, data: [resource("AWS::S3::Object", "arn:aws:s3:::b/")]),
      ]), event: runInstances, selected: false),
    Row(
      name: "basic never selects network activity",
      selectors: .basic([basic(data: [resource("AWS::S3::Object", "arn:aws:s3")])]), event: network,
      selected: false),
    Row(name: "no selectors select nothing", selectors: .basic([]), event: describe, selected: false),

    // Advanced: categories.
    Row(
      name: "Management selector", selectors: advanced(category("Management")), event: runInstances,
      selected: true),
    Row(
      name: "Management selector, old record", selectors: advanced(category("Management")),
      event: oldManagement, selected: true),
    Row(
      name: "Management selector drops data", selectors: advanced(category("Management")), event: getCat,
      selected: false),
    Row(
      name: "Management selector drops network", selectors: advanced(category("Management")), event: network,
      selected: false),
    Row(
      name: "Management selector drops Insights", selectors: advanced(category("Management")), event: insight,
      selected: false),
    Row(
      name: "Insight selector (event data stores)", selectors: advanced(category("Insight")),
      event: oldInsight, selected: true),
    Row(
      name: "eventSource NotEquals kms drops KMS",
      selectors: advanced(category("Management"), field("eventSource", notEquals: ["kms.amazonaws.com"])),
      event: kmsDecrypt, selected: false),
    Row(
      name: "eventSource NotEquals kms keeps EC2",
      selectors: advanced(category("Management"), field("eventSource", notEquals: ["kms.amazonaws.com"])),
      event: describe, selected: true),
    Row(
      name: "readOnly Equals true (as text) takes reads",
      selectors: advanced(category("Management"), field("readOnly", equals: ["true"])), event: describe,
      selected: true),
    Row(
      name: "readOnly Equals true drops writes",
      selectors: advanced(category("Management"), field("readOnly", equals: ["true"])), event: runInstances,
      selected: false),
    Row(
      name: "readOnly Equals false, event without readOnly",
      selectors: advanced(category("Management"), field("readOnly", equals: ["false"])), event: noReadOnly,
      selected: false),

    // Advanced: data events and operators.
    Row(
      name: "Data + resources.type", selectors: advanced(category("Data"), s3Objects), event: getCat,
      selected: true),
    Row(
      name: "resources.type of another type",
      selectors: advanced(category("Data"), s3Objects), event: getItem, selected: false),
    Row(
      name: "resources.ARN StartsWith bucket/",
      selectors: advanced(
        category("Data"), s3Objects, field("resources.ARN", startsWith: ["arn:aws:s3:::b/"])),
      event: putDoc, selected: true),
    Row(
      name: "resources.ARN StartsWith: values OR'ed",
      selectors: advanced(
        category("Data"), s3Objects,
        field("resources.ARN", startsWith: ["arn:aws:s3:::x/", "arn:aws:s3:::c/"])),
      event: getOtherBucket, selected: true),
    Row(
      name: "resources.ARN StartsWith another bucket",
      selectors: advanced(
        category("Data"), s3Objects, field("resources.ARN", startsWith: ["arn:aws:s3:::b/"])),
      event: getOtherBucket, selected: false),
    Row(
      name: "resources.ARN NotStartsWith drops the bucket (its bucket entry is not an S3 object)",
      selectors: advanced(
        category("Data"), s3Objects, field("resources.ARN", notStartsWith: ["arn:aws:s3:::b/"])),
      event: getCat, selected: false),
    Row(
      name: "resources.ARN NotStartsWith keeps other buckets",
      selectors: advanced(
        category("Data"), s3Objects, field("resources.ARN", notStartsWith: ["arn:aws:s3:::b/"])),
      event: getOtherBucket, selected: true),
    Row(
      name: "resources.ARN without resources.type: any resource",
      selectors: advanced(category("Data"), field("resources.ARN", equals: ["arn:aws:s3:::b"])),
      event: getCat,
      selected: true),
    Row(
      name: "resources.ARN Equals exact",
      selectors: advanced(category("Data"), field("resources.ARN", equals: [music])), event: getItem,
      selected: true),
    Row(
      name: "resources.ARN EndsWith",
      selectors: advanced(category("Data"), s3Objects, field("resources.ARN", endsWith: [".png"])),
      event: getCat,
      selected: true),
    Row(
      name: "operators AND'ed: StartsWith and NotEndsWith (excluded)",
      selectors: advanced(
        category("Data"), s3Objects,
        field("resources.ARN", startsWith: ["arn:aws:s3:::b/"], notEndsWith: [".png"])),
      event: getCat, selected: false),
    Row(
      name: "operators AND'ed: StartsWith and NotEndsWith (kept)",
      selectors: advanced(
        category("Data"), s3Objects,
        field("resources.ARN", startsWith: ["arn:aws:s3:::b/"], notEndsWith: [".png"])),
      event: putDoc, selected: true),
    Row(
      name: "eventName Equals: values OR'ed",
      selectors: advanced(
        category("Data"), s3Objects, field("eventName", equals: ["PutObject", "DeleteObject"])),
      event: deleteDoc, selected: true),
    Row(
      name: "eventName Equals: neither value",
      selectors: advanced(
        category("Data"), s3Objects, field("eventName", equals: ["PutObject", "DeleteObject"])),
      event: getCat, selected: false),
    Row(
      name: "eventName NotEquals: each value excluded (first)",
      selectors: advanced(
        category("Data"), s3Objects, field("eventName", notEquals: ["GetObject", "PutObject"])),
      event: getCat, selected: false),
    Row(
      name: "eventName NotEquals: each value excluded (second)",
      selectors: advanced(
        category("Data"), s3Objects, field("eventName", notEquals: ["GetObject", "PutObject"])),
      event: putDoc, selected: false),
    Row(
      name: "eventName NotEquals: others kept",
      selectors: advanced(
        category("Data"), s3Objects, field("eventName", notEquals: ["GetObject", "PutObject"])),
      event: deleteDoc, selected: true),
    Row(
      name: "eventName StartsWith",
      selectors: advanced(category("Data"), s3Objects, field("eventName", startsWith: ["Get"])),
      event: getCat, selected: true),
    Row(
      name: "eventName NotStartsWith",
      selectors: advanced(category("Data"), s3Objects, field("eventName", notStartsWith: ["Get"])),
      event: getCat,
      selected: false),
    Row(
      name: "field selectors AND'ed: one fails",
      selectors: advanced(
        category("Data"), field("resources.type", equals: ["AWS::Lambda::Function"]),
        field("eventName", equals: ["Invoke"])),
      event: getCat, selected: false),
    Row(
      name: "field selectors AND'ed: all pass",
      selectors: advanced(
        category("Data"), field("resources.type", equals: ["AWS::Lambda::Function"]),
        field("eventName", equals: ["Invoke"])),
      event: invoke, selected: true),
    Row(
      name: "userIdentity.arn StartsWith",
      selectors: advanced(
        category("Data"), s3Objects,
        field("userIdentity.arn", startsWith: ["arn:aws:iam::111122223333:user/"])),
      event: getCat, selected: true),
    Row(
      name: "sessionCredentialFromConsole Equals true",
      selectors: advanced(
        category("Data"), s3Objects, field("sessionCredentialFromConsole", equals: ["true"])),
      event: consoleGet, selected: true),
    Row(
      name: "sessionCredentialFromConsole absent: Equals fails",
      selectors: advanced(
        category("Data"), s3Objects, field("sessionCredentialFromConsole", equals: ["true"])),
      event: getCat, selected: false),
    Row(
      name: "sessionCredentialFromConsole absent: NotEquals passes",
      selectors: advanced(
        category("Data"), s3Objects, field("sessionCredentialFromConsole", notEquals: ["true"])),
      event: getCat, selected: true),
    Row(
      name: "eventType Equals",
      selectors: advanced(category("Data"), s3Objects, field("eventType", equals: ["AwsApiCall"])),
      event: getCat,
      selected: true),

    // Advanced: network activity.
    Row(
      name: "NetworkActivity by eventSource",
      selectors: advanced(category("NetworkActivity"), field("eventSource", equals: ["ec2.amazonaws.com"])),
      event: network, selected: true),
    Row(
      name: "NetworkActivity selector drops management events of the source",
      selectors: advanced(category("NetworkActivity"), field("eventSource", equals: ["ec2.amazonaws.com"])),
      event: describe, selected: false),
    Row(
      name: "NetworkActivity errorCode and vpcEndpointId",
      selectors: advanced(
        category("NetworkActivity"), field("eventSource", equals: ["ec2.amazonaws.com"]),
        field("errorCode", equals: ["VpceAccessDenied"]), field("vpcEndpointId", startsWith: ["vpce-"])),
      event: network, selected: true),
    Row(
      name: "NetworkActivity another vpcEndpointId",
      selectors: advanced(
        category("NetworkActivity"), field("eventSource", equals: ["ec2.amazonaws.com"]),
        field("vpcEndpointId", equals: ["vpce-other"])),
      event: network, selected: false),

    // Advanced: several selectors.
    Row(
      name: "advanced selectors are OR'ed",
      selectors: .advanced([
        AdvancedEventSelector(name: "Management events selector", fieldSelectors: [category("Management")]),
        AdvancedEventSelector(fieldSelectors: [category("Data"), s3Objects]),
      ]), event: putDoc, selected: true),
    Row(
      name: "no advanced selectors select nothing", selectors: .advanced([]), event: describe, selected: false
    ),
  ]

  @Test(arguments: rows)
  func selects(_ row: Row) throws {
    let event = try SelectableEvent(recordJSON: Array(row.event.utf8))
    #expect(SelectorSet(row.selectors).matches(event) == row.selected)
  }

  @Test func readsEveryFieldFromARecord() throws {
    let event = try SelectableEvent(recordJSON: Array(Self.consoleGet.utf8))
    #expect(
      event
        == SelectableEvent(
          eventCategory: "Data", readOnly: true, eventSource: "s3.amazonaws.com", eventName: "GetObject",
          resources: [.init(type: "AWS::S3::Object", arn: "arn:aws:s3:::b/k")],
          userIdentityARN: "arn:aws:sts::111122223333:assumed-role/Admin/bob",
          sessionCredentialFromConsole: "true"))
    let net = try SelectableEvent(recordJSON: Array(Self.network.utf8))
    #expect(net.values(of: "errorCode") == ["VpceAccessDenied"])
    #expect(net.values(of: "vpcEndpointId") == ["vpce-0abc"])
    #expect(net.values(of: "readOnly") == ["true"])
    #expect(net.values(of: "managementEvent") == [])
    let s3 = try SelectableEvent(recordJSON: Array(Self.getCat.utf8))
    #expect(s3.values(of: "resources.type") == ["AWS::S3::Object", "AWS::S3::Bucket"])
    #expect(s3.managementEvent == false)
  }

  @Test func categoryOfRecordsWithoutOne() throws {
    #expect(try SelectableEvent(recordJSON: Array(Self.oldManagement.utf8)).eventCategory == "Management")
    #expect(try SelectableEvent(recordJSON: Array(Self.oldData.utf8)).eventCategory == "Data")
    #expect(try SelectableEvent(recordJSON: Array(Self.oldInsight.utf8)).eventCategory == "Insight")
  }

  @Test func malformedJSONThrows() {
    #expect(throws: JSONValue.ParseError.self) { try SelectableEvent(recordJSON: Array("{".utf8)) }
  }
}
