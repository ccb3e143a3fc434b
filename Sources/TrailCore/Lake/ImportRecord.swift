import Foundation

/// One import as `imports` holds it (spec §8.3).
struct ImportRecord: Equatable, Sendable {
  var id: String
  var account: String
  var region: String
  /// The destination event data store's ARN.
  var destination: String
  var source: ImportSource
  var startEventTime: Date?
  var endEventTime: Date?
  /// `ImportStatus`; see `effectiveStatus`.
  var status: String
  var createdTimestamp: Date
  var updatedTimestamp: Date
  var statistics: ImportStatistics
  var stopRequested: Bool
  /// The process running the import, while it runs.
  var runnerPID: Int32?

  static let initializing = "INITIALIZING"
  static let inProgress = "IN_PROGRESS"
  static let completed = "COMPLETED"
  static let failed = "FAILED"
  static let stopped = "STOPPED"

  /// The status, except that an import whose process is gone (killed mid-way) is `FAILED`: it can be
  /// resumed with its `ImportId`, and it no longer blocks the account's next import.
  var effectiveStatus: String {
    guard status == Self.initializing || status == Self.inProgress else { return status }
    guard let runnerPID, runnerPID > 0 else { return status }
    return kill(runnerPID, 0) == 0 || errno == EPERM ? status : Self.failed
  }

  var isRunning: Bool {
    let status = effectiveStatus
    return status == Self.initializing || status == Self.inProgress
  }

  var sourceURI: String { source.s3.s3LocationUri }
}

/// Reads and writes `imports` and `import_files`.
struct ImportStore {
  let connection: SQLiteConnection

  init(_ connection: SQLiteConnection) { self.connection = connection }

  private static let columns = """
    id, account, region, destination, source, start_event_ms, end_event_ms, status, created_ms, updated_ms,
    prefixes_found, prefixes_completed, files_completed, events_completed, failed_entries, stop_requested,
    runner_pid
    """

  func select(_ condition: String, _ bindings: [SQLiteValue]) throws -> [ImportRecord] {
    let s = try connection.prepare("SELECT \(Self.columns) FROM imports \(condition) ORDER BY created_ms, id")
    try s.bind(bindings)
    var found: [ImportRecord] = []
    func date(_ column: Int32) -> Date? {
      s.isNull(column) ? nil : EventDataStoreCatalog.date(s.int64(column))
    }
    while try s.step() {
      let source = try ShapeDecoder().decode(ImportSource.self, from: Data((s.text(4) ?? "{}").utf8))
      found.append(
        ImportRecord(
          id: s.text(0) ?? "", account: s.text(1) ?? "", region: s.text(2) ?? "",
          destination: s.text(3) ?? "",
          source: source, startEventTime: date(5), endEventTime: date(6), status: s.text(7) ?? "",
          createdTimestamp: date(8) ?? Date(timeIntervalSince1970: 0),
          updatedTimestamp: date(9) ?? Date(timeIntervalSince1970: 0),
          statistics: ImportStatistics(
            prefixesFound: Int(s.int64(10)), prefixesCompleted: Int(s.int64(11)),
            filesCompleted: Int(s.int64(12)),
            eventsCompleted: Int(s.int64(13)), failedEntries: Int(s.int64(14))),
          stopRequested: s.int64(15) != 0,
          runnerPID: s.isNull(16) ? nil : Int32(truncatingIfNeeded: s.int64(16))))
    }
    return found
  }

  func find(_ id: String) throws -> ImportRecord? { try select("WHERE id = ?", [.text(id)]).first }

  /// The account's import that is still running, if any.
  func ongoing(account: String) throws -> ImportRecord? {
    try select("WHERE account = ? AND status IN ('INITIALIZING', 'IN_PROGRESS')", [.text(account)])
      .first(where: \.isRunning)
  }

  /// The running import into `destination` (an ARN), if any.
  func ongoing(destination: String) throws -> ImportRecord? {
    try select("WHERE destination = ? AND status IN ('INITIALIZING', 'IN_PROGRESS')", [.text(destination)])
      .first(where: \.isRunning)
  }

  func execute(_ sql: String, _ bindings: [SQLiteValue]) throws {
    let s = try connection.prepare(sql)
    try s.bind(bindings)
    try s.step()
  }

  func insert(_ record: ImportRecord) throws {
    let source = try ShapeEncoder(.epochSeconds).encode(record.source).compactText()
    func ms(_ date: Date?) -> SQLiteValue {
      date.map { .int(EventDataStoreCatalog.milliseconds($0)) } ?? .null
    }
    try execute(
      """
      INSERT INTO imports (id, account, region, destination, source, start_event_ms, end_event_ms, status,
        created_ms, updated_ms, runner_pid)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .text(record.id), .text(record.account), .text(record.region), .text(record.destination),
        .text(source),
        ms(record.startEventTime), ms(record.endEventTime), .text(record.status), ms(record.createdTimestamp),
        ms(record.updatedTimestamp), record.runnerPID.map { .int(Int64($0)) } ?? .null,
      ])
  }

  /// Marks the import as run by this process, with `status`, unless a stop was requested (a stop
  /// between `StartImport`'s answer and the run's start must hold).
  func claim(_ id: String, status: String, at time: Date) throws {
    try execute(
      "UPDATE imports SET status = ?, runner_pid = ?, updated_ms = ? WHERE id = ? AND stop_requested = 0",
      [.text(status), .int(Int64(getpid())), .int(EventDataStoreCatalog.milliseconds(time)), .text(id)])
  }

  /// Readies a stopped or failed import for a retry: no stop request, `INITIALIZING`, this process.
  func reopen(_ id: String, at time: Date) throws {
    try execute("UPDATE imports SET stop_requested = 0 WHERE id = ?", [.text(id)])
    try claim(id, status: ImportRecord.initializing, at: time)
  }

  /// Sets the status, unless a stop was requested meanwhile (the import then stays `STOPPED`).
  func finish(_ id: String, status: String, at time: Date) throws {
    try execute(
      "UPDATE imports SET status = ?, runner_pid = NULL, updated_ms = ? WHERE id = ? AND stop_requested = 0",
      [.text(status), .int(EventDataStoreCatalog.milliseconds(time)), .text(id)])
  }

  func save(_ statistics: ImportStatistics, of id: String, at time: Date) throws {
    try execute(
      """
      UPDATE imports SET prefixes_found = ?, prefixes_completed = ?, files_completed = ?, events_completed = ?,
        failed_entries = ?, updated_ms = ? WHERE id = ?
      """,
      [
        .int(Int64(statistics.prefixesFound ?? 0)), .int(Int64(statistics.prefixesCompleted ?? 0)),
        .int(Int64(statistics.filesCompleted ?? 0)), .int(Int64(statistics.eventsCompleted ?? 0)),
        .int(Int64(statistics.failedEntries ?? 0)), .int(EventDataStoreCatalog.milliseconds(time)), .text(id),
      ])
  }

  /// Asks the running import to stop; it is `STOPPED` from now on.
  func requestStop(_ id: String, at time: Date) throws {
    try execute(
      "UPDATE imports SET stop_requested = 1, status = ?, updated_ms = ? WHERE id = ?",
      [.text(ImportRecord.stopped), .int(EventDataStoreCatalog.milliseconds(time)), .text(id)])
  }

  func isStopRequested(_ id: String) throws -> Bool {
    try connection.scalarInt("SELECT stop_requested FROM imports WHERE id = ?", [.text(id)]) != 0
  }

  // MARK: Files

  /// One source file's outcome.
  func record(
    file location: String, of id: String, status: String, errorType: String? = nil,
    errorMessage: String? = nil,
    at time: Date
  ) throws {
    try execute(
      """
      INSERT OR REPLACE INTO import_files (import_id, location, status, error_type, error_message, updated_ms)
      VALUES (?, ?, ?, ?, ?, ?)
      """,
      [
        .text(id), .text(location), .text(status), errorType.map { .text($0) } ?? .null,
        errorMessage.map { .text($0) } ?? .null, .int(EventDataStoreCatalog.milliseconds(time)),
      ])
  }

  /// The locations already imported (a retry skips them).
  func succeededFiles(of id: String) throws -> Set<String> {
    let s = try connection.prepare(
      "SELECT location FROM import_files WHERE import_id = ? AND status = 'SUCCEEDED'")
    s.bindText(1, id)
    var found: Set<String> = []
    while try s.step() { found.insert(s.text(0) ?? "") }
    return found
  }

  /// The failures, by location.
  func failures(of id: String) throws -> [ImportFailureListItem] {
    let s = try connection.prepare(
      """
      SELECT location, status, error_type, error_message, updated_ms FROM import_files
      WHERE import_id = ? AND status <> 'SUCCEEDED' ORDER BY location
      """)
    s.bindText(1, id)
    var found: [ImportFailureListItem] = []
    while try s.step() {
      found.append(
        ImportFailureListItem(
          location: s.text(0), status: s.text(1), errorType: s.text(2), errorMessage: s.text(3),
          lastUpdatedTime: EventDataStoreCatalog.date(s.int64(4))))
    }
    return found
  }
}
