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
  /// What the writer needs in the form it stores, worked out on a reader thread (see `WriterKeys`).
  var keys = WriterKeys()
}

/// A record's storage keys, computed where files are read (one thread per core) so that the writer,
/// the one serial stage of ingest, only looks them up and inserts.
struct WriterKeys: Sendable {
  /// The first row id tried (`EventKey.rowID`); the writer moves to the next slot on a collision.
  var rowID: Int64 = 0
  var day: Int64 = 0
  var storedID: [UInt8] = []
  var idHash: UInt64 = 0
  /// The record's interned fields as indices into its file's `values` (0 = none).
  var values = ValueRefs()
  /// `Resources[]` as stored in `events.resources` (type US name, entries split by RS), nil when empty.
  var resourcesText: String?
  /// This record's entries of the file's `resources`.
  var resourceRange: Range<Int32> = 0..<0
}

/// A record's interned fields, as indices into its file's `values` (0 = none or empty).
struct ValueRefs: Sendable {
  var eventName: Int32 = 0
  var eventSource: Int32 = 0
  var awsRegion: Int32 = 0
  var accountId: Int32 = 0
  var username: Int32 = 0
  var accessKeyId: Int32 = 0
  var errorCode: Int32 = 0
  var eventType: Int32 = 0
}

/// A resource of a record for postings: its type (an index into the file's `values`) and name hash
/// (0 when it has no name).
struct ResourceKey: Sendable {
  var type: Int32
  var nameHash: Int64
}

/// Why one record was rejected (the file and record index are added by the caller).
struct RecordProblem: Error, Equatable {
  var field: String?
  var reason: String
}
