import Foundation

/// The digest keys validate-logs walks for one bucket and window (spec §6.4 step 2), listed as the aws
/// CLI lists them: ListObjects after a marker one minute before the start, keys of this trail and
/// region only, stamps from the start to one hour past the end (a digest delivered just after the end
/// covers logs delivered before it).
///
/// Backfill digests (`…_backfill.json.gz`) are left out: TrailDeck never writes them, and the aws CLI
/// walks them as a separate chain.
struct DigestListing {
  let folder: BucketFolder
  let trail: DigestTrail

  /// Keys oldest first; the walk takes them from the end.
  func keys(start: Date, end: Date) throws -> [String] {
    let marker = DigestKeys.digestKey(trail, end: start.addingTimeInterval(-60))
    let all: [String]
    do {
      all = try folder.list(bucket: trail.bucket, prefix: DigestKeys.regionPrefix(trail))
    } catch {
      throw LogValidationFailure.s3(error, operation: "ListObjects")
    }
    let targetStart = DigestKeys.compactStamp(start)
    let targetEnd = DigestKeys.compactStamp(end.addingTimeInterval(3600))
    var keys: [String] = []
    for key in all where marker.utf8.lexicographicallyPrecedes(key.utf8) && isDigestKey(key) {
      let backfill = key.hasSuffix("_backfill.json.gz")
      let stamp = Self.stamp(of: key, backfill: backfill)
      // Stamps are fixed-width text, so text order is time order (the CLI compares them as strings).
      if targetEnd.utf8.lexicographicallyPrecedes(stamp.utf8) { break }
      if stamp.utf8.lexicographicallyPrecedes(targetStart.utf8) { continue }
      if !backfill { keys.append(key) }
    }
    return keys
  }

  /// The stamp of a key, where the aws CLI reads it: `key[-24:-8]`, or `key[-33:-17]` for backfill.
  static func stamp(of key: String, backfill: Bool = false) -> String {
    let utf8 = Array(key.utf8)
    let (from, to) = backfill ? (33, 17) : (24, 8)
    guard utf8.count >= from else { return String(decoding: utf8.dropLast(to), as: UTF8.self) }
    return String(decoding: utf8[(utf8.count - from)..<(utf8.count - to)], as: UTF8.self)
  }

  /// The CLI's filter: `^[<prefix>/]AWSLogs/[<o-id>/]<acct>/CloudTrail-Digest/<region>/\d+/\d+/\d+/`
  /// `<acct>_CloudTrail-Digest_<region>_<name>_<homeRegion>_.+\.json\.gz$`.
  func isDigestKey(_ key: String) -> Bool {
    let folderPrefix = DigestKeys.regionPrefix(trail) + "/"
    guard key.hasPrefix(folderPrefix) else { return false }
    var rest = Substring(key.dropFirst(folderPrefix.count))
    for _ in 0..<3 {
      let digits = rest.prefix { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty, rest.dropFirst(digits.count).first == "/" else { return false }
      rest = rest.dropFirst(digits.count + 1)
    }
    let name = DigestKeys.fileNamePrefix(trail)
    guard rest.hasPrefix(name), !rest.contains("\n") else { return false }
    let tail = rest.dropFirst(name.count)
    return tail.count > ".json.gz".count && tail.hasSuffix(".json.gz")
  }
}
