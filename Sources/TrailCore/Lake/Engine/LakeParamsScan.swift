import CSQLite
import Foundation

/// The events whose requestParameters text may hold a string, for `lake_ids('q', needle, …)`: the
/// translator puts it in front of a store's rows for `json_format(CAST(requestParameters AS JSON))
/// LIKE '…'`, with the longest run of the pattern's literal characters as the needle (every match
/// holds it). The LIKE itself still runs on every event it gives; this only leaves out the others.
///
/// Reads the pages (`RequestParameterPage`) with `memmem`, not the records: an entry whose text holds
/// the needle, and every `unclear` entry, is a candidate. A page's entry whose event was purged, or
/// whose row id another event now has, names a slot that event's row does not: the translator joins on
/// the slot too (`IS`, so that an event without a page meets its NULL). A store migrated with events
/// (some without pages) gives every event instead.
enum LakeParamsScan {
  static func batches(
    needle: String, bounds: ClosedRange<Int64>, descending: Bool, connection: SQLiteConnection
  ) throws -> LakePostingScan.Batches {
    let incomplete = try connection.scalarInt(
      "SELECT COUNT(*) FROM meta WHERE key = '\(RequestParameterPage.incompleteKey)'")
    if incomplete > 0 {
      return try everyEvent(bounds: bounds, descending: descending, connection: connection)
    }
    var found = try candidates(needle: Array(needle.utf8), bounds: bounds, connection: connection)
    found.sort { descending ? $0.id > $1.id : $0.id < $1.id }
    var next = 0
    return { count in
      let end = min(found.count, next + count)
      defer { next = end }
      let taken = found[next..<end]
      return (taken.map(\.id), taken.map(\.slot))
    }
  }

  /// Every page's candidates within `bounds`.
  static func candidates(needle: [UInt8], bounds: ClosedRange<Int64>, connection: SQLiteConnection) throws
    -> [(id: Int64, slot: Int64?)]
  {
    var found: [(id: Int64, slot: Int64?)] = []
    let statement = try connection.prepare("SELECT id, bytes FROM \(RequestParameterPage.table)")
    while try statement.step() {
      let page = statement.int64(0)
      statement.withBlob(1) { bytes in
        guard let view = RequestParameterPageView(bytes) else { return }
        func add(_ slot: Int) {
          let id = view.rowID(slot)
          if bounds.contains(id) {
            found.append((id, RequestParameterPage.slotColumn(page: page, slot: slot)))
          }
        }
        for slot in 0..<view.count where view.kind(slot) == .unclear { add(slot) }
        let texts = view.textsRange
        var from = texts.lowerBound
        while from < texts.upperBound {
          guard
            let hit = memmem(
              bytes.baseAddress! + from, texts.upperBound - from, needle, needle.count)
          else { break }
          let offset = UnsafeRawPointer(hit) - bytes.baseAddress!
          let slot = view.slot(holding: offset)
          let entry = view.textRange(slot)
          // A hit across two entries' texts belongs to neither; either way the entry is done.
          if offset + needle.count <= entry.upperBound { add(slot) }
          from = entry.upperBound
        }
      }
    }
    return found
  }

  /// Every event's row id and slot column, in row-id order (a store with events stored before the pages).
  private static func everyEvent(bounds: ClosedRange<Int64>, descending: Bool, connection: SQLiteConnection)
    throws -> LakePostingScan.Batches
  {
    let statement = try connection.prepare(
      descending
        ? "SELECT id, params_slot FROM events WHERE id BETWEEN ? AND ? ORDER BY id DESC LIMIT ?"
        : "SELECT id, params_slot FROM events WHERE id BETWEEN ? AND ? ORDER BY id LIMIT ?")
    var low = bounds.lowerBound
    var high = bounds.upperBound
    return { count in
      guard low <= high else { return ([], []) }
      statement.reset()
      statement.bindInt(1, low)
      statement.bindInt(2, high)
      statement.bindInt(3, Int64(count))
      var ids: [Int64] = []
      var slots: [Int64?] = []
      while try statement.step() {
        ids.append(statement.int64(0))
        // NULL for an event without a page: the translator joins the slots with IS.
        slots.append(statement.isNull(1) ? nil : statement.int64(1))
      }
      statement.reset()
      guard let last = ids.last else {
        low = 1
        high = 0
        return ([], [])
      }
      if descending { high = last - 1 } else { low = last + 1 }
      return (ids, slots)
    }
  }
}
