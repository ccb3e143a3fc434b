import Foundation

/// Reads and writes Lake dashboards and their refreshes in the store (migration 22).
enum DashboardCatalog {
  /// Dashboards (widgets and schedule as the model's JSON), and which query each widget's alias ran
  /// as in each refresh (DescribeQuery by QueryAlias and RefreshId; StartQuery by QueryAlias).
  static let schema = """
    CREATE TABLE lake_dashboards (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      arn TEXT NOT NULL UNIQUE,
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      type TEXT NOT NULL,
      status TEXT NOT NULL,
      widgets TEXT NOT NULL,
      refresh_schedule TEXT,
      termination_protection INTEGER NOT NULL,
      created_ms INTEGER NOT NULL,
      updated_ms INTEGER NOT NULL,
      last_refresh_id TEXT,
      last_refresh_failure TEXT,
      last_scheduled_ms INTEGER,
      UNIQUE (account, region, name)
    );
    CREATE TABLE lake_dashboard_refreshes (
      refresh_id TEXT NOT NULL,
      query_alias TEXT NOT NULL,
      dashboard INTEGER NOT NULL,
      query_id TEXT NOT NULL,
      created_ms INTEGER NOT NULL,
      PRIMARY KEY (refresh_id, query_alias)
    ) WITHOUT ROWID;
    CREATE INDEX lake_dashboard_refreshes_by_alias ON lake_dashboard_refreshes (dashboard, query_alias, created_ms);
    """

  static let columns = """
    id, name, arn, account, region, type, status, widgets, refresh_schedule, termination_protection,
    created_ms, updated_ms, last_refresh_id, last_refresh_failure, last_scheduled_ms
    """

  /// Every dashboard, in creation order (optionally of one account and region).
  static func all(account: String? = nil, region: String? = nil, connection: SQLiteConnection) throws
    -> [DashboardRecord]
  {
    var condition = ""
    var bindings: [SQLiteValue] = []
    if let account, let region {
      condition = "WHERE account = ? AND region = ?"
      bindings = [.text(account), .text(region)]
    }
    let s = try connection.prepare("SELECT \(columns) FROM lake_dashboards \(condition) ORDER BY id")
    try s.bind(bindings)
    var found: [DashboardRecord] = []
    let decoder = ShapeDecoder()
    while try s.step() {
      let widgets = try decoder.decode([DashboardWidget].self, from: Data((s.text(7) ?? "[]").utf8))
      let schedule = try s.text(8).map { try decoder.decode(RefreshSchedule.self, from: Data($0.utf8)) }
      func date(_ column: Int32) -> Date? {
        s.isNull(column) ? nil : EventDataStoreCatalog.date(s.int64(column))
      }
      found.append(
        DashboardRecord(
          rowID: s.int64(0), name: s.text(1) ?? "", arn: s.text(2) ?? "", account: s.text(3) ?? "",
          region: s.text(4) ?? "", type: s.text(5) ?? "", widgets: widgets, refreshSchedule: schedule,
          terminationProtectionEnabled: s.int64(9) != 0,
          createdTimestamp: date(10) ?? Date(timeIntervalSince1970: 0),
          updatedTimestamp: date(11) ?? Date(timeIntervalSince1970: 0), status: s.text(6) ?? "",
          lastRefreshId: s.text(12), lastRefreshFailureReason: s.text(13), lastScheduledRefresh: date(14)))
    }
    return found
  }

  /// Writes `dashboard` (a new one when its `rowID` is 0); returns its row id.
  @discardableResult
  static func save(_ dashboard: DashboardRecord, connection: SQLiteConnection) throws -> Int64 {
    let encoder = ShapeEncoder(.epochSeconds)
    let widgets = try encoder.encode(dashboard.widgets).compactText()
    let schedule = try dashboard.refreshSchedule.map { try encoder.encode($0).compactText() }
    func ms(_ date: Date?) -> SQLiteValue {
      date.map { .int(EventDataStoreCatalog.milliseconds($0)) } ?? .null
    }
    func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    let values: [SQLiteValue] = [
      .text(dashboard.name), .text(dashboard.arn), .text(dashboard.account), .text(dashboard.region),
      .text(dashboard.type), .text(dashboard.status), .text(widgets), text(schedule),
      .int(dashboard.terminationProtectionEnabled ? 1 : 0), ms(dashboard.createdTimestamp),
      ms(dashboard.updatedTimestamp), text(dashboard.lastRefreshId), text(dashboard.lastRefreshFailureReason),
      ms(dashboard.lastScheduledRefresh),
    ]
    if dashboard.rowID == 0 {
      let s = try connection.prepare(
        """
        INSERT INTO lake_dashboards (name, arn, account, region, type, status, widgets, refresh_schedule,
          termination_protection, created_ms, updated_ms, last_refresh_id, last_refresh_failure,
          last_scheduled_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
      try s.bind(values)
      try s.step()
      return connection.lastInsertRowID
    }
    let s = try connection.prepare(
      """
      UPDATE lake_dashboards SET name = ?, arn = ?, account = ?, region = ?, type = ?, status = ?,
        widgets = ?, refresh_schedule = ?, termination_protection = ?, created_ms = ?, updated_ms = ?,
        last_refresh_id = ?, last_refresh_failure = ?, last_scheduled_ms = ?
      WHERE id = ?
      """)
    try s.bind(values + [.int(dashboard.rowID)])
    try s.step()
    return dashboard.rowID
  }

  /// Removes the dashboard with its refreshes, tags and resource policy (its queries stay, as any
  /// query does, until their 7 days pass).
  static func delete(_ dashboard: DashboardRecord, connection: SQLiteConnection) throws {
    try connection.transaction {
      for (sql, value) in [
        ("DELETE FROM lake_dashboards WHERE id = ?", SQLiteValue.int(dashboard.rowID)),
        ("DELETE FROM lake_dashboard_refreshes WHERE dashboard = ?", .int(dashboard.rowID)),
        ("DELETE FROM resource_tags WHERE resource_arn = ?", .text(dashboard.arn)),
        ("DELETE FROM resource_policies WHERE resource_arn = ?", .text(dashboard.arn)),
      ] {
        let s = try connection.prepare(sql)
        try s.bind([value])
        try s.step()
      }
    }
  }

  /// Notes that widget `alias` of dashboard `rowID` ran as query `queryID` in refresh `refreshID`.
  static func noteQuery(
    refreshID: String, alias: String, dashboard rowID: Int64, queryID: String, at time: Date,
    connection: SQLiteConnection
  ) throws {
    let s = try connection.prepare(
      """
      INSERT OR REPLACE INTO lake_dashboard_refreshes (refresh_id, query_alias, dashboard, query_id, created_ms)
      VALUES (?, ?, ?, ?, ?)
      """)
    try s.bind([
      .text(refreshID), .text(alias), .int(rowID), .text(queryID),
      .int(EventDataStoreCatalog.milliseconds(time)),
    ])
    try s.step()
  }

  /// The query widget `alias` of dashboard `rowID` ran as: in refresh `refreshID`, or the latest.
  static func queryID(alias: String, dashboard rowID: Int64, refreshID: String?, connection: SQLiteConnection)
    throws -> String?
  {
    let s: SQLiteStatement
    if let refreshID {
      s = try connection.prepare(
        "SELECT query_id FROM lake_dashboard_refreshes WHERE refresh_id = ? AND query_alias = ? AND dashboard = ?"
      )
      try s.bind([.text(refreshID), .text(alias), .int(rowID)])
    } else {
      s = try connection.prepare(
        """
        SELECT query_id FROM lake_dashboard_refreshes WHERE dashboard = ? AND query_alias = ?
        ORDER BY created_ms DESC, refresh_id DESC LIMIT 1
        """)
      try s.bind([.int(rowID), .text(alias)])
    }
    return try s.step() ? s.text(0) : nil
  }
}

extension DashboardCatalog {
  /// The queries refresh `refreshID` started, by alias.
  static func queryIDs(refreshID: String, connection: SQLiteConnection) throws -> [String] {
    let s = try connection.prepare(
      "SELECT query_id, query_alias FROM lake_dashboard_refreshes WHERE refresh_id = ? ORDER BY query_alias")
    try s.bind([.text(refreshID)])
    var ids: [String] = []
    while try s.step() { ids.append(s.text(0) ?? "") }
    return ids
  }
}
