import Foundation

/// The read services of one thread over one store reader: paging, records, LookupEvents, the
/// dashboard and counts, each a separate service sharing the connection.
///
/// Fronts open one per thread (the UI's query worker, a CLI command, later each server worker) and
/// call the operations through it.
public final class StoreServices: HistoryQuerying {
  public let context: StoreContext
  public let reader: StoreReader
  public let pages: EventPages
  public let records: EventRecords
  public let lookup: EventLookup
  public let dashboards: DashboardService

  /// Opens a reader on the context's store (which must exist).
  public init(_ context: StoreContext) throws {
    self.context = context
    reader = try StoreReader(context)
    pages = EventPages(reader)
    records = EventRecords(reader)
    lookup = EventLookup(reader)
    dashboards = DashboardService(reader)
  }

  /// Opens a reader on `databasePath` with `clock` and the context's other defaults.
  public convenience init(databasePath: String, clock: any Clock) throws {
    try self.init(StoreContext(databasePath: databasePath, clock: clock))
  }

  /// Where PutAuditEvents stores events: the server's shared group-committing writer; nil makes
  /// each call open its own (the CLI's one call).
  public var auditEventWriter: AuditEventWriter?

  /// Trail configuration, on a writer connection opened at first use.
  private var trailStore: TrailStore?

  func trails() throws -> TrailService {
    let store = try trailStore ?? TrailStore(databasePath: context.databasePath)
    trailStore = store
    return TrailService(store: store, context: context)
  }

  public var clock: any Clock { reader.clock }
  public var connection: SQLiteConnection { reader.connection }

  public func summaries(
    _ filter: HistoryFilter, from cursor: HistoryCursor?, direction: PageDirection, limit: Int
  ) throws -> [EventSummary] {
    try pages.summaries(filter, from: cursor, direction: direction, limit: limit)
  }

  public func record(rowID: Int64) throws -> String { try records.record(rowID: rowID) }

  public func dashboard(region: String?) throws -> DashboardSnapshot {
    try dashboards.dashboard(region: region)
  }

  public func eventCount() throws -> Int { try EventStore.eventCount(reader.connection) }

  /// LookupEvents' engine page (see `EventLookup`).
  public func lookupEvents(_ request: LookupRequest) throws -> LookupPage { try lookup.lookupEvents(request) }
}
