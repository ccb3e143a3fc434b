/// The row ids of one attribute's values (one, or a few whose ids are merged; or of one value under a
/// few attributes) inside row-id bounds, in page order, read lazily from `postings`.
///
/// `postings` is keyed by day first (so that a batch's inserts stay inside its days' part of the
/// tree), so a value's rows are one range per day: the query lists the window's days (those between
/// the oldest and newest stored day) with `IN`, and SQLite seeks each in page order (85 days took
/// 0.6–1.2 ms warm in the sqlite3 CLI on a 10 M-event store). A cursor walking the days itself, with
/// a second statement to find the next stored day, cost twice the seeks plus a statement reset per day.
///
/// A posting row covers one batch's events of that value on one day, so rows of a day may overlap
/// (a backfill batch next to a live one). Rows come in (day, last) order, newest first; an id is handed
/// out only once no later row can hold a newer one: when it is above the next row's `last` (for the
/// newer direction: below the next row's `first`). Row ids grow with time, so every id of a day is
/// above every id of an earlier day, and the rule holds across days.
struct PostingCursor {
  private let statement: SQLiteStatement
  private let bounds: ClosedRange<Int64>
  private let direction: PageDirection
  /// Decoded ids not yet handed out, kept so that the next id to hand out is at the end.
  private var pending: [Int64] = []
  private var hasRow = false

  init(
    connection: SQLiteConnection, attribute: PostingAttribute, values: [Int64], bounds: ClosedRange<Int64>,
    direction: PageDirection
  ) throws {
    try self.init(
      connection: connection, attributes: [attribute], values: values, bounds: bounds, direction: direction)
  }

  /// The ids of `values` under any of `attributes` (Lake reads a value's shown and unshown events).
  init(
    connection: SQLiteConnection, attributes: [PostingAttribute], values: [Int64], bounds: ClosedRange<Int64>,
    direction: PageDirection
  ) throws {
    self.bounds = bounds
    self.direction = direction
    // A window may reach far past what is stored (`--start-time` in 1970): only stored days are listed.
    let stored = try connection.prepare(
      "SELECT (SELECT MIN(day) FROM postings), (SELECT MAX(day) FROM postings)")
    _ = try stored.step()
    let firstDay = max(EventKey.day(of: EventKey.time(of: bounds.lowerBound)), stored.int64(0))
    let lastDay = min(EventKey.day(of: EventKey.time(of: bounds.upperBound)), stored.int64(1))
    let isEmpty = stored.isNull(0) || firstDay > lastDay
    let days = isEmpty ? [] : Array(firstDay...lastDay)
    let order = direction == .older ? "day DESC, last DESC" : "day ASC, first ASC"
    // Every value as a parameter: the text depends only on how many days and values there are, so
    // page after page reuses the connection's prepared statement instead of planning it again.
    let placeholders = { (count: Int) in Array(repeating: "?", count: count).joined(separator: ",") }
    statement = try connection.prepare(
      """
      SELECT last, first, ids FROM postings
      WHERE day IN (\(placeholders(days.count))) AND attr IN (\(placeholders(attributes.count)))
        AND value IN (\(placeholders(values.count)))
        AND last >= ? AND first <= ?
      ORDER BY \(order)
      """)
    try statement.bind(
      (days + attributes.map(\.rawValue) + values + [bounds.lowerBound, bounds.upperBound]).map { .int($0) })
    hasRow = try statement.step()
  }

  /// Up to `count` more ids; fewer (or none) when the postings are exhausted.
  mutating func next(_ count: Int) throws -> [Int64] {
    var out: [Int64] = []
    out.reserveCapacity(count)
    while out.count < count {
      guard hasRow else {
        while out.count < count, let id = pending.popLast() { out.append(id) }
        break
      }
      // Everything pending beyond the current row's reach is final.
      if direction == .older {
        let reach = statement.int64(0)
        while out.count < count, let id = pending.last, id > reach { out.append(pending.removeLast()) }
      } else {
        let reach = statement.int64(1)
        while out.count < count, let id = pending.last, id < reach { out.append(pending.removeLast()) }
      }
      if out.count == count { break }
      try absorbRow()
    }
    return out
  }

  private mutating func absorbRow() throws {
    let first = statement.int64(1)
    var ids: [Int64] = []
    try statement.withBlob(2) { blob in
      try PostingCodec.decodeWhole(blob, first: first, within: bounds, into: &ids)
    }
    // `pending` is handed out from its end: ascending for older pages, descending for newer ones.
    // Both it and a row's ids are already in order, so they are merged rather than re-sorted; a row
    // usually lies wholly beyond what is pending (rows come in page order), which is one copy.
    if direction == .newer { ids.reverse() }
    pending = Self.merge(pending, ids, ascending: direction == .older)
    hasRow = try statement.step()
  }

  /// Two runs in the same order as one.
  static func merge(_ a: [Int64], _ b: [Int64], ascending: Bool) -> [Int64] {
    guard let aFirst = a.first, let aLast = a.last else { return b }
    guard let bFirst = b.first, let bLast = b.last else { return a }
    let before = { (x: Int64, y: Int64) in ascending ? x < y : x > y }
    if before(bLast, aFirst) { return b + a }
    if before(aLast, bFirst) { return a + b }
    var out: [Int64] = []
    out.reserveCapacity(a.count + b.count)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if before(b[j], a[i]) {
        out.append(b[j])
        j += 1
      } else {
        out.append(a[i])
        i += 1
      }
    }
    out.append(contentsOf: a[i...])
    out.append(contentsOf: b[j...])
    return out
  }
}
