import Crypto
import Foundation

/// LookupEvents' `NextToken`: opaque to callers, but signed, so a tampered token, a token from another
/// database, or one replayed with other parameters is refused with `InvalidNextTokenException`.
///
/// Layout: base64url(version 1 · rowID (8 bytes) · fingerprint (8 bytes) · HMAC-SHA256 (16 bytes)).
/// The fingerprint covers every request member except `MaxResults` and `NextToken` (the aws CLI keeps
/// those parameters identical from page to page; the page size may change).
struct NextToken {
  let key: SymmetricKey

  func make(rowID: Int64, fingerprint: UInt64) -> String {
    var bytes: [UInt8] = [1]
    bytes += withUnsafeBytes(of: rowID.bigEndian, Array.init)
    bytes += withUnsafeBytes(of: fingerprint.bigEndian, Array.init)
    let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: key)
    bytes += Array(mac).prefix(16)
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// The row id to continue below, or nil when the token is not one of ours for this request.
  func read(_ token: String, fingerprint: UInt64) -> Int64? {
    var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    guard let data = Data(base64Encoded: base64), data.count == 33, data.first == 1 else { return nil }
    let bytes = [UInt8](data)
    let body = Array(bytes[0..<17])
    let mac = Array(HMAC<SHA256>.authenticationCode(for: body, using: key)).prefix(16)
    guard Array(mac) == Array(bytes[17..<33]) else { return nil }
    let rowID = bytes[1..<9].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    let print = bytes[9..<17].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    return print == fingerprint ? rowID : nil
  }

  static func fingerprint(of request: LookupRequest) -> UInt64 {
    var text = request.lookupAttributes.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: "\u{1}")
    text +=
      "|\(request.startTime?.timeIntervalSince1970 ?? -1)|\(request.endTime?.timeIntervalSince1970 ?? -1)"
    text += "|\(request.eventCategory ?? "")|\(request.region ?? "")"
    let digest = SHA256.hash(data: Data(text.utf8))
    return Array(digest).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
  }
}
