import Foundation

/// One HTTP request as every protocol handler sees it, independent of the HTTP library: the method,
/// the path and query exactly as sent (still percent-encoded, as SigV4 signs them), the headers with
/// lower-cased names, the whole body, and the peer's address.
///
/// Handlers (CloudTrail's JSON 1.1, S3, SNS) take this and return a `ServerResponse`, so each is tested
/// without a socket and the server adapter is the only code that knows Hummingbird.
public struct ServerRequest: Sendable {
  /// `GET`, `PUT`, `POST`, …
  public var method: String
  /// The path as sent, percent-encoded (`/bucket/AWSLogs/123/x%3Ay.json.gz`).
  public var rawPath: String
  /// The query string as sent, without the `?` (empty when there is none).
  public var rawQuery: String
  /// Header fields in the order received, names lower-cased.
  public var headers: [(name: String, value: String)]
  /// The request body (empty when there is none).
  public var body: Data
  /// The peer's IP address (`127.0.0.1`), CloudTrail's `sourceIPAddress`.
  public var remoteAddress: String

  public init(
    method: String, rawPath: String, rawQuery: String = "", headers: [(name: String, value: String)] = [],
    body: Data = Data(), remoteAddress: String = "127.0.0.1"
  ) {
    self.method = method
    self.rawPath = rawPath
    self.rawQuery = rawQuery
    self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
    self.body = body
    self.remoteAddress = remoteAddress
  }

  /// The first value of header `name` (any case).
  public func header(_ name: String) -> String? {
    let lower = name.lowercased()
    return headers.first { $0.name == lower }?.value
  }

  /// Every value of header `name` (any case), in order.
  public func headerValues(_ name: String) -> [String] {
    let lower = name.lowercased()
    return headers.filter { $0.name == lower }.map(\.value)
  }

  /// The path, percent-decoded (`/bucket/AWSLogs/123/x:y.json.gz`).
  public var path: String { rawPath.removingPercentEncoding ?? rawPath }

  /// The query's items in order, names and values percent-decoded (`+` is a space, as forms send it);
  /// an item without `=` has the value "".
  public var queryItems: [(name: String, value: String)] { Self.formItems(rawQuery) }

  /// The value of query item `name` (the first one); nil when absent.
  public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

  /// `a=1&b=two+words` as decoded pairs, for query strings and form bodies alike.
  public static func formItems(_ text: String) -> [(name: String, value: String)] {
    guard !text.isEmpty else { return [] }
    return text.split(separator: "&", omittingEmptySubsequences: true).map { item in
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
      }
      return (name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
    }
  }
}
