/// A record's `eventCategory`, stored as a small integer.
///
/// Old records (before eventVersion 1.07) have no `eventCategory`; they count as `Management` unless
/// `managementEvent` is `false` (then `Data`) or `eventType` is `AwsCloudTrailInsight` (then `Insight`).
public enum EventCategory: Int, Sendable, CaseIterable {
  case management = 0
  case data = 1
  case insight = 2
  case networkActivity = 3
  /// Events from outside AWS, put through a Lake channel (PutAuditEvents).
  case activityAuditLog = 4
  /// AWS Config configuration items (eventType `AwsConfigurationItem`), Lake's §8.7 schema.
  case configurationItem = 5
  /// AWS Audit Manager evidence (eventType `AwsAuditManagerEvidence`), Lake's §8.7 schema.
  case evidence = 6
  case other = 9

  public init(recordValue: String) {
    switch recordValue {
    case "Management": self = .management
    case "Data": self = .data
    case "Insight": self = .insight
    case "NetworkActivity": self = .networkActivity
    case "ActivityAuditLog": self = .activityAuditLog
    case "ConfigurationItem": self = .configurationItem
    case "Evidence": self = .evidence
    default: self = .other
    }
  }

  /// The record's spelling (`Management`, `Data`, …).
  public var recordValue: String {
    switch self {
    case .management: "Management"
    case .data: "Data"
    case .insight: "Insight"
    case .networkActivity: "NetworkActivity"
    case .activityAuditLog: "ActivityAuditLog"
    case .configurationItem: "ConfigurationItem"
    case .evidence: "Evidence"
    case .other: "Other"
    }
  }
}
