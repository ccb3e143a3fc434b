import Crypto
import Foundation

/// How TrailDeck keeps an SSE-KMS object at rest: envelope encryption, as S3 does with KMS.
///
/// Each object gets a fresh 256-bit data key; the object's bytes are sealed with it (AES-256-GCM), and
/// the data key is sealed with the ring's key (AES-256-GCM, which is what KMS's `GenerateDataKey`
/// gives S3 back as the "encrypted data key"). The file holds, in order:
///
/// | bytes | field |
/// |---|---|
/// | 4 | magic `TDKM` (`54 44 4B 4D`; a gzip starts `1F 8B`, so the two are never confused) |
/// | 1 | version, `1` |
/// | 1 | length N of the key id |
/// | N | the ring key's id (a UUID, ASCII) |
/// | 1 | length W of the wrapped data key (60) |
/// | W | the wrapped data key: nonce (12) ‖ ciphertext (32) ‖ tag (16), with the key id as associated data |
/// | 12 | the nonce of the object's ciphertext |
/// | rest | the object's ciphertext ‖ tag (16), with every byte before the nonce's end as associated data |
///
/// The associated data binds the key id and the wrapped key to the ciphertext: a header edited to
/// point at another key fails authentication instead of decrypting to garbage.
public enum KmsEnvelope {
  /// The first four bytes of an encrypted object.
  public static let magic: [UInt8] = Array("TDKM".utf8)
  /// The format's version byte.
  public static let version: UInt8 = 1

  /// Whether `bytes` are an envelope (by the magic bytes and version, as gzip is told by its own).
  public static func isEnvelope(_ bytes: [UInt8]) -> Bool {
    bytes.count > 5 && Array(bytes[0..<4]) == magic && bytes[4] == version
  }

  /// `plaintext` sealed for `key`: a fresh data key, wrapped by `key`.
  public static func seal(_ plaintext: [UInt8], with key: KmsKey) throws -> [UInt8] {
    let dataKey = SymmetricKey(size: .bits256)
    let keyID = Array(key.keyId.utf8)
    let wrapped = try AES.GCM.seal(
      dataKey.withUnsafeBytes { Data($0) }, using: SymmetricKey(data: key.materialBytes),
      authenticating: keyID
    ).combined!
    let nonce = AES.GCM.Nonce()
    var header = magic + [version, UInt8(keyID.count)] + keyID + [UInt8(wrapped.count)] + [UInt8](wrapped)
    header += nonce.withUnsafeBytes { [UInt8]($0) }
    let sealed = try AES.GCM.seal(plaintext, using: dataKey, nonce: nonce, authenticating: header)
    return header + [UInt8](sealed.ciphertext) + [UInt8](sealed.tag)
  }

  /// The id of the ring key an envelope was sealed for, or nil when the header is cut short.
  public static func keyID(of bytes: [UInt8]) -> String? {
    guard isEnvelope(bytes), bytes.count > 6 else { return nil }
    let length = Int(bytes[5])
    guard bytes.count >= 6 + length else { return nil }
    return String(decoding: bytes[6..<(6 + length)], as: UTF8.self)
  }

  /// The plaintext of an envelope, with its key from `ring`.
  ///
  /// - Throws: `KmsError` — `NotFoundException` (the key is not in the ring), `DisabledException`,
  ///   `InvalidCiphertextException` (cut short or altered).
  public static func open(_ bytes: [UInt8], ring: KmsKeyRing) throws(KmsError) -> [UInt8] {
    func invalid(_ why: String, _ keyID: String?) -> KmsError {
      KmsError(
        code: "InvalidCiphertextException", keyId: keyID, message: "The SSE-KMS object is damaged: \(why).")
    }
    guard let keyID = keyID(of: bytes) else { throw invalid("its header is cut short", nil) }
    guard let key = ring.key(id: keyID) else {
      throw KmsError(
        code: "NotFoundException", keyId: keyID,
        message: "KMS key \(keyID) is not in TrailDeck's key ring (\(ring.directory)).")
    }
    guard key.enabled else {
      throw KmsError(code: "DisabledException", keyId: keyID, message: "KMS key \(key.arn) is disabled.")
    }
    var offset = 6 + keyID.utf8.count
    guard offset < bytes.count else { throw invalid("its header is cut short", keyID) }
    let wrappedLength = Int(bytes[offset])
    offset += 1
    let nonceEnd = offset + wrappedLength + 12
    guard nonceEnd + 16 <= bytes.count else { throw invalid("its header is cut short", keyID) }
    do {
      let wrapped = try AES.GCM.SealedBox(combined: bytes[offset..<(offset + wrappedLength)])
      let dataKey = try AES.GCM.open(
        wrapped, using: SymmetricKey(data: key.materialBytes), authenticating: Array(keyID.utf8))
      let box = try AES.GCM.SealedBox(
        nonce: AES.GCM.Nonce(data: bytes[(nonceEnd - 12)..<nonceEnd]),
        ciphertext: bytes[nonceEnd..<(bytes.count - 16)], tag: bytes[(bytes.count - 16)...])
      return [UInt8](
        try AES.GCM.open(box, using: SymmetricKey(data: dataKey), authenticating: bytes[0..<nonceEnd]))
    } catch {
      throw invalid("authentication failed (\(error))", keyID)
    }
  }
}
