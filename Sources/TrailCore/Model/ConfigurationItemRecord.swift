import Foundation

/// One AWS Config configuration item as CloudTrail Lake stores it (user guide, "Configuration item
/// schema"; spec §8.7): the fields CloudTrail adds on ingestion (`eventVersion`, `eventCategory`
/// `ConfigurationItem`, `eventType` `AwsConfigurationItem`, `eventID`, `eventTime`, `awsRegion`,
/// `recipientAccountId`) around `eventData`, which is the item as AWS Config records it.
///
/// Choices where the sources disagree or are silent (README, "Configuration items"):
/// - The state id is written `configurationStateId`, as the schema page's record and AWS Config's own
///   items spell it; Lake's column list calls it `configurationitemstateid` and reads this key.
/// - `relatedEvents` is a list of CloudTrail eventIDs and `relationships` a list of objects, as the
///   schema page's record shows them (Lake's column list types them as one string and one struct).
/// - `eventTime` is the capture time, to the second; `eventID` is derived from the account, resource
///   and state id, so the same item read twice (a Config snapshot and its history file) is one event.
public struct ConfigurationItemRecord: Sendable, Equatable {
  /// A resource the item's resource is related to (`relationships[]`).
  public struct Relationship: Sendable, Equatable {
    /// The relationship, as AWS Config words it (`Is attached to Instance`, `Is associated with`…).
    public var name: String
    public var resourceType: String
    public var resourceId: String?
    public var resourceName: String?

    public init(name: String, resourceType: String, resourceId: String?, resourceName: String? = nil) {
      self.name = name
      self.resourceType = resourceType
      self.resourceId = resourceId
      self.resourceName = resourceName
    }
  }

  /// `configurationItemStatus` values (AWS Config API reference, ConfigurationItem).
  public enum Status: String, Sendable, CaseIterable {
    case ok = "OK"
    case resourceDiscovered = "ResourceDiscovered"
    case resourceNotRecorded = "ResourceNotRecorded"
    case resourceDeleted = "ResourceDeleted"
    case resourceDeletedNotRecorded = "ResourceDeletedNotRecorded"
  }

  /// The Lake record's `eventVersion` for configuration items.
  public static let eventVersion = "1.0"
  /// `eventData.configurationItemVersion` AWS Config writes today.
  public static let itemVersion = "1.3"

  public var eventID: String
  /// `configurationItemCaptureTime`, in milliseconds since 1970.
  public var captureTime: Int64
  public var status: Status
  /// `configurationStateId`: AWS Config's, a time in milliseconds as text.
  public var stateId: String
  public var accountId: String
  /// `AWS::EC2::SecurityGroup`, `AWS::S3::Bucket`, …
  public var resourceType: String
  public var resourceId: String
  public var resourceName: String?
  public var arn: String?
  public var awsRegion: String
  public var availabilityZone: String?
  /// `resourceCreationTime`, in milliseconds since 1970.
  public var resourceCreationTime: Int64?
  /// The resource's configuration as the service describes it (`null` once deleted).
  public var configuration: JSONValue
  public var supplementaryConfiguration: JSONValue
  /// CloudTrail eventIDs of the calls that caused this item.
  public var relatedEvents: [String]
  public var relationships: [Relationship]
  /// Tags in key order.
  public var tags: [(key: String, value: String)]
  public var itemVersion: String

  public init(
    eventID: String? = nil, captureTime: Int64, status: Status, stateId: String? = nil, accountId: String,
    resourceType: String, resourceId: String, resourceName: String? = nil, arn: String? = nil,
    awsRegion: String, availabilityZone: String? = nil, resourceCreationTime: Int64? = nil,
    configuration: JSONValue, supplementaryConfiguration: JSONValue = .object([]),
    relatedEvents: [String] = [], relationships: [Relationship] = [],
    tags: [(key: String, value: String)] = [], itemVersion: String = Self.itemVersion
  ) {
    let stateId = stateId ?? String(captureTime)
    self.eventID =
      eventID
      ?? Self.eventID(
        accountId: accountId, resourceType: resourceType, resourceId: resourceId, stateId: stateId)
    self.captureTime = captureTime
    self.status = status
    self.stateId = stateId
    self.accountId = accountId
    self.resourceType = resourceType
    self.resourceId = resourceId
    self.resourceName = resourceName
    self.arn = arn
    self.awsRegion = awsRegion
    self.availabilityZone = availabilityZone
    self.resourceCreationTime = resourceCreationTime
    self.configuration = configuration
    self.supplementaryConfiguration = supplementaryConfiguration
    self.relatedEvents = relatedEvents
    self.relationships = relationships
    self.tags = tags.sorted { $0.key < $1.key }
    self.itemVersion = itemVersion
  }

  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.json == rhs.json
  }

  /// A stable event id: a UUID-shaped text made of the SHA-256 of what identifies one item.
  public static func eventID(accountId: String, resourceType: String, resourceId: String, stateId: String)
    -> String
  {
    StableUUID.from("config|\(accountId)|\(resourceType)|\(resourceId)|\(stateId)")
  }

  /// The Lake record, members in the schema page's order.
  public var record: JSONValue {
    var data: [(key: String, value: JSONValue)] = [
      ("configurationItemVersion", .string(itemVersion)),
      ("configurationItemCaptureTime", .string(ISO8601Time.format(milliseconds: captureTime))),
      ("configurationItemStatus", .string(status.rawValue)),
      ("configurationStateId", .string(stateId)),
      ("accountId", .string(accountId)),
      ("resourceType", .string(resourceType)),
      ("resourceId", .string(resourceId)),
    ]
    if let resourceName { data.append(("resourceName", .string(resourceName))) }
    if let arn { data.append(("arn", .string(arn))) }
    data.append(("awsRegion", .string(awsRegion)))
    data.append(("availabilityZone", availabilityZone.map(JSONValue.string) ?? .string("Not Applicable")))
    if let resourceCreationTime {
      data.append(("resourceCreationTime", .string(ISO8601Time.format(milliseconds: resourceCreationTime))))
    }
    data.append(("configuration", configuration))
    data.append(("supplementaryConfiguration", supplementaryConfiguration))
    data.append(("relatedEvents", .array(relatedEvents.map(JSONValue.string))))
    data.append(
      (
        "relationships",
        .array(
          relationships.map { r in
            var members: [(key: String, value: JSONValue)] = [("name", .string(r.name))]
            members.append(("resourceType", .string(r.resourceType)))
            if let id = r.resourceId { members.append(("resourceId", .string(id))) }
            if let name = r.resourceName { members.append(("resourceName", .string(name))) }
            return .object(members)
          })
      ))
    data.append(("tags", .object(tags.map { ($0.key, .string($0.value)) })))
    return .object([
      ("eventVersion", .string(Self.eventVersion)),
      ("eventCategory", .string("ConfigurationItem")),
      ("eventType", .string("AwsConfigurationItem")),
      ("eventID", .string(eventID)),
      ("eventTime", .string(ISO8601Time.format(captureTime / 1000))),
      ("awsRegion", .string(awsRegion)),
      ("recipientAccountId", .string(accountId)),
      ("eventData", .object(data)),
    ])
  }

  /// The record as compact JSON (what the store keeps).
  public var json: [UInt8] { Array(record.compactText().utf8) }

  /// Reads a stored Lake record back; nil when it is not a configuration item.
  public init?(record: JSONValue) {
    guard record["eventCategory"]?.stringValue == "ConfigurationItem", let data = record["eventData"],
      let accountId = data["accountId"]?.stringValue, let resourceType = data["resourceType"]?.stringValue,
      let resourceId = data["resourceId"]?.stringValue,
      let capture = data["configurationItemCaptureTime"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds)
    else { return nil }
    var relationships: [Relationship] = []
    if case .array(let list) = data["relationships"] {
      for item in list {
        guard let name = item["name"]?.stringValue, let type = item["resourceType"]?.stringValue else {
          continue
        }
        relationships.append(
          Relationship(
            name: name, resourceType: type, resourceId: item["resourceId"]?.stringValue,
            resourceName: item["resourceName"]?.stringValue))
      }
    }
    var tags: [(key: String, value: String)] = []
    if case .object(let members) = data["tags"] {
      tags = members.compactMap { m in m.value.stringValue.map { (m.key, $0) } }
    }
    var related: [String] = []
    if case .array(let list) = data["relatedEvents"] { related = list.compactMap(\.stringValue) }
    let zone = data["availabilityZone"]?.stringValue
    self.init(
      eventID: record["eventID"]?.stringValue, captureTime: capture,
      status: data["configurationItemStatus"]?.stringValue.flatMap(Status.init(rawValue:)) ?? .ok,
      stateId: data["configurationStateId"]?.stringValue ?? String(capture), accountId: accountId,
      resourceType: resourceType, resourceId: resourceId, resourceName: data["resourceName"]?.stringValue,
      arn: data["arn"]?.stringValue, awsRegion: data["awsRegion"]?.stringValue ?? "",
      availabilityZone: zone == "Not Applicable" ? nil : zone,
      resourceCreationTime: data["resourceCreationTime"]?.stringValue.flatMap(ISO8601Time.parseMilliseconds),
      configuration: data["configuration"] ?? .null,
      supplementaryConfiguration: data["supplementaryConfiguration"] ?? .object([]),
      relatedEvents: related, relationships: relationships, tags: tags,
      itemVersion: data["configurationItemVersion"]?.stringValue ?? Self.itemVersion)
  }
}
