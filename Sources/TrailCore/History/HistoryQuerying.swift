/// What the UI's effects ask of the engine: history pages, records, the dashboard and the event count.
///
/// Implemented by `StoreServices` over one store reader; tests of the UI may implement it over fixed
/// rows. Calls may take longer than a frame: the runtime makes them off the UI loop.
public protocol HistoryQuerying: AnyObject {
  /// Up to `limit` events matching `filter`, from `cursor` (exclusive) in `direction`, each page newest first.
  func summaries(
    _ filter: HistoryFilter, from cursor: HistoryCursor?, direction: PageDirection, limit: Int
  ) throws -> [EventSummary]
  /// The verbatim record of one stored event.
  func record(rowID: Int64) throws -> String
  /// The dashboard for the hour up to the clock's now, optionally for one region.
  func dashboard(region: String?) throws -> DashboardSnapshot
  /// How many events the store holds (all categories).
  func eventCount() throws -> Int
}
