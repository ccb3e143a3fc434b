import Foundation

/// The one way events leave the store: dropping those older than a cutoff.
///
/// `events` refuses DELETE unless `meta.retention_purge` is '1'; the purge sets it, deletes and clears
/// it inside one transaction, so no other writer ever sees the door open.
public enum Retention {
  /// Deletes events (and their lookup rows and rollups) from before the minute of `cutoff`; returns how
  /// many. Whole minutes go, so that the per-minute rollups (and `stats`, which counts from them) leave
  /// with exactly their events; the cutoff's own minute stays.
  @discardableResult
  public static func purge(databasePath: String, olderThan cutoff: Date) throws -> Int {
    let connection = try EventStore.openWriter(path: databasePath)
    let second = Int64(cutoff.timeIntervalSince1970.rounded(.down))
    let minute = second >= 0 ? second / 60 : (second - 59) / 60
    let boundary = EventKey.firstRowID(atOrAfter: minute * 60)
    let day = EventKey.day(of: minute * 60)
    let removed = try connection.transaction { () throws -> Int in
      try connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('retention_purge', '1')")
      // Lookup rows whose every id is purged go too. The boundary day's others stay (their purged ids
      // match no event any more); keeping none whose `last` is purged means a purged event ingested
      // again can never meet a row with the same key.
      for table in ["postings", "event_id_runs"] {
        try connection.execute(
          "DELETE FROM \(table) WHERE day < \(day) OR (day = \(day) AND last < \(boundary))")
      }
      for table in [RollupKey.table, ArnRollupKey.table, ResourceTypeRollupKey.table] {
        try connection.execute("DELETE FROM \(table) WHERE id < \(Rollups.firstID(minute: minute))")
      }
      // Whole hours go; the hour the cutoff falls in is summed again from the minutes it keeps.
      let hour = HourRollupKey.hour(ofMinute: minute)
      try connection.execute("DELETE FROM \(HourRollupKey.table) WHERE id < \(Rollups.firstID(minute: hour))")
      if minute != hour * 60 { try HourRollupKey.rebuild(hours: hour...hour, in: connection) }
      try connection.execute("DELETE FROM events WHERE id < \(boundary)")
      let count = connection.changes
      // Event data stores hold events by row id: a purged event leaves every store.
      try connection.execute("DELETE FROM event_data_store_events WHERE event < \(boundary)")
      // Configuration items' resource keys (a small table: read whole).
      try connection.execute("DELETE FROM config_items WHERE event < \(boundary)")
      // A block holds one file's neighbouring records; it goes once its newest one is purged.
      try connection.execute("DELETE FROM raw_blocks WHERE last_time < \(minute * 60)")
      // So does a page of requestParameters texts (see `RequestParameterPage`).
      try connection.execute(
        "DELETE FROM \(RequestParameterPage.table) WHERE last_time < \(minute * 60)")
      try connection.execute("DELETE FROM meta WHERE key = 'retention_purge'")
      try connection.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) - \(count) WHERE key = 'event_count'")
      return count
    }
    return removed
  }
}
