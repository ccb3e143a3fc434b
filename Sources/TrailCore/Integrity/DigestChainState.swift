/// What the next digest needs of the previous one: its location, the SHA-256 of its uncompressed
/// bytes, and its signature (the `previousDigest*` fields). nil stands for "no previous digest": the
/// next one is a starting digest with null links.
public struct DigestChainState: Equatable, Sendable, Codable {
  /// The bucket of the previous digest.
  public var bucket: String
  /// Its key.
  public var key: String
  /// Lower-case hex SHA-256 of its uncompressed JSON.
  public var hashHex: String
  /// Its signature, lower-case hex.
  public var signatureHex: String

  public init(bucket: String, key: String, hashHex: String, signatureHex: String) {
    self.bucket = bucket
    self.key = key
    self.hashHex = hashHex
    self.signatureHex = signatureHex
  }
}
