/// One page of a ListObjects answer, before it is written: the keys and common prefixes after a
/// marker, in UTF-8 binary order, at most `maxKeys` of them together.
///
/// Common prefixes roll up every key that has the delimiter after the prefix, and count once. An
/// entry (key or common prefix) is listed only when it sorts after the marker, so a page that ended
/// on a common prefix does not repeat it on the next page.
struct S3ListingPage: Equatable, Sendable {
  var keys: [String] = []
  var commonPrefixes: [String] = []
  /// Whether entries remain after this page.
  var isTruncated = false
  /// The last entry of the page (key or common prefix): where the next page starts.
  var lastEntry: String?

  /// The page of `sortedKeys` (all starting with `prefix`) after `marker`.
  init(sortedKeys: [String], prefix: String, delimiter: String?, after marker: String?, maxKeys: Int) {
    let delimiter = delimiter.flatMap { $0.isEmpty ? nil : $0 }
    var count = 0
    for key in sortedKeys {
      var entry = key
      var isPrefix = false
      if let delimiter, let found = key.dropFirst(prefix.count).range(of: delimiter) {
        entry = String(key[..<found.upperBound])
        isPrefix = true
      }
      if let marker, !marker.utf8.lexicographicallyPrecedes(entry.utf8) { continue }
      if isPrefix, commonPrefixes.last == entry { continue }
      guard count < maxKeys else {
        isTruncated = true
        break
      }
      if isPrefix { commonPrefixes.append(entry) } else { keys.append(key) }
      lastEntry = entry
      count += 1
    }
  }
}
