import Foundation

/// Lake queries in the store's SQLite file, so every process sees them: `traildeck describe-query`
/// reads what `traildeck start-query` wrote, and the concurrency limit counts across processes.
///
/// One writer connection per instance (each worker thread and each call opens its own). Times are
/// milliseconds: clock time for CloudTrail's times, real time for `heartbeat_at`.
final class LakeQueryStore {
  let connection: SQLiteConnection

  /// Migration 16's tables. Results are pages of `rowsPerPage` rows, each a gzip of
  /// `LakeResultPage`'s encoding: GetQueryResults reads one or two pages, never the whole result.
  static let schema = """
    CREATE TABLE lake_queries (
      id TEXT PRIMARY KEY,
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      statement TEXT NOT NULL,
      status TEXT NOT NULL,
      delivery_s3_uri TEXT,
      delivery_status TEXT,
      owner_account_id TEXT,
      error_message TEXT,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      events_matched INTEGER NOT NULL DEFAULT 0,
      events_scanned INTEGER NOT NULL DEFAULT 0,
      bytes_scanned INTEGER NOT NULL DEFAULT 0,
      columns TEXT NOT NULL DEFAULT '',
      result_count INTEGER NOT NULL DEFAULT 0,
      rows_per_page INTEGER NOT NULL DEFAULT 1000,
      owner_pid INTEGER NOT NULL,
      owner_host TEXT NOT NULL,
      heartbeat_at INTEGER NOT NULL
    );
    CREATE INDEX lake_queries_by_caller ON lake_queries (account, region, created_at);
    CREATE TABLE lake_query_stores (
      store_arn TEXT NOT NULL,
      query_id TEXT NOT NULL,
      PRIMARY KEY (store_arn, query_id)
    ) WITHOUT ROWID;
    CREATE TABLE lake_query_pages (
      query_id TEXT NOT NULL,
      page INTEGER NOT NULL,
      rows BLOB NOT NULL,
      PRIMARY KEY (query_id, page)
    ) WITHOUT ROWID;
    """

  /// Opens a writer on the (already migrated) store at `databasePath`.
  init(databasePath: String) throws {
    connection = try SQLiteConnection(path: databasePath)
  }

  static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
  static func date(_ millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }

  // MARK: Writing

  func insert(_ record: LakeQueryRecord) throws {
    let statement = try connection.prepare(
      """
      INSERT INTO lake_queries (id, account, region, statement, status, delivery_s3_uri, delivery_status,
        owner_account_id, created_at, owner_pid, owner_host, heartbeat_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """)
    try statement.bind([
      .text(record.id), .text(record.account), .text(record.region), .text(record.statement),
      .text(record.status.rawValue), record.deliveryS3Uri.map(SQLiteValue.text) ?? .null,
      record.deliveryStatus.map(SQLiteValue.text) ?? .null,
      record.ownerAccountId.map(SQLiteValue.text) ?? .null,
      .int(Self.millis(record.createdAt)), .int(Int64(record.ownerPID)), .text(record.ownerHost),
      .int(Self.millis(record.heartbeatAt)),
    ])
    try statement.step()
    let store = try connection.prepare(
      "INSERT OR IGNORE INTO lake_query_stores (store_arn, query_id) VALUES (?, ?)")
    for arn in record.eventDataStoreARNs {
      try store.bind([.text(arn), .text(record.id)])
      try store.step()
    }
  }

  /// QUEUED → RUNNING; false when the query is no longer QUEUED (cancelled meanwhile).
  func markRunning(_ id: String, at now: Date, heartbeat: Date) throws -> Bool {
    let statement = try connection.prepare(
      "UPDATE lake_queries SET status = 'RUNNING', started_at = ?, heartbeat_at = ? WHERE id = ? AND status = 'QUEUED'"
    )
    try statement.bind([.int(Self.millis(now)), .int(Self.millis(heartbeat)), .text(id)])
    try statement.step()
    return connection.changes == 1
  }

  func heartbeat(_ id: String, at wall: Date) throws {
    let statement = try connection.prepare("UPDATE lake_queries SET heartbeat_at = ? WHERE id = ?")
    try statement.bind([.int(Self.millis(wall)), .text(id)])
    try statement.step()
  }

  /// Ends a query that has not ended yet with `status`, its statistics and (when given) its rows;
  /// false when it had already ended (a CancelQuery won the race, and its CANCELLED stands).
  func finish(
    _ id: String, status: LakeQueryStatus, output: LakeQueryOutput?, error: String?, at now: Date,
    rowsPerPage: Int
  ) throws -> Bool {
    try writing {
      let statement = try connection.prepare(
        """
        UPDATE lake_queries SET status = ?, finished_at = ?, error_message = ?, events_matched = ?,
          events_scanned = ?, bytes_scanned = ?, columns = ?, result_count = ?, rows_per_page = ?
        WHERE id = ? AND status IN \(LakeQueryStatus.activeSQL)
        """)
      try statement.bind([
        .text(status.rawValue), .int(Self.millis(now)), error.map(SQLiteValue.text) ?? .null,
        .int(output?.eventsMatched ?? 0), .int(output?.eventsScanned ?? 0), .int(output?.bytesScanned ?? 0),
        .text(LakeResultPage.encodeColumns(output?.columns ?? [])), .int(Int64(output?.rows.count ?? 0)),
        .int(Int64(rowsPerPage)), .text(id),
      ])
      try statement.step()
      guard connection.changes == 1 else { return false }
      if let output { try writePages(id, rows: output.rows, rowsPerPage: rowsPerPage) }
      return true
    }
  }

  /// DescribeQuery's DeliveryStatus once the result files are written (or not).
  func setDeliveryStatus(_ id: String, _ status: String) throws {
    let statement = try connection.prepare("UPDATE lake_queries SET delivery_status = ? WHERE id = ?")
    try statement.bind([.text(status), .text(id)])
    try statement.step()
  }

  /// Runs `body` in a write transaction, or in the one already open (the stale check inside StartQuery's).
  func writing<T>(_ body: () throws -> T) throws -> T {
    isInTransaction ? try body() : try connection.transaction(body)
  }

  /// CancelQuery: QUEUED or RUNNING → CANCELLED; false when the query had already ended.
  func cancel(_ id: String, at now: Date) throws -> Bool {
    let statement = try connection.prepare(
      "UPDATE lake_queries SET status = 'CANCELLED', finished_at = ? WHERE id = ? AND status IN \(LakeQueryStatus.activeSQL)"
    )
    try statement.bind([.int(Self.millis(now)), .text(id)])
    try statement.step()
    return connection.changes == 1
  }

  /// Forgets queries (and their results) that ended before `cutoff`.
  func purge(endedBefore cutoff: Date) throws {
    let bound = SQLiteValue.int(Self.millis(cutoff))
    let old = "SELECT id FROM lake_queries WHERE finished_at IS NOT NULL AND finished_at < ?"
    for sql in [
      "DELETE FROM lake_query_pages WHERE query_id IN (\(old))",
      "DELETE FROM lake_query_stores WHERE query_id IN (\(old))",
      "DELETE FROM lake_queries WHERE id IN (\(old))",
    ] {
      let statement = try connection.prepare(sql)
      try statement.bind([bound])
      try statement.step()
    }
  }

  // MARK: Reading

  static let columns = """
    id, account, region, statement, status, delivery_s3_uri, delivery_status, owner_account_id, error_message,
    created_at, started_at, finished_at, events_matched, events_scanned, bytes_scanned, columns, result_count,
    owner_pid, owner_host, heartbeat_at, rows_per_page
    """

  func record(_ id: String) throws -> LakeQueryRecord? {
    let statement = try connection.prepare("SELECT \(Self.columns) FROM lake_queries WHERE id = ?")
    try statement.bind([.text(id)])
    guard try statement.step() else { return nil }
    var record = Self.record(statement)
    record.eventDataStoreARNs = try storeARNs(id)
    return record
  }

  func status(_ id: String) throws -> LakeQueryStatus? {
    let statement = try connection.prepare("SELECT status FROM lake_queries WHERE id = ?")
    try statement.bind([.text(id)])
    guard try statement.step() else { return nil }
    return statement.text(0).flatMap(LakeQueryStatus.init(rawValue:))
  }

  func storeARNs(_ id: String) throws -> [String] {
    let statement = try connection.prepare(
      "SELECT store_arn FROM lake_query_stores WHERE query_id = ? ORDER BY 1")
    try statement.bind([.text(id)])
    var arns: [String] = []
    while try statement.step() { arns.append(statement.text(0) ?? "") }
    return arns
  }

  /// QUEUED and RUNNING queries of every caller (the stale check looks at their owners).
  func activeRecords() throws -> [LakeQueryRecord] {
    let statement = try connection.prepare(
      "SELECT \(Self.columns) FROM lake_queries WHERE status IN \(LakeQueryStatus.activeSQL)")
    var records: [LakeQueryRecord] = []
    while try statement.step() { records.append(Self.record(statement)) }
    return records
  }

  func activeCount(account: String, region: String) throws -> Int {
    Int(
      try connection.scalarInt(
        "SELECT count(*) FROM lake_queries WHERE account = ? AND region = ? AND status IN \(LakeQueryStatus.activeSQL)",
        [.text(account), .text(region)]))
  }

  /// The caller's queries on store `arn` created in `window`, newest first, optionally of one status.
  func list(
    account: String, region: String, storeARN arn: String, window: ClosedRange<Date>, status: LakeQueryStatus?
  ) throws -> [LakeQueryRecord] {
    let statement = try connection.prepare(
      """
      SELECT \(Self.columns.split(separator: ",").map { "q." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
      FROM lake_query_stores s JOIN lake_queries q ON q.id = s.query_id
      WHERE s.store_arn = ? AND q.account = ? AND q.region = ? AND q.created_at BETWEEN ? AND ?
        AND (? IS NULL OR q.status = ?)
      ORDER BY q.created_at DESC, q.id
      """)
    let status = status.map { SQLiteValue.text($0.rawValue) } ?? .null
    try statement.bind([
      .text(arn), .text(account), .text(region), .int(Self.millis(window.lowerBound)),
      .int(Self.millis(window.upperBound)), status, status,
    ])
    var records: [LakeQueryRecord] = []
    while try statement.step() { records.append(Self.record(statement)) }
    return records
  }

  static func record(_ s: SQLiteStatement) -> LakeQueryRecord {
    LakeQueryRecord(
      id: s.text(0) ?? "", account: s.text(1) ?? "", region: s.text(2) ?? "", statement: s.text(3) ?? "",
      status: LakeQueryStatus(rawValue: s.text(4) ?? "") ?? .failed, eventDataStoreARNs: [],
      deliveryS3Uri: s.text(5), deliveryStatus: s.text(6), ownerAccountId: s.text(7), errorMessage: s.text(8),
      createdAt: date(s.int64(9)), startedAt: s.isNull(10) ? nil : date(s.int64(10)),
      finishedAt: s.isNull(11) ? nil : date(s.int64(11)), eventsMatched: s.int64(12),
      eventsScanned: s.int64(13),
      bytesScanned: s.int64(14), columns: LakeResultPage.decodeColumns(s.text(15) ?? ""),
      resultCount: Int(s.int64(16)), ownerPID: Int32(truncatingIfNeeded: s.int64(17)),
      ownerHost: s.text(18) ?? "",
      heartbeatAt: date(s.int64(19)), rowsPerPage: Int(s.int64(20)))
  }
}
