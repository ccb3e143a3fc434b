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
      let xml =
        #"<?xml version="1.0" encoding="UTF-8"?><Error><Code>\#(s3.code)</Code><Message>\#(XMLText.escape(message))</Message><RequestId>\#(requestID)</RequestId></Error>"#
      return .text(
        xml, status: s3.status, contentType: "application/xml", headers: [("x-amz-request-id", requestID)])
    case "sns":
      let xml =
        #"<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>\#(query)</Code><Message>\#(XMLText.escape(message))</Message></Error><RequestId>\#(requestID)</RequestId></ErrorResponse>"#
      return .text(xml, status: status, contentType: "text/xml", headers: [("x-amzn-RequestId", requestID)])
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

/// Escaping for XML text and attribute values, shared by every XML protocol (S3, SNS): `&`, `<`, `>`
/// and `"` as entities (attributes are quoted with `"`, so `'` stays), and control characters other
/// than `\n` and `\t` (legal in S3 keys and policies, not in XML 1.0 text; a literal `\r` would be
/// read back as `\n`) as character references.
enum XMLText {
  static func escape(_ value: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "\n", "\t": escaped.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20: escaped += "&#\(scalar.value);"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}
