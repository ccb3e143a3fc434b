import Foundation

/// Reads and writes channels and resource policies in the store (migrations 19 and 26).
enum ChannelCatalog {
  /// The tables: channels (destinations as the model's JSON list) and the resource policies of
  /// channels, event data stores and dashboards, by ARN.
  static let schema = """
    CREATE TABLE channels (
      id INTEGER PRIMARY KEY,
      uuid TEXT NOT NULL UNIQUE,
      arn TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      source TEXT NOT NULL,
      destinations TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      success_ms INTEGER,
      success_event TEXT,
      error_code TEXT,
      attempt_ms INTEGER,
      attempt_event TEXT
    );
    CREATE TABLE resource_policies (
      resource_arn TEXT PRIMARY KEY,
      policy TEXT NOT NULL,
      updated_ms INTEGER NOT NULL
    ) WITHOUT ROWID;
    """

  /// Migration 26: a service-linked channel's `SourceConfig` as the model's JSON (NULL for the
  /// channels users create).
  static let sourceConfigColumn = "ALTER TABLE channels ADD COLUMN source_config TEXT;"

  static let columns = """
    id, uuid, arn, name, account, region, source, destinations, created_ms, success_ms, success_event,
    error_code, attempt_ms, attempt_event, source_config
    """

  /// The channel named by `idOrARN` (its uuid or ARN), or nil.
  static func find(_ idOrARN: String, connection: SQLiteConnection) throws -> ChannelRecord? {
    let id = idOrARN.hasPrefix("arn:") ? ChannelARN(idOrARN)?.id : idOrARN.lowercased()
    guard let id else { return nil }
    return try select("WHERE uuid = ?", [.text(id)], connection: connection).first
  }

  /// Every channel, in creation order.
  static func all(connection: SQLiteConnection) throws -> [ChannelRecord] {
    try select("", [], connection: connection)
  }

  static func select(_ condition: String, _ bindings: [SQLiteValue], connection: SQLiteConnection) throws
    -> [ChannelRecord]
  {
    let s = try connection.prepare("SELECT \(columns) FROM channels \(condition) ORDER BY id")
    try s.bind(bindings)
    var found: [ChannelRecord] = []
    while try s.step() {
      let destinations = try ShapeDecoder().decode(
        [Destination].self, from: Data((s.text(7) ?? "[]").utf8))
      func date(_ column: Int32) -> Date? {
        s.isNull(column) ? nil : EventDataStoreCatalog.date(s.int64(column))
      }
      found.append(
        ChannelRecord(
          rowID: s.int64(0), id: s.text(1) ?? "", arn: s.text(2) ?? "", name: s.text(3) ?? "",
          source: s.text(6) ?? "", destinations: destinations, account: s.text(4) ?? "",
          region: s.text(5) ?? "", createdTimestamp: date(8) ?? Date(timeIntervalSince1970: 0),
          ingestion: IngestionStatus(
            latestIngestionSuccessTime: date(9), latestIngestionSuccessEventID: s.text(10),
            latestIngestionErrorCode: s.text(11), latestIngestionAttemptTime: date(12),
            latestIngestionAttemptEventID: s.text(13)),
          sourceConfig: try s.text(14).map {
            try ShapeDecoder().decode(SourceConfig.self, from: Data($0.utf8))
          }))
    }
    return found
  }

  /// Writes `channel`'s configuration (a new one when its `rowID` is 0); returns its row id.
  @discardableResult
  static func save(_ channel: ChannelRecord, connection: SQLiteConnection) throws -> Int64 {
    let destinations = try ShapeEncoder(.epochSeconds).encode(channel.destinations).compactText()
    if channel.rowID == 0 {
      let s = try connection.prepare(
        """
        INSERT INTO channels
          (uuid, arn, name, account, region, source, destinations, created_ms, source_config)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      let sourceConfig = try channel.sourceConfig.map {
        SQLiteValue.text(try ShapeEncoder(.epochSeconds).encode($0).compactText())
      }
      try s.bind([
        .text(channel.id), .text(channel.arn), .text(channel.name), .text(channel.account),
        .text(channel.region), .text(channel.source), .text(destinations),
        .int(EventDataStoreCatalog.milliseconds(channel.createdTimestamp)), sourceConfig ?? .null,
      ])
      try s.step()
      return connection.lastInsertRowID
    }
    let s = try connection.prepare("UPDATE channels SET name = ?, destinations = ? WHERE id = ?")
    try s.bind([.text(channel.name), .text(destinations), .int(channel.rowID)])
    try s.step()
    return channel.rowID
  }

  /// Removes the channel with its tags and resource policy.
  static func delete(_ channel: ChannelRecord, connection: SQLiteConnection) throws {
    try connection.transaction {
      for (sql, value) in [
        ("DELETE FROM channels WHERE id = ?", SQLiteValue.int(channel.rowID)),
        ("DELETE FROM resource_tags WHERE resource_arn = ?", .text(channel.arn)),
        ("DELETE FROM resource_policies WHERE resource_arn = ?", .text(channel.arn)),
      ] {
        let s = try connection.prepare(sql)
        try s.bind([value])
        try s.step()
      }
    }
  }

  /// Notes a PutAuditEvents call on the channel at `time`: its last stored event (nil when none was
  /// stored) and the error code of its last refused event (nil when none was refused).
  static func noteIngestion(
    channelRowID: Int64, at time: Date, lastEventID: String?, errorCode: String?, connection: SQLiteConnection
  ) throws {
    let ms = SQLiteValue.int(EventDataStoreCatalog.milliseconds(time))
    let event = lastEventID.map { SQLiteValue.text($0) } ?? .null
    let error = errorCode.map { SQLiteValue.text($0) } ?? .null
    let attempt = try connection.prepare(
      "UPDATE channels SET attempt_ms = ?, attempt_event = ?, error_code = ? WHERE id = ?")
    try attempt.bind([ms, event, error, .int(channelRowID)])
    try attempt.step()
    guard lastEventID != nil else { return }
    let success = try connection.prepare("UPDATE channels SET success_ms = ?, success_event = ? WHERE id = ?")
    try success.bind([ms, event, .int(channelRowID)])
    try success.step()
  }

  // MARK: Resource policies

  static func policy(of arn: String, connection: SQLiteConnection) throws -> String? {
    let s = try connection.prepare("SELECT policy FROM resource_policies WHERE resource_arn = ?")
    try s.bind([.text(arn)])
    return try s.step() ? s.text(0) : nil
  }

  static func setPolicy(_ policy: String?, of arn: String, at time: Date, connection: SQLiteConnection) throws
  {
    let s: SQLiteStatement
    if let policy {
      s = try connection.prepare(
        "INSERT OR REPLACE INTO resource_policies (resource_arn, policy, updated_ms) VALUES (?, ?, ?)")
      try s.bind([.text(arn), .text(policy), .int(EventDataStoreCatalog.milliseconds(time))])
    } else {
      s = try connection.prepare("DELETE FROM resource_policies WHERE resource_arn = ?")
      try s.bind([.text(arn)])
    }
    try s.step()
  }
}
