/// A ready-made CloudTrail Lake query: what the console's "Sample queries" tab and the
/// SearchSampleQueries operation offer.
public struct SampleQuery: Equatable, Sendable {
  /// A short title.
  public var name: String
  /// What the query answers, in one sentence.
  public var description: String
  /// The statement, reading the event data store `$EDS_ID` (see `sql(forStore:)`).
  public var sql: String

  public init(name: String, description: String, sql: String) {
    self.name = name
    self.description = description
    self.sql = sql
  }

  /// The placeholder the statements use for the event data store, as the console's samples do.
  public static let storePlaceholder = "$EDS_ID"

  /// The statement with `$EDS_ID` replaced by `storeID` (an event data store's id or ARN).
  public func sql(forStore storeID: String) -> String {
    sql.replacingOccurrences(of: Self.storePlaceholder, with: storeID)
  }
}

extension SampleQuery {
  /// The samples, in the order the pane lists them. One list, so the pane and SearchSampleQueries
  /// never disagree about what a sample says.
  public static let all: [SampleQuery] = [
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
