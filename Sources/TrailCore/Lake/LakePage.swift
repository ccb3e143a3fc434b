import Foundation

/// Paging of Lake's list operations: `MaxResults` 1–1000 (default: everything) and a `NextToken` that
/// names the position after the page, checked to belong to this kind of list.
struct LakePage {
  var maxResults: Int?
  var offset: Int
  var kind: String

  /// - Throws: `InvalidMaxResultsException`, `InvalidNextTokenException`.
  init(maxResults: Int?, nextToken: String?, kind: String) throws(ServiceError) {
    if let maxResults, !(1...1000).contains(maxResults) {
      throw .invalidMaxResults("MaxResults \(maxResults) is not valid: give 1 to 1000.")
    }
    self.maxResults = maxResults
    self.kind = kind
    offset = 0
    if let nextToken {
      guard let data = Data(base64Encoded: nextToken), let text = String(data: data, encoding: .utf8),
        text.hasPrefix(kind + ":"), let offset = Int(text.dropFirst(kind.count + 1)), offset >= 0
      else { throw .invalidNextToken("NextToken '\(nextToken)' is not valid for this list.") }
      self.offset = offset
    }
  }

  /// The page of `items` and the token of the next page, if any.
  func slice<T>(_ items: [T]) -> ([T], String?) {
    let start = min(offset, items.count)
    let end = min(items.count, start + (maxResults ?? items.count))
    let next = end < items.count ? Data("\(kind):\(end)".utf8).base64EncodedString() : nil
    return (Array(items[start..<end]), next)
  }
}
