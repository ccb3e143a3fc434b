/// A Lake query's status, as the model's `QueryStatus` enum spells it.
///
/// A query starts QUEUED, becomes RUNNING when a worker takes it, and ends FINISHED, FAILED (with an
/// ErrorMessage), CANCELLED (CancelQuery) or TIMED_OUT (it ran longer than the timeout).
public enum LakeQueryStatus: String, Sendable, CaseIterable, Codable {
  case queued = "QUEUED"
  case running = "RUNNING"
  case finished = "FINISHED"
  case failed = "FAILED"
  case cancelled = "CANCELLED"
  case timedOut = "TIMED_OUT"

  /// Whether the query has stopped for good (CancelQuery refuses it with InactiveQueryException).
  public var isTerminal: Bool { self != .queued && self != .running }

  /// The raw values of the statuses that still count against the concurrency limit, for SQL.
  static let activeSQL = "('QUEUED', 'RUNNING')"
}
