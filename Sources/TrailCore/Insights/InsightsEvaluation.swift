import Foundation

/// Scores detected Insights periods against what the simulator injected: which bursts and error storms
/// were found and how soon, and which periods nothing explains (false periods).
///
/// Shared by `traildeck-bench insights` (figures over several seeds) and the tests (bounds on them).
public struct InsightsEvaluation: Sendable {
  /// An injected incident and the period that found it (nil when missed).
  public struct Match: Sendable {
    public var incident: DemoIncident
    public var period: InsightPeriod?
    /// Minutes from the incident's start to the period's Start event (negative never happens: a
    /// period starts at an unusual minute, which the incident's first call makes).
    public var startDelayMinutes: Double? {
      period.map { $0.start.timeIntervalSince(incident.start) / 60 }
    }
  }

  /// Every call-rate burst and error storm, in start order.
  public var matches: [Match]
  /// Periods no injected incident explains (neither an Insights-style one nor a classic one on the
  /// same API, account and region at the time).
  public var falsePeriods: [InsightPeriod]
  /// Periods on the nightly job's API, account and region: a recurring job must never be flagged.
  public var recurringJobPeriods: [InsightPeriod]
  /// Periods explained by a classic incident (an IAM burst makes its APIs unusual too).
  public var classicPeriods: [InsightPeriod]

  /// Matches `periods` found over `simulator`'s records to its incidents and recurring jobs.
  ///
  /// A burst is found by an ApiCallRateInsight period on its API, account and region that starts
  /// between its start and its end; a storm by an ApiErrorRateInsight period with its error code.
  public init(periods: [InsightPeriod], incidents: [DemoIncident], jobs: [DemoRecurringJob]) {
    var used = Set<Int>()
    var matches: [Match] = []
    for incident in incidents
    where incident.kind == .apiCallRateBurst || incident.kind == .apiErrorStorm {
      let type: InsightType = incident.kind == .apiCallRateBurst ? .apiCallRateInsight : .apiErrorRateInsight
      let found = periods.indices.first { i in
        let period = periods[i]
        let subject = period.subject
        return !used.contains(i) && subject.type == type && subject.accountId == incident.accountId
          && subject.region == incident.region && subject.eventSource == incident.eventSource
          && subject.eventName == incident.eventName
          && (type == .apiCallRateInsight || subject.errorCode == incident.errorCode)
          && period.start >= incident.start.addingTimeInterval(-60) && period.start < incident.end
      }
      if let found { used.insert(found) }
      matches.append(Match(incident: incident, period: found.map { periods[$0] }))
    }
    var falsePeriods: [InsightPeriod] = []
    var jobPeriods: [InsightPeriod] = []
    var classic: [InsightPeriod] = []
    for (i, period) in periods.enumerated() where !used.contains(i) {
      let subject = period.subject
      if jobs.contains(where: {
        $0.accountId == subject.accountId && $0.region == subject.region
          && $0.eventSource == subject.eventSource
          && $0.eventName == subject.eventName
      }) {
        jobPeriods.append(period)
      } else if incidents.contains(where: {
        $0.accountId == subject.accountId && $0.eventNames.contains(subject.eventName)
          && period.start >= $0.start.addingTimeInterval(-60) && period.start <= $0.end.addingTimeInterval(60)
      }) {
        classic.append(period)
      } else {
        falsePeriods.append(period)
      }
    }
    self.matches = matches
    self.falsePeriods = falsePeriods
    self.recurringJobPeriods = jobPeriods
    self.classicPeriods = classic
  }

  /// Found incidents over all (1 when there were none).
  public var recall: Double {
    matches.isEmpty ? 1 : Double(matches.filter { $0.period != nil }.count) / Double(matches.count)
  }

  /// The start delays of the found incidents, in minutes.
  public var startDelays: [Double] { matches.compactMap(\.startDelayMinutes) }
}
