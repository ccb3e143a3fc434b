import Foundation

/// One Lake query as the store keeps it (table `lake_queries`).
public struct LakeQueryRecord: Sendable, Equatable {
  /// QueryId: a lower-case UUID.
  public var id: String
  /// The caller's account and region: the concurrency limit and ListQueries are per both.
  public var account: String
  public var region: String
  /// QueryString: the statement as run (an alias's statement after its parameters are in).
  public var statement: String
  public var status: LakeQueryStatus
  /// The ARNs of the event data stores the statement reads.
  public var eventDataStoreARNs: [String]
  public var deliveryS3Uri: String?
  public var deliveryStatus: String?
  /// EventDataStoreOwnerAccountId as the request gave it.
  public var ownerAccountId: String?
  /// ErrorMessage of a FAILED (or stale) query.
  public var errorMessage: String?
  /// Clock times.
  public var createdAt: Date
  public var startedAt: Date?
  public var finishedAt: Date?
  public var eventsMatched: Int64 = 0
  public var eventsScanned: Int64 = 0
  public var bytesScanned: Int64 = 0
  /// Result columns in select order, once the query has results.
  public var columns: [String] = []
  /// TotalResultsCount.
  public var resultCount: Int = 0
  /// The process that runs the query, and its last heartbeat (real time).
  public var ownerPID: Int32
  public var ownerHost: String
  public var heartbeatAt: Date
  /// Result rows per stored page (as written, whatever this process's settings say).
  public var rowsPerPage: Int = 1000

  /// ExecutionTimeInMillis: from start to finish, or to `now` while it runs (clock time).
  public func executionMillis(now: Date) -> Int {
    guard let startedAt else { return 0 }
    let end = finishedAt ?? (status.isTerminal ? startedAt : now)
    return max(0, Int((end.timeIntervalSince(startedAt) * 1000).rounded()))
  }
}
