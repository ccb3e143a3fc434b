import Foundation

/// Event data stores' event configuration (PutEventConfiguration) and the tags of AWS resources that
/// enrichment reads, in the store (migration 23).
///
/// Resource tags are what CloudTrail's `CloudTrailEventContext` role reads with `tag:GetResources`:
/// TrailDeck has them for the simulated organization's resources (the demo writes them), none for
/// resources only seen in ingested logs.
enum EventEnrichmentStore {
  static let schema = """
    CREATE TABLE event_data_store_event_configuration (
      store INTEGER PRIMARY KEY,
      max_event_size TEXT NOT NULL,
      context_key_selectors TEXT NOT NULL
    );
    CREATE TABLE aws_resource_tags (
      arn TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (arn, key)
    ) WITHOUT ROWID;
    """

  /// A store's configuration: `MaxEventSize` and its context key selectors.
  struct Configuration: Equatable, Sendable {
    var maxEventSize: String
    var contextKeySelectors: [ContextKeySelector]
  }

  /// The configuration of store row `store` (Standard with no selectors when never put).
  static func configuration(store: Int64, connection: SQLiteConnection) throws -> Configuration {
    let s = try connection.prepare(
      "SELECT max_event_size, context_key_selectors FROM event_data_store_event_configuration WHERE store = ?"
    )
    try s.bind([.int(store)])
    guard try s.step() else { return Configuration(maxEventSize: "Standard", contextKeySelectors: []) }
    let selectors = try ShapeDecoder().decode([ContextKeySelector].self, from: Data((s.text(1) ?? "[]").utf8))
    return Configuration(maxEventSize: s.text(0) ?? "Standard", contextKeySelectors: selectors)
  }

  static func save(_ configuration: Configuration, store: Int64, connection: SQLiteConnection) throws {
    let s = try connection.prepare(
      """
      INSERT OR REPLACE INTO event_data_store_event_configuration (store, max_event_size, context_key_selectors)
      VALUES (?, ?, ?)
      """)
    try s.bind([
      .int(store), .text(configuration.maxEventSize),
      .text(try ShapeEncoder(.epochSeconds).encode(configuration.contextKeySelectors).compactText()),
    ])
    try s.step()
  }

  /// Sets the tags of resources (all of each resource's tags, replacing what it had).
  static func setResourceTags(_ tags: [(arn: String, tags: [(String, String)])], connection: SQLiteConnection)
    throws
  {
    let clear = try connection.prepare("DELETE FROM aws_resource_tags WHERE arn = ?")
    let insert = try connection.prepare("INSERT INTO aws_resource_tags (arn, key, value) VALUES (?, ?, ?)")
    try connection.transaction {
      for resource in tags {
        clear.reset()
        try clear.bind([.text(resource.arn)])
        try clear.step()
        for (key, value) in resource.tags {
          insert.reset()
          try insert.bind([.text(resource.arn), .text(key), .text(value)])
          try insert.step()
        }
      }
    }
  }

  /// The tags of the resource `arn`, by key (empty when TrailDeck knows none).
  static func resourceTags(_ arn: String, connection: SQLiteConnection) throws -> [String: String] {
    let s = try connection.prepare("SELECT key, value FROM aws_resource_tags WHERE arn = ?")
    try s.bind([.text(arn)])
    var tags: [String: String] = [:]
    while try s.step() { tags[s.text(0) ?? ""] = s.text(1) ?? "" }
    return tags
  }
}
