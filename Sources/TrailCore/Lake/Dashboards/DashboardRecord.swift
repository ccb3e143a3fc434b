import Foundation

/// One Lake dashboard as `lake_dashboards` holds it (migration 22).
public struct DashboardRecord: Sendable, Equatable {
  /// `lake_dashboards.id`.
  public var rowID: Int64
  public var name: String
  /// `arn:aws:cloudtrail:<region>:<account>:dashboard/<name>`.
  public var arn: String
  public var account: String
  public var region: String
  /// `CUSTOM`, or `MANAGED` for the Highlights dashboard.
  public var type: String
  /// The widgets as GetDashboard shows them, each with its QueryAlias.
  public var widgets: [DashboardWidget]
  public var refreshSchedule: RefreshSchedule?
  public var terminationProtectionEnabled: Bool
  public var createdTimestamp: Date
  public var updatedTimestamp: Date
  /// `CREATED` until the first update, then `UPDATED` (TrailDeck has nothing to wait for, so the
  /// transient statuses are never seen).
  public var status: String
  public var lastRefreshId: String?
  public var lastRefreshFailureReason: String?
  /// The schedule occurrence (clock time) the last scheduled refresh ran for; nil before the first.
  public var lastScheduledRefresh: Date?

  /// Whether this is the managed Highlights dashboard.
  public var isManaged: Bool { type == DashboardRules.managedType }
}

/// `arn:aws:cloudtrail:<region>:<account>:dashboard/<name>`, the ARN of a dashboard (the model's
/// AddTags and PutResourcePolicy documentation give this form).
struct DashboardARN: Equatable, Sendable {
  var partition = "aws"
  var region: String
  var account: String
  var name: String

  var text: String { "arn:\(partition):cloudtrail:\(region):\(account):dashboard/\(name)" }

  init(region: String, account: String, name: String) {
    self.region = region
    self.account = account
    self.name = name
  }

  /// Parses an ARN; nil when it is not a dashboard's.
  init?(_ text: String) {
    let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "cloudtrail",
      parts[3].range(of: #"^[a-z]{2}(-[a-z]+)+-\d$"#, options: .regularExpression) != nil,
      parts[4].range(of: #"^\d{12}$"#, options: .regularExpression) != nil,
      parts[5].hasPrefix("dashboard/")
    else { return nil }
    partition = parts[1]
    region = parts[3]
    account = parts[4]
    name = String(parts[5].dropFirst("dashboard/".count))
    // The name is not held to the naming rules here: a name no dashboard can have is simply not found.
    guard !name.isEmpty, !name.contains("/") else { return nil }
  }
}
