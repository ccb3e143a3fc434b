import Foundation

/// The members of one event data store that an export reads: within the store's retention on the
/// clock (what Lake's SQL reads, `LakeSQLEngine.storeSource`) and the asked time range, with the
/// account, region and stored eventID of each, in ascending row-id (time) order.
struct ExportMembers {
  let connection: SQLiteConnection
  let store: EventDataStoreRecord
  /// The first and last row ids to read.
  let rowIDs: ClosedRange<Int64>?

  init(connection: SQLiteConnection, store: EventDataStoreRecord, now: Date, startTime: Date?, endTime: Date?)
  {
    self.connection = connection
    self.store = store
    let retained = Int64(now.timeIntervalSince1970) - Int64(store.retentionPeriod) * 86_400
    let first = max(retained, startTime.map { Int64($0.timeIntervalSince1970.rounded(.up)) } ?? retained)
    let low = EventKey.firstRowID(atOrAfter: first)
    let high =
      endTime.map { EventKey.lastRowID(atOrBefore: Int64($0.timeIntervalSince1970.rounded(.down))) }
      ?? Int64.max
    rowIDs = low <= high ? low...high : nil
  }

  /// How many members the range holds, and the newest one's row id: what changes when the store gains
  /// or loses members (a federation refresh compares it with the last export's).
  func fingerprint() throws -> (count: Int64, newest: Int64?) {
    guard let rowIDs else { return (0, nil) }
    let statement = try connection.prepare(
      "SELECT count(*), max(event) FROM event_data_store_events WHERE store = ? AND event BETWEEN ? AND ?")
    try statement.bind([.int(store.rowID), .int(rowIDs.lowerBound), .int(rowIDs.upperBound)])
    defer { statement.reset() }
    return try connection.reading {
      guard try statement.step() else { return (0, nil) }
      return (statement.int64(0), statement.isNull(1) ? nil : statement.int64(1))
    }
  }

  /// Members per day of event time (days since 1970).
  func eventsPerDay() throws -> [Int64: Int64] {
    guard let rowIDs else { return [:] }
    let statement = try connection.prepare(
      """
      SELECT (event >> \(EventKey.slotBits)) / 86400, count(*) FROM event_data_store_events
      WHERE store = ? AND event BETWEEN ? AND ? GROUP BY 1
      """)
    try statement.bind([.int(store.rowID), .int(rowIDs.lowerBound), .int(rowIDs.upperBound)])
    defer { statement.reset() }
    var days: [Int64: Int64] = [:]
    try connection.reading {
      while try statement.step() { days[statement.int64(0)] = statement.int64(1) }
    }
    return days
  }

  /// How many members the range holds.
  func count() throws -> Int {
    guard let rowIDs else { return 0 }
    let statement = try connection.prepare(
      "SELECT count(*) FROM event_data_store_events WHERE store = ? AND event BETWEEN ? AND ?")
    try statement.bind([.int(store.rowID), .int(rowIDs.lowerBound), .int(rowIDs.upperBound)])
    defer { statement.reset() }
    return try connection.reading { try statement.step() ? Int(statement.int64(0)) : 0 }
  }

  /// Calls `body` with each batch of at most `size` members, keyed by row id.
  func forEachBatch(of size: Int, _ body: ([Int64: ExportPlace]) throws -> Void) throws {
    guard var low = rowIDs?.lowerBound, let high = rowIDs?.upperBound else { return }
    let statement = try connection.prepare(
      """
      SELECT m.event, ea.value, er.value, e.event_id FROM event_data_store_events m
      JOIN events e ON e.id = m.event
      LEFT JOIN strings ea ON ea.id = e.account LEFT JOIN strings er ON er.id = e.aws_region
      WHERE m.store = ? AND m.event BETWEEN ? AND ? ORDER BY m.event LIMIT ?
      """)
    while low <= high {
      var places: [Int64: ExportPlace] = [:]
      var last: Int64?
      statement.reset()
      try statement.bind([.int(store.rowID), .int(low), .int(high), .int(Int64(size))])
      try connection.reading {
        while try statement.step() {
          let rowID = statement.int64(0)
          places[rowID] = ExportPlace(
            account: statement.text(1) ?? "", region: statement.text(2) ?? "",
            eventID: EventKey.eventIDText(statement.blob(3)))
          last = rowID
        }
      }
      statement.reset()
      guard let last else { return }
      try body(places)
      guard last < high else { return }
      low = last + 1
    }
  }
}
