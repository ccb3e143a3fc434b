import Crypto
import Foundation

/// NextTokens of GetQueryResults and ListQueries: the offset of the next row, signed with the store's
/// secret and bound to the request (the query, or the list's filters), so a token from elsewhere is
/// InvalidNextTokenException.
struct LakeQueryTokens {
  let tokens: NextToken

  init(connection: SQLiteConnection) throws {
    let statement = try connection.prepare("SELECT value FROM meta WHERE key = 'token_secret'")
    let secret = try statement.step() ? statement.text(0) ?? "" : ""
    tokens = NextToken(key: SymmetricKey(data: Data(("lake-queries:" + secret).utf8)))
  }

  func make(offset: Int, boundTo parts: [String]) -> String {
    tokens.make(rowID: Int64(offset), fingerprint: Self.fingerprint(parts))
  }

  /// The offset in `token`.
  /// - Throws: `InvalidNextTokenException` for a token not made for `parts`.
  func offset(_ token: String, boundTo parts: [String]) throws(ServiceError) -> Int {
    guard let offset = tokens.read(token, fingerprint: Self.fingerprint(parts)), offset >= 0 else {
      throw ServiceError(
        "InvalidNextTokenException",
        "The NextToken is not valid for this request: pass the NextToken of the previous page of the same request."
      )
    }
    return Int(offset)
  }

  static func fingerprint(_ parts: [String]) -> UInt64 {
    let digest = SHA256.hash(data: Data(parts.joined(separator: "\u{1}").utf8))
    return Array(digest).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
  }
}
