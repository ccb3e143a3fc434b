/// One count of `rollup_hour_packs` (migration 30): an hour's events of one (category, account,
/// region, source, name, error, read-only), the per-minute rollups' key without the user.
///
/// Generated and busy traffic have almost as many minute keys as events, because of the user; an
/// hour without it holds a few hundred (the 1 M data set: 528 an hour against 12 300 minute entries),
/// so a count over a day reads whole hours here and only the minutes at either end from
/// `rollup_packs`. Rows are packed and numbered as `rollup_packs` (see `Rollups`), by hour: the row
/// id is `hour << 24 | n`, and `minute` of `PackedRollupKey` is the hour here.
///
/// The writer adds each transaction's minute counts here too; migration 30 filled it from the
/// minute rollups stored before; retention drops whole hours and rebuilds the hour it cuts into from
/// the minutes it keeps (see `Retention`).
struct HourRollupKey: PackedRollupKey {
  static let table = "rollup_hour_packs"

  /// The count's key, its `minute` holding the hour and its `user` 0.
  var counted: RollupKey

  /// The hour (`PackedRollupKey`'s unit).
  var minute: Int64 { counted.minute }

  init(hourOf key: RollupKey) {
    counted = key
    counted.minute = Self.hour(ofMinute: key.minute)
    counted.user = 0
  }

  init?(minute hour: Int64, fields: inout PackedFields) {
    guard let key = RollupKey(minute: hour, fields: &fields) else { return nil }
    counted = key
  }

  func pack(into output: inout [UInt8]) { counted.pack(into: &output) }

  static func < (a: HourRollupKey, b: HourRollupKey) -> Bool { a.counted < b.counted }

  /// The hour of a rollup minute (whole hours from 1970, earlier ones below zero).
  static func hour(ofMinute minute: Int64) -> Int64 { minute >= 0 ? minute / 60 : (minute - 59) / 60 }

  /// The hour counts of `minuteCounts` (per-minute counts in any order), in key order.
  static func counts<S: Sequence>(of minuteCounts: S) -> [(key: HourRollupKey, count: Int64)]
  where S.Element == (key: RollupKey, count: Int64) {
    var sums: [RollupKey: Int64] = [:]
    for (key, count) in minuteCounts {
      sums[HourRollupKey(hourOf: key).counted, default: 0] += count
    }
    return sums.map { (HourRollupKey(counted: $0.key), $0.value) }.sorted { $0.key < $1.key }
  }

  private init(counted: RollupKey) { self.counted = counted }

  /// Replaces the hour rows of `hours` with the sums of the minute rows there.
  static func rebuild(hours: ClosedRange<Int64>, in connection: SQLiteConnection) throws {
    try connection.execute(
      "DELETE FROM \(table) WHERE id BETWEEN \(Rollups.firstID(minute: hours.lowerBound)) AND \(Rollups.lastID(minute: hours.upperBound))"
    )
    try fill(from: hours.lowerBound * 60...(hours.upperBound * 60 + 59), in: connection)
  }

  /// Appends the hour sums of the minute rows in `minutes` (all when nil), an hour at a time.
  static func fill(from minutes: ClosedRange<Int64>?, in connection: SQLiteConnection) throws {
    let appender = try RollupAppender<HourRollupKey>(connection)
    var hour = Int64.min
    var pending: [(key: RollupKey, count: Int64)] = []
    try Rollups.forEach(in: connection, minutes: minutes) { key, count in
      let next = Self.hour(ofMinute: key.minute)
      if next != hour, !pending.isEmpty {
        try appender.append(counts(of: pending))
        pending.removeAll(keepingCapacity: true)
      }
      hour = next
      pending.append((key, count))
    }
    try appender.append(counts(of: pending))
  }
}
