import Foundation

/// Scheduled dashboard refreshes while a process runs (`traildeck serve`, the UI's live mode,
/// `demo --live`): once a minute of the clock, every dashboard whose RefreshSchedule has passed an
/// occurrence is refreshed (`LakeDashboards.runScheduled`), the Highlights dashboard every 6 hours.
///
/// What was last refreshed for which occurrence is in the store, so a restarted process neither
/// repeats nor skips one, and two processes on one store agree.
public final class DashboardsLive {
  public let context: StoreContext
  /// Dashboards refreshed so far (their ARNs, in order).
  public private(set) var refreshed: [String] = []

  /// Checks run once a minute of the clock: the finest schedule occurrence is on a minute.
  public static let interval: TimeInterval = 60

  public init(context: StoreContext) {
    self.context = context
  }

  /// Registers the check on `scheduler`, once a minute of the clock after `start`.
  public func schedule(on scheduler: Scheduler, startingAfter start: Date) {
    scheduler.every(Self.interval, startingAfter: start, name: "dashboards") { [self] time in
      try refreshDue(at: time)
    }
  }

  /// Refreshes the dashboards due at `time`; returns their ARNs.
  @discardableResult
  public func refreshDue(at time: Date) throws -> [String] {
    let done = try LakeDashboards.runScheduled(
      at: time, databasePath: context.databasePath, clock: context.clock)
    refreshed += done
    return done
  }
}
