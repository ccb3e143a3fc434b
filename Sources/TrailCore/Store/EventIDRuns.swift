/// eventID → row id, for EventId lookups and de-duplication, as sorted runs of 64-bit eventID hashes.
///
/// eventIDs are random, so any index keyed by them takes inserts all over itself: the former
/// `event_ids` table, keyed (day, eventID), dirtied most of a day's pages in every batch and cost a
/// fifth of the writer's time. Instead each batch writes, per day of its events and per bucket (the
/// hash's top 8 bits), one row holding that bucket's (hash, row id) pairs sorted by hash. A batch's
/// rows sit next to each other in key order `(day, bucket, last)`, and finding an eventID is one
/// short range read per day (that bucket's runs) plus a binary search in each, then a check of the
/// candidate event's stored eventID (hashes may collide; the stored eventID decides).
enum EventIDRuns {
  static func bucket(of hash: UInt64) -> Int64 { Int64(hash >> 56) }

  /// `entries` sorted by hash, 16 bytes each: the hash and the row id, little-endian.
  static func encode(_ entries: ArraySlice<(hash: UInt64, rowID: Int64)>) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: entries.count * 16)
    out.withUnsafeMutableBytes { bytes in
      for (i, entry) in entries.enumerated() {
        bytes.storeBytes(of: entry.hash.littleEndian, toByteOffset: i * 16, as: UInt64.self)
        bytes.storeBytes(of: entry.rowID.littleEndian, toByteOffset: i * 16 + 8, as: Int64.self)
      }
    }
    return out
  }

  /// Calls `body` with each (hash, row id) of a run or index row, in stored order.
  static func forEachEntry(in row: UnsafeRawBufferPointer, _ body: (UInt64, Int64) -> Void) {
    for offset in stride(from: 0, to: row.count - 15, by: 16) {
      body(
        UInt64(littleEndian: row.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
        Int64(littleEndian: row.loadUnaligned(fromByteOffset: offset + 8, as: Int64.self)))
    }
  }

  /// The row ids stored under `hash` in one run.
  static func rowIDs(in run: UnsafeRawBufferPointer, hash: UInt64) -> [Int64] {
    let count = run.count / 16
    func hashAt(_ i: Int) -> UInt64 {
      UInt64(littleEndian: run.loadUnaligned(fromByteOffset: i * 16, as: UInt64.self))
    }
    var low = 0
    var high = count
    while low < high {
      let middle = (low + high) / 2
      if hashAt(middle) < hash { low = middle + 1 } else { high = middle }
    }
    var found: [Int64] = []
    while low < count, hashAt(low) == hash {
      found.append(Int64(littleEndian: run.loadUnaligned(fromByteOffset: low * 16 + 8, as: Int64.self)))
      low += 1
    }
    return found
  }

  static let insertSQL = "INSERT INTO event_id_runs (day, bucket, last, entries) VALUES (?1, ?2, ?3, ?4)"

  /// Writes `entries` (any order) as runs, one per (day, bucket).
  static func write(_ entries: [(day: Int64, hash: UInt64, rowID: Int64)], with insert: SQLiteStatement)
    throws
  {
    let sorted = entries.sorted { ($0.day, $0.hash) < ($1.day, $1.hash) }
    var start = 0
    while start < sorted.count {
      let day = sorted[start].day
      let bucket = bucket(of: sorted[start].hash)
      var end = start + 1
      var last = sorted[start].rowID
      while end < sorted.count, sorted[end].day == day, Self.bucket(of: sorted[end].hash) == bucket {
        last = max(last, sorted[end].rowID)
        end += 1
      }
      let run = encode(sorted[start..<end].map { (hash: $0.hash, rowID: $0.rowID) }[...])
      insert.reset()
      insert.bindInt(1, day)
      insert.bindInt(2, bucket)
      insert.bindInt(3, last)
      try run.withUnsafeBytes { bytes in
        insert.bindBlobNoCopy(4, bytes)
        try insert.step()
      }
      start = end
    }
    insert.reset()
  }
}

/// Finds the event with an eventID, in `event_id_index` and in the runs written since. One per
/// connection.
final class EventIDFinder {
  private let connection: SQLiteConnection
  private let runs: SQLiteStatement
  private let index: SQLiteStatement
  private let storedID: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    self.connection = connection
    runs = try connection.prepare("SELECT entries FROM event_id_runs WHERE day = ?1 AND bucket = ?2")
    index = try connection.prepare("SELECT entries FROM event_id_index WHERE prefix = ?1")
    storedID = try connection.prepare("SELECT event_id FROM events WHERE id = ?1")
  }

  /// The row id of the event whose stored eventID is `id` (with FNV-1a hash `hash`), when it is in the
  /// consolidated index or filed under one of `days` in the runs since; nil otherwise. (eventIDs are
  /// unique in a store, so the first hit is the answer.)
  ///
  /// The index is one seek. The runs are searched by one statement that seeks every day's bucket,
  /// newest day first, stopping at the first hit.
  func locate(_ id: [UInt8], hash: UInt64, days: ClosedRange<Int64>) throws -> Int64? {
    if let found = try indexed(id, hash: hash) { return found }
    let list = days.reversed().map(String.init).joined(separator: ",")
    let runs = try connection.prepare(
      """
      SELECT entries FROM event_id_runs WHERE bucket = \(EventIDRuns.bucket(of: hash)) AND day IN (\(list))
      ORDER BY day DESC, last DESC
      """)
    while try runs.step() {
      for candidate in runs.withBlob(0, { EventIDRuns.rowIDs(in: $0, hash: hash) }).sorted(by: >) {
        if try isStored(id, at: candidate) { return candidate }
      }
    }
    return nil
  }

  /// The row id of the event whose stored eventID is `id`, when `event_id_index` has it.
  func indexed(_ id: [UInt8], hash: UInt64) throws -> Int64? {
    index.reset()
    defer { index.reset() }
    index.bindInt(1, EventIDRuns.prefix(of: hash))
    guard try index.step() else { return nil }
    let candidates = index.withBlob(0) { EventIDRuns.rowIDs(in: $0, hash: hash) }
    for candidate in candidates where try isStored(id, at: candidate) { return candidate }
    return nil
  }

  private func isStored(_ id: [UInt8], at rowID: Int64) throws -> Bool {
    storedID.reset()
    storedID.bindInt(1, rowID)
    defer { storedID.reset() }
    return try storedID.step() && storedID.withBlob(0, { $0.elementsEqual(id) })
  }

  /// The row id of the event whose stored eventID is `id` (with FNV-1a hash `hash`) on `day`, or nil.
  func find(_ id: [UInt8], hash: UInt64, day: Int64) throws -> Int64? {
    runs.reset()
    defer { runs.reset() }
    runs.bindInt(1, day)
    runs.bindInt(2, EventIDRuns.bucket(of: hash))
    var candidates: [Int64] = []
    while try runs.step() {
      candidates += runs.withBlob(0) { EventIDRuns.rowIDs(in: $0, hash: hash) }
    }
    for candidate in candidates where try isStored(id, at: candidate) { return candidate }
    return nil
  }
}
