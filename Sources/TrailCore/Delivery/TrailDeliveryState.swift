import Foundation

// What delivery remembers between occurrences, in the store.
extension TrailDelivery {

  func state(of trail: TrailRecord) throws -> TrailDeliveryState {
    let statement = try trails.connection.prepare(
      "SELECT status FROM trail_status WHERE arn = ? AND region = ''")
    statement.bindText(1, trail.arn)
    return try statement.step() ? try TrailStore.decode(statement.text(0) ?? "{}") : TrailDeliveryState()
  }

  func save(_ state: TrailDeliveryState, of trail: TrailRecord) throws {
    let statement = try trails.connection.prepare(
      "INSERT OR REPLACE INTO trail_status (arn, region, status) VALUES (?, '', ?)")
    statement.bindText(1, trail.arn)
    statement.bindText(2, try TrailStore.encode(state))
    try statement.step()
  }

  func lastOccurrence() throws -> Date? {
    let statement = try trails.connection.prepare("SELECT value FROM meta WHERE key = 'delivery_clock'")
    guard try statement.step(), let text = statement.text(0), let seconds = Double(text) else { return nil }
    return Date(timeIntervalSince1970: seconds)
  }

  func setLastOccurrence(_ time: Date) throws {
    let statement = try trails.connection.prepare(
      "INSERT OR REPLACE INTO meta (key, value) VALUES ('delivery_clock', ?)")
    statement.bindText(1, String(time.timeIntervalSince1970))
    try statement.step()
  }
}

/// Where an event happened, as delivery groups it.
struct EventPlace {
  var account: String
  var region: String
  /// An event of a global service (recorded in us-east-1), which trails in any region include when
  /// `IncludeGlobalServiceEvents` is on.
  var isGlobalService: Bool
  /// The event's `readOnly` (nil when the record has none).
  var readOnly: Bool? = nil

  static let globalServices: Set<String> = [
    "iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com", "cloudfront.amazonaws.com",
    "route53.amazonaws.com", "organizations.amazonaws.com",
  ]

  /// Whether an event of `source` recorded in `region` is a global service event.
  static func isGlobalService(region: String, source: String) -> Bool {
    region == "us-east-1" && globalServices.contains(source)
  }
}

/// What delivery remembers of a trail between occurrences (the `trail_status` row of region '').
struct TrailDeliveryState: Codable, Equatable {
  /// Every matching event with a time up to this one has been delivered.
  var deliveredThrough: Date?
  /// Per `account/region`: the digest chain and the files delivered since its last digest.
  var digests: [String: DigestProgress] = [:]
  /// The digest after StopLogging has been written.
  var finalDigestWritten = false
  /// Every Insights event with a time up to this one has been delivered.
  var insightsDeliveredThrough: Date?
  /// Every aggregation window that ends at or before this time has been summarized and delivered.
  var aggregatedThrough: Date?
}

struct DigestProgress: Codable, Equatable {
  var previous: DigestChainState?
  var lastEnd: Date?
  var files: [StoredLogFile] = []
}

/// `DeliveredLogFile`, as delivery's state stores it.
struct StoredLogFile: Codable, Equatable {
  var bucket: String
  var key: String
  var sha256Hex: String
  var newestEventTime: Date?
  var oldestEventTime: Date?

  var deliveredLogFile: DeliveredLogFile {
    DeliveredLogFile(
      bucket: bucket, key: key, sha256Hex: sha256Hex, newestEventTime: newestEventTime,
      oldestEventTime: oldestEventTime)
  }
}

extension DeliveredLogFile {
  var stored: StoredLogFile {
    StoredLogFile(
      bucket: bucket, key: key, sha256Hex: sha256Hex, newestEventTime: newestEventTime,
      oldestEventTime: oldestEventTime)
  }
}
