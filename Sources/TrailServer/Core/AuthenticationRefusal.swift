import Foundation
import TrailCore

/// A refused signature in the words of the protocol the request was for, as AWS names them:
///
/// | problem | CloudTrail (JSON) | S3 | SNS (query) |
/// |---|---|---|---|
/// | unsigned | MissingAuthenticationTokenException 403 | AccessDenied 403 | MissingAuthenticationToken 403 |
/// | malformed | IncompleteSignatureException 400 | AuthorizationHeaderMalformed 400 | IncompleteSignature 400 |
/// | unknown key | UnrecognizedClientException 400 | InvalidAccessKeyId 403 | InvalidClientTokenId 403 |
/// | bad signature | InvalidSignatureException 400 | SignatureDoesNotMatch 403 | SignatureDoesNotMatch 403 |
struct AuthenticationRefusal {
  var problem: SignatureV4.Problem
  var service: String

  static let mismatchMessage =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

  var response: ServerResponse {
    let requestID = UUID().uuidString.lowercased()
    let (json, s3, query, status, message) = names
    switch service {
    case "s3":
      var answer = S3Handler.errorResponse(
        S3Error(s3.code, status: s3.status, message), requestID: requestID, isHead: false)
      answer.headers.append((name: "x-amz-request-id", value: requestID))
      return answer
    case "sns":
      return .text(
        SNSXML.error(code: query, message: message, requestID: requestID), status: status,
        contentType: "text/xml", headers: [("x-amzn-RequestId", requestID)])
    default:
      return CloudTrailHandler.error(ServiceError(json, message), status: status, requestID: requestID)
    }
  }

  /// The JSON name, S3's code and status, the query protocol's code, the JSON/query status, the message.
  private var names: (String, (code: String, status: Int), String, Int, String) {
    switch problem {
    case .missing:
      (
        "MissingAuthenticationTokenException", ("AccessDenied", 403), "MissingAuthenticationToken", 403,
        "Missing Authentication Token: the request must be signed (SigV4) with a key of the server's credentials file."
      )
    case .incomplete(let why):
      ("IncompleteSignatureException", ("AuthorizationHeaderMalformed", 400), "IncompleteSignature", 400, why)
    case .unknownKey(let key):
      (
        "UnrecognizedClientException", ("InvalidAccessKeyId", 403), "InvalidClientTokenId", 400,
        "The security token included in the request is invalid: access key id \(key) is not in the server's credentials file."
      )
    case .mismatch:
      (
        "InvalidSignatureException", ("SignatureDoesNotMatch", 403), "SignatureDoesNotMatch", 400,
        Self.mismatchMessage
      )
    }
  }
}
