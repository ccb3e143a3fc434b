import Foundation

/// Counts of the events' `resources` entries (`CROSS JOIN UNNEST(resources) AS u (r)`), from
/// `rollup_resource_packs`.
///
/// As for event counts, the writer counts every entry of every event it stores in the same
/// transaction, and retention deletes whole minutes of both; whole minutes come from the rollups, the
/// seconds at either end of the window from the events' records, read by the ingest scanner that
/// counted them. The rollups do not answer (nil: the engine runs) when the window reaches a minute
/// stored before the table existed (`ResourceTypeRollupKey.fromKey`) or holds an entry Lake may read
/// otherwise than the scanner (`ResourceTypeRollupKey.unclear`).
extension RollupQueryAnswer {
  func resourceCounts(on connection: SQLiteConnection, cancellation: LakeCancellation) throws -> [GroupKey:
    Int64]?
  {
    let low = plan.lower ?? .min
    let high = plan.upper ?? .max
    var counts: [GroupKey: Int64] = [:]
    if plan.key == nil { counts[0] = 0 }
    guard low < high else { return counts }
    let from = try connection.prepare("SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?")
    try from.bind([.text(ResourceTypeRollupKey.fromKey)])
    if try from.step() {
      guard let lower = plan.lower, RollupAnswer.floorDiv(lower, 60) >= from.int64(0) else { return nil }
    }
    from.reset()

    var buckets = MinuteBuckets()
    func group(minute: Int64, type: Int64) throws -> GroupKey {
      switch plan.key {
      case .resourceType: return type
      case .bucket(let unit): return try buckets.start(unit, minute: minute)
      default: return 0
      }
    }

    let firstMinute = plan.lower.map { RollupAnswer.ceilDiv($0, 60) }
    let endMinute = plan.upper.map { RollupAnswer.floorDiv($0, 60) }
    var edges: [Range<Int64>] = []
    if let firstMinute, let endMinute, firstMinute >= endMinute {
      edges.append(low..<high)
    } else {
      let minutes = (firstMinute ?? -Self.farMinute)...((endMinute ?? Self.farMinute) - 1)
      var unclear = false
      var seenRows = 0
      try Rollups.forEach(
        in: connection, minutes: plan.lower == nil && plan.upper == nil ? nil : minutes,
        of: ResourceTypeRollupKey.self
      ) { key, count in
        seenRows += 1
        if seenRows % 4096 == 0, cancellation.isCancelled { throw LakeQueryCancelled() }
        if key.type == ResourceTypeRollupKey.unclear { unclear = true }
        counts[try group(minute: key.minute, type: key.type), default: 0] += count
      }
      if unclear { return nil }
      if let firstMinute, low < firstMinute * 60 { edges.append(low..<(firstMinute * 60)) }
      if let endMinute, endMinute * 60 < high { edges.append((endMinute * 60)..<high) }
    }
    for edge in edges {
      guard
        try countEdgeResources(
          edge, connection: connection,
          { minute, type in
            counts[try group(minute: minute, type: type), default: 0] += 1
          })
      else { return nil }
    }
    return counts
  }

  /// Calls `body` with each `resources` entry of the events of `seconds` (the event's minute and the
  /// entry's type as the rollups key it), scanning each record as ingest did; false when one is unclear.
  private func countEdgeResources(
    _ seconds: Range<Int64>, connection: SQLiteConnection,
    _ body: (_ minute: Int64, _ type: Int64) throws -> Void
  ) throws -> Bool {
    let events = try connection.prepare("SELECT id, event_time FROM events WHERE id BETWEEN ? AND ?")
    try events.bind([
      .int(EventKey.firstRowID(atOrAfter: seconds.lowerBound)),
      .int(EventKey.lastRowID(atOrBefore: seconds.upperBound - 1)),
    ])
    let typeID = try connection.prepare("SELECT id FROM strings WHERE value = ?")
    let records = LakeRecordColumns(connection: connection)
    while try events.step() {
      let minute = events.int64(1) / 60
      let types = try records.withBytes(id: events.int64(0)) { bytes -> [Int64]? in
        var scanner = JSONScanner(bytes)
        guard case .success(let record)? = try? RecordParser.parse(&scanner) else { return nil }
        var keys: [Int64] = []
        for type in record.resourceTypes {
          switch type {
          case .none: keys.append(ResourceTypeRollupKey.none)
          case .unclear: return nil
          case .text(let text):
            let value = text.withBytes(in: bytes) { String(decoding: $0, as: UTF8.self) }
            if value.isEmpty {
              keys.append(ResourceTypeRollupKey.empty)
              continue
            }
            typeID.reset()
            defer { typeID.reset() }
            typeID.bindText(1, value)
            guard (try? typeID.step()) == true else { return nil }
            keys.append(typeID.int64(0))
          }
        }
        return keys
      }
      guard let types else { return false }
      for type in types { try body(minute, type) }
    }
    return true
  }
}
