import Foundation

// The event selector shapes of PutEventSelectors and GetEventSelectors, as CloudTrail's service model
// (botocore's service-2.json) defines them: members in the model's order, keyed by the model's names, so
// ShapeEncoder prints them as the aws CLI does. Members the model leaves optional are optional here; members
// it marks required are not, so a request without them fails to decode (the decoding error names the
// path). Value rules (counts, lengths, enums) are checked by `EventSelectorValidation`, not the decoder, so
// that they are answered with InvalidEventSelectorsException and a message, as CloudTrail answers them.

/// The model's `ReadWriteType`: `ReadOnly`, `WriteOnly` or `All`.
///
/// A string wrapper rather than a Swift enum so that a request with another value (the model's own
/// example is `read-only`) decodes and is then refused with InvalidEventSelectorsException quoting it, as
/// CloudTrail refuses it, instead of failing as an undecodable body.
public struct ReadWriteType: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
  /// The value as the request spelt it.
  public var rawValue: String
  /// Any spelling; ``isKnown`` says whether it is one of the model's three.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// `ReadOnly`: events whose `readOnly` is `true`.
  public static let readOnly = ReadWriteType(rawValue: "ReadOnly")
  /// `WriteOnly`: events whose `readOnly` is `false`.
  public static let writeOnly = ReadWriteType(rawValue: "WriteOnly")
  /// `All`: both (the default).
  public static let all = ReadWriteType(rawValue: "All")
  /// The model's enum, in its order.
  public static let allKnown: [ReadWriteType] = [.readOnly, .writeOnly, .all]

  /// Whether this is one of the model's three values.
  public var isKnown: Bool { Self.allKnown.contains(self) }
  /// The value as spelt, for messages.
  public var description: String { rawValue }

  /// Reads any JSON string, known or not (validation, not decoding, refuses unknown values).
  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }
  /// Writes the value as a JSON string.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}

/// The model's `EventSelector`: one basic event selector of a trail.
public struct EventSelector: Codable, Hashable, Sendable {
  /// `ReadWriteType`: absent means `All`.
  public var readWriteType: ReadWriteType?
  /// `IncludeManagementEvents`: absent means `true`.
  public var includeManagementEvents: Bool?
  /// `DataResources`: the data events to log; absent or empty logs none.
  public var dataResources: [DataResource]?
  /// `ExcludeManagementEventSources`: `kms.amazonaws.com` and/or `rdsdata.amazonaws.com`.
  public var excludeManagementEventSources: [String]?

  /// A selector with the given members; omitted ones are absent, as in the model.
  public init(
    readWriteType: ReadWriteType? = nil, includeManagementEvents: Bool? = nil,
    dataResources: [DataResource]? = nil, excludeManagementEventSources: [String]? = nil
  ) {
    self.readWriteType = readWriteType
    self.includeManagementEvents = includeManagementEvents
    self.dataResources = dataResources
    self.excludeManagementEventSources = excludeManagementEventSources
  }

  private enum CodingKeys: String, CodingKey {
    case readWriteType = "ReadWriteType"
    case includeManagementEvents = "IncludeManagementEvents"
    case dataResources = "DataResources"
    case excludeManagementEventSources = "ExcludeManagementEventSources"
  }
}

/// The model's `DataResource`: a resource type and the ARNs or ARN prefixes whose data events to log.
public struct DataResource: Codable, Hashable, Sendable {
  /// `Type`: `AWS::S3::Object`, `AWS::Lambda::Function` or `AWS::DynamoDB::Table` for basic selectors.
  public var type: String?
  /// `Values`: ARNs or ARN prefixes (`arn:aws:s3` = every object of every bucket).
  public var values: [String]?

  /// A data resource with the given members.
  public init(type: String? = nil, values: [String]? = nil) {
    self.type = type
    self.values = values
  }

  private enum CodingKeys: String, CodingKey {
    case type = "Type"
    case values = "Values"
  }
}

/// The model's `AdvancedEventSelector`: field selectors that must all match.
public struct AdvancedEventSelector: Codable, Hashable, Sendable {
  /// `Name`: 0–1000 characters, for people only.
  public var name: String?
  /// `FieldSelectors` (required): at least one.
  public var fieldSelectors: [AdvancedFieldSelector]

  /// A selector with the given members.
  public init(name: String? = nil, fieldSelectors: [AdvancedFieldSelector]) {
    self.name = name
    self.fieldSelectors = fieldSelectors
  }

  private enum CodingKeys: String, CodingKey {
    case name = "Name"
    case fieldSelectors = "FieldSelectors"
  }
}

/// The model's `AdvancedFieldSelector`: one record field and the conditions on it.
public struct AdvancedFieldSelector: Codable, Hashable, Sendable {
  /// `Field` (required): a record field such as `eventCategory`, `resources.ARN`.
  public var field: String
  /// `Equals`: the field is one of these values.
  public var equals: [String]?
  /// `StartsWith`: the field starts with one of these values.
  public var startsWith: [String]?
  /// `EndsWith`: the field ends with one of these values.
  public var endsWith: [String]?
  /// `NotEquals`: the field is none of these values.
  public var notEquals: [String]?
  /// `NotStartsWith`: the field starts with none of these values.
  public var notStartsWith: [String]?
  /// `NotEndsWith`: the field ends with none of these values.
  public var notEndsWith: [String]?

  /// A field selector with the given members; omitted operators are absent.
  public init(
    field: String, equals: [String]? = nil, startsWith: [String]? = nil, endsWith: [String]? = nil,
    notEquals: [String]? = nil, notStartsWith: [String]? = nil, notEndsWith: [String]? = nil
  ) {
    self.field = field
    self.equals = equals
    self.startsWith = startsWith
    self.endsWith = endsWith
    self.notEquals = notEquals
    self.notStartsWith = notStartsWith
    self.notEndsWith = notEndsWith
  }

  private enum CodingKeys: String, CodingKey {
    case field = "Field"
    case equals = "Equals"
    case startsWith = "StartsWith"
    case endsWith = "EndsWith"
    case notEquals = "NotEquals"
    case notStartsWith = "NotStartsWith"
    case notEndsWith = "NotEndsWith"
  }
}

/// The model's `PutEventSelectorsRequest`: basic or advanced selectors for a trail, not both.
public struct PutEventSelectorsRequest: Codable, Hashable, Sendable {
  /// `TrailName` (required): the trail's name or ARN.
  public var trailName: String
  /// `EventSelectors`: 1–5 basic selectors.
  public var eventSelectors: [EventSelector]?
  /// `AdvancedEventSelectors`: advanced selectors.
  public var advancedEventSelectors: [AdvancedEventSelector]?

  /// A request with the given members.
  public init(
    trailName: String, eventSelectors: [EventSelector]? = nil,
    advancedEventSelectors: [AdvancedEventSelector]? = nil
  ) {
    self.trailName = trailName
    self.eventSelectors = eventSelectors
    self.advancedEventSelectors = advancedEventSelectors
  }

  private enum CodingKeys: String, CodingKey {
    case trailName = "TrailName"
    case eventSelectors = "EventSelectors"
    case advancedEventSelectors = "AdvancedEventSelectors"
  }
}

/// The model's `PutEventSelectorsResponse`; GetEventSelectors answers the same members
/// (``GetEventSelectorsResponse``).
public struct PutEventSelectorsResponse: Codable, Hashable, Sendable {
  /// `TrailARN`.
  public var trailARN: String?
  /// `EventSelectors`: present when the trail uses basic selectors.
  public var eventSelectors: [EventSelector]?
  /// `AdvancedEventSelectors`: present when the trail uses advanced selectors.
  public var advancedEventSelectors: [AdvancedEventSelector]?

  /// A response with the given members.
  public init(
    trailARN: String? = nil, eventSelectors: [EventSelector]? = nil,
    advancedEventSelectors: [AdvancedEventSelector]? = nil
  ) {
    self.trailARN = trailARN
    self.eventSelectors = eventSelectors
    self.advancedEventSelectors = advancedEventSelectors
  }

  private enum CodingKeys: String, CodingKey {
    case trailARN = "TrailARN"
    case eventSelectors = "EventSelectors"
    case advancedEventSelectors = "AdvancedEventSelectors"
  }
}

/// The model's `GetEventSelectorsRequest`.
public struct GetEventSelectorsRequest: Codable, Hashable, Sendable {
  /// `TrailName` (required): the trail's name or ARN.
  public var trailName: String

  /// A request for `trailName`.
  public init(trailName: String) { self.trailName = trailName }

  private enum CodingKeys: String, CodingKey {
    case trailName = "TrailName"
  }
}

/// The model's `GetEventSelectorsResponse`: the same members as PutEventSelectors' response.
public typealias GetEventSelectorsResponse = PutEventSelectorsResponse
