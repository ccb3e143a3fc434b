import CSQLite
import Foundation
import LakeSQL

/// TrailDeck's Lake SQL engine: parses a statement (`LakeSQL.parse`), types and translates it to one
/// SQLite SELECT (`LakeTranslator`), and runs that over the store with the `lake_*` functions, printing
/// every value as Lake does.
public struct LakeSQLEngine: LakeQueryEngine {
  /// What a table name in FROM reads, or nil when no event data store has that id or ARN; may throw
  /// `ServiceError` (an inactive store).
  public typealias TableSources =
    @Sendable (_ name: String, _ connection: SQLiteConnection, _ context: StoreContext) throws ->
    LakeTableSource?

  let tableSources: TableSources
  /// Whether a table joined with itself on eventID is read once (`SelfJoinElimination`); tests turn
  /// it off to compare with the join.
  var eliminatesSelfJoins = true

  /// An engine reading the tables `tableSources` names.
  public init(tableSources: @escaping TableSources) {
    self.tableSources = tableSources
  }

  public func prepare(
    _ statement: String, parameters: [String], connection: SQLiteConnection, context: StoreContext
  ) throws -> any PreparedLakeQuery {
    let query: Query
    do {
      query = try LakeSQL.parse(statement)
    } catch {
      throw ServiceError("InvalidQueryStatementException", error.description)
    }
    var translator = LakeTranslator(parameters: parameters) { name in
      try tableSources(name, connection, context)
    }
    var prepared: LakePreparedStatement
    do {
      prepared = LakePreparedStatement(translated: try translator.translate(query))
    } catch let error as LakeSQLError {
      throw ServiceError("InvalidQueryStatementException", error.description)
    }
    // A table joined with itself on eventID pairs each event with itself: one read of it does.
    var planned = query
    if eliminatesSelfJoins,
      let rewritten = SelfJoinElimination.rewrite(
        query,
        columnNames: { name in
          Set(
            (try? tableSources(name, connection, context))?.schema.columns.map { $0.name.lowercased() } ?? [])
        })
    {
      var again = LakeTranslator(parameters: parameters) { name in try tableSources(name, connection, context)
      }
      if let translated = try? again.translate(rewritten), translated.columns == prepared.translated.columns {
        prepared = LakePreparedStatement(translated: translated)
        planned = rewritten
      }
    }
    // A count of every stored event, whole or by a rollup dimension or time bucket: the rollups
    // hold the answer (a self-join's count too, once it reads the table once).
    if let plan = RollupQueryPlan(planned),
      try tableSources(plan.table, connection, context)?.isAllEvents == true
    {
      return RollupQueryAnswer(plan: plan, columns: prepared.translated.columns, fallback: prepared)
    }
    return prepared
  }

  /// The columns every table source gives (see `LakeTableSource`), read from `events` as `e`.
  static let sourceColumns =
    "e.id AS id, e.event_time AS t, e.event_name AS n, e.event_source AS s, e.aws_region AS r, "
    + "e.error_code AS x, e.event_type AS y, e.username AS u, hex(e.event_id) AS i, e.params_slot AS ps"

  /// The source SQL of one event data store: its member events within its retention, each counted
  /// by `lake_scan()` as it is read. `id` is the membership's column, so that row-id bounds (see
  /// `TimeBound`) are a range of its primary key.
  public static func storeSource(storeRowID: Int64, retentionDays: Int, now: Date) -> String {
    let cutoff = Int64(now.timeIntervalSince1970) - Int64(retentionDays) * 86_400
    return """
      (SELECT \(sourceColumns.replacingOccurrences(of: "e.id AS id", with: "m.event AS id")) \
      FROM event_data_store_events m JOIN events e ON e.id = m.event \
      WHERE m.store = \(storeRowID) AND e.event_time >= \(cutoff) AND lake_scan())
      """
  }

  /// Every stored event, as the table `all_events` (a TrailDeck extension, not an event data store)
  /// reads them under `arn`.
  public static func allEventsSource(arn: String) -> LakeTableSource {
    LakeTableSource(sql: eventsSource(), arn: arn, isAllEvents: true)
  }

  /// Every stored event whose row satisfies `condition` (SQLite over `events` as `e`; TrailDeck's own
  /// text, never a user's), for tables that are not event data stores (tests, the history filter).
  public static func eventsSource(where condition: String = "1") -> String {
    "(SELECT \(sourceColumns) FROM events e WHERE (\(condition)) AND lake_scan())"
  }
}

/// A translated statement, run by `run`.
struct LakePreparedStatement: PreparedLakeQuery {
  let translated: TranslatedQuery

  var eventDataStoreARNs: [String] { translated.storeARNs }

  func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
    -> LakeQueryOutput
  {
    let functions = try LakeFunctions(connection: connection)
    functions.nowMillis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
    // Trino's LIKE is case-sensitive; SQLite's is not unless told.
    try connection.execute("PRAGMA case_sensitive_like = ON")
    defer { try? connection.execute("PRAGMA case_sensitive_like = OFF") }
    // SQLite's temporary tables (a join's materialised sides, GROUP BY's sorter) stay in files:
    // `temp_store = MEMORY` made a self-join a quarter faster but held every sorted row in memory,
    // 329 MB for three queries over 1 M events, against Lake's 500 MB budget at 10 M.
    let watcher = CancellationWatcher(cancellation)
    sqlite3_progress_handler(
      connection.handle, 4_000,
      { pointer in
        guard let pointer else { return 0 }
        return Unmanaged<CancellationWatcher>.fromOpaque(pointer).takeUnretainedValue().cancellation
          .isCancelled ? 1 : 0
      }, Unmanaged.passUnretained(watcher).toOpaque())
    defer { sqlite3_progress_handler(connection.handle, 0, nil, nil) }

    let statement: SQLiteStatement
    do {
      statement = try connection.prepare(translated.sql)
    } catch let error as SQLiteError {
      throw LakeQueryFailure("The statement could not be prepared: \(error.message)")
    }
    for (index, binding) in translated.bindings.enumerated() {
      let position = Int32(index + 1)
      switch binding {
      case .integer(let v): sqlite3_bind_int64(statement.handle, position, v)
      case .double(let v): sqlite3_bind_double(statement.handle, position, v)
      case .text(let v): sqlite3_bind_text(statement.handle, position, v, -1, tdsqlite_transient())
      }
    }
    var rows: [[String?]] = []
    let types = translated.columns.map(\.type)
    while true {
      let rc = sqlite3_step(statement.handle)
      if rc == SQLITE_DONE { break }
      guard rc == SQLITE_ROW else {
        if rc == SQLITE_INTERRUPT || cancellation.isCancelled { throw LakeQueryCancelled() }
        throw LakeQueryFailure(String(cString: sqlite3_errmsg(connection.handle)))
      }
      var row: [String?] = []
      row.reserveCapacity(types.count)
      for (column, type) in types.enumerated() {
        row.append(
          LakeValueText.text(LakeValue(sqlite3_column_value(statement.handle, Int32(column))), type: type))
      }
      rows.append(row)
      if rows.count % 4096 == 0, cancellation.isCancelled { throw LakeQueryCancelled() }
    }
    let scanned = functions.rowsScanned
    // Lake bills the bytes it reads: the records whose fields were read (or their requestParameters
    // alone, when that was all a query read of them), and the time column of every scanned event.
    let bytes = functions.records.bytesRead + functions.params.bytesRead + scanned * 8
    let read = max(functions.records.recordsRead, functions.params.eventsRead)
    return LakeQueryOutput(
      columns: translated.columns.map(\.name), rows: rows, eventsScanned: scanned,
      eventsMatched: min(scanned, max(read, Int64(rows.count))), bytesScanned: bytes)
  }
}

/// Hands a `LakeCancellation` to SQLite's progress handler.
private final class CancellationWatcher {
  let cancellation: LakeCancellation
  init(_ cancellation: LakeCancellation) { self.cancellation = cancellation }
}
