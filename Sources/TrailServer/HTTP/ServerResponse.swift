import Foundation

/// One HTTP response from a protocol handler: status, headers and the whole body.
public struct ServerResponse: Sendable {
  public var status: Int
  /// Header fields in order; `Content-Length` is the adapter's to add.
  public var headers: [(name: String, value: String)]
  public var body: Data

  public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// The first value of header `name` (any case).
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// A response whose body is `text` in UTF-8 with `contentType`.
  public static func text(
    _ text: String, status: Int = 200, contentType: String, headers: [(name: String, value: String)] = []
  ) -> ServerResponse {
    ServerResponse(
      status: status, headers: [(name: "Content-Type", value: contentType)] + headers, body: Data(text.utf8))
  }
}
