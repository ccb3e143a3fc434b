/// A widget's counts over a window as the rollups give them (see `RollupAnswer`), by the dimension's
/// value (nil: the event has none), with the number of management events they found there.
enum RollupTally {
  case counts([String?: Int64], managementTotal: Int64)
  /// A filter names a value no event has: no rows, whatever the store holds.
  case noMatch
  /// The rollups cannot stand for these events (the engine answers).
  case unprovable

  /// Counts of `shape` over `minutes` (whole, from the rollups) and `edges` (seconds, from `events`).
  static func count(
    _ shape: RollupShape, minutes: ClosedRange<Int64>?, edges: [Range<Int64>], connection: SQLiteConnection
  ) throws -> RollupTally {
    shape.dimension == .userArn
      ? try countUsers(shape, minutes: minutes, edges: edges, connection: connection)
      : try countInterned(shape, minutes: minutes, edges: edges, connection: connection)
  }

  /// eventName, eventSource, errorCode or awsRegion, with the shape's filters, from `rollup_packs`.
  private static func countInterned(
    _ shape: RollupShape, minutes: ClosedRange<Int64>?, edges: [Range<Int64>], connection: SQLiteConnection
  ) throws -> RollupTally {
    // Filters as interned ids; a value no event has matches nothing.
    guard let filters = try internedFilters(shape.equals, connection: connection) else { return .noMatch }
    func passes(_ value: (RollupShape.Dimension) -> Int64) -> Bool {
      filters.allSatisfy { value($0.0) == $0.1 } && shape.notNull.allSatisfy { value($0) != 0 }
    }
    var counts: [Int64: Int64] = [:]
    var total: Int64 = 0
    if let minutes {
      try Rollups.forEach(in: connection, minutes: minutes) { key, count in
        guard key.category == 0 else { return }
        total += count
        if passes({ $0.id(in: key) }) { counts[shape.dimension.id(in: key), default: 0] += count }
      }
    }
    let columns = RollupShape.Dimension.interned.map(\.eventsColumn).joined(separator: ", ")
    let s = try connection.prepare(
      "SELECT \(columns), COUNT(*) FROM events WHERE id BETWEEN ? AND ? AND category = 0 GROUP BY \(columns)")
    for seconds in edges {
      try bind(seconds, to: s)
      while try s.step() {
        var values: [RollupShape.Dimension: Int64] = [:]
        for (index, dimension) in RollupShape.Dimension.interned.enumerated() {
          values[dimension] = s.int64(Int32(index))
        }
        let count = s.int64(Int32(values.count))
        total += count
        if passes({ values[$0] ?? 0 }) { counts[values[shape.dimension] ?? 0, default: 0] += count }
      }
    }
    let names = try StringNames(connection)
    var byValue: [String?: Int64] = [:]
    for (id, count) in counts { byValue[id == 0 ? nil : try names.value(id), default: 0] += count }
    return .counts(byValue, managementTotal: total)
  }

  /// userIdentity.arn from `rollup_arn_packs`; the edges' ARNs read from their records as Lake reads them.
  private static func countUsers(
    _ shape: RollupShape, minutes: ClosedRange<Int64>?, edges: [Range<Int64>], connection: SQLiteConnection
  ) throws -> RollupTally {
    let keepsNull = !shape.notNull.contains(.userArn)
    var counts: [Int64: Int64] = [:]
    var total: Int64 = 0
    if let minutes {
      try Rollups.forEach(in: connection, minutes: minutes, of: ArnRollupKey.self) { key, count in
        guard key.category == 0 else { return }
        total += count
        if key.arn != ArnRollupKey.none || keepsNull { counts[key.arn, default: 0] += count }
      }
    }
    guard counts[ArnRollupKey.unclear] == nil else { return .unprovable }
    let names = try StringNames(connection)
    var byValue: [String?: Int64] = [:]
    for (id, count) in counts {
      let value = id == ArnRollupKey.none ? nil : id == ArnRollupKey.empty ? "" : try names.value(id)
      byValue[value, default: 0] += count
    }
    let records = LakeRecordColumns(connection: connection)
    let s = try connection.prepare("SELECT id FROM events WHERE id BETWEEN ? AND ? AND category = 0")
    for seconds in edges {
      try bind(seconds, to: s)
      while try s.step() {
        total += 1
        switch try records.value(id: s.int64(0), path: "useridentity.arn") {
        case .text(let arn): byValue[arn, default: 0] += 1
        case .null: if keepsNull { byValue[nil, default: 0] += 1 }
        default: return .unprovable
        }
      }
    }
    return .counts(byValue, managementTotal: total)
  }

  /// `dimension = 'text'` conditions as interned ids; nil when a text is no stored value (so no event
  /// passes). Lake's counts of all_events (`RollupQueryAnswer`) filter by them too.
  static func internedFilters(
    _ equals: [RollupShape.Dimension: String], connection: SQLiteConnection
  ) throws -> [(RollupShape.Dimension, Int64)]? {
    var filters: [(RollupShape.Dimension, Int64)] = []
    for (dimension, text) in equals {
      let s = try connection.prepare("SELECT id FROM strings WHERE value = ?")
      s.bindText(1, text)
      guard try s.step() else { return nil }
      filters.append((dimension, s.int64(0)))
    }
    return filters
  }

  /// Binds the row ids of the events at `seconds` to `statement`'s two parameters (after a reset).
  private static func bind(_ seconds: Range<Int64>, to statement: SQLiteStatement) throws {
    statement.reset()
    try statement.bind([
      .int(EventKey.firstRowID(atOrAfter: seconds.lowerBound)),
      .int(EventKey.lastRowID(atOrBefore: seconds.upperBound - 1)),
    ])
  }
}
