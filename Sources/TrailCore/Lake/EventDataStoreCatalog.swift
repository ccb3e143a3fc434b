import Foundation

/// Reads event data stores from the store, for Lake's operations and its SQL engine.
///
/// Reads only: it never purges, so a store whose 7 days of `PENDING_DELETION` have passed is still
/// returned (with that status) until the next Lake operation purges it.
public enum EventDataStoreCatalog {
  /// The store named by `idOrARN` (its uuid or ARN; uuid compared case-insensitively), or nil.
  public static func find(_ idOrARN: String, connection: SQLiteConnection) throws -> EventDataStoreRecord? {
    let id: String
    if idOrARN.hasPrefix("arn:") {
      guard let arn = EventDataStoreARN(idOrARN) else { return nil }
      id = arn.id
    } else {
      id = idOrARN
    }
    return try select("WHERE uuid = ?", [.text(id.lowercased())], connection: connection).first
  }

  /// Every store not yet purged, in creation order.
  public static func all(connection: SQLiteConnection) throws -> [EventDataStoreRecord] {
    try select("", [], connection: connection)
  }

  /// The stores that collect arriving events (status `ENABLED`), for the writer.
  static func ingesting(connection: SQLiteConnection) throws -> [EventDataStoreRecord] {
    try select("WHERE status = ?", [.text(EventDataStoreStatus.enabled)], connection: connection)
  }

  static let columns = """
    id, uuid, arn, name, status, retention_days, multi_region, organization, created_ms, account, region,
    advanced_event_selectors, billing_mode, termination_protection, kms_key_id, updated_ms, deleted_ms
    """

  static func select(_ condition: String, _ bindings: [SQLiteValue], connection: SQLiteConnection) throws
    -> [EventDataStoreRecord]
  {
    let statement = try connection.prepare(
      "SELECT \(columns) FROM event_data_stores \(condition) ORDER BY id")
    try statement.bind(bindings)
    var stores: [EventDataStoreRecord] = []
    while try statement.step() {
      let selectors = try ShapeDecoder().decode(
        [AdvancedEventSelector].self, from: Data((statement.text(11) ?? "[]").utf8))
      stores.append(
        EventDataStoreRecord(
          rowID: statement.int64(0), id: statement.text(1) ?? "", arn: statement.text(2) ?? "",
          name: statement.text(3) ?? "", status: statement.text(4) ?? "",
          retentionPeriod: Int(statement.int64(5)), multiRegionEnabled: statement.int64(6) != 0,
          organizationEnabled: statement.int64(7) != 0, createdTimestamp: date(statement.int64(8)),
          account: statement.text(9) ?? "", region: statement.text(10) ?? "",
          advancedEventSelectors: selectors, billingMode: statement.text(12) ?? "",
          terminationProtectionEnabled: statement.int64(13) != 0, kmsKeyId: statement.text(14),
          updatedTimestamp: date(statement.int64(15)),
          deletedTimestamp: statement.isNull(16) ? nil : date(statement.int64(16))))
    }
    return stores
  }

  static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
  static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}
