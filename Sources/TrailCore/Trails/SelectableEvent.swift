import Foundation

/// The fields of one CloudTrail record that event selectors read (spec §4.1, §4.2), and nothing else, so
/// that trails and event data stores evaluate selectors against the same small value.
public struct SelectableEvent: Equatable, Sendable {
  /// One entry of the record's `resources` array.
  public struct Resource: Equatable, Sendable {
    /// `type`, e.g. `AWS::S3::Object`; records may omit it.
    public var type: String?
    /// `ARN`.
    public var arn: String?

    /// A resource with the given fields.
    public init(type: String?, arn: String?) {
      self.type = type
      self.arn = arn
    }
  }

  /// `eventCategory` as the record spells it (`Management`, `Data`, `NetworkActivity`, `Insight`, …).
  /// Records older than eventVersion 1.07 have none; see ``init(record:)`` for what they count as.
  public var eventCategory: String
  /// `managementEvent`, when present.
  public var managementEvent: Bool?
  /// `readOnly`, when present.
  public var readOnly: Bool?
  /// `eventSource`, e.g. `s3.amazonaws.com`.
  public var eventSource: String?
  /// `eventName`.
  public var eventName: String?
  /// `eventType`, e.g. `AwsApiCall`.
  public var eventType: String?
  /// `errorCode`, when the call failed.
  public var errorCode: String?
  /// `resources`, in record order; empty when the record has none.
  public var resources: [Resource]
  /// `userIdentity.arn`.
  public var userIdentityARN: String?
  /// `sessionCredentialFromConsole` as text (records carry the string `"true"`; a JSON boolean is read
  /// as `"true"`/`"false"` too).
  public var sessionCredentialFromConsole: String?
  /// `vpcEndpointId`.
  public var vpcEndpointId: String?

  /// An event with the given fields; `eventCategory` is required because every selector reads it.
  public init(
    eventCategory: String, managementEvent: Bool? = nil, readOnly: Bool? = nil, eventSource: String? = nil,
    eventName: String? = nil, eventType: String? = nil, errorCode: String? = nil, resources: [Resource] = [],
    userIdentityARN: String? = nil, sessionCredentialFromConsole: String? = nil, vpcEndpointId: String? = nil
  ) {
    self.eventCategory = eventCategory
    self.managementEvent = managementEvent
    self.readOnly = readOnly
    self.eventSource = eventSource
    self.eventName = eventName
    self.eventType = eventType
    self.errorCode = errorCode
    self.resources = resources
    self.userIdentityARN = userIdentityARN
    self.sessionCredentialFromConsole = sessionCredentialFromConsole
    self.vpcEndpointId = vpcEndpointId
  }

  /// Reads the fields from one CloudTrail event object (the JSON of one record, not a log file's
  /// `{"Records": …}` envelope). Fields of the wrong JSON type count as absent.
  ///
  /// Without `eventCategory` (records before eventVersion 1.07) the category is inferred as
  /// ``EventCategory`` infers it on ingest: `Insight` when `eventType` is `AwsCloudTrailInsight`, `Data`
  /// when `managementEvent` is `false`, otherwise `Management`.
  public init(record: JSONValue) {
    func text(_ value: JSONValue?) -> String? {
      switch value {
      case .string(let s)?: s
      case .bool(let b)?: b ? "true" : "false"
      default: nil
      }
    }
    func flag(_ value: JSONValue?) -> Bool? {
      switch value {
      case .bool(let b)?: b
      // Tolerated because some producers (and `sessionCredentialFromConsole`) write booleans as text.
      case .string("true")?: true
      case .string("false")?: false
      default: nil
      }
    }
    let eventType = text(record["eventType"])
    let managementEvent = flag(record["managementEvent"])
    let category =
      text(record["eventCategory"])
      ?? (eventType == "AwsCloudTrailInsight"
        ? "Insight" : managementEvent == false ? "Data" : "Management")
    var resources: [Resource] = []
    if case .array(let items)? = record["resources"] {
      resources = items.map { Resource(type: text($0["type"]), arn: text($0["ARN"])) }
    }
    self.init(
      eventCategory: category, managementEvent: managementEvent, readOnly: flag(record["readOnly"]),
      eventSource: text(record["eventSource"]), eventName: text(record["eventName"]), eventType: eventType,
      errorCode: text(record["errorCode"]), resources: resources,
      userIdentityARN: text(record["userIdentity"]?["arn"]),
      sessionCredentialFromConsole: text(record["sessionCredentialFromConsole"]),
      vpcEndpointId: text(record["vpcEndpointId"]))
  }

  /// Parses one CloudTrail event object's JSON bytes; see ``init(record:)``.
  public init(recordJSON bytes: some Collection<UInt8>) throws(JSONValue.ParseError) {
    self.init(record: try JSONValue(parsing: bytes))
  }

  /// The field's values as text, as advanced field selectors compare them: one value for a scalar field
  /// that is present, none when absent, one per resource for `resources.type` and `resources.ARN`
  /// (resources without that key add nothing). `readOnly` reads as `"true"`/`"false"`. Field names are
  /// matched exactly (the model's spelling, e.g. `resources.ARN`); an unknown field has no values.
  public func values(of field: String) -> [String] {
    switch field {
    case "eventCategory": [eventCategory]
    case "readOnly": readOnly.map { [$0 ? "true" : "false"] } ?? []
    case "eventSource": eventSource.map { [$0] } ?? []
    case "eventName": eventName.map { [$0] } ?? []
    case "eventType": eventType.map { [$0] } ?? []
    case "errorCode": errorCode.map { [$0] } ?? []
    case "resources.type": resources.compactMap(\.type)
    case "resources.ARN": resources.compactMap(\.arn)
    case "userIdentity.arn": userIdentityARN.map { [$0] } ?? []
    case "sessionCredentialFromConsole": sessionCredentialFromConsole.map { [$0] } ?? []
    case "vpcEndpointId": vpcEndpointId.map { [$0] } ?? []
    default: []
    }
  }
}
