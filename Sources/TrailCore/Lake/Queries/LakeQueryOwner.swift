import Foundation

/// Which process owns a QUEUED or RUNNING query, and whether that process is gone.
///
/// A query runs inside the process that started it (`traildeck start-query` waits for it; `serve`
/// runs it on a worker). If that process dies, the row would stay RUNNING and count against the
/// limit of 10 forever; so each row names its process (pid and host name) and carries a heartbeat
/// that the process's watchdog renews, and any process that reads such a row ends it as FAILED.
enum LakeQueryOwner {
  static let pid: Int32 = getpid()
  static let host: String = ProcessInfo.processInfo.hostName

  /// Whether `record`'s owner stopped: on this host a process that no longer exists is gone at once;
  /// otherwise a heartbeat older than `staleAfter` real seconds means gone.
  static func isGone(_ record: LakeQueryRecord, wallNow: Date, staleAfter: TimeInterval) -> Bool {
    if record.ownerHost == host {
      if record.ownerPID == pid { return false }
      if kill(record.ownerPID, 0) == -1 && errno == ESRCH { return true }
    }
    return wallNow.timeIntervalSince(record.heartbeatAt) > staleAfter
  }

  /// The ErrorMessage of a query whose process went away.
  static func goneMessage(_ record: LakeQueryRecord) -> String {
    "The TrailDeck process that ran this query (pid \(record.ownerPID) on \(record.ownerHost)) stopped before the query finished."
  }
}

extension LakeQueryStore {
  /// Whether a query ended before `cutoff` (to purge) or a QUEUED or RUNNING one's process is gone.
  func needsTidying(before cutoff: Date, settings: LakeQuerySettings) throws -> Bool {
    let old = try connection.scalarInt(
      "SELECT EXISTS (SELECT 1 FROM lake_queries WHERE finished_at IS NOT NULL AND finished_at < ?)",
      [.int(Self.millis(cutoff))])
    if old != 0 { return true }
    let wallNow = settings.wallClock.now()
    return try activeRecords().contains {
      LakeQueryOwner.isGone($0, wallNow: wallNow, staleAfter: settings.staleAfter)
    }
  }

  /// Ends as FAILED every QUEUED or RUNNING query whose process is gone (see `LakeQueryOwner`).
  func failStaleQueries(settings: LakeQuerySettings, now: Date) throws {
    let wallNow = settings.wallClock.now()
    for record in try activeRecords()
    where LakeQueryOwner.isGone(record, wallNow: wallNow, staleAfter: settings.staleAfter) {
      _ = try finish(
        record.id, status: .failed, output: nil, error: LakeQueryOwner.goneMessage(record), at: now,
        rowsPerPage: settings.rowsPerPage)
    }
  }
}
