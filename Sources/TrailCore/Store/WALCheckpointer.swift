import Foundation

/// Copies committed WAL pages into the database file on its own thread and connection, while ingest
/// goes on writing.
///
/// Left to SQLite, every 8 192 pages the writer's own COMMIT stopped to copy the WAL into the database
/// and wait for two fsyncs: a quarter of the writer's time during bulk ingest, spent waiting on the disk
/// by the one stage everything else waits for. A PASSIVE checkpoint from another connection never
/// blocks the writer (SQLite's WAL design), so the copying and the fsyncs overlap with the writer's work.
/// The writer's connection gets `wal_autocheckpoint = 0` for as long as this runs.
///
/// PASSIVE checkpoints never let the WAL start over while the writer commits back to back: without more,
/// the WAL of a 10 M-event ingest grew past 2 GB and every page look-up searched its whole index. So once
/// the WAL holds `restartFrames` frames, the writer runs a RESTART checkpoint between two transactions
/// (`restartIfDue`): it copies the few frames the passive ones had not reached and makes the next
/// transaction write the WAL from its start. (A RESTART from this thread had to win the write lock from a
/// writer that takes it again at once, and timed out.)
final class WALCheckpointer: @unchecked Sendable {
  private let condition = NSCondition()
  private var stopping = false
  private var finished = false
  /// A checkpoint was asked for before the interval is up.
  private var isDue = false
  /// Frames in the WAL at the last passive checkpoint.
  private var frames: Int64 = 0
  private let interval: TimeInterval

  private let restartFrames: Int64

  /// Starts checkpointing `path` every `interval` seconds. Should its connection fail to open, the WAL
  /// simply grows until the writer's final checkpoint.
  init(path: String, interval: TimeInterval = 0.5, restartFrames: Int64 = 8192) {
    self.interval = interval
    self.restartFrames = restartFrames
    Thread { [self] in run(path) }.start()
  }

  private func run(_ path: String) {
    let connection = try? SQLiteConnection(path: path)
    condition.lock()
    while !stopping && connection != nil {
      condition.unlock()
      // Busy (another checkpoint, or a reader holding old pages) only means: try again later.
      let frames = connection.flatMap { try? Self.checkpoint($0, mode: "PASSIVE") }
      condition.lock()
      if let frames { self.frames = frames }
      // A real-time timeout (NSCondition takes a wall-clock deadline), not a reading of the store's clock.
      if !stopping && !isDue { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
      isDue = false
    }
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Called by the writer between transactions: when the WAL has grown to `restartFrames`, checkpoints
  /// what is left with `writer` and lets the next transaction start the WAL over. A failure (another
  /// process reading an old snapshot past the busy timeout) only leaves the WAL long until next time.
  func restartIfDue(on writer: SQLiteConnection) {
    condition.lock()
    let due = frames >= restartFrames
    if due { frames = 0 }
    condition.unlock()
    if due { _ = try? Self.checkpoint(writer, mode: "RESTART") }
  }

  /// Runs a checkpoint; returns the frames in the WAL.
  private static func checkpoint(_ connection: SQLiteConnection, mode: String) throws -> Int64 {
    let statement = try connection.prepare("PRAGMA wal_checkpoint(\(mode))")
    guard try statement.step() else { return 0 }
    return statement.int64(1)
  }

  /// Starts a passive checkpoint now rather than at the next interval: at the end of an ingest, so that
  /// copying the last transactions' pages overlaps with the writer's last work (merging the eventID
  /// runs) instead of `stop` waiting for a checkpoint begun later (0.1–0.2 s at 1 M events). The final
  /// checkpoint still copies what the merge wrote and frees the WAL file (about 0.5 s there).
  func checkpointSoon() {
    condition.lock()
    isDue = true
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
