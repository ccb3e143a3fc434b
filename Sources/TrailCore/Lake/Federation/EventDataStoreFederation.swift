import Foundation

/// Lake query federation of one event data store (`EnableFederation`, spec §8.4): in CloudTrail, a
/// Glue table Athena queries; in TrailDeck, a `hive` export of the store (`EventDataStoreExport`) kept
/// current in the buckets folder, at `aws-cloudtrail-lake-federation/STOREID/` (S3 URI
/// `s3://aws-cloudtrail-lake-federation/STOREID/` through `traildeck serve`), with the tables'
/// `CREATE` statements beside it.
///
/// Kept in `event_data_store_federation` (migration 20), one row per federated store, removed by
/// `DisableFederation`: no row is `DISABLED`. The row also remembers what the folder holds (the
/// store's member count and newest member when it was last written), so that a refresh rewrites it
/// only when the store has changed.
struct EventDataStoreFederation: Equatable {
  var roleARN: String
  /// The store's members within its retention when the folder was last written, and the newest one's
  /// row id (nil before the first export).
  var exportedCount: Int64?
  var exportedNewest: Int64?

  /// `FederationStatus` values: TrailDeck has nothing to wait for, so `ENABLING` and `DISABLING` are
  /// never seen (as the stores' transient statuses are not).
  static let enabled = "ENABLED"
  static let disabled = "DISABLED"

  /// The bucket of the federation folders.
  static let bucket = "aws-cloudtrail-lake-federation"

  static let schema = """
    CREATE TABLE event_data_store_federation (
      store INTEGER PRIMARY KEY,
      role_arn TEXT NOT NULL,
      exported_count INTEGER,
      exported_newest INTEGER
    );
    """

  /// Where store `id`'s federation export lives.
  static func folder(storeID id: String, context: StoreContext) -> String {
    context.bucketPath(bucket) + "/" + id
  }

  /// Its S3 URI as `traildeck serve`'s S3 view shows it (no trailing `/`).
  static func location(storeID id: String) -> String { "s3://\(bucket)/\(id)" }

  /// The federation of the store with row id `store`, or nil when it is `DISABLED`.
  static func read(store: Int64, connection: SQLiteConnection) throws -> EventDataStoreFederation? {
    let select = try connection.prepare(
      "SELECT role_arn, exported_count, exported_newest FROM event_data_store_federation WHERE store = ?")
    defer { select.reset() }
    select.bindInt(1, store)
    guard try select.step() else { return nil }
    return EventDataStoreFederation(
      roleARN: select.text(0) ?? "", exportedCount: select.isNull(1) ? nil : select.int64(1),
      exportedNewest: select.isNull(2) ? nil : select.int64(2))
  }

  /// The row ids of every federated store.
  static func federatedStores(connection: SQLiteConnection) throws -> [Int64] {
    let select = try connection.prepare("SELECT store FROM event_data_store_federation ORDER BY store")
    defer { select.reset() }
    var stores: [Int64] = []
    while try select.step() { stores.append(select.int64(0)) }
    return stores
  }

  /// Writes (or, with nil, removes) the federation of `store`.
  static func write(_ federation: EventDataStoreFederation?, store: Int64, connection: SQLiteConnection)
    throws
  {
    if let federation {
      let insert = try connection.prepare(
        """
        INSERT OR REPLACE INTO event_data_store_federation (store, role_arn, exported_count, exported_newest)
        VALUES (?, ?, ?, ?)
        """)
      defer { insert.reset() }
      try insert.bind([
        .int(store), .text(federation.roleARN), federation.exportedCount.map { .int($0) } ?? .null,
        federation.exportedNewest.map { .int($0) } ?? .null,
      ])
      try insert.step()
    } else {
      let delete = try connection.prepare("DELETE FROM event_data_store_federation WHERE store = ?")
      defer { delete.reset() }
      delete.bindInt(1, store)
      try delete.step()
    }
  }
}
