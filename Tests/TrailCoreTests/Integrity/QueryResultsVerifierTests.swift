import Crypto
import Foundation
import Testing

@testable import TrailCore

/// `verify-query-results` over a signed result folder: success, and each way the files or the sign
/// file can be tampered with, pinned to the aws CLI's message and exit status.
@Suite("Query results verification")
struct QueryResultsVerifierTests {
  static let prefix = "lake/AWSLogs/111122223333/CloudTrail-Lake/Query/2024/03/01/q1/"

  /// A bucket folder holding two gzip result files and their sign file, signed with the scratch
  /// store's us-east-1 key at the scratch clock's time.
  final class SignedResults {
    let scratch: IntegrityScratch
    var files: [(name: String, bytes: [UInt8])] = [
      ("result_1.csv.gz", Gzip.deflate(Array("eventname\r\nConsoleLogin\r\n".utf8))),
      ("result_2.csv.gz", Gzip.deflate(Array("eventname\r\nCreateBucket\r\n".utf8))),
    ]

    init() throws {
      scratch = try IntegrityScratch()
      for file in files { try put(file.name, file.bytes) }
      try writeSign(files.map { ($0.name, SHA256.hash(data: $0.bytes).hex) })
    }

    func put(_ name: String, _ bytes: [UInt8]) throws {
      try scratch.folder.put(
        bucket: IntegrityScratch.bucket, key: QueryResultsVerifierTests.prefix + name, bytes: bytes)
    }

    /// Writes a sign file listing `entries`, signed over their hashes unless `signature` is given.
    func writeSign(
      _ entries: [(name: String, hash: String)], fingerprint: String? = nil, signature: String? = nil
    ) throws {
      let key = try scratch.ring.currentKey(region: "us-east-1")
      let signed = try key.sign(Array(entries.map(\.hash).joined(separator: " ").utf8)).hex
      let sign = JSONValue.object([
        ("version", .string("1.0")), ("region", .string("us-east-1")),
        (
          "files",
          .array(
            entries.map { .object([("fileHashValue", .string($0.hash)), ("fileName", .string($0.name))]) })
        ),
        ("hashAlgorithm", .string("SHA-256")), ("signatureAlgorithm", .string("SHA256withRSA")),
        (
          "queryCompleteTime",
          .string(ISO8601Time.format(Int64(IntegrityScratch.origin.timeIntervalSince1970)))
        ),
        ("hashSignature", .string(signature ?? signed)),
        ("publicKeyFingerprint", .string(fingerprint ?? key.publicKey.fingerprint)),
      ])
      try put("result_sign.json", Array(sign.awsCLIText().utf8))
    }

    var hashes: [(name: String, hash: String)] { files.map { ($0.name, SHA256.hash(data: $0.bytes).hex) } }

    var verifier: QueryResultsVerifier {
      let ring = scratch.ring
      return QueryResultsVerifier(
        location: .bucket(scratch.folder, bucket: IntegrityScratch.bucket, prefix: String(prefix.dropLast())),
        publicKeys: { start, end in
          try ring.publicKeys(region: "us-east-1", from: start, to: end).map(PublicKey.init)
        })
    }

    var prefix: String { QueryResultsVerifierTests.prefix }

    /// The failure of the check, or nil when it passes.
    func failure() -> QueryResultsFailure? {
      do {
        try verifier.verify()
        return nil
      } catch {
        return error
      }
    }
  }

  @Test func intactResultsValidate() throws {
    let results = try SignedResults()
    var out = "", err = ""
    let status = results.verifier.run(standardOutput: { out += $0 }, standardError: { err += $0 })
    #expect(status == 0)
    #expect(out == "Successfully validated sign and query result files\n")
    #expect(err == "")
  }

  @Test func aChangedByteIsAHashMismatch() throws {
    let results = try SignedResults()
    var bytes = results.files[1].bytes
    bytes[bytes.count / 2] ^= 0x01
    try results.put("result_2.csv.gz", bytes)
    let expected = results.hashes[1].hash
    let computed = SHA256.hash(data: bytes).hex
    #expect(
      results.failure()
        == QueryResultsFailure(
          "ValidationError: File result_2.csv.gz has inconsistent hash value with hash value recorded in "
            + "sign file, hash value in sign file is \(expected) , but get \(computed)"))
  }

  @Test func aRemovedFileIsNamed() throws {
    let results = try SignedResults()
    try results.scratch.folder.delete(
      bucket: IntegrityScratch.bucket, key: results.prefix + "result_1.csv.gz")
    #expect(
      results.failure()
        == QueryResultsFailure(
          "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not "
            + "exist. (s3://trail-bucket/\(results.prefix)result_1.csv.gz)", exitStatus: 254))
  }

  @Test func anEntryDroppedFromTheSignFileBreaksTheSignature() throws {
    let results = try SignedResults()
    let key = try results.scratch.ring.currentKey(region: "us-east-1")
    let original = try key.sign(Array(results.hashes.map(\.hash).joined(separator: " ").utf8)).hex
    try results.writeSign([results.hashes[0]], signature: original)
    #expect(results.failure() == QueryResultsFailure("ValidationError: Invalid signature in sign file"))
  }

  @Test func anEntryAddedToTheSignFileForAFileThatIsNotThereIsNamed() throws {
    let results = try SignedResults()
    try results.writeSign(results.hashes + [("result_3.csv.gz", String(repeating: "0", count: 64))])
    #expect(
      results.failure()?.message.hasSuffix("(s3://trail-bucket/\(results.prefix)result_3.csv.gz)") == true)
    #expect(
      results.failure()?.message.hasPrefix("An error occurred (NoSuchKey) when calling the GetObject") == true
    )
  }

  @Test func aFileAddedToTheFolderIsCaught() throws {
    let results = try SignedResults()
    try results.put("result_3.csv.gz", Gzip.deflate(Array("eventname\r\nDeleteTrail\r\n".utf8)))
    #expect(
      results.failure()
        == QueryResultsFailure(
          "ValidationError: File result_3.csv.gz is in the result folder but not in the sign file"))
  }

  @Test func anEmptyFileListIsRefused() throws {
    let results = try SignedResults()
    try results.writeSign([])
    #expect(
      results.failure() == QueryResultsFailure("ValidationError: No export file was found in sign file."))
  }

  @Test func aFingerprintListPublicKeysDoesNotKnowIsRefused() throws {
    let results = try SignedResults()
    let wrong = "0123456789abcdef0123456789abcdef"
    try results.writeSign(results.hashes, fingerprint: wrong)
    #expect(
      results.failure() == QueryResultsFailure("No public keys found for key with fingerprint: \(wrong)"))
  }

  @Test func aSignatureOfOtherBytesIsInvalid() throws {
    let results = try SignedResults()
    let key = try results.scratch.ring.currentKey(region: "us-east-1")
    try results.writeSign(results.hashes, signature: try key.sign(Array("something else".utf8)).hex)
    #expect(results.failure() == QueryResultsFailure("ValidationError: Invalid signature in sign file"))
  }

  @Test func aSignatureThatIsNotHexIsRefusedAsPythonRefusesIt() throws {
    let results = try SignedResults()
    try results.writeSign(results.hashes, signature: "zz")
    #expect(results.failure() == QueryResultsFailure("Non-hexadecimal digit found"))
    try results.writeSign(results.hashes, signature: "abc")
    #expect(results.failure() == QueryResultsFailure("Odd-length string"))
  }

  @Test func aSignFileThatIsNotJSONIsAnInformationCollectionError() throws {
    let results = try SignedResults()
    try results.put("result_sign.json", Array("{not json".utf8))
    #expect(
      results.failure()?.message.hasPrefix(
        "InformationCollectionError: Unable to load result_sign.json file, due to ") == true)
  }

  @Test func aLocalDirectoryValidatesAndNamesAMissingFile() throws {
    let results = try SignedResults()
    let directory = results.scratch.folder.directory + "/" + IntegrityScratch.bucket + "/" + results.prefix
    let keys = results.verifier.publicKeys
    let local = QueryResultsVerifier(location: .local(directory: directory), publicKeys: keys)
    try local.verify()
    try FileManager.default.removeItem(atPath: directory + "result_2.csv.gz")
    #expect(throws: QueryResultsFailure("[Errno 2] No such file or directory: '\(directory)result_2.csv.gz'"))
    {
      try local.verify()
    }
  }

  @Test func theSigningKeyIsLookedUpFromQueryCompleteTimeForTwentyDays() throws {
    let results = try SignedResults()
    var asked: (Date, Date)?
    let ring = results.scratch.ring
    let verifier = QueryResultsVerifier(
      location: results.verifier.location,
      publicKeys: { start, end in
        asked = (start, end)
        return try ring.publicKeys(region: "us-east-1", from: start, to: end).map(PublicKey.init)
      })
    try verifier.verify()
    let origin = Date(timeIntervalSince1970: IntegrityScratch.origin.timeIntervalSince1970.rounded(.down))
    #expect(asked?.0 == origin)
    #expect(asked?.1 == origin.addingTimeInterval(20 * 86_400))
  }
}
