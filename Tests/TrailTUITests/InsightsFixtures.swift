import Foundation
import TrailCore

@testable import TrailTUI

/// Stored Insights periods of two APIs (a closed call-rate burst with an older one, an open error
/// storm) and timelines answering any request, for the Insights pane's and the Dashboard's tests.
extension Fixture {
  static let runInstances = InsightSubject(
    type: .apiCallRateInsight, accountId: "123456789012", region: "us-east-1",
    eventSource: "ec2.amazonaws.com", eventName: "RunInstances")
  static let assumeRole = InsightSubject(
    type: .apiErrorRateInsight, accountId: "210987654321", region: "eu-west-1",
    eventSource: "sts.amazonaws.com", eventName: "AssumeRole", errorCode: "AccessDenied")

  /// RunInstances' newest period: 08:00–08:10, alice's burst.
  static let burst = StoredInsightPeriod(
    sharedEventID: "shared-burst", subject: runInstances, start: now.addingTimeInterval(-7200),
    end: now.addingTimeInterval(-6600), baselineAverage: 0.25, startAverage: 9, periodAverage: 7.5,
    durationMinutes: 10, baselineMinutes: 10_080,
    attributions: [
      InsightAttribution(
        "userIdentityArn",
        insight: [
          ("arn:aws:iam::123456789012:user/alice", 6.5), ("arn:aws:iam::123456789012:user/bob", 1),
        ],
        baseline: [("arn:aws:iam::123456789012:user/bob", 0.25)]),
      InsightAttribution(
        "userAgent", insight: [("aws-cli/2.15.0", 7.5)], baseline: [("Boto3/1.34.69", 0.25)]),
      InsightAttribution("errorCode", insight: [("null", 7.5)], baseline: [("null", 0.25)]),
    ])
  /// RunInstances a day earlier, 5 minutes.
  static let olderBurst = StoredInsightPeriod(
    sharedEventID: "shared-older", subject: runInstances, start: now.addingTimeInterval(-86_400 - 3600),
    end: now.addingTimeInterval(-86_400 - 3300), baselineAverage: 0.2, startAverage: 6, periodAverage: 5,
    durationMinutes: 5, baselineMinutes: 10_080)
  /// AssumeRole failing since 09:55, still open.
  static let storm = StoredInsightPeriod(
    sharedEventID: "shared-storm", subject: assumeRole, start: now.addingTimeInterval(-300),
    baselineAverage: 0.02, startAverage: 0.9, baselineMinutes: 10_080,
    attributions: [
      InsightAttribution(
        "userIdentityArn",
        insight: [("arn:aws:sts::210987654321:assumed-role/worker/payments", 0.9)],
        baseline: [("arn:aws:sts::210987654321:assumed-role/worker/payments", 0.01)])
    ])

  /// Newest API first, as `InsightsCatalog.activities` orders them.
  static let insightActivities = [
    InsightActivity(subject: assumeRole, periods: [storm]),
    InsightActivity(subject: runInstances, periods: [burst, olderBurst]),
  ]

  /// A timeline answering `request`: a quiet baseline inside its band, the highlighted buckets busy.
  static func timeline(for request: InsightsTimelineRequest) -> InsightsTimeline {
    let window = request.minutes
    let bucket = request.bucketMinutes
    let buckets = stride(from: window.lowerBound, to: window.upperBound, by: Int(bucket)).map { minute in
      let start = Date(timeIntervalSince1970: TimeInterval(minute * 60))
      let minutes = start..<start.addingTimeInterval(TimeInterval(bucket * 60))
      let highlight = request.highlights.firstIndex { $0.overlaps(minutes) }
      let isError = request.subject.type == .apiErrorRateInsight
      let quiet = isError ? 0.02 : Double(minute % 3) * 0.2
      let busy = isError ? 0.9 : 8.0
      return InsightsTimeline.Bucket(
        start: start, average: highlight == nil ? quiet : busy, peak: highlight == nil ? quiet * 2 : busy,
        band: InsightBaselineBand(expected: isError ? 0.02 : 0.25, unusualFrom: isError ? 0.22 : 4),
        highlight: highlight)
    }
    return InsightsTimeline(request: request, bucketMinutes: bucket, buckets: buckets)
  }

  /// The Insights pane with `insightActivities` loaded and the selected API's timeline answered,
  /// ticked once at `now`.
  static func insightsState(size: Size = Size(width: 80, height: 24)) -> AppState {
    var state = AppState(databasePath: "/data/traildeck.db", size: size, pane: .insights)
    _ = update(&state, .eventCountLoaded(1_234_567))
    let effects = update(&state, .tick(now))
    guard
      let id = effects.compactMap({ effect -> Int? in
        if case .loadInsights(let id, _) = effect { return id }
        return nil
      }).first
    else { return state }
    answerTimeline(&state, update(&state, .insightsLoaded(requestID: id, insightActivities)))
    return state
  }

  /// Answers the timeline request among `effects`, as the runtime would.
  static func answerTimeline(_ state: inout AppState, _ effects: [Effect]) {
    for effect in effects {
      if case .loadInsightTimeline(let id, let request) = effect {
        _ = update(&state, .insightTimelineLoaded(requestID: id, timeline(for: request)))
      }
    }
  }
}
