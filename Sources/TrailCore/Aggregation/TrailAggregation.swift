import Foundation

/// A template of CloudTrail's aggregated data events (SM:Template): what one summary record is
/// grouped by.
public enum AggregationTemplate: String, CaseIterable, Sendable {
  /// One record per API (`eventSource` + `eventName`).
  case apiActivity = "API_ACTIVITY"
  /// One record per resource ARN.
  case resourceAccess = "RESOURCE_ACCESS"
  /// One record per IAM principal (`userIdentity`).
  case userActions = "USER_ACTIONS"
}

/// A trail's aggregation of its data events, as PutEventConfiguration sets it and the store keeps it
/// (migration 25, `trail_aggregation`, one row per trail that aggregates).
struct TrailAggregation: Equatable, Sendable {
  /// The templates, in the order they were put.
  var templates: [AggregationTemplate]
  /// When aggregation was turned on: the first window summarized is the first that starts at or after
  /// it (TrailDeck's choice; CloudTrail does not say whether a window already under way counts).
  var enabledAt: Date

  static let schema = """
    CREATE TABLE trail_aggregation (
      trail_arn TEXT PRIMARY KEY,
      templates TEXT NOT NULL,
      enabled_at INTEGER NOT NULL
    );
    """

  /// The model's `AggregationConfigurations` for this aggregation (its one configuration, of `Data`).
  var configurations: [AggregationConfiguration] {
    [AggregationConfiguration(templates: templates.map(\.rawValue), eventCategory: "Data")]
  }

  /// The aggregation of the trail `trailARN`; nil when it aggregates nothing.
  static func load(trailARN: String, connection: SQLiteConnection) throws -> TrailAggregation? {
    let statement = try connection.prepare(
      "SELECT templates, enabled_at FROM trail_aggregation WHERE trail_arn = ?")
    statement.bindText(1, trailARN)
    guard try statement.step() else { return nil }
    let names = (statement.text(0) ?? "").split(separator: ",").map(String.init)
    let templates = names.compactMap(AggregationTemplate.init(rawValue:))
    guard templates.count == names.count, !templates.isEmpty else {
      throw Diagnostic(
        code: "CorruptTrailAggregation", summary: "cannot read a trail's aggregation",
        reason: "trail_aggregation row of \(trailARN) lists templates '\(statement.text(0) ?? "")'")
    }
    return TrailAggregation(
      templates: templates, enabledAt: Date(timeIntervalSince1970: TimeInterval(statement.int64(1))))
  }

  /// Writes the aggregation of `trailARN` (replacing what it had).
  static func save(_ aggregation: TrailAggregation, trailARN: String, connection: SQLiteConnection) throws {
    let statement = try connection.prepare(
      "INSERT OR REPLACE INTO trail_aggregation (trail_arn, templates, enabled_at) VALUES (?, ?, ?)")
    try statement.bind([
      .text(trailARN), .text(aggregation.templates.map(\.rawValue).joined(separator: ",")),
      .int(Int64(aggregation.enabledAt.timeIntervalSince1970.rounded(.down))),
    ])
    try statement.step()
  }

  /// Turns aggregation off for `trailARN`.
  static func remove(trailARN: String, connection: SQLiteConnection) throws {
    let statement = try connection.prepare("DELETE FROM trail_aggregation WHERE trail_arn = ?")
    statement.bindText(1, trailARN)
    try statement.step()
  }
}
