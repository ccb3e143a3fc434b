import Crypto
import Foundation

/// Writes a trail's hourly digest into its bucket (spec §6): the JSON listing the log files delivered in
/// the window, gzipped, at the §5.1 key, signed with the region's current key, the signature in the
/// object's metadata. Empty windows get a digest too (`logFiles: []`, null event times).
public struct DigestWriter {
  /// Where buckets are.
  public var folder: BucketFolder
  /// The keys that sign; its clock decides which key is current.
  public var keyRing: SigningKeyRing

  public init(folder: BucketFolder, keyRing: SigningKeyRing) {
    self.folder = folder
    self.keyRing = keyRing
  }

  /// Writes the digest of `logFiles`, delivered in `[start, end]` (whole seconds; fractions are
  /// dropped as the digest's timestamps have none) for `trail`, chained to `previous` (nil: a starting
  /// digest with null links), and returns the chain state the next digest needs.
  ///
  /// Digests are never KMS-encrypted, even for trails with a KMS key (G:KMS): their metadata says
  /// SSE-S3 (`AES256`).
  /// - Throws: `BucketError` (the bucket is missing or unwritable), or an error from signing.
  @discardableResult
  public func write(
    trail: DigestTrail, previous: DigestChainState?, start: Date, end: Date, logFiles: [DeliveredLogFile]
  ) throws -> DigestChainState {
    let key = DigestKeys.digestKey(trail, end: end)
    let signingKey = try keyRing.currentKey(region: trail.region)
    let document = DigestDocument.json(
      trail: trail, key: key, start: start, end: end, fingerprint: signingKey.publicKey.fingerprint,
      previous: previous, logFiles: logFiles)
    let bytes = Array(document.compactText().utf8)
    let hashHex = SHA256.hash(data: bytes).hex
    let toSign = DigestDocument.stringToSign(
      endTime: ISO8601Time.format(end), bucket: trail.bucket, key: key, hashHex: hashHex,
      previousSignature: previous?.signatureHex)
    let signatureHex = try signingKey.sign(Array(toSign.utf8)).hex
    let metadata = ObjectMetadata(
      contentType: "application/json", contentEncoding: "gzip", serverSideEncryption: "AES256",
      user: ["signature": signatureHex, "signature-algorithm": DigestDocument.signatureAlgorithm])
    try folder.put(bucket: trail.bucket, key: key, bytes: Gzip.deflate(bytes), metadata: metadata)
    return DigestChainState(bucket: trail.bucket, key: key, hashHex: hashHex, signatureHex: signatureHex)
  }
}
