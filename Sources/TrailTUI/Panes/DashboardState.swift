import Foundation
import TrailCore

/// The dashboard's tiles, in focus order.
public enum DashboardTile: Int, CaseIterable, Hashable, Sendable {
  case eventsPerMinute
  case totals
  case insights
  case eventNames
  case users
  case sourceIPs
  case regions
  case signIns
  case errors

  public var title: String {
    switch self {
    case .eventsPerMinute: "Events per minute (last hour)"
    case .totals: "Read / write / errors"
    case .insights: "Insights · newest periods of the last 90 days (● open)"
    case .eventNames: "Top event names"
    case .users: "Top users"
    case .sourceIPs: "Top source IPs"
    case .regions: "Events per region"
    case .signIns: "Console sign-ins"
    case .errors: "Recent errors"
    }
  }
}

/// The dashboard: the latest snapshot, which tile has focus and the row selected in each.
public struct DashboardState: Sendable {
  public var snapshot: DashboardSnapshot?
  public var focus: DashboardTile = .eventsPerMinute
  public var selectedRow: [DashboardTile: Int] = [:]
  /// When the last `.loadDashboard` was sent (by tick time).
  public var lastRequest: Date?
  public var error: Diagnostic?
  /// The newest Insights periods (`InsightsState.dashboardCount`), from the Insights list; nil until
  /// it has loaded.
  public var recentInsights: [StoredInsightPeriod]?

  public init() {}

  /// How many selectable rows `tile` has in the current snapshot.
  public func rowCount(_ tile: DashboardTile) -> Int {
    if tile == .insights { return recentInsights?.count ?? 0 }
    guard let snapshot else { return 0 }
    switch tile {
    case .eventsPerMinute, .totals: return 1
    case .insights: return 0
    case .eventNames: return snapshot.topEventNames.count
    case .users: return snapshot.topUsers.count
    case .sourceIPs: return snapshot.topSourceIPs.count
    case .regions: return snapshot.eventsPerRegion.count
    case .signIns: return snapshot.recentSignIns.count
    case .errors: return snapshot.recentErrors.count
    }
  }

  public func selected(_ tile: DashboardTile) -> Int {
    min(selectedRow[tile] ?? 0, max(0, rowCount(tile) - 1))
  }
}
