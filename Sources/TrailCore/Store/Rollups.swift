/// How the per-minute rollups are stored (migration 9).
///
/// `rollup_packs` is a rowid table whose id is `minute << 24 | n`: each transaction appends, for every
/// minute it touched, one row whose `entries` pack that minute's counts, one per distinct (category,
/// account, region, source, name, user, error, read-only), numbering on from the minute's last row. A key
/// seen by several transactions has an entry in several rows; every reader sums them (`Rollups.forEach`).
///
/// Before: version 5 upserted a row per key into a WITHOUT ROWID table (a nine-column seek per event);
/// versions 6–8 appended a row per key to `rollup_counts`. Generated and busy traffic have almost as many
/// keys as events, so that was still a row per event: 16 % of the writer's instructions, where one row
/// a minute costs next to nothing. The counts leave plain SQL (the view `rollup_minute` is gone with
/// them): the dashboard, `stats` and later Insights read them here.
enum Rollups {
  static let slotBits: Int64 = 24
  static let slotMask: Int64 = (1 << slotBits) - 1

  static func firstID(minute: Int64) -> Int64 { minute << slotBits }
  static func lastID(minute: Int64) -> Int64 { minute << slotBits | slotMask }
  static func minute(of id: Int64) -> Int64 { id >> slotBits }

  static let insertSQL = "INSERT INTO rollup_packs (id, entries) VALUES (?1, ?2)"
  static let lastInMinutesSQL = "SELECT MAX(id) FROM rollup_packs WHERE id BETWEEN ?1 AND ?2"

  /// Appends `counts` (keys of one minute) to `output`: per entry nine `LEB128` varints, category,
  /// account, region, source, name, user, error, read-only and count.
  static func pack(_ counts: ArraySlice<(key: RollupKey, count: Int64)>, into output: inout [UInt8]) {
    @inline(__always) func append(_ value: Int64) { LEB128.append(UInt64(bitPattern: value), to: &output) }
    for (key, count) in counts {
      append(key.category)
      append(key.account)
      append(key.region)
      append(key.source)
      append(key.name)
      append(key.user)
      append(key.error)
      append(key.readOnly)
      append(count)
    }
  }

  /// The counts of one packed row of `minute`, or nil when the bytes do not decode.
  static func unpack(_ bytes: UnsafeRawBufferPointer, minute: Int64) -> [(key: RollupKey, count: Int64)]? {
    var counts: [(key: RollupKey, count: Int64)] = []
    var position = 0
    func next() -> Int64? { LEB128.read(bytes, at: &position).map { Int64(bitPattern: $0) } }
    while position < bytes.count {
      guard let category = next(), let account = next(), let region = next(), let source = next(),
        let name = next(), let user = next(), let error = next(), let readOnly = next(), let count = next()
      else { return nil }
      counts.append(
        (
          RollupKey(
            minute: minute, category: category, account: account, region: region, source: source, name: name,
            user: user, error: error, readOnly: readOnly), count
        ))
    }
    return counts
  }

  /// Calls `body` with every count of the minutes in `minutes` (all when nil), in minute order; a key
  /// counted by several transactions comes once per row that holds it.
  static func forEach(
    in connection: SQLiteConnection, minutes: ClosedRange<Int64>? = nil,
    _ body: (_ key: RollupKey, _ count: Int64) throws -> Void
  ) throws {
    let window = minutes.map {
      " WHERE id BETWEEN \(firstID(minute: $0.lowerBound)) AND \(lastID(minute: $0.upperBound))"
    }
    let statement = try connection.prepare("SELECT id, entries FROM rollup_packs\(window ?? "") ORDER BY id")
    while try statement.step() {
      let id = statement.int64(0)
      guard let counts = statement.withBlob(1, { Rollups.unpack($0, minute: minute(of: id)) }) else {
        throw Diagnostic(
          code: "CorruptRollup", summary: "cannot read rollups",
          reason: "rollup_packs row \(id) does not decode")
      }
      for (key, count) in counts { try body(key, count) }
    }
  }
}
