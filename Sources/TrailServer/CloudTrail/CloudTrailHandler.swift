import Foundation
import TrailCore

/// CloudTrail's AWS JSON 1.1 protocol: `POST /` with `X-Amz-Target: CloudTrail_20131101.<Op>` (or the
/// long `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.<Op>`), the input shape as JSON, the
/// output shape back with timestamps as epoch seconds and blobs in base64; errors
/// `{"__type": "XException", "message": "…"}` with status 400 (500 for TrailDeck's own failures).
///
/// The body is checked against the model (`RequestValidation`), decoded into the operation's request
/// and performed by the same `ServiceOperation.perform` the CLI calls, on the blocking-work pool.
/// Every call to an operation is recorded as a CloudTrail management event; with `--throttle`, calls
/// over CloudTrail's quotas are refused with `ThrottlingException` (`RequestThrottle`) and recorded too.
public struct CloudTrailHandler: ProtocolHandler {
  let environment: ServerEnvironment
  let table = OperationTable.cloudTrail
  let validation = RequestValidation(model: .cloudTrail)
  let pool = ServicesPool()

  /// The largest request body accepted: CloudTrail does not publish one, and the largest request the
  /// model allows (five advanced selectors of 500 values) is far below it.
  public static let maximumBodyBytes = 1 << 20

  public init(environment: ServerEnvironment) { self.environment = environment }

  public func handle(_ request: ServerRequest, caller: Caller) async -> ServerResponse {
    let requestID = UUID().uuidString.lowercased()
    guard request.method == "POST" else {
      return Self.error(
        ServiceError(
          "UnknownOperationException", "CloudTrail's JSON API takes POST /; got \(request.method)."),
        requestID: requestID)
    }
    guard let name = Self.operationName(request.header("x-amz-target")) else {
      let target = request.header("x-amz-target") ?? "(none)"
      return Self.error(
        ServiceError(
          "UnknownOperationException",
          "X-Amz-Target \(target) names no operation; expected CloudTrail_20131101.<Operation>."),
        requestID: requestID)
    }
    guard request.body.count <= Self.maximumBodyBytes else {
      return Self.error(
        ServiceError(
          "ValidationException",
          "The request body is larger than \(Self.maximumBodyBytes) bytes, the most CloudTrail's API takes."
        ),
        status: 413, requestID: requestID)
    }
    let (ticket, time) = environment.recorder.begin()
    var call = RecordedCall(
      eventSource: "cloudtrail.amazonaws.com", eventName: name, caller: caller, time: time,
      requestID: requestID, readOnly: RecordedCall.isReadOnly(name))
    let response: ServerResponse
    do {
      let body = try Self.parseBody(request.body)
      call.requestParameters = Self.recorded(body)
      let result = try await perform(name, body: body, caller: caller)
      if !call.readOnly { call.responseElements = Self.recorded(result) }
      response = ServerResponse(
        status: 200,
        headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID)],
        body: Data(result.compactText().utf8))
    } catch let error as ServiceError {
      call.errorCode = error.exceptionName
      call.errorMessage = error.message
      response = Self.error(error, requestID: requestID)
    } catch {
      call.errorCode = "InternalFailure"
      call.errorMessage = "\(error)"
      response = Self.error(ServiceError("InternalFailure", "\(error)"), status: 500, requestID: requestID)
    }
    if table[name] != nil {
      environment.recorder.record(call, ticket: ticket)
    } else {
      environment.recorder.abandon(ticket)
    }
    return response
  }

  /// Validates, decodes and performs operation `name` on the blocking-work pool.
  func perform(_ name: String, body: JSONValue, caller: Caller) async throws -> JSONValue {
    guard let entry = table[name] else {
      guard ServiceModel.cloudTrail.operations[name] != nil else {
        throw ServiceError("UnknownOperationException", "CloudTrail has no operation \(name).")
      }
      throw ServiceError(
        "UnsupportedOperationException",
        "TrailDeck does not implement \(name) yet (its issue adds it); the operations served are: "
          + table.entries.keys.sorted().joined(separator: ", ") + ".")
    }
    try environment.throttle?.admit(name, account: caller.account, region: caller.region)
    try validation.validate(body, operation: name)
    let context = environment.context(for: caller)
    let pool = pool
    return try await environment.work.run {
      try pool.withServices(context) { services in try entry.call(body, services) }
    }
  }

  /// The operation named by an `X-Amz-Target` header, in its short or long form.
  static func operationName(_ target: String?) -> String? {
    guard let target else { return nil }
    for prefix in ["com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", "CloudTrail_20131101."]
    where target.hasPrefix(prefix) {
      let name = String(target.dropFirst(prefix.count))
      return name.isEmpty ? nil : name
    }
    return nil
  }

  /// The body as JSON; an empty body is `{}` (as botocore sends for operations without input).
  static func parseBody(_ body: Data) throws(ServiceError) -> JSONValue {
    if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object([]) }
    do {
      return try JSONValue(parsing: body)
    } catch {
      throw ServiceError("SerializationException", "The request body is not JSON: \(error).")
    }
  }

  /// The JSON 1.1 error response.
  static func error(_ error: ServiceError, status: Int = 400, requestID: String) -> ServerResponse {
    let body = JSONValue.object([
      ("__type", .string(error.exceptionName)), ("message", .string(error.message)),
    ])
    return ServerResponse(
      status: status,
      headers: [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", requestID)],
      body: Data(body.compactText().utf8))
  }

  /// A request or response as CloudTrail records it: member names in lower camel case.
  static func recorded(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let members):
      .object(members.map { (key: RequestValidation.lowerCamel($0.key), value: recorded($0.value)) })
    case .array(let items): .array(items.map(recorded))
    default: value
    }
  }
}
