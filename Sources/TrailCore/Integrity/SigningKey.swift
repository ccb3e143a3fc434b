import Crypto
import Foundation
import _CryptoExtras

/// A region's public digest-signing key, as ListPublicKeys returns it.
public struct PublicSigningKey: Equatable, Sendable {
  /// The region whose digests the key signs (CloudTrail keeps one key pair per region).
  public var region: String
  /// Lower-case hex MD5 of `der`: what a digest names in `digestPublicKeyFingerprint`.
  public var fingerprint: String
  /// The public key as DER PKCS#1 `RSAPublicKey` (ListPublicKeys' `Value`).
  public var der: [UInt8]
  /// Start of the window in which the key signs.
  public var validFrom: Date
  /// End (exclusive) of that window.
  public var validUntil: Date

  public init(region: String, der: [UInt8], validFrom: Date, validUntil: Date) {
    self.region = region
    self.fingerprint = Self.fingerprint(of: der)
    self.der = der
    self.validFrom = validFrom
    self.validUntil = validUntil
  }

  /// CloudTrail's fingerprint of a public key: hex MD5 of its DER bytes (spec §6.3, checked on G:CV's
  /// sample keys).
  public static func fingerprint(of der: [UInt8]) -> String {
    Insecure.MD5.hash(data: der).hex
  }

  /// Whether `signature` is a SHA256withRSA (PKCS#1 v1.5) signature of `message` by this key. A key that
  /// cannot be loaded verifies nothing.
  public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    Self.isValidSignature(signature, for: message, publicKeyDER: der)
  }

  /// Whether `signature` is a SHA256withRSA signature of `message` by the key `publicKeyDER` (DER
  /// PKCS#1 or X.509, as ListPublicKeys' `Value`), for checks that have only the key's bytes.
  public static func isValidSignature(_ signature: [UInt8], for message: [UInt8], publicKeyDER: [UInt8])
    -> Bool
  {
    guard let key = try? loadPublicKey(publicKeyDER) else { return false }
    return key.isValidSignature(
      _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message),
      padding: .insecurePKCS1v1_5)
  }

  /// Loads DER PKCS#1 or X.509 SubjectPublicKeyInfo (G:CV's sample holds both kinds).
  static func loadPublicKey(_ der: [UInt8]) throws -> _RSA.Signing.PublicKey {
    try _RSA.Signing.PublicKey(derRepresentation: der)
  }
}

/// A region's key pair: the private half signs digests; only `publicKey` ever leaves the store.
public struct SigningKey: Sendable {
  /// The public half and its validity window.
  public let publicKey: PublicSigningKey
  let privateKey: _RSA.Signing.PrivateKey

  init(publicKey: PublicSigningKey, privateKey: _RSA.Signing.PrivateKey) {
    self.publicKey = publicKey
    self.privateKey = privateKey
  }

  /// SHA256withRSA: RSA PKCS#1 v1.5 over the SHA-256 of `message`, as CloudTrail signs digests.
  public func sign(_ message: [UInt8]) throws -> [UInt8] {
    let signature = try privateKey.signature(for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
    return [UInt8](signature.rawRepresentation)
  }
}
