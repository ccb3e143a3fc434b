extension EventIDRuns {
  /// The `event_id_index` row an eventID hash belongs to: its top 16 bits.
  static func prefix(of hash: UInt64) -> Int64 { Int64(hash >> 48) }

  /// Index rows, one per 16-bit prefix.
  static let prefixes = 1 << 16

  /// Moves every run into `event_id_index` once the runs hold at least an eighth as many entries as the
  /// index (so an entry is rewritten about eight times each time the store doubles). Runs are one seek
  /// per day to search, 90 seeks for an old event or a miss; the index is one row per 16-bit hash
  /// prefix, so a lookup of any age is one seek. Runs written since stay as runs until the next time.
  /// Returns the number of entries moved (0 when it was not worth it yet).
  ///
  /// This runs alone at the end of an ingest, with the other cores idle, so it is kept lean: the
  /// entries are grouped by index row with a counting sort over two reads of the runs, each row's
  /// few entries sorted on their own, and each row encoded in one reused buffer. Sorting all the
  /// entries at once and building an array per row took 0.22–0.28 s at 1 M events, against
  /// 0.15–0.22 s now (alternated runs).
  @discardableResult
  static func consolidateIfWorthIt(_ connection: SQLiteConnection) throws -> Int {
    let pending = try connection.scalarInt("SELECT COALESCE(SUM(LENGTH(entries)), 0) / 16 FROM event_id_runs")
    let indexed = try connection.scalarInt(
      "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'indexed_event_ids'), 0)")
    guard pending > 0, pending * 8 >= indexed else { return 0 }
    return try connection.transaction {
      let (entries, rowStarts) = try entriesByIndexRow(connection)
      let write = try connection.prepare(
        "INSERT OR REPLACE INTO event_id_index (prefix, entries) VALUES (?1, ?2)")
      var stored = try StoredIndexRows(connection, isEmpty: indexed == 0)
      var row: [UInt8] = []
      try entries.withUnsafeBufferPointer { entries in
        for p in 0..<prefixes where rowStarts[p] < rowStarts[p + 1] {
          let joining = entries[rowStarts[p]..<rowStarts[p + 1]]
          try stored.withRow(Int64(p)) { old in merge(old, joining, into: &row) }
          write.reset()
          write.bindInt(1, Int64(p))
          try row.withUnsafeBytes { bytes in
            write.bindBlobNoCopy(2, bytes)
            try write.step()
          }
        }
      }
      write.reset()
      try connection.execute("DELETE FROM event_id_runs")
      try connection.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('indexed_event_ids', '\(Int(indexed) + entries.count)')"
      )
      return entries.count
    }
  }

  typealias Entry = (hash: UInt64, rowID: Int64)

  /// Every run's entries, grouped by index row and sorted by (hash, row id) within each; row `p`'s
  /// entries are `entries[rowStarts[p]..<rowStarts[p + 1]]`.
  private static func entriesByIndexRow(_ connection: SQLiteConnection) throws -> (
    entries: [Entry], rowStarts: [Int]
  ) {
    let runs = try connection.prepare("SELECT entries FROM event_id_runs")
    var rowStarts = [Int](repeating: 0, count: prefixes + 1)
    while try runs.step() {
      runs.withBlob(0) { forEachEntry(in: $0) { hash, _ in rowStarts[Int(prefix(of: hash)) + 1] += 1 } }
    }
    for p in 0..<prefixes { rowStarts[p + 1] += rowStarts[p] }
    var entries = [Entry](repeating: (0, 0), count: rowStarts[prefixes])
    var filled = rowStarts
    runs.reset()
    // The same rows again: both reads are inside the merge's transaction.
    try entries.withUnsafeMutableBufferPointer { entries in
      try filled.withUnsafeMutableBufferPointer { filled in
        while try runs.step() {
          runs.withBlob(0) {
            forEachEntry(in: $0) { hash, rowID in
              let p = Int(prefix(of: hash))
              precondition(filled[p] < rowStarts[p + 1], "event_id_runs changed inside a transaction")
              entries[filled[p]] = (hash, rowID)
              filled[p] += 1
            }
          }
        }
      }
      for p in 0..<prefixes where rowStarts[p + 1] - rowStarts[p] > 1 {
        sortEntries(UnsafeMutableBufferPointer(rebasing: entries[rowStarts[p]..<rowStarts[p + 1]]))
      }
    }
    return (entries, rowStarts)
  }

  /// Sorts by (hash, row id), the tuples' own order: by insertion when short, as an index row's share of a merge nearly
  /// always is (about 15 entries a row per million).
  private static func sortEntries(_ entries: UnsafeMutableBufferPointer<Entry>) {
    guard entries.count <= 32 else {
      var entries = entries
      entries.sort(by: <)
      return
    }
    for i in 1..<entries.count {
      let moving = entries[i]
      var j = i
      while j > 0, moving < entries[j - 1] {
        entries[j] = entries[j - 1]
        j -= 1
      }
      entries[j] = moving
    }
  }

  /// Sets `row` to the encoding of `old`'s entries (an index row, or nil) and `joining`'s (sorted),
  /// merged in (hash, row id) order. Written in place: appending each entry's bytes to an array was a
  /// tenth of the merge.
  private static func merge(
    _ old: UnsafeRawBufferPointer?, _ joining: Slice<UnsafeBufferPointer<Entry>>, into row: inout [UInt8]
  ) {
    let oldCount = (old?.count ?? 0) / 16
    row.removeAll(keepingCapacity: true)
    row.append(contentsOf: repeatElement(0, count: (oldCount + joining.count) * 16))
    row.withUnsafeMutableBytes { out in
      var offset = 0
      func put(_ hash: UInt64, _ rowID: Int64) {
        out.storeBytes(of: hash.littleEndian, toByteOffset: offset, as: UInt64.self)
        out.storeBytes(of: rowID.littleEndian, toByteOffset: offset + 8, as: Int64.self)
        offset += 16
      }
      var next = joining.startIndex
      if let old {
        forEachEntry(in: old) { hash, rowID in
          while next < joining.endIndex, joining[next] < (hash, rowID) {
            put(joining[next].hash, joining[next].rowID)
            next += 1
          }
          put(hash, rowID)
        }
      }
      for entry in joining[next...] { put(entry.hash, entry.rowID) }
    }
  }
}

/// The `event_id_index` rows a merge joins, read a range of prefixes at a time as the merge walks them
/// in order (one query per prefix, 65 536 of them, was half the time of merging into a fresh store).
private struct StoredIndexRows {
  private let select: SQLiteStatement?
  private var rows: [Int64: [UInt8]] = [:]
  private var end: Int64 = 0
  private static let prefixesPerRead: Int64 = 4096

  /// `isEmpty`: the index has no rows, so none are read.
  init(_ connection: SQLiteConnection, isEmpty: Bool) throws {
    select =
      isEmpty
      ? nil
      : try connection.prepare(
        "SELECT prefix, entries FROM event_id_index WHERE prefix >= ?1 AND prefix < ?2")
  }

  /// Calls `body` with the stored row of prefix `p` (nil when there is none); prefixes must come in
  /// increasing order.
  mutating func withRow(_ p: Int64, _ body: (UnsafeRawBufferPointer?) throws -> Void) throws {
    guard let select else { return try body(nil) }
    if p >= end {
      rows = [:]
      end = (p / Self.prefixesPerRead + 1) * Self.prefixesPerRead
      select.reset()
      defer { select.reset() }
      select.bindInt(1, p)
      select.bindInt(2, end)
      while try select.step() { rows[select.int64(0)] = select.blob(1) }
    }
    guard let row = rows.removeValue(forKey: p) else { return try body(nil) }
    try row.withUnsafeBytes { try body($0) }
  }
}
