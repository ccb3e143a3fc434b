/// The row ids of one attribute value inside row-id bounds, in page order, read lazily from `postings`.
///
/// A posting row covers one batch's events of that value on one day, so rows of a day may overlap
/// (a backfill batch next to a live one). Rows come in (day, last) order, newest first; an id is handed
/// out only once no later row can hold a newer one: when it is above the next row's `last` (for the
/// newer direction: below the next row's `first`).
struct PostingCursor {
  private let statement: SQLiteStatement
  private let bounds: ClosedRange<Int64>
  private let direction: PageDirection
  /// Decoded ids not yet handed out, kept so that the next id to hand out is at the end.
  private var pending: [Int64] = []
  private var hasRow: Bool

  init(
    connection: SQLiteConnection, attribute: PostingAttribute, value: Int64, bounds: ClosedRange<Int64>,
    direction: PageDirection
  ) throws {
    let firstDay = EventKey.day(of: EventKey.time(of: bounds.lowerBound))
    let lastDay = EventKey.day(of: EventKey.time(of: bounds.upperBound))
    let order = direction == .older ? "day DESC, last DESC" : "day ASC, first ASC"
    statement = try connection.prepare(
      """
      SELECT last, first, ids FROM postings
      WHERE attr = \(attribute.rawValue) AND value = ?1 AND day BETWEEN \(firstDay) AND \(lastDay)
        AND last >= \(bounds.lowerBound) AND first <= \(bounds.upperBound)
      ORDER BY \(order)
      """)
    statement.bindInt(1, value)
    self.bounds = bounds
    self.direction = direction
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
    let complete = statement.withBlob(2) { blob in
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
    hasRow = try statement.step()
  }
}
