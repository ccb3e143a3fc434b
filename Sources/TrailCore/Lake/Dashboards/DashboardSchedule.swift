import Foundation

/// When a dashboard's RefreshSchedule makes a refresh due, read off the clock.
///
/// Occurrences fall every `interval` seconds at `k × interval + offset` after 1970 (as `Scheduler`
/// aligns its jobs): every 6 hours gives 00:00, 06:00, 12:00, 18:00 UTC; TimeOfDay moves them (for
/// hourly schedules only its minutes matter, as the model says). A refresh is due when an occurrence
/// has passed since the last scheduled refresh (or since the schedule was set); occurrences missed
/// while nothing ran give one refresh, not one each.
public struct DashboardSchedule: Equatable, Sendable {
  public var interval: TimeInterval
  public var offset: TimeInterval

  /// The schedule of `schedule`, or nil when it is absent or not ENABLED.
  public init?(_ schedule: RefreshSchedule?) {
    guard let schedule, schedule.status == "ENABLED", let frequency = schedule.frequency,
      let value = frequency.value
    else { return nil }
    interval = TimeInterval(value) * (frequency.unit == "DAYS" ? 86_400 : 3_600)
    let minutes = schedule.timeOfDay.flatMap(DashboardRules.minutes(ofTimeOfDay:)) ?? 0
    offset = (TimeInterval(minutes) * 60).truncatingRemainder(dividingBy: interval)
  }

  /// The latest occurrence at or before `time`.
  public func latestOccurrence(atOrBefore time: Date) -> Date {
    let k = ((time.timeIntervalSince1970 - offset) / interval).rounded(.down)
    return Date(timeIntervalSince1970: k * interval + offset)
  }

  /// The occurrence a refresh at `now` is due for, or nil when none has passed since `last`.
  public func dueOccurrence(now: Date, last: Date) -> Date? {
    let occurrence = latestOccurrence(atOrBefore: now)
    return occurrence > last ? occurrence : nil
  }
}
