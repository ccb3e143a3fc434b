import Foundation

@testable import TrailCore

/// The fields the simulator tests look at, pulled out of one parsed record.
struct ParsedRecord: Sendable {
  var keys: Set<String>
  var eventVersion: String
  var eventTime: String
  var epoch: Int64
  var eventID: String
  var eventName: String
  var eventSource: String
  var eventType: String
  var awsRegion: String
  var identityType: String
  var arn: String?
  var userName: String?
  var accessKeyId: String?
  var sourceIP: String
  var errorCode: String?
  var errorMessage: String?
  var readOnly: Bool?
  var managementEvent: Bool?
  var eventCategory: String
  var recipientAccountId: String
  var consoleLogin: String?
  var creationDate: String?
  var mfaAuthenticated: String?
  var identityAccountId: String?
  var invokedBy: String?
  /// `resources[].type` and `resources[].ARN`, in order.
  var resourceTypes: [String]
  var resourceARNs: [String]
  var requestParameters: [String: String]
  var additionalEventData: [String: String]
  var vpcEndpointId: String?

  /// Parses `record` with JSONSerialization; nil if it is not a JSON object.
  init?(_ record: DemoRecord) {
    guard let object = try? JSONSerialization.jsonObject(with: record.data) as? [String: Any],
      let identity = object["userIdentity"] as? [String: Any]
    else { return nil }
    keys = Set(object.keys)
    eventVersion = object["eventVersion"] as? String ?? ""
    eventTime = object["eventTime"] as? String ?? ""
    epoch = record.eventTime
    eventID = object["eventID"] as? String ?? ""
    eventName = object["eventName"] as? String ?? ""
    eventSource = object["eventSource"] as? String ?? ""
    eventType = object["eventType"] as? String ?? ""
    awsRegion = object["awsRegion"] as? String ?? ""
    identityType = identity["type"] as? String ?? ""
    arn = identity["arn"] as? String
    userName = identity["userName"] as? String
    accessKeyId = identity["accessKeyId"] as? String
    sourceIP = object["sourceIPAddress"] as? String ?? ""
    errorCode = object["errorCode"] as? String
    errorMessage = object["errorMessage"] as? String
    readOnly = object["readOnly"] as? Bool
    managementEvent = object["managementEvent"] as? Bool
    eventCategory = object["eventCategory"] as? String ?? ""
    recipientAccountId = object["recipientAccountId"] as? String ?? ""
    consoleLogin = (object["responseElements"] as? [String: Any])?["ConsoleLogin"] as? String
    let attributes = (identity["sessionContext"] as? [String: Any])?["attributes"] as? [String: Any]
    creationDate = attributes?["creationDate"] as? String
    mfaAuthenticated = attributes?["mfaAuthenticated"] as? String
    identityAccountId = identity["accountId"] as? String
    invokedBy = identity["invokedBy"] as? String
    let resources = object["resources"] as? [[String: Any]] ?? []
    resourceTypes = resources.map { $0["type"] as? String ?? "" }
    resourceARNs = resources.map { $0["ARN"] as? String ?? "" }
    requestParameters = Self.texts(object["requestParameters"])
    additionalEventData = Self.texts(object["additionalEventData"])
    vpcEndpointId = object["vpcEndpointId"] as? String
  }

  /// An object's members as text (numbers and booleans via `description`), for easy comparisons.
  private static func texts(_ value: Any?) -> [String: String] {
    guard let object = value as? [String: Any] else { return [:] }
    return object.mapValues { "\($0)" }
  }
}

enum SimulatorFixture {
  /// 2024-03-15T12:34:56Z, deliberately not on a minute boundary.
  static let end = Date(timeIntervalSince1970: 1_710_506_096)

  static func configuration(seed: UInt64 = 42) -> DemoConfiguration {
    DemoConfiguration(seed: seed, days: 2, accounts: 2, regions: 3, end: end, eventsPerAccountDay: 2500)
  }

  static let simulator = DemoSimulator(configuration: configuration())
  /// The whole span of the shared configuration, in batch order.
  static let records: [DemoRecord] = simulator.batches().flatMap { $0 }
  static let parsed: [ParsedRecord?] = records.map(ParsedRecord.init)
  static var valid: [ParsedRecord] { parsed.compactMap { $0 } }
  /// Management events only: what the simulator wrote before data and network events existed.
  static let management: [ParsedRecord] = parsed.compactMap { $0 }.filter { $0.eventCategory == "Management" }

  static func records(_ incident: DemoIncident) -> [ParsedRecord] {
    let from = Int64(incident.start.timeIntervalSince1970)
    let to = Int64(incident.end.timeIntervalSince1970)
    return valid.filter { $0.epoch >= from && $0.epoch < to }
  }

  static func incident(_ kind: DemoIncidentKind) -> DemoIncident? {
    simulator.incidents.first { $0.kind == kind }
  }
}
