import Foundation
import TrailCore

@testable import TrailTUI

enum Fixture {
  /// 2024-01-02T10:00:00Z
  static let now = Date(timeIntervalSince1970: 1_704_189_600)

  static func event(
    _ rowID: Int64, name: String = "DescribeInstances", user: String? = "alice", readOnly: Bool? = true,
    error: String? = nil, ip: String? = "203.0.113.5", secondsAgo: Int? = nil, resource: String? = nil
  ) -> EventSummary {
    EventSummary(
      rowID: rowID, eventId: "id-\(rowID)", eventName: name, eventSource: "ec2.amazonaws.com",
      eventTime: now.addingTimeInterval(-Double(secondsAgo ?? Int(rowID) * 7)), readOnly: readOnly,
      username: user, accessKeyId: "AKIAEXAMPLE\(rowID)",
      resources: resource.map { [EventResource(type: "AWS::S3::Bucket", name: $0)] } ?? [], errorCode: error,
      awsRegion: "us-east-1", sourceIPAddress: ip, recipientAccountId: "123456789012",
      eventType: "AwsApiCall", eventCategory: "Management")
  }

  /// A page of events newest first, rowIDs descending from `top`.
  static func page(from top: Int64, count: Int) -> [EventSummary] {
    (0..<count).map { offset in event(top - Int64(offset), secondsAgo: Int(offset) * 7 + Int(100_000 - top)) }
  }

  /// Rows with CJK and emoji values, writes and errors, for screens.
  static let screenRows: [EventSummary] = [
    event(9, name: "CreateBucket", user: "田中太郎", readOnly: false, resource: "写真-バケット"),
    event(8, name: "ConsoleLogin", user: "bob🚀", readOnly: false, error: "Failed authentication"),
    event(7, name: "DescribeInstances", user: "alice", readOnly: true),
    event(6, name: "PutObject", user: "carol", readOnly: false, error: "AccessDenied", resource: "logs-2024"),
    event(5, name: "GetCallerIdentity", user: "dave", readOnly: true, ip: "198.51.100.7"),
  ]

  static let record = """
    {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","userName":"田中太郎","accessKeyId":"AKIAEXAMPLE9"},\
    "eventTime":"2024-01-02T09:58:57Z","eventSource":"s3.amazonaws.com","eventName":"CreateBucket",\
    "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.5","readOnly":false,"requestParameters":\
    {"bucketName":"写真-バケット","tags":["📷",1,null]},"resources":[{"ARN":"arn:aws:s3:::写真-バケット"}]}
    """

  static let dashboard = DashboardSnapshot(
    asOf: now, region: nil, eventsPerMinute: (0..<60).map { ($0 * 7) % 23 + ($0 == 59 ? 30 : 0) },
    total: 1234,
    readCount: 900, writeCount: 334, errorCount: 42,
    topEventNames: [
      RankedValue("DescribeInstances", 400), RankedValue("ConsoleLogin", 120), RankedValue("PutObject", 80),
    ],
    topUsers: [RankedValue("田中太郎", 300), RankedValue("bob🚀", 200), RankedValue("alice", 50)],
    topSourceIPs: [RankedValue("203.0.113.5", 500), RankedValue("198.51.100.7", 20)],
    eventsPerRegion: [RankedValue("us-east-1", 1000), RankedValue("eu-west-1", 234)],
    recentSignIns: [
      SignInSummary(
        rowID: 8, eventTime: now.addingTimeInterval(-60), username: "bob🚀", sourceIPAddress: "203.0.113.5",
        isSuccess: false, mfaUsed: false),
      SignInSummary(
        rowID: 3, eventTime: now.addingTimeInterval(-600), username: "alice", sourceIPAddress: "198.51.100.7",
        isSuccess: true, mfaUsed: true),
    ],
    recentErrors: [screenRows[1], screenRows[3]])

  /// A state with the history loaded with `rows`, ticked once at `now`.
  static func historyState(size: Size = Size(width: 80, height: 24), rows: [EventSummary] = screenRows)
    -> AppState
  {
    var state = AppState(databasePath: "/data/traildeck.db", size: size, pane: .history)
    _ = update(&state, .tick(now))
    _ = update(&state, .eventCountLoaded(1_234_567))
    if let pending = state.history.pending {
      _ = update(&state, .historyLoaded(requestID: pending.requestID, events: rows))
    }
    return state
  }

  static func dashboardState(size: Size) -> AppState {
    var state = AppState(databasePath: "/data/traildeck.db", size: size)
    _ = update(&state, .tick(now))
    _ = update(&state, .eventCountLoaded(1_234_567))
    _ = update(&state, .dashboardLoaded(dashboard))
    return state
  }

  static let trails: [TrailSummary] = [
    TrailSummary(
      name: "management-events", arn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/management-events",
      homeRegion: "us-east-1", s3BucketName: "audit-logs", s3KeyPrefix: "ct", isMultiRegionTrail: true,
      logFileValidationEnabled: true, isLogging: true, latestDeliveryTime: now.addingTimeInterval(-120),
      latestDigestDeliveryTime: now.addingTimeInterval(-1800)),
    TrailSummary(
      name: "org-trail", arn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/org-trail",
      homeRegion: "us-east-1", s3BucketName: "gone-bucket", isMultiRegionTrail: true,
      isOrganizationTrail: true,
      isLogging: true, latestDeliveryTime: now.addingTimeInterval(-3600),
      latestDeliveryError: "NoSuchBucket"),
    TrailSummary(
      name: "quiet", arn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/quiet", homeRegion: "us-east-1",
      s3BucketName: "audit-logs"),
  ]

  /// The Trails pane with `trails` loaded, ticked once at `now`.
  static func trailsState(size: Size = Size(width: 80, height: 24)) -> AppState {
    var state = AppState(databasePath: "/data/traildeck.db", size: size, pane: .trails)
    _ = update(&state, .tick(now))
    _ = update(&state, .eventCountLoaded(1_234_567))
    _ = update(&state, .trailsLoaded(trails))
    return state
  }
}
