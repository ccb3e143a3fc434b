/// One record as the writer needs it, in its file's terms: plain numbers only.
///
/// Strings live once per file (`ParsedFile.values`, `idBytes`, `resourceText`) and records point into
/// them, so a record is copied and dropped without touching reference counts (a record of a dozen
/// strings cost a dozen retains and releases each time the writer touched it).
struct ParsedRecord: Sendable {
  var eventTime: Int64
  var category: EventCategory
  var readOnly: Bool?
  /// What the writer needs in the form it stores, worked out on a reader thread (see `WriterKeys`).
  var keys = WriterKeys()
}

/// A record's fields as scanned, before they are filed into their `ParsedFile`.
struct ScannedRecord {
  var eventTime: Int64
  /// nil for eventVersion 1.0 records, which predate eventIDs (one is derived from the bytes).
  var eventID: FieldText?
  var eventName: FieldText?
  var eventSource: FieldText?
  var awsRegion: FieldText?
  /// nil: `AwsApiCall`.
  var eventType: FieldText?
  var category: EventCategory
  var readOnly: Bool?
  var errorCode: FieldText?
  var sourceIPAddress: FieldText?
  /// `recipientAccountId`, else `userIdentity.accountId`.
  var accountId: FieldText?
  /// Event history's `Username` (see `IdentityFields.username`).
  var username: FieldText?
  /// `userIdentity.arn`, for the ARN rollups; nil when absent or null.
  var userArn: FieldText? = nil
  /// The record names `userIdentity` or `arn` in a way Lake may read otherwise (see
  /// `ArnRollupKey.unclear`).
  var userArnIsUnclear = false
  var accessKeyId: FieldText?
  var resources: [ScannedResource]
  /// Every `resources[]` entry's type as Lake reads it, for the resource-type rollups; one `.unclear`
  /// when Lake may read another `resources` than this scanner.
  var resourceTypes: [ScannedResourceType] = []
  var requestParameters = ScannedRequestParameters.none
  /// A configuration item's resource (category `ConfigurationItem` only), for `config_items`.
  var configItem: ScannedConfigItem? = nil
}

/// A `resources[]` entry's `type` as Lake reads it (`r.type` after `UNNEST(resources) AS u (r)`).
enum ScannedResourceType {
  /// Absent or JSON null: NULL.
  case none
  case text(FieldText)
  /// Not a string, or a key Lake may read otherwise (see `ResourceTypeRollupKey.unclear`).
  case unclear
}

/// A record's `requestParameters` as Lake's map column reads it (see `RequestParameterPage`).
enum ScannedRequestParameters {
  /// Absent or JSON null: NULL.
  case none
  /// An object: its bytes in the file.
  case object(Range<Int>)
  /// A member Lake may read otherwise, or not an object.
  case unclear
}

/// A `resources[]` entry: its type, and the name derived from its ARN (see `ResourceNameRule`).
struct ScannedResource {
  var type: FieldText?
  var name: FieldText?
}

/// A record's storage keys, computed where files are read (one thread per core) so that the writer,
/// the one serial stage of ingest, only looks them up and inserts.
struct WriterKeys: Sendable {
  /// The first row id tried (`EventKey.rowID`); the writer moves to the next slot on a collision.
  var rowID: Int64 = 0
  var day: Int64 = 0
  /// The stored eventID (`EventKey.storedEventID`): `ParsedFile.idBytes[storedID]`.
  var storedID: Range<Int32> = 0..<0
  var idHash: UInt64 = 0
  /// The record's interned fields as indices into its file's `values` (0 = none).
  var values = ValueRefs()
  /// `sourceIPAddress` as an index into its file's `verbatim` values (0 = none).
  var sourceIPAddress: Int32 = 0
  /// `userIdentity.accessKeyId` as an index into its file's `verbatim` values (0 = none), and the
  /// `PostedTextKey` hash its postings are keyed by (0 = none).
  var accessKeyId: Int32 = 0
  var accessKeyHash: Int64 = 0
  /// `Resources[]` as stored in `events.resources` (type US name, entries split by RS):
  /// `ParsedFile.resourceText[resourcesText]`, empty when the record has none (stored as NULL).
  var resourcesText: Range<Int32> = 0..<0
  /// This record's entries of the file's `resources`.
  var resourceRange: Range<Int32> = 0..<0
  /// This record's entries of the file's `resourceTypes`.
  var resourceTypeRange: Range<Int32> = 0..<0
  /// Lake's text of `requestParameters` (see `RequestParameterPage`):
  /// `ParsedFile.requestParameters[requestParameters]`, for kind `.object`; nil kind: none.
  var requestParameters: Range<Int32> = 0..<0
  var requestParametersKind: RequestParameterPage.Kind?
  /// A configuration item's index in its file's `configItems`; -1 for every other record.
  var configItem: Int32 = -1
}

/// A record's interned fields, as indices into its file's `values` (0 = none or empty).
struct ValueRefs: Sendable {
  var eventName: Int32 = 0
  var eventSource: Int32 = 0
  var awsRegion: Int32 = 0
  var accountId: Int32 = 0
  var username: Int32 = 0
  var errorCode: Int32 = 0
  var eventType: Int32 = 0
  /// `userIdentity.arn`: an index as the others, or `ArnRollupKey.empty` / `.unclear` (negative).
  var userArn: Int32 = 0
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
