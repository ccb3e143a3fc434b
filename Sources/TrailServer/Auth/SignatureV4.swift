import Crypto
import Foundation
import TrailCore

/// AWS Signature Version 4, as the aws CLI, boto3 and the SDKs sign requests: the parts of an
/// `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header (or of a
/// presigned URL's `X-Amz-*` query items), and the signature recomputed from a secret key.
///
/// The credential scope (`AKID/20261204/us-east-1/cloudtrail/aws4_request`) names the service the
/// request is for and the caller's region, which is how one port tells CloudTrail, S3 and SNS apart.
public struct SignatureV4: Sendable, Equatable {
  public var accessKeyID: String
  /// `YYYYMMDD` of the scope.
  public var date: String
  public var region: String
  /// `cloudtrail`, `cloudtrail-data`, `s3`, `sns`.
  public var service: String
  /// Lower-case header names, in the order signed (sorted, as clients send them).
  public var signedHeaders: [String]
  /// The hex signature the client sent.
  public var signature: String
  /// Whether it came from the query string (a presigned URL) rather than the header.
  public var isPresigned: Bool

  /// Why a request's signature is not usable; each protocol names these its own way.
  public enum Problem: Error, Equatable, Sendable {
    /// No `Authorization` header and no presigned query.
    case missing
    /// The header or query is there but malformed: what is wrong.
    case incomplete(String)
    /// The access key id is not in the credentials file.
    case unknownKey(String)
    /// The signature does not match the one computed with the key's secret.
    case mismatch
  }

  /// The signature of `request`, from its `Authorization` header or presigned query; `.missing` when
  /// it has neither.
  public static func parse(_ request: ServerRequest) throws(Problem) -> SignatureV4 {
    if let header = request.header("authorization") { return try parse(header: header) }
    if request.query("X-Amz-Algorithm") != nil { return try parse(presigned: request) }
    throw .missing
  }

  static func parse(header: String) throws(Problem) -> SignatureV4 {
    let algorithm = "AWS4-HMAC-SHA256"
    guard header.hasPrefix(algorithm + " ") else {
      throw .incomplete("Authorization header must start with \(algorithm); got '\(header.prefix(30))'.")
    }
    var fields: [String: String] = [:]
    for part in header.dropFirst(algorithm.count + 1).split(separator: ",") {
      let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
      if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
    }
    for name in ["Credential", "SignedHeaders", "Signature"] where fields[name] == nil {
      throw .incomplete(
        "Authorization header requires '\(name)' parameter. Authorization=\(algorithm) \(header.dropFirst(algorithm.count + 1))"
      )
    }
    return try make(
      credential: fields["Credential"]!, signedHeaders: fields["SignedHeaders"]!,
      signature: fields["Signature"]!,
      presigned: false)
  }

  static func parse(presigned request: ServerRequest) throws(Problem) -> SignatureV4 {
    guard request.query("X-Amz-Algorithm") == "AWS4-HMAC-SHA256" else {
      throw .incomplete("X-Amz-Algorithm must be AWS4-HMAC-SHA256.")
    }
    var values: [String] = []
    for name in ["X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature"] {
      guard let value = request.query(name) else { throw .incomplete("The query is missing \(name).") }
      values.append(value)
    }
    return try make(credential: values[0], signedHeaders: values[1], signature: values[2], presigned: true)
  }

  static func make(credential: String, signedHeaders: String, signature: String, presigned: Bool)
    throws(Problem) -> SignatureV4
  {
    let scope = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard scope.count == 5, scope[4] == "aws4_request", !scope[0].isEmpty, scope[1].count == 8 else {
      throw .incomplete(
        "Credential should be scoped to a valid region, service and date: 'KEY/YYYYMMDD/REGION/SERVICE/aws4_request'; got '\(credential)'."
      )
    }
    return SignatureV4(
      accessKeyID: scope[0], date: scope[1], region: scope[2], service: scope[3],
      signedHeaders: signedHeaders.split(separator: ";").map { $0.lowercased() }, signature: signature,
      isPresigned: presigned)
  }

  /// Checks the signature against `secret`: recomputes it from the request's method, path, query,
  /// signed headers and payload hash. The clock is not checked (TrailDeck's clock may be simulated,
  /// and a fixed `--now` must not refuse clients signing with the real time).
  public func verify(_ request: ServerRequest, secret: String) throws(Problem) {
    guard
      let amzDate = isPresigned
        ? request.query("X-Amz-Date") : request.header("x-amz-date") ?? request.header("date")
    else { throw .incomplete("The request has no X-Amz-Date.") }
    let expected = Self.signature(
      canonicalRequest: canonicalRequest(request), amzDate: amzDate, scope: scope, secret: secret, date: date,
      region: region, service: service)
    guard expected == signature.lowercased() else { throw .mismatch }
  }

  /// `DATE/REGION/SERVICE/aws4_request`.
  public var scope: String { "\(date)/\(region)/\(service)/aws4_request" }

  /// The canonical request SigV4 hashes: method, URI, sorted query, signed headers, payload hash.
  func canonicalRequest(_ request: ServerRequest) -> String {
    var pairs: [(name: String, value: String)] = []
    for item in request.queryItems where !(isPresigned && item.name == "X-Amz-Signature") {
      pairs.append((name: Self.encode(item.name), value: Self.encode(item.value)))
    }
    pairs.sort { $0.name == $1.name ? $0.value < $1.value : $0.name < $1.name }
    let query = pairs.map { $0.name + "=" + $0.value }.joined(separator: "&")
    let headers = signedHeaders.map { name in
      let values = name == "host" ? [request.header("host") ?? ""] : request.headerValues(name)
      return name + ":" + values.map(Self.trimmed).joined(separator: ",") + "\n"
    }.joined()
    let payload: String
    if let declared = request.header("x-amz-content-sha256") {
      payload = declared
    } else if isPresigned && service == "s3" {
      payload = "UNSIGNED-PAYLOAD"
    } else {
      payload = Array(SHA256.hash(data: request.body)).hex
    }
    return [
      request.method, canonicalURI(request.rawPath), query, headers, signedHeaders.joined(separator: ";"),
      payload,
    ]
    .joined(separator: "\n")
  }

  /// S3 signs the path as sent; every other service encodes the (already encoded) segments again,
  /// as botocore does.
  func canonicalURI(_ rawPath: String) -> String {
    let path = rawPath.isEmpty ? "/" : rawPath
    guard service != "s3" else { return path }
    return path.split(separator: "/", omittingEmptySubsequences: false).map { Self.encode(String($0)) }
      .joined(separator: "/")
  }

  static func signature(
    canonicalRequest: String, amzDate: String, scope: String, secret: String, date: String, region: String,
    service: String
  ) -> String {
    let stringToSign = [
      "AWS4-HMAC-SHA256", amzDate, scope, Array(SHA256.hash(data: Data(canonicalRequest.utf8))).hex,
    ].joined(separator: "\n")
    var key = SymmetricKey(data: Data(("AWS4" + secret).utf8))
    for part in [date, region, service, "aws4_request"] {
      key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
    }
    return Array(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key)).hex
  }

  /// RFC 3986 encoding of everything but unreserved characters, as SigV4 wants.
  static func encode(_ text: String) -> String {
    var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    allowed.insert(charactersIn: "-_.~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }

  /// A header value with surrounding blanks removed and inner runs of spaces collapsed.
  static func trimmed(_ value: String) -> String {
    value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
      .joined(separator: " ")
  }
}
