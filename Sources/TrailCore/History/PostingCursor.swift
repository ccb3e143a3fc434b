/// The row ids of one attribute value inside row-id bounds, in page order, read lazily from `postings`.
///
/// `postings` is keyed by day first (so that a batch's inserts stay inside its days' part of the
/// tree), so a value's rows are read one stored day at a time: the cursor seeks the nearest stored day
/// in the window, then that day's rows of the value. Days with no events at all cost one seek; days
/// with events but none of the value two.
///
/// A posting row covers one batch's events of that value on one day, so rows of a day may overlap
/// (a backfill batch next to a live one). Rows come in (day, last) order, newest first; an id is handed
/// out only once no later row can hold a newer one: when it is above the next row's `last` (for the
/// newer direction: below the next row's `first`). Row ids grow with time, so every id of a day is
/// above every id of an earlier day, and the rule holds across days.
struct PostingCursor {
  /// The value's rows on the day bound to ?1.
  private let rows: SQLiteStatement
  /// The nearest stored day within ?1...?2, from the end the direction starts at.
  private let nearestDay: SQLiteStatement
  private let bounds: ClosedRange<Int64>
  private let direction: PageDirection
  /// The days not yet read, shrinking from the end the direction starts at.
  private var days: ClosedRange<Int64>?
  /// Decoded ids not yet handed out, kept so that the next id to hand out is at the end.
  private var pending: [Int64] = []
  /// Whether `rows` is on a row not yet absorbed.
  private var hasRow = false

  init(
    connection: SQLiteConnection, attribute: PostingAttribute, value: Int64, bounds: ClosedRange<Int64>,
    direction: PageDirection
  ) throws {
    let firstDay = EventKey.day(of: EventKey.time(of: bounds.lowerBound))
    let lastDay = EventKey.day(of: EventKey.time(of: bounds.upperBound))
    let order = direction == .older ? "DESC" : "ASC"
    rows = try connection.prepare(
      """
      SELECT last, first, ids FROM postings
      WHERE day = ?1 AND attr = \(attribute.rawValue) AND value = ?2
        AND last >= \(bounds.lowerBound) AND first <= \(bounds.upperBound)
      ORDER BY \(direction == .older ? "last DESC" : "first ASC")
      """)
    rows.bindInt(2, value)
    nearestDay = try connection.prepare(
      "SELECT day FROM postings WHERE day BETWEEN ?1 AND ?2 ORDER BY day \(order) LIMIT 1")
    self.bounds = bounds
    self.direction = direction
    days = firstDay...lastDay
    try advance()
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
        let reach = rows.int64(0)
        while out.count < count, let id = pending.last, id > reach { out.append(pending.removeLast()) }
      } else {
        let reach = rows.int64(1)
        while out.count < count, let id = pending.last, id < reach { out.append(pending.removeLast()) }
      }
      if out.count == count { break }
      try absorbRow()
    }
    return out
  }

  private mutating func absorbRow() throws {
    let first = rows.int64(1)
    var ids: [Int64] = []
    let complete = rows.withBlob(2) { blob in
      PostingCodec.decode(blob, first: first, within: bounds, into: &ids)
    }
    guard complete else {
      throw Diagnostic(
        code: "DamagedPosting", summary: "damaged lookup row",
        reason: "a postings row (first event \(first)) is cut short; rebuild the store by ingesting again")
    }
    pending.append(contentsOf: ids)
    // `pending` is handed out from its end: ascending for older pages, descending for newer ones.
    if direction == .older { pending.sort() } else { pending.sort(by: >) }
    try advance()
  }

  /// Moves to the next row of the value: on the current day, else on the next stored day that has one.
  private mutating func advance() throws {
    if hasRow, try rows.step() { return }
    hasRow = false
    while let remaining = days {
      nearestDay.reset()
      nearestDay.bindInt(1, remaining.lowerBound)
      nearestDay.bindInt(2, remaining.upperBound)
      guard try nearestDay.step() else {
        days = nil
        break
      }
      let day = nearestDay.int64(0)
      if direction == .older {
        days = day > remaining.lowerBound ? remaining.lowerBound...(day - 1) : nil
      } else {
        days = day < remaining.upperBound ? (day + 1)...remaining.upperBound : nil
      }
      rows.reset()
      rows.bindInt(1, day)
      if try rows.step() {
        hasRow = true
        return
      }
    }
    nearestDay.reset()
  }
}
