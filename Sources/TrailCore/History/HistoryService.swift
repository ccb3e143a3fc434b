import Crypto
import Foundation

/// Event history over a store reader: LookupEvents, the UI's keyset pages, records and counts.
///
/// Only management events (or, with `EventCategory=insight`, Insights events) inside the last 90 days
/// of the injected clock are visible, newest first — CloudTrail's Event history rules.
public final class HistoryService: HistoryQuerying {
  public static let windowDays = 90
  public let connection: SQLiteConnection
  public let clock: any Clock
  let tokens: NextToken
  private var stringIDs: [String: Int64] = [:]
  private let decompressor = RawDecompressor()
  // Prepared once: a LookupEvents page reads 50 records, and an EventId lookup up to 90 days.
  private lazy var selectRecord = try? connection.prepare(Self.selectRecordSQL)
  private lazy var eventIDFinder = try? EventIDFinder(connection)

  public init(databasePath: String, clock: any Clock) throws {
    connection = try EventStore.openReader(path: databasePath)
    self.clock = clock
    let statement = try connection.prepare("SELECT value FROM meta WHERE key = 'token_secret'")
    let secret = try statement.step() ? statement.text(0) ?? "" : ""
    tokens = NextToken(key: SymmetricKey(data: Data(secret.utf8)))
  }

  /// The id of an interned value, or nil when no stored event has it (so nothing can match).
  func stringID(_ value: String) throws -> Int64? {
    if let id = stringIDs[value] { return id }
    let statement = try connection.prepare("SELECT id FROM strings WHERE value = ?")
    statement.bindText(1, value)
    guard try statement.step() else { return nil }
    let id = statement.int64(0)
    stringIDs[value] = id
    return id
  }

  /// The row id of the event with `eventID` inside `bounds`, or nil.
  ///
  /// One seek in the consolidated `event_id_index`, then (for events written since it was last
  /// consolidated) one bucket per day of the window in `event_id_runs`; see `EventIDRuns`.
  func locate(eventID: String, within bounds: ClosedRange<Int64>) throws -> Int64? {
    let stored = EventKey.storedEventID(eventID)
    let hash = EventIDIndex.hash(stored)
    let firstDay = EventKey.day(of: EventKey.time(of: bounds.lowerBound))
    let lastDay = EventKey.day(of: EventKey.time(of: bounds.upperBound))
    let finder = try eventIDFinder ?? EventIDFinder(connection)
    guard let found = try finder.locate(stored, hash: hash, days: firstDay...lastDay) else { return nil }
    return bounds.contains(found) ? found : nil
  }

  /// The visible window as row-id bounds: (now − 90 days, now], narrowed by the filter's times.
  func rowBounds(_ filter: HistoryFilter) -> ClosedRange<Int64>? {
    let now = Int64(clock.now().timeIntervalSince1970.rounded(.down))
    var low = now - Int64(Self.windowDays) * 86_400
    var high = now
    if let start = filter.startTime { low = max(low, Int64(start.timeIntervalSince1970.rounded(.up))) }
    if let end = filter.endTime { high = min(high, Int64(end.timeIntervalSince1970.rounded(.down))) }
    guard low <= high else { return nil }
    return EventKey.firstRowID(atOrAfter: low)...EventKey.lastRowID(atOrBefore: high)
  }

  public func summaries(
    _ filter: HistoryFilter, from cursor: HistoryCursor?, direction: PageDirection, limit: Int
  ) throws -> [EventSummary] {
    try page(filter, after: cursor?.rowID, direction: direction, limit: limit)
  }

  /// A page of events newest first. `.older`: below `rowID` (from the top when nil); `.newer`: above
  /// it (from the oldest end when nil).
  func page(_ filter: HistoryFilter, after rowID: Int64?, direction: PageDirection, limit: Int) throws
    -> [EventSummary]
  {
    guard limit > 0, var bounds = rowBounds(filter) else { return [] }
    if let rowID {
      switch direction {
      case .older:
        guard rowID - 1 >= bounds.lowerBound else { return [] }
        bounds = bounds.lowerBound...min(bounds.upperBound, rowID - 1)
      case .newer:
        guard rowID + 1 <= bounds.upperBound else { return [] }
        bounds = max(bounds.lowerBound, rowID + 1)...bounds.upperBound
      }
    }
    return try connection.reading { try rows(filter, within: bounds, direction: direction, limit: limit) }
  }

  private func rows(
    _ filter: HistoryFilter, within bounds: ClosedRange<Int64>, direction: PageDirection, limit: Int
  )
    throws -> [EventSummary]
  {
    guard let query = try HistoryQuery.make(filter: filter, bounds: bounds, service: self) else { return [] }
    var rows: [EventSummary] = []
    if let posting = query.posting {
      var cursor = try PostingCursor(
        connection: connection, attribute: posting.attribute, value: posting.value, bounds: bounds,
        direction: direction)
      // Candidates the other conditions (category, region) may thin out: ask for more each round.
      var chunk = limit
      while rows.count < limit {
        let candidates = try cursor.next(chunk)
        if candidates.isEmpty { break }
        try read(query.sql(direction: direction, limit: limit - rows.count, rowIDs: candidates), into: &rows)
        chunk = min(chunk * 4, 8192)
      }
    } else {
      try read(query.sql(direction: direction, limit: limit), into: &rows)
    }
    return direction == .older ? rows : rows.reversed()
  }

  private func read(_ sql: String, into rows: inout [EventSummary]) throws {
    let statement = try connection.prepare(sql)
    while try statement.step() { rows.append(SummaryColumns.read(statement)) }
  }

  public func record(rowID: Int64) throws -> String {
    let statement = try selectRecord ?? connection.prepare(Self.selectRecordSQL)
    defer { statement.reset() }
    statement.reset()
    statement.bindInt(1, rowID)
    guard try statement.step() else {
      throw Diagnostic(
        code: "EventNotFound", summary: "no such event", reason: "no stored event has row id \(rowID)")
    }
    let bytes: [UInt8]
    if statement.isNull(2) {
      bytes = try decompressor.record(
        statement.blob(0), dictionaryID: statement.int64(1), connection: connection)
    } else {
      let slotColumn = statement.int64(2)
      bytes = try decompressor.record(
        block: RawBlock.block(ofSlotColumn: slotColumn), slot: RawBlock.slot(ofSlotColumn: slotColumn),
        connection: connection)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let selectRecordSQL = "SELECT raw, raw_dict, raw_block_slot FROM events WHERE id = ?"

  public func eventCount() throws -> Int {
    let statement = try connection.prepare(
      "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_count'")
    return try statement.step() ? Int(statement.int64(0)) : 0
  }

  /// LookupEvents, exactly: validation, window, one page and a signed `NextToken`.
  ///
  /// - Throws: `LookupError` with CloudTrail's exception names.
  public func lookupEvents(_ request: LookupRequest) throws -> LookupPage {
    let filter = try LookupValidation.filter(for: request)
    let limit = request.maxResults ?? 50
    let fingerprint = NextToken.fingerprint(of: request)
    var after: Int64?
    if let token = request.nextToken {
      guard let rowID = tokens.read(token, fingerprint: fingerprint) else {
        throw LookupError.invalidNextToken(
          "Invalid NextToken: it was not issued for these request parameters.")
      }
      after = rowID
    }
    // One snapshot for the page and its records.
    let (rows, events) = try connection.reading {
      let rows = try page(filter, after: after, direction: .older, limit: limit + 1)
      let events = try rows.prefix(limit).map {
        LookedUpEvent(summary: $0, cloudTrailEvent: try record(rowID: $0.rowID))
      }
      return (rows, events)
    }
    let shown = rows.prefix(limit)
    let next =
      rows.count > limit ? shown.last.map { tokens.make(rowID: $0.rowID, fingerprint: fingerprint) } : nil
    return LookupPage(events: events, nextToken: next)
  }
}
