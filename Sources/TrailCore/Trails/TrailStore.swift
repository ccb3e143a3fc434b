import Foundation

/// The trails of a store, their per-region status, resource tags and delegated administrators.
///
/// Reads and writes go through one writer connection (the rows are few, and a trail operation reads
/// what it is about to change in the same transaction).
public final class TrailStore {
  let connection: SQLiteConnection

  /// Opens the store at `databasePath` for trail configuration (creating it if needed).
  public init(databasePath: String) throws {
    connection = try EventStore.openWriter(path: databasePath)
  }

  // MARK: Trails

  /// Every trail, in ARN order.
  func allTrails() throws -> [TrailRecord] {
    let statement = try connection.prepare("SELECT configuration FROM trails ORDER BY arn")
    var trails: [TrailRecord] = []
    while try statement.step() {
      trails.append(try Self.decode(statement.text(0) ?? "{}"))
    }
    return trails
  }

  func trail(arn: String) throws -> TrailRecord? {
    let statement = try connection.prepare("SELECT configuration FROM trails WHERE arn = ?")
    statement.bindText(1, arn)
    return try statement.step() ? try Self.decode(statement.text(0) ?? "{}") : nil
  }

  /// Writes `trail` whole (a new one, or a changed one under the same ARN).
  func save(_ trail: TrailRecord) throws {
    let statement = try connection.prepare(
      """
      INSERT INTO trails (arn, name, owner_account, home_region, configuration) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (arn) DO UPDATE SET configuration = excluded.configuration
      """)
    statement.bindText(1, trail.arn)
    statement.bindText(2, trail.name)
    statement.bindText(3, trail.ownerAccount)
    statement.bindText(4, trail.homeRegion)
    statement.bindText(5, try Self.encode(trail))
    try statement.step()
  }

  /// Removes the trail, its status rows, its tags and its aggregation (its bucket and log files stay,
  /// as AWS's do); the caller's transaction makes the deletions one.
  func delete(arn: String) throws {
    for table in [
      "trails WHERE arn", "trail_status WHERE arn", "resource_tags WHERE resource_arn",
      "trail_aggregation WHERE trail_arn",
    ] {
      let statement = try connection.prepare("DELETE FROM \(table) = ?")
      statement.bindText(1, arn)
      try statement.step()
    }
  }

  // MARK: Status

  /// The delivery status of the trail in `region` (empty before its first delivery).
  func status(arn: String, region: String) throws -> TrailDeliveryStatus {
    let statement = try connection.prepare("SELECT status FROM trail_status WHERE arn = ? AND region = ?")
    statement.bindText(1, arn)
    statement.bindText(2, region)
    return try statement.step() ? try Self.decode(statement.text(0) ?? "{}") : TrailDeliveryStatus()
  }

  func save(_ status: TrailDeliveryStatus, arn: String, region: String) throws {
    let statement = try connection.prepare(
      "INSERT OR REPLACE INTO trail_status (arn, region, status) VALUES (?, ?, ?)")
    statement.bindText(1, arn)
    statement.bindText(2, region)
    statement.bindText(3, try Self.encode(status))
    try statement.step()
  }

  // MARK: Tags

  func tags(of resource: String) throws -> [Tag] {
    let statement = try connection.prepare(
      "SELECT key, value FROM resource_tags WHERE resource_arn = ? ORDER BY key")
    statement.bindText(1, resource)
    var tags: [Tag] = []
    while try statement.step() { tags.append(Tag(key: statement.text(0) ?? "", value: statement.text(1))) }
    return tags
  }

  func setTags(_ tags: [Tag], on resource: String) throws {
    for tag in tags {
      let statement = try connection.prepare(
        "INSERT OR REPLACE INTO resource_tags (resource_arn, key, value) VALUES (?, ?, ?)")
      statement.bindText(1, resource)
      statement.bindText(2, tag.key)
      statement.bindText(3, tag.value ?? "")
      try statement.step()
    }
  }

  func removeTags(_ keys: [String], from resource: String) throws {
    for key in keys {
      let statement = try connection.prepare("DELETE FROM resource_tags WHERE resource_arn = ? AND key = ?")
      statement.bindText(1, resource)
      statement.bindText(2, key)
      try statement.step()
    }
  }

  // MARK: Organization

  /// The organization the store's demo accounts form, if any (`OrganizationInfo`).
  func organization() throws -> OrganizationInfo? {
    try OrganizationInfo.read(connection)
  }

  func delegatedAdmins() throws -> [String] {
    let statement = try connection.prepare(
      "SELECT account_id FROM delegated_admins ORDER BY registered_at, account_id")
    var accounts: [String] = []
    while try statement.step() { accounts.append(statement.text(0) ?? "") }
    return accounts
  }

  func addDelegatedAdmin(_ account: String, at time: Date) throws {
    let statement = try connection.prepare(
      "INSERT INTO delegated_admins (account_id, service_principal, registered_at) VALUES (?, 'cloudtrail.amazonaws.com', ?)"
    )
    statement.bindText(1, account)
    statement.bindInt(2, Int64(time.timeIntervalSince1970))
    try statement.step()
  }

  func removeDelegatedAdmin(_ account: String) throws {
    let statement = try connection.prepare("DELETE FROM delegated_admins WHERE account_id = ?")
    statement.bindText(1, account)
    try statement.step()
  }

  // MARK: JSON

  static func encode<T: Encodable>(_ value: T) throws -> String {
    try ShapeEncoder(.epochSeconds).encode(value).compactText()
  }

  static func decode<T: Decodable>(_ text: String) throws -> T {
    try ShapeDecoder().decode(T.self, from: Data(text.utf8))
  }
}

/// What a trail's deliveries in one region last did (`GetTrailStatus`); written by delivery.
public struct TrailDeliveryStatus: Codable, Equatable, Sendable {
  public var latestDeliveryTime: Date?
  public var latestDeliveryAttemptTime: Date?
  public var latestDeliveryAttemptSucceeded: Date?
  public var latestDeliveryError: String?
  public var latestNotificationTime: Date?
  public var latestNotificationAttemptTime: Date?
  public var latestNotificationAttemptSucceeded: Date?
  public var latestNotificationError: String?
  public var latestCloudWatchLogsDeliveryTime: Date?
  public var latestCloudWatchLogsDeliveryError: String?
  public var latestDigestDeliveryTime: Date?
  public var latestDigestDeliveryError: String?
  public init() {}
}
