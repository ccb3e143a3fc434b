import CSQLite

/// Appends a transaction's counts to one rollup table, one row per minute numbered on from the
/// minute's last stored one (see `Rollups`). Minutes newer than every stored row, nearly all of them in
/// time-ordered input, need no look-up; the writer holds the write lock, so no other writer numbers
/// rows meanwhile.
struct RollupAppender<Key: PackedRollupKey> {
  private let insert: SQLiteStatement
  private let lastInMinutes: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    insert = try connection.prepare(Key.insertSQL)
    lastInMinutes = try connection.prepare(Key.lastInMinutesSQL)
  }

  /// Appends `counts`, distinct keys in key (so minute) order as `RollupAccumulator.drain` gives them.
  func append(_ counts: [(key: Key, count: Int64)]) throws {
    guard !counts.isEmpty else { return }
    let newest = try lastID(Int64.min, Int64.max).map(Rollups.minute(of:))
    var packed: [UInt8] = []
    var i = 0
    while i < counts.count {
      let minute = counts[i].key.minute
      var next: Int64 = 0
      if let newest, minute <= newest,
        let last = try lastID(Rollups.firstID(minute: minute), Rollups.lastID(minute: minute))
      {
        next = (last & Rollups.slotMask) + 1
      }
      guard next <= Rollups.slotMask else {
        throw SQLiteError(
          code: SQLITE_FULL, message: "more than \(Rollups.slotMask) rollup rows in one minute",
          context: "\(Key.table) of minute \(minute)")
      }
      var end = i
      while end < counts.count && counts[end].key.minute == minute { end += 1 }
      packed.removeAll(keepingCapacity: true)
      Rollups.pack(counts[i..<end], into: &packed)
      let s = insert
      s.reset()
      s.bindInt(1, Rollups.firstID(minute: minute) | next)
      try packed.withUnsafeBytes { bytes in
        s.bindBlobNoCopy(2, bytes)
        try s.step()
      }
      i = end
    }
    insert.reset()
  }

  private func lastID(_ low: Int64, _ high: Int64) throws -> Int64? {
    let s = lastInMinutes
    defer { s.reset() }
    s.reset()
    s.bindInt(1, low)
    s.bindInt(2, high)
    guard try s.step(), !s.isNull(0) else { return nil }
    return s.int64(0)
  }
}
