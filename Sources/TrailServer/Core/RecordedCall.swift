import Foundation
import TrailCore

/// One call made to the server, as the CloudTrail management event that records it.
public struct RecordedCall: Sendable {
  /// `cloudtrail.amazonaws.com`, `s3.amazonaws.com`, `sns.amazonaws.com`.
  public var eventSource: String
  /// The operation (`CreateTrail`).
  public var eventName: String
  public var caller: Caller
  /// When the call arrived, by the server's clock.
  public var time: Date
  /// The id the response carried (`x-amzn-RequestId`).
  public var requestID: String
  /// CloudTrail's `requestParameters`: the request's members with camelCase names; nil records `null`.
  public var requestParameters: JSONValue?
  /// CloudTrail's `responseElements` (nil records `null`, as CloudTrail does for read-only calls).
  public var responseElements: JSONValue?
  /// The exception name of a failed call.
  public var errorCode: String?
  public var errorMessage: String?
  /// CloudTrail's classification: Get/Describe/List/Lookup calls read, everything else writes.
  public var readOnly: Bool
  /// For a call CloudTrail records as a data event (PutAuditEvents on a channel): the resource it
  /// acted on. nil: a management event.
  public var dataResource: (type: String, arn: String)?

  public init(
    eventSource: String, eventName: String, caller: Caller, time: Date, requestID: String,
    requestParameters: JSONValue? = nil, responseElements: JSONValue? = nil, errorCode: String? = nil,
    errorMessage: String? = nil, readOnly: Bool
  ) {
    self.eventSource = eventSource
    self.eventName = eventName
    self.caller = caller
    self.time = time
    self.requestID = requestID
    self.requestParameters = requestParameters
    self.responseElements = responseElements
    self.errorCode = errorCode
    self.errorMessage = errorMessage
    self.readOnly = readOnly
  }

  /// Whether CloudTrail counts operation `name` as read-only: its verb is one that only reads.
  public static func isReadOnly(_ name: String) -> Bool {
    ["Get", "Describe", "List", "Lookup", "Head", "Search"].contains { name.hasPrefix($0) }
  }

  /// The event's JSON record (eventVersion 1.11, `AwsApiCall`; a management event, or a data event
  /// naming its resource).
  public func record(eventID: String = UUID().uuidString.lowercased()) -> JSONValue {
    var fields: [(key: String, value: JSONValue)] = [
      ("eventVersion", .string("1.11")),
      ("userIdentity", userIdentity),
      ("eventTime", .string(ISO8601Time.format(Int64(time.timeIntervalSince1970.rounded(.down))))),
      ("eventSource", .string(eventSource)),
      ("eventName", .string(eventName)),
      ("awsRegion", .string(caller.region)),
      ("sourceIPAddress", .string(caller.sourceIPAddress)),
      ("userAgent", .string(caller.userAgent)),
    ]
    if let errorCode { fields.append(("errorCode", .string(errorCode))) }
    if let errorMessage { fields.append(("errorMessage", .string(errorMessage))) }
    fields += [
      ("requestParameters", requestParameters ?? .null),
      ("responseElements", responseElements ?? .null),
      ("requestID", .string(requestID)),
      ("eventID", .string(eventID)),
      ("readOnly", .bool(readOnly)),
    ]
    if let dataResource {
      fields.append(
        (
          "resources",
          .array([
            .object([
              ("accountId", .string(caller.account)), ("type", .string(dataResource.type)),
              ("ARN", .string(dataResource.arn)),
            ])
          ])
        ))
    }
    fields += [
      ("eventType", .string("AwsApiCall")),
      ("managementEvent", .bool(dataResource == nil)),
      ("recipientAccountId", .string(caller.account)),
      ("eventCategory", .string(dataResource == nil ? "Management" : "Data")),
    ]
    return .object(fields)
  }

  /// An IAM user when the credentials file names one for the key, else the account's root.
  var userIdentity: JSONValue {
    let account = caller.account
    var fields: [(key: String, value: JSONValue)]
    if let user = caller.userName {
      fields = [
        ("type", .string("IAMUser")),
        ("principalId", .string(Self.principalID(account: account, user: user))),
        ("arn", .string("arn:aws:iam::\(account):user/\(user)")),
        ("accountId", .string(account)),
      ]
    } else {
      fields = [
        ("type", .string("Root")), ("principalId", .string(account)),
        ("arn", .string("arn:aws:iam::\(account):root")), ("accountId", .string(account)),
      ]
    }
    if !caller.accessKeyID.isEmpty { fields.append(("accessKeyId", .string(caller.accessKeyID))) }
    if let user = caller.userName { fields.append(("userName", .string(user))) }
    return .object(fields)
  }

  /// A stable IAM user id (`AIDA` and 17 characters) derived from account and name, so one user keeps
  /// one principalId across calls and restarts.
  static func principalID(account: String, user: String) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in (account + ":" + user).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    var id = "AIDA"
    for _ in 0..<17 {
      id.append(alphabet[Int(hash % 32)])
      hash = hash / 32 &+ hash &* 0x9E37_79B9
    }
    return id
  }
}
