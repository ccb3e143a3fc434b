import Foundation

/// The limits and rhythms of Lake queries in one process.
///
/// Times of CloudTrail's rules (the timeout, the 7 days) are read off the store's clock, which may be
/// accelerated or set by tests; the heartbeat that proves a running query's process alive is real
/// time (`wallClock`), because a fixed clock would otherwise make every owner look dead or alive forever.
public struct LakeQuerySettings: Sendable {
  /// A query running longer than this (clock seconds) stops as TIMED_OUT. CloudTrail: about 1 hour.
  public var timeout: TimeInterval
  /// QUEUED plus RUNNING queries allowed per account and region, across processes (CloudTrail: 10).
  public var maxConcurrentQueries: Int
  /// Worker threads of this process; more queries wait QUEUED. Queries are CPU-bound scans.
  public var workerThreads: Int
  /// How long a finished query and its results stay readable (clock seconds; CloudTrail: 7 days).
  public var retention: TimeInterval
  /// Real seconds between a running query's heartbeats (and its checks for cancel and timeout).
  public var heartbeatInterval: TimeInterval
  /// Real seconds without a heartbeat after which a QUEUED or RUNNING query of another host is taken
  /// for dead (on this host a missing process is noticed at once).
  public var staleAfter: TimeInterval
  /// Result rows per stored (compressed) page; GetQueryResults reads at most two pages per call.
  public var rowsPerPage: Int
  /// Real time, for heartbeats only.
  public var wallClock: any Clock

  /// CloudTrail's limits: 1 hour, 10 queries, 7 days.
  public init(
    timeout: TimeInterval = 3600, maxConcurrentQueries: Int = 10, workerThreads: Int = 4,
    retention: TimeInterval = 7 * 86_400, heartbeatInterval: TimeInterval = 0.2,
    staleAfter: TimeInterval = 30,
    rowsPerPage: Int = 1000, wallClock: any Clock = SystemClock()
  ) {
    self.timeout = timeout
    self.maxConcurrentQueries = maxConcurrentQueries
    self.workerThreads = max(1, workerThreads)
    self.retention = retention
    self.heartbeatInterval = heartbeatInterval
    self.staleAfter = staleAfter
    self.rowsPerPage = max(1, rowsPerPage)
    self.wallClock = wallClock
  }
}
