import Crypto
import Foundation

/// A log file as a digest lists it: where it was delivered, the SHA-256 of its uncompressed bytes, and
/// the newest and oldest `eventTime` of its records.
public struct DeliveredLogFile: Equatable, Sendable {
  /// The bucket it was delivered to.
  public var bucket: String
  /// Its key.
  public var key: String
  /// Lower-case hex SHA-256 of the uncompressed file (what validate-logs recomputes).
  public var sha256Hex: String
  /// The newest record's `eventTime`; nil when the file holds no record with one.
  public var newestEventTime: Date?
  /// The oldest record's `eventTime`.
  public var oldestEventTime: Date?

  public init(bucket: String, key: String, sha256Hex: String, newestEventTime: Date?, oldestEventTime: Date?)
  {
    self.bucket = bucket
    self.key = key
    self.sha256Hex = sha256Hex
    self.newestEventTime = newestEventTime
    self.oldestEventTime = oldestEventTime
  }

  /// The entry for a log file whose uncompressed JSON (`{"Records": […]}`) is `json`.
  /// - Throws: `Diagnostic` `InvalidLogFile` when `json` is not a JSON object.
  public init(bucket: String, key: String, json: [UInt8]) throws {
    let notJSON = Diagnostic(
      code: "InvalidLogFile", summary: "not a CloudTrail log file",
      location: .init(path: "s3://\(bucket)/\(key)"),
      reason: "the uncompressed content is not a JSON object")
    guard let value = try? JSONValue(parsing: json), case .object = value else { throw notJSON }
    var times: [Int64] = []
    if case .array(let records)? = value["Records"] {
      for record in records {
        if case .string(let text)? = record["eventTime"], let seconds = ISO8601Time.parse(text) {
          times.append(seconds)
        }
      }
    }
    self.init(
      bucket: bucket, key: key, sha256Hex: SHA256.hash(data: json).hex,
      newestEventTime: times.max().map { Date(timeIntervalSince1970: TimeInterval($0)) },
      oldestEventTime: times.min().map { Date(timeIntervalSince1970: TimeInterval($0)) })
  }

  /// The entry for the delivered `.json.gz` at `key` in `bucket`, read from `folder` and inflated.
  /// - Throws: `BucketError` (no such bucket or key), `Diagnostic` (not gzip, not JSON).
  public init(bucket: String, key: String, in folder: BucketFolder) throws {
    let object = try folder.get(bucket: bucket, key: key)
    try self.init(
      bucket: bucket, key: key, json: try Gzip.inflate(object.bytes, path: "s3://\(bucket)/\(key)"))
  }
}
