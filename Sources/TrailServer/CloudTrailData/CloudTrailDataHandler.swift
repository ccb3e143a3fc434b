import Foundation
import TrailCore

/// cloudtrail-data's REST-JSON protocol: `POST /PutAuditEvents?channelArn=…[&externalId=…]` with
/// `{"auditEvents": […]}`, performed by the same `PutAuditEvents` operation the CLI calls. Errors are
/// named by the `x-amzn-ErrorType` header (botocore's REST-JSON parser reads it first) and
/// `{"__type", "message"}` in the body; a request that does not have the model's shape (a missing
/// member, a body that is not `{"auditEvents": [...]}`) is a `ValidationException`.
public struct CloudTrailDataHandler: ProtocolHandler {
  let environment: ServerEnvironment
  let pool = ServicesPool()

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
    // A little over the 1 MB of eventData a call may carry, for the JSON around it.
    guard request.body.count <= 2 << 20 else {
      return Self.error(
        "ValidationException",
        "The request body is larger than a PutAuditEvents call may be (1 MB of events).",
        status: 413, requestID: requestID)
    }
    guard let body = try? JSONValue(parsing: request.body), case .array? = body["auditEvents"],
      let events = try? ShapeDecoder().decode(
        [AuditEvent].self, from: Data(body["auditEvents"]!.compactText().utf8))
    else {
      return Self.error(
        "ValidationException",
        "The body must be a JSON object with an auditEvents array of {id, eventData[, eventDataChecksum]}.",
        requestID: requestID)
    }
    let input = PutAuditEventsRequest(
      auditEvents: events, channelArn: channel, externalId: request.query("externalId"))
    let context = environment.context(for: caller)
    let (pool, writer) = (pool, environment.auditEvents)
    // PutAuditEvents calls are data events of their channel (G:DE): recorded as such, with the
    // channel and external id as request parameters (not the events, which the channel's stores hold).
    let (ticket, time) = environment.recorder.begin()
    var call = RecordedCall(
      eventSource: "cloudtrail-data.amazonaws.com", eventName: "PutAuditEvents", caller: caller, time: time,
      requestID: requestID,
      requestParameters: .object(
        [("channelArn", .string(channel))]
          + (input.externalId.map { [(key: "externalId", value: JSONValue.string($0))] } ?? [])),
      readOnly: false)
    call.dataResource = ("AWS::CloudTrail::Channel", channel)
    let answer: ServerResponse
    do {
      let response = try await environment.work.run {
        try pool.withServices(context) { services in
          services.auditEventWriter = writer
          return try ShapeEncoder(.epochSeconds).encode(PutAuditEvents.perform(input, with: services))
        }
      }
      answer = ServerResponse(
        status: 200, headers: [("Content-Type", "application/json"), ("x-amzn-RequestId", requestID)],
        body: Data(response.compactText().utf8))
    } catch let error as ServiceError {
      call.errorCode = error.exceptionName
      call.errorMessage = error.message
      let status =
        error.exceptionName == "ChannelNotFound" ? 404 : error.exceptionName == "InternalFailure" ? 500 : 400
      answer = Self.error(error.exceptionName, error.message, status: status, requestID: requestID)
    } catch {
      call.errorCode = "InternalFailure"
      call.errorMessage = "\(error)"
      answer = Self.error("InternalFailure", "\(error)", status: 500, requestID: requestID)
    }
    environment.recorder.record(call, ticket: ticket)
    return answer
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
