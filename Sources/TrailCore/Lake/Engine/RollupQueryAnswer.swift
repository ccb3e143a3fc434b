import Foundation
import LakeSQL

/// A statement of `RollupQueryPlan`'s shape over every stored event (`all_events`), answered from the
/// per-minute rollups instead of reading the events (counts of resources: see `resourceCounts`).
///
/// No proof is needed at run time: every event the store writes is counted in the rollups in the same
/// transaction, under its eventName, eventSource, awsRegion and errorCode ids, and retention deletes
/// whole minutes of both (see `Rollups`, `Retention`), so a minute's rollup entries count exactly
/// its events. Whole minutes are summed from the rollups; the seconds at either end of the window
/// that do not fill a minute are counted from `events` (at most 59 seconds each, a row-id range).
/// Rows are ordered as the statement says, ties (and everything without ORDER BY) by the key, and
/// values are printed by the engine's own formatter.
final class RollupQueryAnswer: PreparedLakeQuery {
  let plan: RollupQueryPlan
  /// The engine's result columns (names and types).
  let columns: [ResultColumn]
  let fallback: any PreparedLakeQuery

  init(plan: RollupQueryPlan, columns: [ResultColumn], fallback: any PreparedLakeQuery) {
    self.plan = plan
    self.columns = columns
    self.fallback = fallback
  }

  var eventDataStoreARNs: [String] { fallback.eventDataStoreARNs }

  /// A minute further from 1970 than any event, whose rollup ids still fit in 64 bits.
  static let farMinute: Int64 = 1 << 38

  /// A group's key: an interned string's id (0 for none: NULL), or a bucket's start in milliseconds.
  typealias GroupKey = Int64
  /// A result row before printing: its key, the key's text (dimensions), its count.
  typealias Group = (key: GroupKey, text: String?, count: Int64)

  func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
    -> LakeQueryOutput
  {
    if plan.unnestsResources {
      let answered = try connection.reading { () -> LakeQueryOutput? in
        guard let counts = try resourceCounts(on: connection, cancellation: cancellation) else { return nil }
        return try output(counts, connection: connection)
      }
      if let answered { return answered }
      return try fallback.run(on: connection, now: now, cancellation: cancellation)
    }
    return try connection.reading { try answer(on: connection, cancellation: cancellation) }
  }

  private func answer(on connection: SQLiteConnection, cancellation: LakeCancellation) throws
    -> LakeQueryOutput
  {
    let low = plan.lower ?? .min
    let high = plan.upper ?? .max
    var counts: [GroupKey: Int64] = [:]
    if low < high,
      let filters = try RollupTally.internedFilters(plan.equals, connection: connection)
    {
      let firstMinute = plan.lower.map { RollupAnswer.ceilDiv($0, 60) }
      let endMinute = plan.upper.map { RollupAnswer.floorDiv($0, 60) }
      var buckets = MinuteBuckets()
      // Keys are handed on whole, not as closures over them: a day's count goes through 25 000.
      func group(_ key: RollupKey, minute: Int64) throws -> GroupKey {
        switch plan.key {
        case nil, .resourceType: return 0  // resource counts: see `resourceCounts`
        case .dimension(let dimension): return dimension.id(in: key)
        case .bucket(let unit): return try buckets.start(unit, minute: minute)
        }
      }
      func passes(_ key: RollupKey) -> Bool {
        filters.allSatisfy { $0.0.id(in: key) == $0.1 } && (!plan.requiresError || key.error != 0)
      }
      var seenRows = 0
      func add(_ key: RollupKey, _ count: Int64, minute: Int64) throws {
        seenRows += 1
        if seenRows % 4096 == 0, cancellation.isCancelled { throw LakeQueryCancelled() }
        if passes(key) { counts[try group(key, minute: minute), default: 0] += count }
      }

      if let firstMinute, let endMinute, firstMinute >= endMinute {
        // Less than a whole minute: all of it from the events.
        try countEdge(low..<high, connection: connection) { key in try add(key, 1, minute: key.minute) }
      } else {
        let minutes = (firstMinute ?? -Self.farMinute)...((endMinute ?? Self.farMinute) - 1)
        let unbounded = plan.lower == nil && plan.upper == nil
        func addMinutes(_ range: ClosedRange<Int64>?, sign: Int64 = 1) throws {
          try Rollups.forEach(in: connection, minutes: range) { key, count in
            try add(key, sign * count, minute: key.minute)
          }
        }
        // Whole hours from the hour rollups (a few hundred entries an hour where minutes hold about
        // one an event), the minutes at either end from the minute rollups: an hour the window
        // holds more than half of is read whole, less the minutes outside it. Buckets of a minute
        // need the minutes; every longer unit starts on an hour, so an hour is in one bucket.
        let firstHour = RollupAnswer.ceilDiv(minutes.lowerBound, 60)
        let endHour = RollupAnswer.floorDiv(minutes.upperBound + 1, 60)
        if plan.key == .bucket(unit: "minute") || firstHour >= endHour {
          try addMinutes(unbounded ? nil : minutes)
        } else if unbounded {
          try Rollups.forEach(in: connection, minutes: nil, of: HourRollupKey.self) { key, count in
            try add(key.counted, count, minute: key.counted.minute * 60)
          }
        } else {
          let head = firstHour * 60 - minutes.lowerBound  // minutes of the hour before firstHour
          let tail = minutes.upperBound + 1 - endHour * 60  // minutes of hour endHour
          let hours = (head > 30 ? firstHour - 1 : firstHour)...(tail > 30 ? endHour : endHour - 1)
          try Rollups.forEach(in: connection, minutes: hours, of: HourRollupKey.self) { key, count in
            try add(key.counted, count, minute: key.counted.minute * 60)
          }
          if head > 30 {
            try addMinutes((firstHour * 60 - 60)...(minutes.lowerBound - 1), sign: -1)
          } else if head > 0 {
            try addMinutes(minutes.lowerBound...(firstHour * 60 - 1))
          }
          if tail > 30 {
            try addMinutes((minutes.upperBound + 1)...(endHour * 60 + 59), sign: -1)
          } else if tail > 0 {
            try addMinutes((endHour * 60)...minutes.upperBound)
          }
        }
        var edges: [Range<Int64>] = []
        if let firstMinute, low < firstMinute * 60 { edges.append(low..<(firstMinute * 60)) }
        if let endMinute, endMinute * 60 < high { edges.append((endMinute * 60)..<high) }
        for edge in edges {
          try countEdge(edge, connection: connection) { key in try add(key, 1, minute: key.minute) }
        }
      }
    }
    if plan.key == nil {
      if counts.isEmpty { counts[0] = 0 }
    } else {
      // A group whose events all lay in minutes taken off again.
      counts = counts.filter { $0.value != 0 }
    }
    return try output(counts, connection: connection)
  }

  /// `date_trunc(unit, minute)` in epoch milliseconds, kept for the last minute asked: counts come in
  /// minute order, many to a minute.
  struct MinuteBuckets {
    private var minute = Int64.min
    private var bucket: GroupKey = 0

    mutating func start(_ unit: String, minute: Int64) throws -> GroupKey {
      if minute != self.minute {
        self.minute = minute
        bucket = try LakeTimeMath.truncate(unit, minute * 60_000, isDate: false)
      }
      return bucket
    }
  }

  /// Calls `body` with each event of `seconds` as a rollup key (its minute and the interned
  /// dimensions' ids; the other fields 0), read from `events`.
  private func countEdge(
    _ seconds: Range<Int64>, connection: SQLiteConnection, _ body: (RollupKey) throws -> Void
  ) throws {
    let s = try connection.prepare(
      "SELECT event_time, event_name, event_source, aws_region, error_code FROM events WHERE id BETWEEN ? AND ?"
    )
    try s.bind([
      .int(EventKey.firstRowID(atOrAfter: seconds.lowerBound)),
      .int(EventKey.lastRowID(atOrBefore: seconds.upperBound - 1)),
    ])
    while try s.step() {
      try body(
        RollupKey(
          minute: RollupAnswer.floorDiv(s.int64(0), 60), category: 0, account: 0, region: s.int64(3),
          source: s.int64(2), name: s.int64(1), user: 0, error: s.int64(4), readOnly: 0))
    }
  }

  /// The result rows of `counts`: ordered, cut at the LIMIT and printed as the engine prints them.
  private func output(_ counts: [GroupKey: Int64], connection: SQLiteConnection) throws -> LakeQueryOutput {
    var groups: [Group] = []
    let names = try StringNames(connection)
    for (key, count) in counts {
      var text: String?
      switch plan.key {
      case .dimension where key != 0: text = try names.value(key)
      case .resourceType where key == ResourceTypeRollupKey.empty: text = ""
      case .resourceType where key > 0: text = try names.value(key)
      default: break
      }
      groups.append((key, text, count))
    }
    let isBucket: Bool = if case .bucket = plan.key { true } else { false }
    /// -1, 0, 1 as `a` sorts before, with or after `b` on the key, ascending, NULLs as `nullsFirst` says.
    func compareKeys(_ a: Group, _ b: Group, nullsFirst: Bool) -> Int {
      if isBucket { return a.key == b.key ? 0 : (a.key < b.key ? -1 : 1) }
      switch (a.text, b.text) {
      case (nil, nil): return 0
      case (nil, _): return nullsFirst ? -1 : 1
      case (_, nil): return nullsFirst ? 1 : -1
      case (let x?, let y?):
        // SQLite and Trino compare text by its UTF-8 bytes.
        if x == y { return 0 }
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : 1
      }
    }
    groups.sort { a, b in
      for item in plan.order {
        var c: Int
        if item.byCount {
          c = a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
          if !item.ascending { c = -c }
        } else {
          c = compareKeys(a, b, nullsFirst: item.nullsFirst)
          // Descending flips the values, not where NULLs go.
          if !item.ascending, isBucket || (a.text != nil && b.text != nil) { c = -c }
        }
        if c != 0 { return c < 0 }
      }
      return compareKeys(a, b, nullsFirst: false) < 0
    }
    let kept = plan.limit.map { groups.prefix(Int(max(0, $0))) } ?? groups[...]
    let keyType = columns[plan.keyFirst ? 0 : columns.count - 1].type
    let rows = kept.map { group -> [String?] in
      let count = LakeValueText.text(.integer(group.count), type: .bigint)
      guard plan.key != nil else { return [count] }
      let key = isBucket ? LakeValueText.text(.integer(group.key), type: keyType) : group.text
      return plan.keyFirst ? [key, count] : [count, key]
    }
    return LakeQueryOutput(
      columns: columns.map(\.name), rows: rows, eventsScanned: 0,
      eventsMatched: counts.values.reduce(0, +), bytesScanned: 0)
  }
}
