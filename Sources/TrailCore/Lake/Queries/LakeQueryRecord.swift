import Foundation

/// One Lake query as the store keeps it (table `lake_queries`).
struct LakeQueryRecord: Sendable, Equatable {
  /// QueryId: a lower-case UUID.
  var id: String
  /// The caller's account and region: the concurrency limit and ListQueries are per both.
  var account: String
  var region: String
  /// QueryString: the statement as run (an alias's statement after its parameters are in).
  var statement: String
  var status: LakeQueryStatus
  /// The ARNs of the event data stores the statement reads.
  var eventDataStoreARNs: [String]
  var deliveryS3Uri: String?
  var deliveryStatus: String?
  /// EventDataStoreOwnerAccountId as the request gave it.
  var ownerAccountId: String?
  /// ErrorMessage of a FAILED (or stale) query.
  var errorMessage: String?
  /// Clock times.
  var createdAt: Date
  var startedAt: Date?
  var finishedAt: Date?
  var eventsMatched: Int64 = 0
  var eventsScanned: Int64 = 0
  var bytesScanned: Int64 = 0
  /// Result columns in select order, once the query has results.
  var columns: [String] = []
  /// TotalResultsCount.
  var resultCount: Int = 0
  /// The process that runs the query, and its last heartbeat (real time).
  var ownerPID: Int32
  var ownerHost: String
  var heartbeatAt: Date
  /// Result rows per stored page (as written, whatever this process's settings say).
  var rowsPerPage: Int = 1000

  /// ExecutionTimeInMillis: from start to finish, or to `now` while it runs (clock time).
  func executionMillis(now: Date) -> Int {
    guard let startedAt else { return 0 }
    let end = finishedAt ?? (status.isTerminal ? startedAt : now)
    return max(0, Int((end.timeIntervalSince(startedAt) * 1000).rounded()))
  }
}
