import Crypto
import Foundation

/// The checks PutAuditEvents makes on each audit event (spec §9.3, G:IES) and the record it stores
/// for one that passes.
///
/// Per-event error codes (SMD names them; which check gives which is inferred, README "Channels"):
/// a checksum that is not the base64 SHA-256 of `eventData` → `InvalidChecksum`; `eventData` that is
/// not a JSON object, a field of the wrong JSON type, an `eventTime` that is not `yyyy-MM-ddTHH:mm:ss`
/// or a `sourceIPAddress` that is not an IP address → `InvalidData`; a required field missing →
/// `FieldNotFound`; a field over its limit → `FieldTooLong`; a `recipientAccountId` that is not the
/// channel owner's → `InvalidRecipient`.
struct AuditEventCheck {
  let channel: ChannelRecord
  /// The region of the PutAuditEvents call: the record's `awsRegion`.
  let region: String
  let ingestionTime: Date

  /// `eventVersion` of the stored records: OPEN in CloudTrail's documentation; TrailDeck writes the
  /// integration schema's first version.
  static let eventVersion = "1.0"

  /// A good event's stored record and time.
  struct Accepted {
    var record: [UInt8]
    var eventTime: Int64
  }

  /// What `check` decided: the record to store, or the entry naming why the event was refused.
  enum Outcome {
    case accepted(Accepted)
    case refused(ResultErrorEntry)
  }

  /// `(maximum characters, required)` of the string fields of `eventData` (G:IES).
  static let stringFields: [(name: String, limit: Int, required: Bool)] = [
    ("version", 256, true), ("userAgent", 1024, false), ("eventSource", 1024, true),
    ("eventName", 1024, true), ("eventTime", 64, true), ("UID", 1024, true), ("errorCode", 256, false),
    ("errorMessage", 256, false), ("sourceIPAddress", 64, false), ("recipientAccountId", 12, true),
  ]
  /// `(maximum bytes of compact JSON)` of the object fields of `eventData`; larger is rejected.
  static let objectFields: [(name: String, limit: Int)] = [
    ("requestParameters", 100 * 1024), ("responseElements", 100 * 1024), ("additionalEventData", 28 * 1024),
  ]

  func check(_ event: AuditEvent, eventID: String) -> Outcome {
    func fail(_ code: String, _ message: String) -> Outcome {
      .refused(ResultErrorEntry(errorCode: code, errorMessage: message, id: event.id))
    }
    guard event.id.range(of: #"^[-_A-Za-z0-9]{1,128}$"#, options: .regularExpression) != nil else {
      return fail(
        event.id.count > 128 ? "FieldTooLong" : "InvalidData",
        "id '\(event.id)' is not valid: 1 to 128 letters, digits, hyphens and underscores.")
    }
    if let checksum = event.eventDataChecksum {
      let expected = Data(SHA256.hash(data: Data(event.eventData.utf8))).base64EncodedString()
      guard checksum == expected else {
        return fail(
          "InvalidChecksum",
          "eventDataChecksum \(checksum) is not the base64 SHA-256 of eventData (\(expected)).")
      }
    }
    let data: JSONValue
    do {
      data = try JSONValue(parsing: event.eventData)
    } catch {
      return fail("InvalidData", "eventData is not JSON: \(error).")
    }
    guard case .object = data else { return fail("InvalidData", "eventData must be a JSON object.") }
    for field in Self.stringFields {
      switch data[field.name] {
      case nil, .null?:
        if field.required { return fail("FieldNotFound", "eventData.\(field.name) is required.") }
      case .string(let text)?:
        if text.count > field.limit {
          return fail(
            "FieldTooLong", "eventData.\(field.name) is \(text.count) characters; at most \(field.limit).")
        }
      default:
        return fail("InvalidData", "eventData.\(field.name) must be a string.")
      }
    }
    guard case .object? = data["userIdentity"] else {
      return data["userIdentity"] == nil
        ? fail("FieldNotFound", "eventData.userIdentity is required.")
        : fail("InvalidData", "eventData.userIdentity must be an object.")
    }
    for (name, limit) in [("type", 128), ("principalId", 1024)] {
      guard case .string(let text)? = data["userIdentity"]?[name] else {
        return data["userIdentity"]?[name] == nil
          ? fail("FieldNotFound", "eventData.userIdentity.\(name) is required.")
          : fail("InvalidData", "eventData.userIdentity.\(name) must be a string.")
      }
      if text.count > limit {
        return fail(
          "FieldTooLong", "eventData.userIdentity.\(name) is \(text.count) characters; at most \(limit).")
      }
    }
    if let details = data["userIdentity"]?["details"], !details.isObjectOrNull {
      return fail("InvalidData", "eventData.userIdentity.details must be a JSON object.")
    }
    for (name, limit) in Self.objectFields {
      guard let value = data[name] else { continue }
      guard value.isObjectOrNull else {
        return fail("InvalidData", "eventData.\(name) must be a JSON object.")
      }
      let size = value.compactText().utf8.count
      if size > limit {
        return fail("FieldTooLong", "eventData.\(name) is \(size) bytes; at most \(limit) are accepted.")
      }
    }
    guard case .string(let time)? = data["eventTime"], let seconds = Self.eventTime(time) else {
      return fail("InvalidData", "eventData.eventTime must be yyyy-MM-ddTHH:mm:ss in UTC.")
    }
    if case .string(let address)? = data["sourceIPAddress"], !Self.isIPAddress(address) {
      return fail("InvalidData", "eventData.sourceIPAddress '\(address)' is not an IPv4 or IPv6 address.")
    }
    guard case .string(let recipient)? = data["recipientAccountId"], recipient == channel.account else {
      return fail(
        "InvalidRecipient",
        "eventData.recipientAccountId must be the channel owner's account, \(channel.account).")
    }
    let record: JSONValue = .object([
      ("eventVersion", .string(Self.eventVersion)), ("eventCategory", .string("ActivityAuditLog")),
      ("eventType", .string("ActivityLog")), ("eventID", .string(eventID)),
      ("eventTime", .string(ISO8601Time.format(seconds))), ("awsRegion", .string(region)),
      ("recipientAccountId", .string(recipient)),
      (
        "metadata",
        .object([
          ("ingestionTime", .string(ISO8601Time.format(ingestionTime))), ("channelARN", .string(channel.arn)),
        ])
      ),
      ("eventData", data),
    ])
    return .accepted(Accepted(record: Array(record.compactText().utf8), eventTime: seconds))
  }

  /// `yyyy-MM-ddTHH:mm:ss` (G:IES), also with fractions or `Z`.
  static func eventTime(_ text: String) -> Int64? {
    ISO8601Time.parse(text) ?? ISO8601Time.parse(text + "Z")
  }

  static func isIPAddress(_ text: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
  }
}

extension JSONValue {
  fileprivate var isObjectOrNull: Bool {
    switch self {
    case .object, .null: true
    default: false
    }
  }
}
