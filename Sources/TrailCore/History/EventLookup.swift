import Foundation

/// LookupEvents' engine: validation, the window, one page and a signed `NextToken`.
///
/// The `LookupEvents` operation (Service/) translates the API's request into a `LookupRequest` and the
/// page back into the API's response; the Event history pane pages through `EventPages` directly.
public struct EventLookup {
  public let reader: StoreReader

  public init(_ reader: StoreReader) { self.reader = reader }

  /// One page of `request`, newest first, with a `NextToken` when more remain.
  ///
  /// - Throws: `ServiceError` with CloudTrail's exception names (`InvalidLookupAttributesException`,
  ///   `InvalidTimeRangeException`, `InvalidMaxResultsException`, `InvalidNextTokenException`,
  ///   `InvalidEventCategoryException`); store failures as they come.
  public func lookupEvents(_ request: LookupRequest) throws -> LookupPage {
    let filter = try LookupValidation.filter(for: request)
    let limit = request.maxResults ?? 50
    let fingerprint = NextToken.fingerprint(of: request)
    var after: Int64?
    if let token = request.nextToken {
      guard let rowID = reader.tokens.read(token, fingerprint: fingerprint) else {
        throw ServiceError.invalidNextToken(
          "Invalid NextToken: it was not issued for these request parameters.")
      }
      after = rowID
    }
    let pages = EventPages(reader)
    let records = EventRecords(reader)
    // One snapshot for the page and its records.
    let (rows, events) = try reader.connection.reading {
      let rows = try pages.page(filter, after: after, direction: .older, limit: limit + 1)
      let events = try rows.prefix(limit).map {
        LookedUpEvent(summary: $0, cloudTrailEvent: try records.record(rowID: $0.rowID))
      }
      return (rows, events)
    }
    let shown = rows.prefix(limit)
    let next =
      rows.count > limit
      ? shown.last.map { reader.tokens.make(rowID: $0.rowID, fingerprint: fingerprint) } : nil
    return LookupPage(events: events, nextToken: next)
  }
}
