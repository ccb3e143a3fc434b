import Foundation

/// One Insights period as the store holds it: its Start event and, once the period has ended, the End
/// event that shares its `sharedEventID` (spec §7.3), read back into the numbers the console shows.
///
/// Unlike `InsightPeriod` (what the detector found, in minutes), this is what was *recorded*: whatever
/// wrote the events — `traildeck insights scan`, live detection, or CloudTrail-Insight files ingested
/// from a real bucket — the Insights pane and the Dashboard read the same thing.
public struct StoredInsightPeriod: Sendable, Equatable, Identifiable {
  /// The GUID linking Start and End.
  public var sharedEventID: String
  public var subject: InsightSubject
  /// The Start event's eventTime: the first unusual minute.
  public var start: Date
  /// The End event's eventTime (the minute after the last unusual one); nil while the period is open.
  public var end: Date?
  public var startEventID: String?
  public var endEventID: String?
  /// The store's row ids of the two events (for their records).
  public var startRowID: Int64?
  public var endRowID: Int64?
  /// `baseline.average`: calls a minute (call rate) or the share of calls failing with the error code.
  public var baselineAverage: Double
  /// `insight.average` of the Start event: the first unusual minute.
  public var startAverage: Double?
  /// `insight.average` of the End event: the whole period.
  public var periodAverage: Double?
  /// `insightDuration` in minutes, when an event carries it.
  public var durationMinutes: Int64?
  /// `baselineDuration` in minutes.
  public var baselineMinutes: Int64
  /// The End event's attributions when there is one (the whole period), else the Start event's.
  public var attributions: [InsightAttribution]

  /// A period as read back; omitted members are those of a period whose End is not stored yet.
  public init(
    sharedEventID: String, subject: InsightSubject, start: Date, end: Date? = nil,
    startEventID: String? = nil, endEventID: String? = nil, startRowID: Int64? = nil,
    endRowID: Int64? = nil, baselineAverage: Double, startAverage: Double? = nil,
    periodAverage: Double? = nil, durationMinutes: Int64? = nil, baselineMinutes: Int64,
    attributions: [InsightAttribution] = []
  ) {
    self.sharedEventID = sharedEventID
    self.subject = subject
    self.start = start
    self.end = end
    self.startEventID = startEventID
    self.endEventID = endEventID
    self.startRowID = startRowID
    self.endRowID = endRowID
    self.baselineAverage = baselineAverage
    self.startAverage = startAverage
    self.periodAverage = periodAverage
    self.durationMinutes = durationMinutes
    self.baselineMinutes = baselineMinutes
    self.attributions = attributions
  }

  public var id: String { sharedEventID }

  /// No End event yet.
  public var isOpen: Bool { end == nil }

  /// The console's **Insight average**: the End's (whole period) once ended, else the Start's.
  public var insightAverage: Double { periodAverage ?? startAverage ?? 0 }

  /// The console's **Rate change**: the insight average against the baseline, as a fraction (2.5 is
  /// +250 %); nil when the baseline is 0, where no percentage means anything.
  public var rateChange: Double? {
    baselineAverage > 0 ? (insightAverage - baselineAverage) / baselineAverage : nil
  }

  /// Where the period ends for drawing and for its related events: the End's time, or `now` while open
  /// (never before the start).
  public func end(orNow now: Date) -> Date { end ?? max(start, now) }

  /// The time range of the console's **CloudTrail events** tab: the management events of the subject
  /// API "between the start time (minus one minute) and end time (plus one minute) of the Insights
  /// event" (user guide, *Viewing Insights events details*); an open period runs to `now`.
  public func relatedEventsWindow(now: Date) -> ClosedRange<Date> {
    start.addingTimeInterval(-60)...end(orNow: now).addingTimeInterval(60)
  }

  /// The user identity ARN that made most of the period's calls (or failures): the first of the
  /// insight list of the `userIdentityArn` attribution, which CloudTrail sorts largest first.
  public var topUserArn: String? {
    attributions.first { $0.attribute == "userIdentityArn" }?.insight.first?.value
  }
}

/// The stored Insights periods of one API (one `InsightSubject`): a row of the Insights pane.
public struct InsightActivity: Sendable, Equatable, Identifiable {
  public var subject: InsightSubject
  /// Newest first by start time.
  public var periods: [StoredInsightPeriod]

  public init(subject: InsightSubject, periods: [StoredInsightPeriod]) {
    self.subject = subject
    self.periods = periods
  }

  public var id: InsightSubject { subject }

  /// The newest period's start, which orders the rows.
  public var latestStart: Date { periods.first?.start ?? .distantPast }

  /// Whether any of its periods is still open.
  public var isOpen: Bool { periods.contains(where: \.isOpen) }
}

extension InsightAttribution {
  /// An attribution as an Insights event's `attributions` list holds it (for readers outside the
  /// module: the UI's tests and fixtures).
  public init(
    _ attribute: String, insight: [(value: String, average: Double)],
    baseline: [(value: String, average: Double)]
  ) {
    self.init(attribute: attribute, insight: insight, baseline: baseline)
  }
}
