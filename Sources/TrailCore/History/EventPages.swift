import Foundation

/// Keyset pages of stored events, newest first: what the Event history pane scrolls and what
/// LookupEvents, the dashboard and downloads read their rows from.
///
/// Only management events (or, with `isInsight`, Insights events) inside the last 90 days of the
/// reader's clock are visible — CloudTrail's Event history rules.
public struct EventPages {
  public static let windowDays = 90
  public let reader: StoreReader

  public init(_ reader: StoreReader) { self.reader = reader }

  /// Whether events of `category` can appear in Event history (management, or Insights when asked).
  static func isShown(_ category: EventCategory) -> Bool {
    category == .management || category == .insight
  }

  /// Up to `limit` events matching `filter` from `cursor` (exclusive) in `direction`, newest first.
  public func summaries(
    _ filter: HistoryFilter, from cursor: HistoryCursor?, direction: PageDirection, limit: Int
  ) throws -> [EventSummary] {
    try page(filter, after: cursor?.rowID, direction: direction, limit: limit)
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
    let finder = try reader.eventIDFinder ?? EventIDFinder(reader.connection)
    guard let found = try finder.locate(stored, hash: hash, days: firstDay...lastDay) else { return nil }
    return bounds.contains(found) ? found : nil
  }

  /// The visible window as row-id bounds: (now − 90 days, now], narrowed by the filter's times.
  func rowBounds(_ filter: HistoryFilter) -> ClosedRange<Int64>? {
    let now = Int64(reader.clock.now().timeIntervalSince1970.rounded(.down))
    var low = now - Int64(Self.windowDays) * 86_400
    var high = now
    if let start = filter.startTime { low = max(low, Int64(start.timeIntervalSince1970.rounded(.up))) }
    if let end = filter.endTime { high = min(high, Int64(end.timeIntervalSince1970.rounded(.down))) }
    guard low <= high else { return nil }
    return EventKey.firstRowID(atOrAfter: low)...EventKey.lastRowID(atOrBefore: high)
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
    return try reader.connection.reading {
      try rows(filter, within: bounds, direction: direction, limit: limit)
    }
  }

  private func rows(
    _ filter: HistoryFilter, within bounds: ClosedRange<Int64>, direction: PageDirection, limit: Int
  )
    throws -> [EventSummary]
  {
    guard let query = try HistoryQuery.make(filter: filter, bounds: bounds, pages: self) else { return [] }
    var rows: [EventSummary] = []
    var bounds = bounds
    if query.posting?.attribute == .regionReadOnly {
      // A region that holds most events fills its page from the newest few rows of the window: one
      // range read of them first, then the region's postings below it. Merging the region's three
      // posting lists for such a page cost a third of the API's one-page throughput.
      let probe = limit * 4
      let edge = try reader.connection.prepare(
        """
        SELECT id FROM events WHERE id BETWEEN ?1 AND ?2
        ORDER BY id \(direction == .older ? "DESC" : "ASC") LIMIT 1 OFFSET ?3
        """)
      try edge.bind([.int(bounds.lowerBound), .int(bounds.upperBound), .int(Int64(probe - 1))])
      let edgeID: Int64? = try edge.step() ? edge.int64(0) : nil
      let probed =
        edgeID.map { direction == .older ? $0...bounds.upperBound : bounds.lowerBound...$0 } ?? bounds
      try read(query, within: probed, direction: direction, limit: limit, into: &rows)
      guard rows.count < limit, let edgeID, probed != bounds else {
        return direction == .older ? rows : rows.reversed()
      }
      bounds = direction == .older ? bounds.lowerBound...(edgeID - 1) : (edgeID + 1)...bounds.upperBound
    }
    if let posting = query.posting {
      var cursor = try PostingCursor(
        connection: reader.connection, attribute: posting.attribute, values: posting.values, bounds: bounds,
        direction: direction)
      let regionMembers = try query.regionValues.map {
        try RegionMembers(connection: reader.connection, values: $0, bounds: bounds)
      }
      // Candidates the other conditions (category, region) may thin out: ask for more each round.
      var chunk = limit
      while rows.count < limit {
        var candidates = try cursor.next(chunk)
        if candidates.isEmpty { break }
        if let regionMembers { candidates = try regionMembers.keep(candidates) }
        if !candidates.isEmpty {
          try read(query, candidates: candidates, limit: limit, into: &rows)
        }
        chunk = min(chunk * 4, 8192)
      }
    } else {
      try read(query, within: bounds, direction: direction, limit: limit, into: &rows)
    }
    return direction == .older ? rows : rows.reversed()
  }

  /// The query's rows in `range`, in page order, up to `limit`.
  private func read(
    _ query: HistoryQuery, within range: ClosedRange<Int64>, direction: PageDirection, limit: Int,
    into rows: inout [EventSummary]
  ) throws {
    let statement = try reader.connection.prepare(query.rangeSQL(direction: direction))
    try statement.bind(query.rangeParameters(range, limit: limit))
    while try statement.step() { rows.append(SummaryColumns.read(statement)) }
  }

  /// The candidates (in page order) that pass the query's conditions, until `rows` holds `limit`.
  private func read(
    _ query: HistoryQuery, candidates: [Int64], limit: Int, into rows: inout [EventSummary]
  ) throws {
    let statement = try reader.connection.prepare(query.rowSQL)
    try statement.bind(query.parameters.map { .int($0) })
    let position = Int32(query.parameters.count + 1)
    var previous: Int64?
    // Sorted, so a repeated id (which an IN list would have matched once) is next to its twin.
    for candidate in candidates where rows.count < limit && candidate != previous {
      previous = candidate
      statement.reset()
      statement.bindInt(position, candidate)
      if try statement.step() { rows.append(SummaryColumns.read(statement)) }
    }
    statement.reset()
  }
}
