import Foundation
import TrailCore

/// cloudtrail-data's REST-JSON protocol: `POST /PutAuditEvents?channelArn=…[&externalId=…]` with
/// `{"auditEvents": […]}`, errors named by the `x-amzn-ErrorType` header (botocore's REST-JSON parser
/// reads it first) and `{"__type", "message"}` in the body.
///
/// TrailDeck has no channels yet (they come with Lake's channels), so every well-formed request names a
/// channel that does not exist: `ChannelNotFound`, one of PutAuditEvents' modelled errors. Malformed
/// requests get what a real endpoint gives them first: `InvalidChannelARN` for a bad ARN, a
/// `ValidationException` for a missing member or a body that is not `{"auditEvents": [...]}`.
public struct CloudTrailDataHandler: ProtocolHandler {
  let environment: ServerEnvironment

  public init(environment: ServerEnvironment) { self.environment = environment }

  public func handle(_ request: ServerRequest, caller: Caller) async -> ServerResponse {
    let requestID = UUID().uuidString.lowercased()
    guard request.method == "POST", request.path == "/PutAuditEvents" else {
      return Self.error(
        "UnknownOperationException",
        "cloudtrail-data serves POST /PutAuditEvents; got \(request.method) \(request.path).", status: 404,
        requestID: requestID)
    }
    guard let channel = request.query("channelArn"), !channel.isEmpty else {
      return Self.error(
        "ValidationException",
        "1 validation error detected: Value null at 'channelArn' failed to satisfy constraint: Member must not be null",
        requestID: requestID)
    }
    guard let body = try? JSONValue(parsing: request.body), case .array? = body["auditEvents"]
    else {
      return Self.error(
        "ValidationException", "The body must be a JSON object with an auditEvents array.",
        requestID: requestID)
    }
    let isARN = channel.hasPrefix("arn:")
    let fields = channel.split(separator: ":", omittingEmptySubsequences: false)
    guard !isARN || (fields.count == 6 && fields[2] == "cloudtrail" && fields[5].hasPrefix("channel/")) else {
      return Self.error(
        "InvalidChannelARN",
        "The channel ARN \(channel) is not valid: expected arn:aws:cloudtrail:REGION:ACCOUNT:channel/ID.",
        requestID: requestID)
    }
    return Self.error(
      "ChannelNotFound",
      "Channel \(channel) was not found in account \(caller.account) (\(caller.region)): TrailDeck has no channels yet.",
      status: 404, requestID: requestID)
  }

  /// A REST-JSON error: the name in `x-amzn-ErrorType` and in the body's `__type`.
  static func error(_ name: String, _ message: String, status: Int = 400, requestID: String) -> ServerResponse
  {
    var answer = CloudTrailHandler.error(ServiceError(name, message), status: status, requestID: requestID)
    answer.headers = [
      ("Content-Type", "application/json"), ("x-amzn-ErrorType", name), ("x-amzn-RequestId", requestID),
    ]
    return answer
  }
}
