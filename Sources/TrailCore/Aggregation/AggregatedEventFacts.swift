import Foundation

/// What the aggregation templates read off one data event.
///
/// Which value stands for the event where the record offers several or none (TrailDeck's choices; the
/// record reference names the dimensions, not how they are read):
/// - `resourceARN`: the `resources` entry of type `AWS::S3::Bucket` when there is one — an S3 object
///   event lists the object and its bucket, and the user guide's examples count buckets
///   (`arn:aws:s3:::bucket-1`) — else the first entry's `ARN`; none when `resources` is empty.
/// - `userIdentity`: `userIdentity.arn`, else `invokedBy` (an AWS service acting), else `principalId`.
/// - `errorCodes`: the event's `errorCode`; a successful event adds nothing to that dimension.
struct AggregatedEventFacts: Equatable, Sendable {
  var account: String
  var region: String
  var eventSource: String
  var eventName: String
  var resourceARN: String?
  var userIdentity: String?
  var userAgent: String?
  var sourceIPAddress: String?
  var errorCode: String?

  /// The facts of `record`; nil when it lacks the account, region, source or name every record has.
  init?(record: JSONValue) {
    guard let account = (record["recipientAccountId"] ?? record["userIdentity"]?["accountId"])?.stringValue,
      let region = record["awsRegion"]?.stringValue, let source = record["eventSource"]?.stringValue,
      let name = record["eventName"]?.stringValue
    else { return nil }
    self.account = account
    self.region = region
    eventSource = source
    eventName = name
    var bucket: String?
    var first: String?
    if case .array(let resources)? = record["resources"] {
      for resource in resources {
        guard let arn = resource["ARN"]?.stringValue else { continue }
        if first == nil { first = arn }
        if bucket == nil, resource["type"]?.stringValue == "AWS::S3::Bucket" { bucket = arn }
      }
    }
    resourceARN = bucket ?? first
    let identity = record["userIdentity"]
    userIdentity =
      identity?["arn"]?.stringValue ?? identity?["invokedBy"]?.stringValue
      ?? identity?["principalId"]?.stringValue
    userAgent = record["userAgent"]?.stringValue
    sourceIPAddress = record["sourceIPAddress"]?.stringValue
    errorCode = record["errorCode"]?.stringValue
  }

  /// The value of `dimension` (the record reference's dimension names) for this event.
  func value(of dimension: AggregationDimension) -> String? {
    switch dimension {
    case .eventName: eventName
    case .resourceARN: resourceARN
    case .userIdentity: userIdentity
    case .userAgent: userAgent
    case .sourceIpAddress: sourceIPAddress
    case .errorCodes: errorCode
    }
  }
}

/// A dimension of an aggregated event's `summary`, spelt as the record reference spells it.
enum AggregationDimension: String, Sendable {
  case eventName, resourceARN, userIdentity, userAgent, sourceIpAddress, errorCodes
}

extension AggregationTemplate {
  /// `summary.primaryDimension.dimension`: what one record of the template is about (the record
  /// reference: `eventName` for API_ACTIVITY, `resourceARN` for RESOURCE_ACCESS, `userIdentity` for
  /// USER_ACTIONS).
  var primaryDimension: AggregationDimension {
    switch self {
    case .apiActivity: .eventName
    case .resourceAccess: .resourceARN
    case .userActions: .userIdentity
    }
  }

  /// `summary.details`, in order. The reference names the breakdowns (`userAgent`, `sourceIpAddress`,
  /// `errorCodes`) beside the primary dimensions; the examples show `resourceARN` under API_ACTIVITY
  /// and `eventName` under RESOURCE_ACCESS, and AWS's announcement reads API_ACTIVITY's details 0, 1
  /// and 3 as resource, userIdentity and sourceIpAddress. TrailDeck gives each template the two other
  /// primary dimensions, then userAgent, sourceIpAddress and errorCodes.
  var detailDimensions: [AggregationDimension] {
    switch self {
    case .apiActivity: [.resourceARN, .userIdentity, .userAgent, .sourceIpAddress, .errorCodes]
    case .resourceAccess: [.eventName, .userIdentity, .userAgent, .sourceIpAddress, .errorCodes]
    case .userActions: [.eventName, .resourceARN, .userAgent, .sourceIpAddress, .errorCodes]
    }
  }
}
