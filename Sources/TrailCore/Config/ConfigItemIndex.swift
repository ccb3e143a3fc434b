import Foundation

/// `config_items`: AWS Config configuration items by resource, in capture-time order (migration 24).
///
/// Why a side table rather than another index on `events`: a resource is asked for by its ARN, by
/// its type and id, or by a bare id or name (`sg-0abc`, a bucket, a role), and none of those is an
/// `events` column; the record is compressed in its block, so an expression index cannot reach into
/// it, and a partial index of every item (as Insights' `events_insights`) would still read and
/// decompress all of a store's items to find one resource's. So the writer files each item, in the
/// transaction that stores it, under up to four text keys — its `arn`, `resourceType` + U+001F +
/// `resourceId`, its `resourceId`, and its `resourceName` when that differs — with its capture time in
/// milliseconds and its row id. One seek per key then yields the resource's items already in
/// capture-time order. Items are few beside CloudTrail events (a Config recorder writes one per
/// change), so this costs ingest nothing measurable; other records skip it with one comparison.
/// Keys are text, not hashes: the table is small, and a bare id then never meets a hash twin.
enum ConfigItemIndex {
  static let schema = """
    CREATE TABLE config_items (
      resource_key TEXT NOT NULL,
      capture_time INTEGER NOT NULL,
      event INTEGER NOT NULL,
      PRIMARY KEY (resource_key, capture_time, event)
    ) WITHOUT ROWID;
    """

  /// Between a type and an id in a key: no type or id contains it.
  static let typeSeparator = "\u{1F}"

  static let insertSQL =
    "INSERT OR IGNORE INTO config_items (resource_key, capture_time, event) VALUES (?1, ?2, ?3)"

  /// The one statement a lookup runs per key (its plan is pinned by a test: a primary-key search).
  static let lookupSQL =
    "SELECT capture_time, event FROM config_items WHERE resource_key = ?1 ORDER BY capture_time, event"

  /// The key of a type and id.
  static func typeKey(_ resourceType: String, _ resourceId: String) -> String {
    resourceType + typeSeparator + resourceId
  }

  /// The keys an item is filed under, each once.
  static func keys(resourceType: String, resourceId: String, resourceName: String?, arn: String?) -> [String]
  {
    var keys: [String] = []
    func add(_ key: String?) {
      guard let key, !key.isEmpty, !keys.contains(key) else { return }
      keys.append(key)
    }
    add(arn)
    if !resourceType.isEmpty && !resourceId.isEmpty { add(typeKey(resourceType, resourceId)) }
    add(resourceId)
    add(resourceName)
    return keys
  }

  /// Files every configuration item already stored (a store that took items before this migration).
  ///
  /// One pass over `events`, done once (2.7 s of a warm 10 M-event store, extrapolated from 22 ms
  /// over 82 k), decompressing only the rows of category ConfigurationItem — and of `Other`, which is
  /// where a TrailDeck from before that category filed such records.
  static func backfill(_ connection: SQLiteConnection) throws {
    let insert = try connection.prepare(insertSQL)
    let scanner = RecordScanner(connection: connection)
    try scanner.scan(rowIDRange: Int64.min...Int64.max, categories: [.configurationItem, .other]) { stored in
      guard let value = try? JSONValue(parsing: stored.bytes),
        let item = ConfigurationItemRecord(record: value)
      else { return }
      for key in keys(
        resourceType: item.resourceType, resourceId: item.resourceId, resourceName: item.resourceName,
        arn: item.arn)
      {
        insert.reset()
        insert.bindText(1, key)
        insert.bindInt(2, item.captureTime)
        insert.bindInt(3, stored.rowID)
        try insert.step()
      }
    }
    insert.reset()
  }
}

/// The writer's side of `config_items`: one prepared insert, run for each item it stores.
final class ConfigItemWriter {
  private let insert: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    insert = try connection.prepare(ConfigItemIndex.insertSQL)
  }

  /// Files the item stored as row `event` under each of its keys.
  func add(_ item: ConfigItemKeys, event: Int64) throws {
    defer { insert.reset() }
    for key in item.keys {
      insert.reset()
      insert.bindText(1, key)
      insert.bindInt(2, item.captureTime)
      insert.bindInt(3, event)
      try insert.step()
    }
  }
}
