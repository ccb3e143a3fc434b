import Foundation

/// Copies committed WAL pages into the database file on its own thread and connection, while ingest
/// goes on writing.
///
/// Left to SQLite, every 8 192 pages the writer's own COMMIT stopped to copy the WAL into the database
/// and wait for two fsyncs: a quarter of the writer's time during bulk ingest, spent waiting on the disk
/// by the one stage everything else waits for. A PASSIVE checkpoint from another connection never
/// blocks the writer (SQLite's WAL design), so the copying and the fsyncs overlap with the writer's work.
/// The writer's connection gets `wal_autocheckpoint = 0` for as long as this runs.
final class WALCheckpointer: @unchecked Sendable {
  private let condition = NSCondition()
  private var stopping = false
  private var finished = false
  private let interval: TimeInterval

  /// Starts checkpointing `path` every `interval` seconds. Should its connection fail to open, the WAL
  /// simply grows until the writer's final checkpoint.
  init(path: String, interval: TimeInterval = 0.5) {
    self.interval = interval
    Thread { [self] in run(path) }.start()
  }

  private func run(_ path: String) {
    let connection = try? SQLiteConnection(path: path)
    condition.lock()
    while !stopping && connection != nil {
      condition.unlock()
      // Busy (another checkpoint, or a reader holding old pages) only means: try again later.
      try? connection?.execute("PRAGMA wal_checkpoint(PASSIVE)")
      condition.lock()
      if !stopping { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
    }
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Stops after the checkpoint in progress, if any; returns once the thread is done with the file.
  func stop() {
    condition.lock()
    stopping = true
    condition.broadcast()
    while !finished { condition.wait() }
    condition.unlock()
  }
}
