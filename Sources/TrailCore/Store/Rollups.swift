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
///
/// `rollup_arn_packs` (migration 28) packs (category, `userIdentity.arn`) counts the same way, keyed by
/// `ArnRollupKey`: the Highlights "Top users" widget reads them (see `RollupAnswer`).
enum Rollups {
  static let slotBits: Int64 = 24
  static let slotMask: Int64 = (1 << slotBits) - 1

  static func firstID(minute: Int64) -> Int64 { minute << slotBits }
  static func lastID(minute: Int64) -> Int64 { minute << slotBits | slotMask }
  static func minute(of id: Int64) -> Int64 { id >> slotBits }

  /// Appends `counts` (keys of one minute) to `output`: per entry the key's fields (`PackedRollupKey`)
  /// and the count, each a `LEB128` varint.
  static func pack<Key: PackedRollupKey>(
    _ counts: ArraySlice<(key: Key, count: Int64)>, into output: inout [UInt8]
  ) {
    for (key, count) in counts {
      key.pack(into: &output)
      LEB128.append(UInt64(bitPattern: count), to: &output)
    }
  }

  /// The counts of one packed row of `minute`, or nil when the bytes do not decode.
  static func unpack<Key: PackedRollupKey>(
    _ bytes: UnsafeRawBufferPointer, minute: Int64, as type: Key.Type = RollupKey.self
  ) -> [(key: Key, count: Int64)]? {
    var counts: [(key: Key, count: Int64)] = []
    var fields = PackedFields(bytes)
    while !fields.atEnd {
      guard let key = Key(minute: minute, fields: &fields), let count = fields.next() else { return nil }
      counts.append((key, count))
    }
    return counts
  }

  /// Calls `body` with every count of `rollup_packs` in the minutes `minutes` (all when nil), in minute
  /// order; a key counted by several transactions comes once per row that holds it.
  /// - Throws: `CorruptRollup` for a row that does not decode (after handing on the entries before the
  ///   damage), and what `body` throws.
  static func forEach(
    in connection: SQLiteConnection, minutes: ClosedRange<Int64>? = nil,
    _ body: (_ key: RollupKey, _ count: Int64) throws -> Void
  ) throws {
    try forEach(in: connection, minutes: minutes, of: RollupKey.self, body)
  }

  /// `forEach` over the table of `type`'s keys.
  static func forEach<Key: PackedRollupKey>(
    in connection: SQLiteConnection, minutes: ClosedRange<Int64>? = nil, of type: Key.Type,
    _ body: (_ key: Key, _ count: Int64) throws -> Void
  ) throws {
    let window = minutes.map {
      " WHERE id BETWEEN \(firstID(minute: $0.lowerBound)) AND \(lastID(minute: $0.upperBound))"
    }
    let statement = try connection.prepare("SELECT id, entries FROM \(Key.table)\(window ?? "") ORDER BY id")
    while try statement.step() {
      let id = statement.int64(0)
      // Decoded in place, each entry handed on as it is read: an array of the row's entries cost an
      // allocation per row and a copy of every key (a day of busy traffic is 200 000 entries).
      let intact = try statement.withBlob(1) { bytes -> Bool in
        let minute = minute(of: id)
        var fields = PackedFields(bytes)
        while !fields.atEnd {
          guard let key = Key(minute: minute, fields: &fields), let count = fields.next() else {
            return false
          }
          try body(key, count)
        }
        return true
      }
      guard intact else {
        throw Diagnostic(
          code: "CorruptRollup", summary: "cannot read rollups",
          reason: "\(Key.table) row \(id) does not decode")
      }
    }
  }
}

/// A key of per-minute counts as a rollup table packs it: the minute is in the row's id, the other
/// fields are varints in the row's `entries` (see `Rollups`).
protocol PackedRollupKey: Comparable {
  /// The table of packed rows (`id INTEGER PRIMARY KEY, entries BLOB`).
  static var table: String { get }
  var minute: Int64 { get }
  /// Appends the fields after the minute.
  func pack(into output: inout [UInt8])
  /// The key of `minute` whose fields `fields` reads in `pack`'s order; nil when one is missing.
  init?(minute: Int64, fields: inout PackedFields)
}

extension PackedRollupKey {
  static var insertSQL: String { "INSERT INTO \(table) (id, entries) VALUES (?1, ?2)" }
  static var lastInMinutesSQL: String { "SELECT MAX(id) FROM \(table) WHERE id BETWEEN ?1 AND ?2" }
}

extension RollupKey: PackedRollupKey {
  static let table = "rollup_packs"

  /// Category, account, region, source, name, user, error, read-only.
  /// Field by field: an array of the eight would be allocated per key, nearly per event.
  func pack(into output: inout [UInt8]) {
    @inline(__always) func append(_ value: Int64) { LEB128.append(UInt64(bitPattern: value), to: &output) }
    append(category)
    append(account)
    append(region)
    append(source)
    append(name)
    append(user)
    append(error)
    append(readOnly)
  }

  init?(minute: Int64, fields: inout PackedFields) {
    guard let category = fields.next(), let account = fields.next(), let region = fields.next(),
      let source = fields.next(), let name = fields.next(), let user = fields.next(),
      let error = fields.next(),
      let readOnly = fields.next()
    else { return nil }
    self.init(
      minute: minute, category: category, account: account, region: region, source: source, name: name,
      user: user, error: error, readOnly: readOnly)
  }
}

/// The varints of a packed rollup row, read one after another. A struct passed `inout`: a local
/// function over a captured position, passed as a closure, had every read of the position checked for
/// exclusive access at run time (a quarter of q1's time at 10 M events).
struct PackedFields {
  let bytes: UnsafeRawBufferPointer
  private(set) var position = 0

  init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

  var atEnd: Bool { position >= bytes.count }

  /// The next field; nil when the bytes end inside it (a damaged row).
  @inline(__always) mutating func next() -> Int64? {
    LEB128.read(bytes, at: &position).map { Int64(bitPattern: $0) }
  }
}
