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
/// Whole minutes are summed from the rollups (`rollup_packs`, or `rollup_arn_packs` for
/// `userIdentity.arn`); the seconds at either end of the window that do not fill a minute are counted
/// from `events` (at most 59 seconds each, a range read of the time-clustered table; the ARN is read
/// from those records as Lake reads it). Ties in the count are ordered by the value; a NULL value among the rows returned (an event
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
    // Whole minutes from the rollups, the seconds at either end that do not fill one from `events`.
    let firstMinute = Self.ceilDiv(low, 60)
    let endMinute = Self.floorDiv(high, 60)
    let minutes = firstMinute < endMinute ? firstMinute...(endMinute - 1) : nil
    let edges =
      minutes == nil
      ? [low..<high] : [low..<(firstMinute * 60), (endMinute * 60)..<high].filter { !$0.isEmpty }
    let counts: [String?: Int64]
    let managementTotal: Int64
    switch try RollupTally.count(shape, minutes: minutes, edges: edges, connection: connection) {
    case .counts(let found, let total): (counts, managementTotal) = (found, total)
    case .noMatch: return LakeQueryOutput(columns: shape.columns, rows: [])
    case .unprovable: return nil
    }

    let members = try connection.prepare(
      "SELECT COUNT(*) FROM event_data_store_events WHERE store = ? AND event BETWEEN ? AND ?")
    try members.bind([
      .int(storeRowID), .int(EventKey.firstRowID(atOrAfter: low)),
      .int(EventKey.lastRowID(atOrBefore: high - 1)),
    ])
    guard try members.step(), members.int64(0) == managementTotal else { return nil }

    var ranked = counts.filter { $0.value > 0 }.map { (value: $0.key, count: $0.value) }
    ranked.sort { a, b in a.count != b.count ? a.count > b.count : (a.value ?? "") < (b.value ?? "") }
    let rows = ranked.prefix(shape.limit)
    guard rows.allSatisfy({ $0.value != nil }) else { return nil }
    let matched = counts.values.reduce(0, +)
    return LakeQueryOutput(
      columns: shape.columns, rows: rows.map { [$0.value, String($0.count)] }, eventsScanned: 0,
      eventsMatched: matched, bytesScanned: 0)
  }

  static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
  static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }
}
