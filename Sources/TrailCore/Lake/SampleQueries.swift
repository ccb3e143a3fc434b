import LakeSQL

/// A ready-made CloudTrail Lake query: what the console's "Sample queries" tab and the
/// SearchSampleQueries operation offer.
///
/// Each sample reads one kind of event data store (`storeKind`): a statement over CloudTrail
/// events' columns fails with an unknown column on a store of configuration items or evidence, so
/// the Lake pane offers a store only the samples of its kind.
public struct SampleQuery: Equatable, Sendable {
  /// A short title.
  public var name: String
  /// What the query answers, in one sentence.
  public var description: String
  /// The statement, reading the event data store `$EDS_ID` (see `sql(forStore:cloudTrailStore:)`),
  /// and for a sample that joins configuration items to the calls behind them, also
  /// `$CLOUDTRAIL_EDS_ID`.
  public var sql: String
  /// The table `$EDS_ID` must be: CloudTrail events, configuration items or evidence.
  public var storeKind: LakeTableSchema

  public init(name: String, description: String, sql: String, storeKind: LakeTableSchema = .cloudTrail) {
    self.name = name
    self.description = description
    self.sql = sql
    self.storeKind = storeKind
  }

  /// The placeholder the statements use for the event data store, as the console's samples do.
  public static let storePlaceholder = "$EDS_ID"
  /// The placeholder for a second store, of CloudTrail events, in samples that join one (the
  /// console's samples write `cloudtrail_event_data_store_ID` there).
  public static let cloudTrailStorePlaceholder = "$CLOUDTRAIL_EDS_ID"

  /// Whether the statement also reads a store of CloudTrail events (`$CLOUDTRAIL_EDS_ID`).
  public var needsCloudTrailStore: Bool { sql.contains(Self.cloudTrailStorePlaceholder) }

  /// The statement with `$EDS_ID` replaced by `storeID` (an event data store's id or ARN) and
  /// `$CLOUDTRAIL_EDS_ID`, when given, by `cloudTrailStore`.
  public func sql(forStore storeID: String, cloudTrailStore: String? = nil) -> String {
    var text = sql
    if let cloudTrailStore {
      text = text.replacingOccurrences(of: Self.cloudTrailStorePlaceholder, with: cloudTrailStore)
    }
    return text.replacingOccurrences(of: Self.storePlaceholder, with: storeID)
  }

  /// Every sample, CloudTrail events' first, then configuration items', then evidence's: what
  /// SearchSampleQueries searches.
  public static let all: [SampleQuery] = cloudTrailEvents + configurationItems + evidence

  /// The samples a store of `kind` can run, in the pane's order. Samples that join a store of
  /// CloudTrail events are left out when `hasCloudTrailStore` is false: there is nothing to join.
  public static func offered(for kind: LakeTableSchema, hasCloudTrailStore: Bool) -> [SampleQuery] {
    all.filter { $0.storeKind == kind && (hasCloudTrailStore || !$0.needsCloudTrailStore) }
  }
}

extension SampleQuery {
  /// The samples over CloudTrail events, in the order the pane lists them. One list, so the pane and
  /// SearchSampleQueries never disagree about what a sample says.
  public static let cloudTrailEvents: [SampleQuery] = [
    .init(
      name: "Top event names",
      description: "The 20 API calls made most often.",
      sql: """
        SELECT eventName, count(*) AS n
        FROM $EDS_ID
        GROUP BY eventName
        ORDER BY n DESC
        LIMIT 20
        """),
    .init(
      name: "Console logins",
      description: "Who signed in to the console, from where, and whether it worked.",
      sql: """
        SELECT eventTime, userIdentity.arn, sourceIPAddress, responseElements['ConsoleLogin'] AS result
        FROM $EDS_ID
        WHERE eventName = 'ConsoleLogin'
        ORDER BY eventTime DESC
        """),
    .init(
      name: "Failed console logins",
      description: "Console sign-ins that failed, by source IP address.",
      sql: """
        SELECT sourceIPAddress, count(*) AS failures
        FROM $EDS_ID
        WHERE eventName = 'ConsoleLogin' AND errorMessage IS NOT NULL
        GROUP BY sourceIPAddress
        ORDER BY failures DESC
        """),
    .init(
      name: "Errors by user",
      description: "Which principals get the most error codes back.",
      sql: """
        SELECT userIdentity.arn AS principal, errorCode, count(*) AS n
        FROM $EDS_ID
        WHERE errorCode IS NOT NULL
        GROUP BY userIdentity.arn, errorCode
        ORDER BY n DESC
        """),
    .init(
      name: "Access denied",
      description: "Calls refused for lack of permission, newest first.",
      sql: """
        SELECT eventTime, eventSource, eventName, userIdentity.arn, sourceIPAddress
        FROM $EDS_ID
        WHERE errorCode IN ('AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation')
        ORDER BY eventTime DESC
        """),
    .init(
      name: "S3 bucket creations",
      description: "Buckets created, with their creator.",
      sql: """
        SELECT eventTime, userIdentity.arn, requestParameters['bucketName'] AS bucket, awsRegion
        FROM $EDS_ID
        WHERE eventSource = 's3.amazonaws.com' AND eventName = 'CreateBucket'
        ORDER BY eventTime DESC
        """),
    .init(
      name: "IAM changes",
      description: "Every IAM call that changed something.",
      sql: """
        SELECT eventTime, eventName, userIdentity.arn, errorCode
        FROM $EDS_ID
        WHERE eventSource = 'iam.amazonaws.com' AND readOnly = false
        ORDER BY eventTime DESC
        """),
    .init(
      name: "Root account activity",
      description: "Calls made with the root user's credentials.",
      sql: """
        SELECT eventTime, eventName, sourceIPAddress, userAgent
        FROM $EDS_ID
        WHERE userIdentity.type = 'Root'
        ORDER BY eventTime DESC
        """),
    .init(
      name: "Activity by region",
      description: "Events per region, to spot unused regions in use.",
      sql: """
        SELECT awsRegion, count(*) AS n
        FROM $EDS_ID
        GROUP BY awsRegion
        ORDER BY n DESC
        """),
    .init(
      name: "Top source IP addresses",
      description: "Where calls come from, most frequent first.",
      sql: """
        SELECT sourceIPAddress, count(*) AS n
        FROM $EDS_ID
        GROUP BY sourceIPAddress
        ORDER BY n DESC
        LIMIT 20
        """),
    .init(
      name: "Assumed roles",
      description: "Which roles sessions came from (AssumeRole callers).",
      sql: """
        SELECT userIdentity.sessionContext.sessionIssuer.arn AS role, count(*) AS n
        FROM $EDS_ID
        WHERE userIdentity.type = 'AssumedRole'
        GROUP BY userIdentity.sessionContext.sessionIssuer.arn
        ORDER BY n DESC
        """),
    .init(
      name: "Security group changes",
      description: "Ingress and egress rules added or removed.",
      sql: """
        SELECT eventTime, eventName, userIdentity.arn, requestParameters['groupId'] AS groupId
        FROM $EDS_ID
        WHERE eventSource = 'ec2.amazonaws.com'
          AND eventName LIKE '%SecurityGroup%'
        ORDER BY eventTime DESC
        """),
    .init(
      name: "Write events per hour",
      description: "How busy the last day was, hour by hour.",
      sql: """
        SELECT date_trunc('hour', eventTime) AS hour, count(*) AS n
        FROM $EDS_ID
        WHERE readOnly = false AND eventTime > now() - interval '1' day
        GROUP BY date_trunc('hour', eventTime)
        ORDER BY hour
        """),
  ]
}
