/// How the per-minute rollups are keyed (migration 6).
///
/// `rollup_counts` is a rowid table whose id is `minute << 24 | n`: each transaction appends its
/// counts, one row per distinct (category, account, region, source, name, user, error, read-only) of a
/// minute, numbering on from the minute's last row. A key seen in several transactions has several
/// rows; every reader sums them. Until version 5 one row per key was upserted into a
/// WITHOUT ROWID table: a nine-column seek and compare for nearly every event (generated and busy
/// traffic has almost as many keys as events), a fifth of the writer's time. An append to a rowid table
/// needs no seek. The view `rollup_minute` shows the rows with their minute, for SQL.
enum Rollups {
  static let slotBits: Int64 = 24
  static let slotMask: Int64 = (1 << slotBits) - 1

  static func firstID(minute: Int64) -> Int64 { minute << slotBits }
  static func lastID(minute: Int64) -> Int64 { minute << slotBits | slotMask }
  static func minute(of id: Int64) -> Int64 { id >> slotBits }

  /// An SQL condition for the rows of minutes `first...last` (on `alias.id` when an alias is given).
  static func minutes(_ first: Int64, _ last: Int64, alias: String = "") -> String {
    let column = alias.isEmpty ? "id" : "\(alias).id"
    return "\(column) BETWEEN \(firstID(minute: first)) AND \(lastID(minute: last))"
  }

  static let insertSQL = """
    INSERT INTO rollup_counts (id, category, account, aws_region, event_source, event_name, username,
      error_code, read_only, count) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
    """
  static let lastInMinutesSQL = "SELECT MAX(id) FROM rollup_counts WHERE id BETWEEN ?1 AND ?2"
}
