import Foundation

/// What `EventChains` reads off one record to link it to the call that caused it: identity, key,
/// `invokedBy`, and for `AssumeRole*` the role, session and key it handed out.
struct ChainFacts: Equatable {
  var rowID: Int64
  var time: Int64
  /// The event's history row, when it was found through one (the event a search starts from may not be).
  var summary: EventSummary?
  var eventSource: String
  var eventName: String
  var accountId: String?
  var identityType: String?
  /// `userIdentity.accessKeyId`, nil when absent or empty.
  var accessKeyId: String?
  /// `userIdentity.invokedBy`, nil when absent or empty.
  var invokedBy: String?
  /// `userIdentity.sessionContext.sessionIssuer.arn` (the role of an assumed-role session).
  var sessionIssuerARN: String?
  /// The session name of an assumed-role ARN (`…:assumed-role/Role/Session`).
  var sessionName: String?
  var readOnly: Bool?
  /// For `AssumeRole*`: `requestParameters.roleArn`, `.roleSessionName`, `.durationSeconds` (3600 when
  /// absent, STS's default), and `responseElements.credentials.accessKeyId`.
  var requestedRoleARN: String?
  var requestedSessionName: String?
  var durationSeconds: Int64 = 3600
  var issuedAccessKeyId: String?

  var cursor: HistoryCursor { HistoryCursor(time: time, rowID: rowID) }
  var isAssumeRole: Bool { eventSource == "sts.amazonaws.com" && eventName.hasPrefix("AssumeRole") }
  /// A call the principal made itself, not a service acting for it.
  var isDirect: Bool { invokedBy == nil }

  init(rowID: Int64, record: String, summary: EventSummary? = nil) {
    self.rowID = rowID
    self.summary = summary
    let json = (try? JSONValue(parsing: Data(record.utf8))) ?? .null
    time =
      json["eventTime"]?.stringValue.flatMap(ISO8601Time.parse)
      ?? summary.map { Int64($0.eventTime.timeIntervalSince1970) } ?? EventKey.time(of: rowID)
    eventSource = json["eventSource"]?.stringValue ?? summary?.eventSource ?? ""
    eventName = json["eventName"]?.stringValue ?? summary?.eventName ?? ""
    accountId = json["recipientAccountId"]?.stringValue ?? summary?.recipientAccountId
    let identity = json["userIdentity"]
    identityType = identity?["type"]?.stringValue
    accessKeyId = identity?["accessKeyId"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    invokedBy = identity?["invokedBy"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    sessionIssuerARN = identity?["sessionContext"]?["sessionIssuer"]?["arn"]?.stringValue
    if identityType == "AssumedRole", let arn = identity?["arn"]?.stringValue,
      let slash = arn.lastIndex(of: "/")
    {
      sessionName = String(arn[arn.index(after: slash)...])
    }
    if case .bool(let value)? = json["readOnly"] { readOnly = value }
    let request = json["requestParameters"]
    requestedRoleARN = request?["roleArn"]?.stringValue
    requestedSessionName = request?["roleSessionName"]?.stringValue
    if case .integer(let seconds)? = request?["durationSeconds"] { durationSeconds = seconds }
    issuedAccessKeyId = json["responseElements"]?["credentials"]?["accessKeyId"]?.stringValue
  }
}
