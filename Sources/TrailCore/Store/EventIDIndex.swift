/// Remembers, for every stored eventID, the day it is filed under in `event_ids`.
///
/// `event_ids` is keyed by (day, eventID) so that inserts stay local; a duplicate delivery has the same
/// eventTime and so meets its twin there. This map catches the rest — the same eventID under another
/// eventTime — so de-duplication is by eventID alone, without a store-wide random index on disk.
/// It costs 64-bit hashes in memory (about 16 bytes an event), loaded once per writer.
final class EventIDIndex {
  private var days: [UInt64: Int32] = [:]
  private let find: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    find = try connection.prepare("SELECT 1 FROM event_ids WHERE day = ? AND event_id = ?")
    let count = try connection.scalarInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_count'")
    days.reserveCapacity(Int(count) + 1024)
    let all = try connection.prepare("SELECT day, event_id FROM event_ids")
    while try all.step() {
      days[Self.hash(all.blob(1)), default: Int32(truncatingIfNeeded: all.int64(0))] = Int32(
        truncatingIfNeeded: all.int64(0))
    }
  }

  static func hash(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return h
  }

  /// True when `storedID` is already stored under a day other than `day` (same-day twins are refused
  /// by the table's primary key).
  func isStoredOnAnotherDay(_ storedID: [UInt8], hash: UInt64, day: Int64) throws -> Bool {
    guard let other = days[hash], Int64(other) != day else { return false }
    find.reset()
    find.bindInt(1, Int64(other))
    defer { find.reset() }
    return try storedID.withUnsafeBytes { id in
      find.bindBlobNoCopy(2, id)
      return try find.step()
    }
  }

  func remember(hash: UInt64, day: Int64) {
    if days[hash] == nil { days[hash] = Int32(truncatingIfNeeded: day) }
  }

  /// Forgets nothing: ids remembered in a rolled-back transaction only cost an extra exact check.
}
