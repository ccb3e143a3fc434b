/// De-duplicates by eventID and fills `event_ids`, the table EventId lookups read.
///
/// A store-wide index on random eventIDs made every batch dirty pages all over it and cost more than
/// all other indexes together. Instead the writer keeps a 64-bit hash of every stored eventID in memory
/// (with the day it is filed under in `event_ids`, keyed (day, eventID)); an unseen hash is a new
/// event without touching the disk, a seen one is checked exactly. The batch's `event_ids` rows are
/// written at the end of each transaction in key order, so each page is visited once.
final class EventIDIndex {
  private var days: [UInt64: Int32] = [:]
  private var pending: [(day: Int64, id: [UInt8], event: Int64)] = []
  private var pendingByHash: [UInt64: [[UInt8]]] = [:]
  private let find: SQLiteStatement
  private let insert: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    find = try connection.prepare("SELECT 1 FROM event_ids WHERE day = ? AND event_id = ?")
    insert = try connection.prepare("INSERT OR IGNORE INTO event_ids (day, event_id, event) VALUES (?, ?, ?)")
    let count = try connection.scalarInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_count'")
    days.reserveCapacity(Int(count) + 1024)
    let all = try connection.prepare("SELECT day, event_id FROM event_ids")
    while try all.step() {
      let hash = Self.hash(all.blob(1))
      if days[hash] == nil { days[hash] = Int32(truncatingIfNeeded: all.int64(0)) }
    }
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 { FNV1a.hash(bytes) }

  /// True when `storedID` is already stored, or already in this batch.
  func contains(_ storedID: [UInt8], hash: UInt64, day: Int64) throws -> Bool {
    if let twins = pendingByHash[hash], twins.contains(storedID) { return true }
    guard let filed = days[hash] else { return false }
    if try isStored(storedID, day: Int64(filed)) { return true }
    return Int64(filed) != day ? try isStored(storedID, day: day) : false
  }

  private func isStored(_ storedID: [UInt8], day: Int64) throws -> Bool {
    find.reset()
    find.bindInt(1, day)
    defer { find.reset() }
    return try storedID.withUnsafeBytes { id in
      find.bindBlobNoCopy(2, id)
      return try find.step()
    }
  }

  func add(_ storedID: [UInt8], hash: UInt64, day: Int64, event: Int64) {
    pending.append((day, storedID, event))
    pendingByHash[hash, default: []].append(storedID)
    if days[hash] == nil { days[hash] = Int32(truncatingIfNeeded: day) }
  }

  /// Writes the batch's rows in key order (inside the writer's transaction).
  func flush() throws {
    pending.sort { a, b in a.day != b.day ? a.day < b.day : a.id.lexicographicallyPrecedes(b.id) }
    for row in pending {
      insert.reset()
      insert.bindInt(1, row.day)
      try row.id.withUnsafeBytes { id in
        insert.bindBlobNoCopy(2, id)
        insert.bindInt(3, row.event)
        try insert.step()
      }
    }
    insert.reset()
    discardPending()
  }

  /// Drops the batch after a rollback (hashes remembered for it only cost an extra exact check later).
  func discardPending() {
    pending.removeAll(keepingCapacity: true)
    pendingByHash.removeAll(keepingCapacity: true)
  }
}
