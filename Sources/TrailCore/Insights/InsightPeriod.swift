import Foundation

/// One Insights period: from its first unusual minute to its last, with the statistics its Start and
/// End events carry (spec §7.3).
public struct InsightPeriod: Sendable, Equatable {
  public var subject: InsightSubject
  /// The first unusual minute (epoch minutes): the Start event's eventTime.
  public var startMinute: Int64
  /// The last unusual minute so far.
  public var lastMinute: Int64
  /// False while fewer than the model's quiet minutes have passed after `lastMinute`: no End yet.
  public var isClosed: Bool
  /// The baseline's length in minutes (`baselineDuration`) and its average: calls a minute (call rate)
  /// or the share of calls failing with the error code (error rate).
  public var baselineMinutes: Int64
  public var baselineAverage: Double
  /// The first unusual minute's value (the Start event's `insight.average`).
  public var startAverage: Double
  /// The average over the whole period (the End event's `insight.average`).
  public var periodAverage: Double

  /// `insightDuration`: minutes from the start through the last unusual minute.
  public var durationMinutes: Int64 { lastMinute - startMinute + 1 }
  /// The Start event's time.
  public var start: Date { Date(timeIntervalSince1970: TimeInterval(startMinute * 60)) }
  /// The End event's time: the minute after the last unusual one.
  public var end: Date { Date(timeIntervalSince1970: TimeInterval((lastMinute + 1) * 60)) }
}
