import Foundation

/// The JSON of one digest file (spec §6.1), every field in the order AWS writes them.
///
/// CloudTrail writes digests compactly; the user guide's examples are pretty-printed only for reading.
/// The bytes matter: validate-logs hashes the uncompressed file, and the next digest carries that hash.
enum DigestDocument {
  static let signatureAlgorithm = "SHA256withRSA"
  static let hashAlgorithm = "SHA-256"

  static func json(
    trail: DigestTrail, key: String, start: Date, end: Date, fingerprint: String, previous: DigestChainState?,
    logFiles: [DeliveredLogFile]
  ) -> JSONValue {
    func time(_ date: Date?) -> JSONValue { date.map { .string(ISO8601Time.format($0)) } ?? .null }
    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    let newest = logFiles.compactMap(\.newestEventTime).max()
    let oldest = logFiles.compactMap(\.oldestEventTime).min()
    let files: [JSONValue] = logFiles.map { file in
      .object([
        ("s3Bucket", .string(file.bucket)), ("s3Object", .string(file.key)),
        ("hashValue", .string(file.sha256Hex)),
        ("hashAlgorithm", .string(hashAlgorithm)), ("newestEventTime", time(file.newestEventTime)),
        ("oldestEventTime", time(file.oldestEventTime)),
      ])
    }
    return .object([
      ("awsAccountId", .string(trail.accountID)),
      ("digestStartTime", time(start)),
      ("digestEndTime", time(end)),
      ("digestS3Bucket", .string(trail.bucket)),
      ("digestS3Object", .string(key)),
      ("digestPublicKeyFingerprint", .string(fingerprint)),
      ("digestSignatureAlgorithm", .string(signatureAlgorithm)),
      ("newestEventTime", time(newest)),
      ("oldestEventTime", time(oldest)),
      ("previousDigestS3Bucket", text(previous?.bucket)),
      ("previousDigestS3Object", text(previous?.key)),
      ("previousDigestHashValue", text(previous?.hashHex)),
      ("previousDigestHashAlgorithm", previous == nil ? .null : .string(hashAlgorithm)),
      ("previousDigestSignature", text(previous?.signatureHex)),
      ("logFiles", .array(files)),
    ])
  }

  /// The text CloudTrail signs (spec §6.2): end time as written, location, hex SHA-256 of the
  /// uncompressed digest, previous signature or `null`; `\n` between, none at the end.
  static func stringToSign(
    endTime: String, bucket: String, key: String, hashHex: String, previousSignature: String?
  )
    -> String
  {
    "\(endTime)\n\(bucket)/\(key)\n\(hashHex)\n\(previousSignature ?? "null")"
  }
}
