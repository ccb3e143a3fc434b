import Foundation

/// Reads one resource's configuration items through `config_items` (see `ConfigItemIndex`), diffs
/// each against the one before and resolves the CloudTrail events that caused it.
///
/// A lookup seeks one key (two for an ARN Config does not record: then its resource part as an id or
/// name), reads the matching items' records (`RecordScanner`, each block decompressed once) and finds
/// each related eventID through the eventID index (`EventIDFinder`, as LookupEvents' EventId is).
public struct ResourceTimelineReader {
  public let reader: StoreReader

  public init(_ reader: StoreReader) { self.reader = reader }

  /// How many days before an item's capture its causing events are looked for (CloudTrail's 90).
  public static let causeWindowDays: Int64 = 90

  /// The timeline of the resource `query` names; empty (no `resource`) when no item matches.
  public func timeline(for query: ResourceQuery) throws -> ResourceTimeline {
    try reader.connection.reading {
      var rows = try rowIDs(forKey: query.key)
      var fallback: String?
      if rows.isEmpty, case .arn(let arn) = query, let name = ResourceNameRule.name(fromARN: arn), name != arn
      {
        rows = try rowIDs(forKey: name)
        fallback = arn
      }
      var items: [(rowID: Int64, item: ConfigurationItemRecord)] = []
      let scanner = RecordScanner(connection: reader.connection, cachedBlockLimit: 64)
      try scanner.scan(rowIDs: rows) { stored in
        if let value = try? JSONValue(parsing: stored.bytes),
          let item = ConfigurationItemRecord(record: value)
        {
          items.append((stored.rowID, item))
        }
      }
      // An ARN found through its resource part: items of that account and region come first.
      let groups = Dictionary(grouping: items) { ResourceIdentity($0.item).groupKey }.values.map { group in
        group.sorted { ($0.item.captureTime, $0.rowID) < ($1.item.captureTime, $1.rowID) }
      }
      let ranked = groups.sorted { a, b in
        let (x, y) = (rank(a.last!.item, fallbackARN: fallback), rank(b.last!.item, fallbackARN: fallback))
        if x != y { return x > y }
        return (a.last!.item.captureTime, a.last!.rowID) > (b.last!.item.captureTime, b.last!.rowID)
      }
      guard let chosen = ranked.first, let newest = chosen.last else {
        return ResourceTimeline(query: query, resource: nil, entries: [])
      }
      var entries: [ResourceTimeline.Entry] = []
      var previous: ConfigurationItemRecord?
      for (rowID, item) in chosen {
        entries.append(
          ResourceTimeline.Entry(
            item: item, rowID: rowID, changes: ConfigurationDiff.changes(from: previous, to: item),
            causes: try causes(of: item), isFirst: previous == nil))
        previous = item
      }
      return ResourceTimeline(
        query: query, resource: ResourceIdentity(newest.item), entries: entries,
        otherResources: ranked.dropFirst().compactMap { $0.last.map { ResourceIdentity($0.item) } })
    }
  }

  /// Prefers the resource whose ARN is the one asked for, then one in the ARN's account and region.
  private func rank(_ item: ConfigurationItemRecord, fallbackARN: String?) -> Int {
    guard let arn = fallbackARN else { return 0 }
    if item.arn == arn { return 2 }
    let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count > 4 else { return 0 }
    let regionMatches = parts[3].isEmpty || parts[3] == item.awsRegion
    let accountMatches = parts[4].isEmpty || parts[4] == item.accountId
    return regionMatches && accountMatches ? 1 : 0
  }

  /// The row ids filed under `key`, in capture-time order.
  func rowIDs(forKey key: String) throws -> [Int64] {
    let statement = try reader.connection.prepare(ConfigItemIndex.lookupSQL)
    statement.bindText(1, key)
    var rows: [Int64] = []
    while try statement.step() { rows.append(statement.int64(1)) }
    return rows
  }

  /// The item's `relatedEvents` as the store has them, in the item's order.
  func causes(of item: ConfigurationItemRecord) throws -> [CausingEvent] {
    guard !item.relatedEvents.isEmpty else { return [] }
    let captureDay = EventKey.day(of: item.captureTime / 1000)
    let finder = try reader.eventIDFinder ?? EventIDFinder(reader.connection)
    let records = EventRecords(reader)
    return try item.relatedEvents.map { eventID in
      let stored = EventKey.storedEventID(eventID)
      guard
        let rowID = try finder.locate(
          stored, hash: EventIDIndex.hash(stored),
          days: (captureDay - Self.causeWindowDays)...(captureDay + 1))
      else { return CausingEvent(eventID: eventID) }
      let record = (try? JSONValue(parsing: try records.record(rowID: rowID))) ?? .null
      let identity = record["userIdentity"]
      let arn = identity?["arn"]?.stringValue
      let user =
        identity?["userName"]?.stringValue ?? identity?["sessionContext"]?["sessionIssuer"]?["userName"]?
        .stringValue
        ?? arn.flatMap { $0.split(separator: "/").last.map(String.init) }
      return CausingEvent(
        eventID: eventID, rowID: rowID, eventName: record["eventName"]?.stringValue,
        eventTime: Date(timeIntervalSince1970: TimeInterval(EventKey.time(of: rowID))), userArn: arn,
        userName: user, sourceIPAddress: record["sourceIPAddress"]?.stringValue)
    }
  }
}

/// The resource timeline, for fronts that read it through their services (the TUI's effects).
public protocol ResourceTimelineReading: AnyObject {
  /// The configuration items of the resource `query` names, oldest first, each diffed and with its
  /// causing events.
  func resourceTimeline(_ query: ResourceQuery) throws -> ResourceTimeline
}

extension StoreServices: ResourceTimelineReading {
  public func resourceTimeline(_ query: ResourceQuery) throws -> ResourceTimeline {
    try ResourceTimelineReader(reader).timeline(for: query)
  }
}
