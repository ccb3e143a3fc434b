import Foundation
import TrailCore

/// An event data store with a chosen ID (tests use `e5a3f7c2-0b1d-4e8a-9c6f-2d4b8a1e0f37`: IDs are
/// UUIDs, as CloudTrail's are), written straight into a store's table so that tests name it in their
/// statements and find it in the catalog as StartQuery and ListQueries do.
public enum ExampleEventDataStore {
  /// Inserts store `id` (enabled, every event, 366 days) into the store at `databasePath`, unless there.
  public static func insert(
    _ id: String, databasePath: String, account: String = "123456789012", region: String = "us-east-1"
  ) throws {
    let connection = try EventStore.openWriter(path: databasePath)
    let arn = "arn:aws:cloudtrail:\(region):\(account):eventdatastore/\(id)"
    let insert = try connection.prepare(
      """
      INSERT OR IGNORE INTO event_data_stores (uuid, arn, name, account, region, status, advanced_event_selectors,
        multi_region, organization, retention_days, billing_mode, termination_protection, created_ms, updated_ms)
      VALUES (?, ?, ?, ?, ?, 'ENABLED', '[]', 1, 0, 366, 'EXTENDABLE_RETENTION_PRICING', 1, 0, 0)
      """)
    try insert.bind([.text(id.lowercased()), .text(arn), .text(id), .text(account), .text(region)])
    try insert.step()
  }
}
