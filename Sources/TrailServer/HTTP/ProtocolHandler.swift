/// One protocol the server speaks (CloudTrail's JSON 1.1, S3's REST-XML, SNS's query protocol, …).
///
/// The server picks the handler from the service in the request's SigV4 credential scope (and the
/// request's shape when it is unsigned), verifies the signature when it checks them, and hands over
/// the request with the caller it established. A handler answers every request, errors included, in
/// its protocol's own error format; it never throws.
public protocol ProtocolHandler: Sendable {
  func handle(_ request: ServerRequest, caller: Caller) async -> ServerResponse
}
