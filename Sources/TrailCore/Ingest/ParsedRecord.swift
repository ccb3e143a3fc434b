/// The lookup fields of one record, extracted at ingest; the raw bytes are kept alongside, verbatim.
struct ParsedRecord: Sendable {
  var eventTime: Int64
  var eventID: String
  var eventName: String
  var eventSource: String
  var awsRegion: String
  var eventType: String
  var category: EventCategory
  var readOnly: Bool?
  var errorCode: String?
  var sourceIPAddress: String?
  /// `recipientAccountId`, else `userIdentity.accountId`.
  var accountId: String?
  /// Event history's `Username` (see `UsernameRule`).
  var username: String?
  var accessKeyId: String?
  var resources: [EventResource]
}

/// Why one record was rejected (the file and record index are added by the caller).
struct RecordProblem: Error, Equatable {
  var field: String?
  var reason: String
}
