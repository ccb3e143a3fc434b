import Crypto
import Foundation

/// Ids derived from what identifies a record, so writing it again (a rescan, a redelivery, a second
/// ingest of the same file) gives the same id: Insights events, aggregated events, configuration items,
/// evidence and the demo's assessment ids.
enum StableUUID {
  /// A version-5-shaped UUID from SHA-256 of `text` (lowercase, as CloudTrail writes event ids).
  static func from(_ text: String) -> String {
    var bytes = Array(SHA256.hash(data: Data(text.utf8)).prefix(16))
    bytes[6] = (bytes[6] & 0x0F) | 0x50
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = Array(bytes.map { String(format: "%02x", $0) }.joined())
    return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
  }
}
