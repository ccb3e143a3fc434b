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

  /// Appends `counts` (keys of one minute) to `output`: per entry nine LEB128 varints, category,
  /// account, region, source, name, user, error, read-only and count.
  static func pack(_ counts: ArraySlice<(key: RollupKey, count: Int64)>, into output: inout [UInt8]) {
    @inline(__always) func append(_ value: Int64) {
      var rest = UInt64(bitPattern: value)
      while rest >= 0x80 {
        output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
        rest >>= 7
      }
      output.append(UInt8(rest))
    }
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

  /// The entries of one packed row, or nil when the bytes do not decode.
  static func unpack(_ bytes: UnsafeRawBufferPointer) -> [RollupEntry]? {
    var entries: [RollupEntry] = []
    var position = 0
    var fields = [Int64](repeating: 0, count: 9)
    while position < bytes.count {
      for f in 0..<9 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
          guard position < bytes.count, shift < 64 else { return nil }
          let byte = bytes[position]
          position += 1
          value |= UInt64(byte & 0x7F) << shift
          if byte < 0x80 { break }
          shift += 7
        }
        fields[f] = Int64(bitPattern: value)
      }
      entries.append(
        RollupEntry(
          category: fields[0], account: fields[1], region: fields[2], source: fields[3], name: fields[4],
          user: fields[5], error: fields[6], readOnly: fields[7], count: fields[8]))
    }
    return entries
  }

  /// Calls `body` with every entry of the minutes in `minutes` (all when nil) and its minute, in minute
  /// order; a key counted by several transactions comes once per row that holds it.
  static func forEach(
    in connection: SQLiteConnection, minutes: ClosedRange<Int64>? = nil,
    _ body: (_ minute: Int64, _ entry: RollupEntry) throws -> Void
  ) throws {
    let window = minutes.map {
      " WHERE id BETWEEN \(firstID(minute: $0.lowerBound)) AND \(lastID(minute: $0.upperBound))"
    }
    let statement = try connection.prepare("SELECT id, entries FROM rollup_packs\(window ?? "") ORDER BY id")
    while try statement.step() {
      let id = statement.int64(0)
      guard let entries = statement.withBlob(1, Rollups.unpack) else {
        throw Diagnostic(
          code: "CorruptRollup", summary: "cannot read rollups",
          reason: "rollup_packs row \(id) does not decode")
      }
      for entry in entries { try body(minute(of: id), entry) }
    }
  }
}

/// One rollup count as read back (see `Rollups`).
struct RollupEntry: Equatable {
  var category: Int64
  var account: Int64
  var region: Int64
  var source: Int64
  var name: Int64
  var user: Int64
  var error: Int64
  /// 0 write, 1 read-only, 2 unknown.
  var readOnly: Int64
  var count: Int64
}
