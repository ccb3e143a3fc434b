/// A statement turned into one SQLite SELECT over the store, with everything needed to run it and to
/// print its rows as Lake does.
public struct TranslatedQuery: Sendable, Equatable {
  /// SQLite SQL; user values appear only as numbered parameters (`?1`, `?2`, …), bound from `bindings`.
  public var sql: String
  public var bindings: [SQLBinding]
  /// Result columns in select order: the name Lake gives each, and its type (which decides the text).
  public var columns: [ResultColumn]
  /// The ARNs of the event data stores the statement reads, each once, in order of first mention.
  public var storeARNs: [String]
}

/// A value bound to a numbered parameter.
public enum SQLBinding: Hashable, Sendable {
  case integer(Int64)
  case double(Double)
  case text(String)
}

/// One column of a result.
public struct ResultColumn: Hashable, Sendable {
  public var name: String
  public var type: LakeType
}

/// What an event data store named in a statement reads from, as the engine's store provides it.
public struct LakeTableSource: Sendable {
  /// A parenthesised SQLite SELECT with the columns `id` (the event's row id, which `lake_col` reads the
  /// record by), `t` (its eventTime in epoch seconds) and the ids of its interned strings, which
  /// `lake_string` reads without opening the record: `n` eventName, `s` eventSource, `r` awsRegion,
  /// `x` errorCode, `y` eventType, `u` the derived user name (0 for none), and `i` the stored eventID in
  /// hex, which `lake_event_id` reads.
  public var sql: String
  public var arn: String
  /// The columns the table presents.
  public var schema: LakeTableSchema
  /// For a store with context key selectors: the text the engine's `lake_col` is given after `#` in
  /// `eventcontext` paths to find them (nil: the store's events have no eventContext).
  public var enrichment: String?
  /// Whether the table is every stored event, all of which the per-minute rollups count: the engine
  /// may then answer counts of it from the rollups (`RollupQueryAnswer`).
  public var isAllEvents: Bool

  public init(
    sql: String, arn: String, schema: LakeTableSchema = .cloudTrail, enrichment: String? = nil,
    isAllEvents: Bool = false
  ) {
    self.sql = sql
    self.arn = arn
    self.schema = schema
    self.enrichment = enrichment
    self.isAllEvents = isAllEvents
  }
}
