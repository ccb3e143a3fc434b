import Foundation
import LakeSQL

extension LakeSQLEngine {
  /// The engine over the store's event data stores: a table name is a store's ID or ARN.
  public init() {
    self.init(tableSources: Self.eventDataStoreSource)
  }

  /// What an event data store named in a statement reads: its members within its retention on the
  /// context's clock.
  ///
  /// - Throws: `ServiceError` `InactiveEventDataStoreException` for a store pending deletion.
  public static func eventDataStoreSource(_ name: String, connection: SQLiteConnection, context: StoreContext)
    throws
    -> LakeTableSource?
  {
    guard let store = try EventDataStoreCatalog.find(name, connection: connection) else { return nil }
    guard store.status != EventDataStoreStatus.pendingDeletion else {
      throw ServiceError(
        "InactiveEventDataStoreException", "The event data store \(store.arn) is pending deletion.")
    }
    let enriched = try !EventEnrichmentStore.configuration(store: store.rowID, connection: connection)
      .contextKeySelectors.isEmpty
    return LakeTableSource(
      sql: storeSource(
        storeRowID: store.rowID, retentionDays: store.retentionPeriod, now: context.clock.now()),
      arn: store.arn, schema: EventDataStoreRules.schema(of: store),
      enrichment: enriched ? String(store.rowID) : nil)
  }
}
