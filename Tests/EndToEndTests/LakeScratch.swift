import Foundation
import Testing

/// Event data stores with events in them, made through the binary (`create-event-data-store`, then
/// `ingest --event-data-store`), for tests of Lake queries over real stores.
extension CLIScratch {
  /// The clock of these stores: an hour after `CLIRecords`' first event, so every record lies inside
  /// a store's retention.
  static let lakeNow = "2024-03-01T13:00:00Z"
  static let lakeNowDate = Date(timeIntervalSince1970: 1_709_298_000)

  /// Creates event data store `name` and ingests `records` into it; its ID.
  func eventDataStore(_ name: String, holding records: [String]) throws -> String {
    let clock = ["--now", Self.lakeNow]
    let created = try run(
      ["create-event-data-store", "--name", name, "--no-termination-protection-enabled"] + clock)
    try #require(created.status == 0, "\(created)")
    let object = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
    let arn = try #require(object?["EventDataStoreArn"] as? String)
    let path = try write("logs/\(name).json", CLIRecords.envelope(records))
    // --event-data-store copies every record in, whatever its account (CLIRecords' is not the store's).
    let ingested = try run(["ingest", path, "--event-data-store", arn] + clock)
    try #require(ingested.status == 0, "\(ingested)")
    return String(arn.split(separator: "/").last!)
  }

  /// A statement over store `id` that only a cancel or a timeout ends: a five-way cross join, which
  /// over 200 events is 3.2 × 10¹¹ combinations (SQLite counts some 10⁷ a second here, so hours), and
  /// cancellable at any point (the engine's progress handler checks every few thousand steps).
  static func endlessStatement(over id: String) -> String {
    "SELECT count(*) FROM " + ["a", "b", "c", "d", "e"].map { "\(id) \($0)" }.joined(separator: ", ")
  }
}
