import Foundation
import TrailCore

/// Picks the protocol of each request and establishes its caller.
///
/// The service comes from the SigV4 credential scope (`…/us-east-1/cloudtrail/aws4_request`); an
/// unsigned request is told by its shape: an `X-Amz-Target` is CloudTrail's JSON, `/PutAuditEvents`
/// cloudtrail-data's REST-JSON, a form body with `Action=` SNS's query protocol, anything else S3. The
/// caller's region is the scope's. With a credentials file, signatures are verified and refused in
/// each protocol's own words; without one any signature is accepted and every caller is the default
/// account's root.
public struct ProtocolRouter: Sendable {
  /// The handlers by SigV4 service name (`cloudtrail`, `cloudtrail-data`, `s3`, `sns`).
  public var handlers: [String: any ProtocolHandler]
  /// Checks signatures when set.
  public var credentials: CredentialsFile?
  /// The account of callers the credentials file does not name.
  public var defaultAccount: String

  public init(handlers: [String: any ProtocolHandler], credentials: CredentialsFile?, defaultAccount: String)
  {
    self.handlers = handlers
    self.credentials = credentials
    self.defaultAccount = defaultAccount
  }

  /// Answers `request`.
  public func respond(_ request: ServerRequest) async -> ServerResponse {
    let signature: SignatureV4?
    var problem: SignatureV4.Problem?
    do {
      signature = try SignatureV4.parse(request)
    } catch {
      signature = nil
      problem = error
    }
    let service = signature?.service ?? Self.unsignedService(request)
    var caller = Caller(
      accessKeyID: signature?.accessKeyID ?? "", account: defaultAccount,
      region: signature?.region ?? StoreContext.defaultRegion, sourceIPAddress: request.remoteAddress,
      userAgent: request.header("user-agent") ?? "")
    if let credentials {
      do throws(SignatureV4.Problem) {
        if let problem { throw problem }
        guard let signature else { throw .missing }
        guard let entry = credentials.entries[signature.accessKeyID] else {
          throw .unknownKey(signature.accessKeyID)
        }
        try signature.verify(request, secret: entry.secret)
        caller.account = entry.account
        caller.userName = entry.userName
      } catch {
        return AuthenticationRefusal(problem: error, service: service).response
      }
    }
    guard let handler = handlers[service] else {
      return CloudTrailHandler.error(
        ServiceError(
          "UnknownServiceException",
          "TrailDeck serves \(handlers.keys.sorted().joined(separator: ", ")); this request is signed for '\(service)'."
        ), requestID: UUID().uuidString.lowercased())
    }
    return await handler.handle(request, caller: caller)
  }

  /// The service of a request without a signature, from its shape.
  static func unsignedService(_ request: ServerRequest) -> String {
    if request.header("x-amz-target") != nil { return "cloudtrail" }
    if request.path.hasPrefix("/PutAuditEvents") { return "cloudtrail-data" }
    if request.method == "POST", request.rawPath == "/",
      ServerRequest.formItems(String(decoding: request.body, as: UTF8.self)).contains(where: {
        $0.name == "Action"
      })
    {
      return "sns"
    }
    return "s3"
  }

  /// The most body bytes `request` may carry: an S3 object's limit for S3, CloudTrail's otherwise.
  public func bodyLimit(for request: ServerRequest) -> Int {
    service(of: request) == "s3" ? Self.maximumObjectBytes : CloudTrailHandler.maximumBodyBytes
  }

  /// The answer to a request whose body is over `bodyLimit`, in its protocol's words (the body is
  /// not read, so it is not held in memory either).
  public func tooLarge(_ request: ServerRequest) -> ServerResponse {
    let requestID = UUID().uuidString.lowercased()
    let limit = bodyLimit(for: request)
    switch service(of: request) {
    case "s3":
      let error = S3Error(
        "EntityTooLarge", status: 400,
        "Your proposed upload exceeds the maximum allowed size of \(limit) bytes.")
      return S3Handler.errorResponse(error, requestID: requestID, isHead: false)
    case "cloudtrail-data":
      return CloudTrailDataHandler.error(
        "ValidationException", "The request body is larger than \(limit) bytes.", status: 413,
        requestID: requestID)
    default:
      return CloudTrailHandler.error(
        ServiceError(
          "ValidationException",
          "The request body is larger than \(limit) bytes, the most CloudTrail's API takes."),
        status: 413, requestID: requestID)
    }
  }

  private func service(of request: ServerRequest) -> String {
    (try? SignatureV4.parse(request))?.service ?? Self.unsignedService(request)
  }

  /// The largest object PutObject stores (S3 itself takes 5 GiB in one PUT; TrailDeck's objects are
  /// log files and digests of a few megabytes).
  public static let maximumObjectBytes = 256 << 20
}
