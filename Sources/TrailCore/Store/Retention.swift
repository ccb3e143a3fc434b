import Foundation

/// The one way events leave the store: dropping those older than a cutoff.
///
/// `events` refuses DELETE unless `meta.retention_purge` is '1'; the purge sets it, deletes and clears
/// it inside one transaction, so no other writer ever sees the door open.
public enum Retention {
  /// Deletes events (and their lookup rows) whose eventTime is before `cutoff`; returns how many.
  @discardableResult
  public static func purge(databasePath: String, olderThan cutoff: Date) throws -> Int {
    let connection = try EventStore.openWriter(path: databasePath)
    let boundary = EventKey.firstRowID(atOrAfter: Int64(cutoff.timeIntervalSince1970.rounded(.up)))
    let removed = try connection.transaction { () throws -> Int in
      try connection.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('retention_purge', '1')")
      // Postings and eventID runs of the boundary's own day stay; their purged ids no longer match an
      // event.
      try connection.execute(
        "DELETE FROM postings WHERE day < \(EventKey.day(of: EventKey.time(of: boundary)))")
      try connection.execute(
        "DELETE FROM event_id_runs WHERE day < \(EventKey.day(of: EventKey.time(of: boundary)))")
      try connection.execute("DELETE FROM events WHERE id < \(boundary)")
      let count = connection.changes
      try connection.execute("DELETE FROM meta WHERE key = 'retention_purge'")
      try connection.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) - \(count) WHERE key = 'event_count'")
      return count
    }
    return removed
  }
}
