import Foundation
import Synchronization

/// A widget query answered from the per-minute rollups instead of the events, when that gives
/// provably the same rows; otherwise the engine's own plan (`fallback`) runs.
///
/// The proof, checked when the query runs (so it holds for the data it reads):
/// - the statement is a `RollupShape` over one event data store whose selectors are "all management
///   events" (one selector, `eventCategory = Management` and nothing else) and into which nothing was
///   imported, so every member is a management event;
/// - within the window (the statement's eventTime bounds, cut at the store's retention as the Lake
///   source cuts it), the store has as many members as the rollups count management events. The
///   members being a subset of those events, equal counts make them the same events.
///
/// Whole minutes are summed from the rollups; the seconds at either end of the window that do not fill
/// a minute are counted from `events` (at most 59 seconds each, a range read of the time-clustered
/// table). Ties in the count are ordered by the value; a NULL value among the rows returned (an event
/// without that field) sends the query to the engine, whose NULL ordering is its own.
final class RollupAnswer: PreparedLakeQuery {
  let shape: RollupShape
  let storeRowID: Int64
  let retentionDays: Int
  let fallback: any PreparedLakeQuery
  /// Set after each run: whether the rollups answered (tests read it).
  let answered = Mutex<Bool?>(nil)

  init(shape: RollupShape, storeRowID: Int64, retentionDays: Int, fallback: any PreparedLakeQuery) {
    self.shape = shape
    self.storeRowID = storeRowID
    self.retentionDays = retentionDays
    self.fallback = fallback
  }

  var eventDataStoreARNs: [String] { fallback.eventDataStoreARNs }

  func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
    -> LakeQueryOutput
  {
    if let output = try answer(on: connection, now: now) {
      answered.withLock { $0 = true }
      return output
    }
    answered.withLock { $0 = false }
    return try fallback.run(on: connection, now: now, cancellation: cancellation)
  }

  /// The rows from the rollups, or nil when they cannot be shown to equal the engine's.
  func answer(on connection: SQLiteConnection, now: Date) throws -> LakeQueryOutput? {
    try connection.reading { try answerInTransaction(on: connection, now: now) }
  }

  private func answerInTransaction(on connection: SQLiteConnection, now: Date) throws -> LakeQueryOutput? {
    let cutoff = Int64(now.timeIntervalSince1970) - Int64(retentionDays) * 86_400
    let low = max(shape.lower ?? .min, cutoff)
    // No upper bound: up to the newest stored event.
    let newest = try connection.scalarInt("SELECT COALESCE(MAX(id), 0) FROM events") >> EventKey.slotBits
    let high = min(shape.upper ?? .max, newest + 1)
    guard low < high else {
      return LakeQueryOutput(columns: shape.columns, rows: [])
    }
    // Filters as interned ids; a value no event has matches nothing.
    var filters: [(RollupShape.Dimension, Int64)] = []
    for (dimension, text) in shape.equals {
      let s = try connection.prepare("SELECT id FROM strings WHERE value = ?")
      s.bindText(1, text)
      guard try s.step() else { return LakeQueryOutput(columns: shape.columns, rows: []) }
      filters.append((dimension, s.int64(0)))
    }
    func passes(_ value: (RollupShape.Dimension) -> Int64) -> Bool {
      filters.allSatisfy { value($0.0) == $0.1 } && (!shape.requiresError || value(.errorCode) != 0)
    }

    var counts: [Int64: Int64] = [:]
    var managementTotal: Int64 = 0
    let firstMinute = Self.ceilDiv(low, 60)
    let endMinute = Self.floorDiv(high, 60)
    if firstMinute < endMinute {
      try Rollups.forEach(in: connection, minutes: firstMinute...(endMinute - 1)) { key, count in
        guard key.category == 0 else { return }
        managementTotal += count
        if passes({ $0.id(in: key) }) { counts[shape.dimension.id(in: key), default: 0] += count }
      }
      for range in [low..<(firstMinute * 60), (endMinute * 60)..<high] where !range.isEmpty {
        managementTotal += try countEdge(range, connection: connection, into: &counts, passes: passes)
      }
    } else {
      managementTotal += try countEdge(low..<high, connection: connection, into: &counts, passes: passes)
    }

    let members = try connection.prepare(
      "SELECT COUNT(*) FROM event_data_store_events WHERE store = ? AND event BETWEEN ? AND ?")
    try members.bind([
      .int(storeRowID), .int(EventKey.firstRowID(atOrAfter: low)),
      .int(EventKey.lastRowID(atOrBefore: high - 1)),
    ])
    guard try members.step(), members.int64(0) == managementTotal else { return nil }

    let names = try StringNames(connection)
    var ranked: [(value: String?, count: Int64)] = []
    for (id, count) in counts where count > 0 {
      ranked.append((id == 0 ? nil : try names.value(id), count))
    }
    ranked.sort { a, b in a.count != b.count ? a.count > b.count : (a.value ?? "") < (b.value ?? "") }
    let rows = ranked.prefix(shape.limit)
    guard rows.allSatisfy({ $0.value != nil }) else { return nil }
    let matched = counts.values.reduce(0, +)
    return LakeQueryOutput(
      columns: shape.columns, rows: rows.map { [$0.value, String($0.count)] }, eventsScanned: 0,
      eventsMatched: matched, bytesScanned: 0)
  }

  /// Counts the management events of `seconds` straight from `events`; returns how many there are.
  private func countEdge(
    _ seconds: Range<Int64>, connection: SQLiteConnection, into counts: inout [Int64: Int64],
    passes: ((RollupShape.Dimension) -> Int64) -> Bool
  ) throws -> Int64 {
    let columns = RollupShape.Dimension.allCases.map(\.eventsColumn).joined(separator: ", ")
    let s = try connection.prepare(
      "SELECT \(columns), COUNT(*) FROM events WHERE id BETWEEN ? AND ? AND category = 0 GROUP BY \(columns)")
    try s.bind([
      .int(EventKey.firstRowID(atOrAfter: seconds.lowerBound)),
      .int(EventKey.lastRowID(atOrBefore: seconds.upperBound - 1)),
    ])
    var total: Int64 = 0
    while try s.step() {
      var values: [RollupShape.Dimension: Int64] = [:]
      for (index, dimension) in RollupShape.Dimension.allCases.enumerated() {
        values[dimension] = s.int64(Int32(index))
      }
      let count = s.int64(Int32(values.count))
      total += count
      if passes({ values[$0] ?? 0 }) { counts[values[shape.dimension] ?? 0, default: 0] += count }
    }
    return total
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
  static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }
}
