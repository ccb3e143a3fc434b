import Foundation
import TrailCore

/// The Insights pane: one row per API with stored Insights periods, the selected API's timeline and
/// the selected period's statistics and attributions. The Dashboard lists the newest periods from the
/// same load.
public struct InsightsState: Sendable {
  /// How often the list is read again while the Insights pane or the Dashboard shows: a new period
  /// appears only when something stores Insights events, and a read scans 90 days of the store.
  public static let refreshInterval: TimeInterval = 10
  /// Periods the Dashboard lists, as the console's Dashboard does.
  public static let dashboardCount = 5

  /// `nil` until the first `.insightsLoaded`; newest API first.
  public var activities: [InsightActivity]?
  /// The API table's offset and selected row.
  public var scroll = ScrollState()
  /// The selected period among the selected API's (0 is its newest).
  public var periodIndex = 0
  public var zoom: InsightsZoom = .day
  /// The end of the timeline's window (see `InsightsTimelineRequest.end`).
  public var windowEnd: Date?
  /// The timeline on screen (it may be of an older request while a newer one loads).
  public var timeline: InsightsTimeline?
  /// The timeline request in flight, by id; answers to others are stale.
  public var pendingTimeline: Int?
  public var timelineError: Diagnostic?
  /// The list request in flight, by id.
  public var pending: Int?
  /// When the last list load was asked for (by tick time).
  public var lastRequest: Date?
  /// Why the last list load failed, shown until one works.
  public var error: Diagnostic?
  /// A period (by `sharedEventID`) to select once the list has loaded (the Dashboard's Enter).
  var selectOnLoad: String?

  /// An empty pane: nothing loaded.
  public init() {}

  public var selectedActivity: InsightActivity? {
    guard let activities, activities.indices.contains(scroll.selected) else { return nil }
    return activities[scroll.selected]
  }

  public var selectedPeriod: StoredInsightPeriod? {
    guard let periods = selectedActivity?.periods, periods.indices.contains(periodIndex) else { return nil }
    return periods[periodIndex]
  }

  /// Every loaded period, newest start first: the Dashboard's list.
  public var recentPeriods: [StoredInsightPeriod] {
    (activities ?? []).flatMap(\.periods).sorted {
      $0.start != $1.start ? $0.start > $1.start : $0.sharedEventID < $1.sharedEventID
    }
  }

  /// Where a period is in `activities`: its API's row and its index there.
  func position(of sharedEventID: String) -> (row: Int, period: Int)? {
    for (row, activity) in (activities ?? []).enumerated() {
      if let period = activity.periods.firstIndex(where: { $0.sharedEventID == sharedEventID }) {
        return (row, period)
      }
    }
    return nil
  }
}
