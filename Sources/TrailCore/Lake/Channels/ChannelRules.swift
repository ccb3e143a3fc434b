import Foundation

/// The parameter rules of channels (spec §9.1), each throwing CloudTrail's exception.
enum ChannelRules {
  /// At most this many channels per account and region; service-linked channels do not count (G:LIM).
  static let limit = 25
  static let eventDataStoreType = "EVENT_DATA_STORE"
  static let awsServiceType = "AWS_SERVICE"
  static let customSource = "Custom"

  /// The partner sources of the user guide's integrations page (G:INT), besides `Custom`.
  static let partnerSources: Set<String> = [
    "CloudStorageSecurityConsole", "Clumio", "CrowdStrike", "CyberArk", "GitHub", "KongGatewayEnterprise",
    "LaunchDarkly", "NetskopeCloudExchange", "IBMMulticloud", "MontyCloud", "OktaSystemLogEvents", "OneLogin",
    "Shoreline", "Snyk", "WizAuditLogs",
  ]

  static func checkName(_ name: String) throws(ServiceError) {
    try EventDataStoreRules.checkName(name, of: "Channel")
  }

  static func checkSource(_ source: String) throws(ServiceError) {
    guard source == customSource || partnerSources.contains(source) else {
      throw ServiceError(
        "InvalidSourceException",
        "Source '\(source)' is not valid: use Custom or a partner source (\(partnerSources.sorted().joined(separator: ", ")))."
      )
    }
  }

  /// 1–200 destinations, each an event data store (users cannot make service-linked channels).
  static func checkDestinations(_ destinations: [Destination]) throws(ServiceError) {
    guard (1...200).contains(destinations.count) else {
      throw ServiceError(
        "InvalidParameterException",
        "Destinations must list 1 to 200 destinations; got \(destinations.count).")
    }
    for destination in destinations {
      guard destination.type == eventDataStoreType else {
        throw ServiceError(
          "InvalidParameterException",
          "Destination type '\(destination.type)' is not valid for a channel you create: use \(eventDataStoreType) (\(awsServiceType) destinations belong to service-linked channels)."
        )
      }
    }
    let locations = destinations.map(\.location)
    guard Set(locations).count == locations.count else {
      throw ServiceError("InvalidParameterException", "Destinations name the same event data store twice.")
    }
  }
}
