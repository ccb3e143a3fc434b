/// De-duplicates by eventID and fills `event_id_runs`, what EventId lookups read with `event_id_index`
/// (see `EventIDRuns`).
///
/// The writer keeps a 64-bit hash of every stored eventID in memory, with the day it is filed under;
/// an unseen hash is a new event without touching the disk, a seen one is checked exactly. The batch's
/// runs are written at the end of each transaction.
final class EventIDIndex {
  private var days: [UInt64: Int32] = [:]
  private var pending: [(day: Int64, hash: UInt64, rowID: Int64)] = []
  /// This batch's stored eventIDs by hash, for the rare twin inside one batch.
  private var pendingIDs: [UInt64: [UInt8]] = [:]
  private var collided: [[UInt8]] = []
  private let finder: EventIDFinder
  private let insert: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    finder = try EventIDFinder(connection)
    insert = try connection.prepare(EventIDRuns.insertSQL)
    let count = try connection.scalarInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_count'")
    days.reserveCapacity(Int(count) + 1024)
    let indexed = try connection.prepare("SELECT entries FROM event_id_index")
    while try indexed.step() {
      indexed.withBlob(0) { row in
        EventIDRuns.forEachEntry(in: row) { hash, rowID in
          if days[hash] == nil {
            days[hash] = Int32(truncatingIfNeeded: EventKey.day(of: EventKey.time(of: rowID)))
          }
        }
      }
    }
    let all = try connection.prepare("SELECT day, entries FROM event_id_runs")
    while try all.step() {
      let day = Int32(truncatingIfNeeded: all.int64(0))
      all.withBlob(1) { run in
        EventIDRuns.forEachEntry(in: run) { hash, _ in
          if days[hash] == nil { days[hash] = day }
        }
      }
    }
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 { FNV1a.hash(bytes) }

  /// True when `storedID` is already stored, or already in this batch.
  func contains(_ storedID: [UInt8], hash: UInt64, day: Int64) throws -> Bool {
    // Two eventIDs of one batch sharing a hash land in `collided` (never seen in practice).
    if let twin = pendingIDs[hash], twin == storedID || collided.contains(storedID) { return true }
    guard let filed = days[hash] else { return false }
    if try finder.indexed(storedID, hash: hash) != nil { return true }
    if try finder.find(storedID, hash: hash, day: Int64(filed)) != nil { return true }
    return Int64(filed) != day ? try finder.find(storedID, hash: hash, day: day) != nil : false
  }

  func add(_ storedID: [UInt8], hash: UInt64, day: Int64, event: Int64) {
    pending.append((day, hash, event))
    if pendingIDs[hash] == nil { pendingIDs[hash] = storedID } else { collided.append(storedID) }
    if days[hash] == nil { days[hash] = Int32(truncatingIfNeeded: day) }
  }

  /// Writes the batch's runs (inside the writer's transaction).
  func flush() throws {
    try EventIDRuns.write(pending, with: insert)
    discardPending()
  }

  /// Drops the batch after a rollback (hashes remembered for it only cost an extra exact check later).
  func discardPending() {
    pending.removeAll(keepingCapacity: true)
    pendingIDs.removeAll(keepingCapacity: true)
    collided.removeAll()
  }
}
