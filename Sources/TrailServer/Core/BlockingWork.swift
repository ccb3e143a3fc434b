import NIOPosix

/// Runs blocking work (SQLite reads and writes, bucket files) on a bounded pool of threads, so the
/// event loops keep accepting and answering while queries run, and 200 clients queue instead of
/// making 200 threads.
public final class BlockingWork: Sendable {
  let pool: NIOThreadPool

  /// A pool of `threads` threads, started now.
  public init(threads: Int) {
    pool = NIOThreadPool(numberOfThreads: max(1, threads))
    pool.start()
  }

  /// Runs `body` on one of the pool's threads and returns what it returns (or throws what it throws).
  public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await pool.runIfActive(body)
  }

  /// Stops the threads once the queued work is done.
  public func shutdown() async {
    try? await pool.shutdownGracefully()
  }
}
