import Foundation

/// Insights on an event data store (`PutInsightSelectors` with `EventDataStore` and
/// `InsightsDestination`): the source store's management events are judged, and the Insights events
/// go to the destination store, which collects the `Insight` category (spec §7.1).
///
/// Kept in `event_data_store_insights` (migration 17), one JSON document per source store, removed
/// with `[]`. The first Insights event comes 7 days of the clock after a type is turned on (spec §7.2).
struct EventDataStoreInsights: Codable, Equatable {
  var insightSelectors: [InsightSelector]
  /// The destination store's ARN.
  var destination: String
  /// When each type was turned on (`ApiCallRateInsight/Management`).
  var enabledTimes: [String: Date]

  /// How long after Insights are turned on on an event data store before the first Insights event.
  static let wait: TimeInterval = 7 * 86_400

  static let schema = """
    CREATE TABLE event_data_store_insights (
      store INTEGER PRIMARY KEY,
      configuration TEXT NOT NULL
    );
    """

  /// The settings of the store with row id `store`, or nil when Insights are off.
  static func read(store: Int64, connection: SQLiteConnection) throws -> EventDataStoreInsights? {
    let select = try connection.prepare("SELECT configuration FROM event_data_store_insights WHERE store = ?")
    defer { select.reset() }
    select.bindInt(1, store)
    guard try select.step(), let text = select.text(0) else { return nil }
    return try TrailStore.decode(text)
  }

  /// Writes (or, with nil, removes) the settings of `store`.
  static func write(_ settings: EventDataStoreInsights?, store: Int64, connection: SQLiteConnection) throws {
    if let settings {
      let insert = try connection.prepare(
        "INSERT OR REPLACE INTO event_data_store_insights (store, configuration) VALUES (?, ?)")
      defer { insert.reset() }
      insert.bindInt(1, store)
      insert.bindText(2, try TrailStore.encode(settings))
      try insert.step()
    } else {
      let delete = try connection.prepare("DELETE FROM event_data_store_insights WHERE store = ?")
      defer { delete.reset() }
      delete.bindInt(1, store)
      try delete.step()
    }
  }

  /// Every ingesting store with Insights on, with its settings.
  static func all(connection: SQLiteConnection) throws -> [(EventDataStoreRecord, EventDataStoreInsights)] {
    try EventDataStoreCatalog.ingesting(connection: connection).compactMap { store in
      try read(store: store.rowID, connection: connection).map { (store, $0) }
    }
  }

  /// The scope grant of a source store: its account (and the organization's, for an organization
  /// store), its region unless multi-region, 7 days after each type was turned on.
  static func grant(
    of store: EventDataStoreRecord, _ settings: EventDataStoreInsights, organization: OrganizationInfo?
  ) -> InsightsScope.Grant {
    var accounts: Set<String> = [store.account]
    if store.organizationEnabled, let organization, organization.managementAccount == store.account {
      accounts.formUnion(organization.accounts)
    }
    return InsightsScope.Grant(
      accounts: accounts, regions: store.multiRegionEnabled ? nil : [store.region],
      startsFrom: settings.enabledTimes.mapValues { $0.addingTimeInterval(wait) })
  }
}
