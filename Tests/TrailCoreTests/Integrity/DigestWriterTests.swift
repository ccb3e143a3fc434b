import Crypto
import Foundation
import Testing

@testable import TrailCore

@Suite("DigestWriter")
struct DigestWriterTests {
  struct Layout: Sendable, CustomStringConvertible {
    var trail: DigestTrail
    var key: String
    var description: String { key }
  }

  static let end = Date(timeIntervalSince1970: 1_439_823_691)  // 2015-08-17T15:01:31Z, as G:DFS's example

  @Test(
    arguments: [
      Layout(
        trail: DigestTrail(
          accountID: "111122223333", trailName: "your-trail-name", homeRegion: "us-east-2", bucket: "b"),
        key: "AWSLogs/111122223333/CloudTrail-Digest/us-east-2/2015/08/17/"
          + "111122223333_CloudTrail-Digest_us-east-2_your-trail-name_us-east-2_20150817T150131Z.json.gz"),
      Layout(
        trail: DigestTrail(
          accountID: "111122223333", trailName: "t", homeRegion: "us-east-1", region: "eu-west-1",
          bucket: "b",
          keyPrefix: "pre/fix"),
        key: "pre/fix/AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2015/08/17/"
          + "111122223333_CloudTrail-Digest_eu-west-1_t_us-east-1_20150817T150131Z.json.gz"),
      Layout(
        trail: DigestTrail(
          accountID: "444455556666", organizationID: "o-exampleorgid", trailName: "org",
          homeRegion: "us-east-1",
          bucket: "b", keyPrefix: ""),
        key: "AWSLogs/o-exampleorgid/444455556666/CloudTrail-Digest/us-east-1/2015/08/17/"
          + "444455556666_CloudTrail-Digest_us-east-1_org_us-east-1_20150817T150131Z.json.gz"),
    ])
  func keyLayout(_ layout: Layout) {
    #expect(DigestKeys.digestKey(layout.trail, end: Self.end) == layout.key)
  }

  /// The user guide's example digest, for its member order.
  static func example() throws -> JSONValue {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Fixtures/aws-cloudtrail-user-guide-digest/digest-example.json")
    let text = try String(contentsOf: fixture, encoding: .utf8)
    return try JSONValue(parsing: text)
  }

  /// The digest at `state`, inflated and parsed, with its metadata.
  static func read(_ state: DigestChainState, _ scratch: IntegrityScratch) throws -> (
    JSONValue, [UInt8], ObjectMetadata
  ) {
    let object = try scratch.folder.get(bucket: state.bucket, key: state.key)
    let bytes = try Gzip.inflate(object.bytes, path: state.key)
    return (try JSONValue(parsing: bytes), bytes, object.metadata)
  }

  @Test func digestHasEveryFieldInAWSOrderAndASignatureThatVerifies() throws {
    let scratch = try IntegrityScratch()
    let log = try scratch.deliverLog(at: IntegrityScratch.origin.addingTimeInterval(-600), records: 3)
    let state = try scratch.writer.write(
      trail: IntegrityScratch.trail, previous: nil, start: IntegrityScratch.origin.addingTimeInterval(-3600),
      end: IntegrityScratch.origin, logFiles: [log])
    let (json, bytes, metadata) = try Self.read(state, scratch)
    let example = try Self.example()
    #expect(json.keys == example.keys)
    guard case .array(let files)? = json["logFiles"], case .array(let exampleFiles)? = example["logFiles"]
    else {
      Issue.record("logFiles missing")
      return
    }
    #expect(files.first?.keys == exampleFiles.first?.keys)
    #expect(json["digestStartTime"] == .string("2024-03-01T11:07:28Z"))
    #expect(json["digestEndTime"] == .string("2024-03-01T12:07:28Z"))
    #expect(json["digestS3Object"] == .string(state.key))
    #expect(json["newestEventTime"] == .string("2024-03-01T11:57:28Z"))
    #expect(json["oldestEventTime"] == .string("2024-03-01T11:55:28Z"))
    #expect(files.first?["hashValue"] == .string(log.sha256Hex))
    #expect(state.hashHex == SHA256.hash(data: bytes).hex)
    #expect(metadata.user == ["signature": state.signatureHex, "signature-algorithm": "SHA256withRSA"])
    #expect(metadata.kmsKeyID == nil)

    let key = try scratch.ring.currentKey(region: "us-east-1").publicKey
    #expect(json["digestPublicKeyFingerprint"] == .string(key.fingerprint))
    let signed = "2024-03-01T12:07:28Z\ntrail-bucket/\(state.key)\n\(state.hashHex)\nnull"
    #expect(key.isValidSignature(try #require([UInt8](hex: state.signatureHex)), for: Array(signed.utf8)))
  }

  @Test func startingDigestHasNullLinksAndTheNextLinksToIt() throws {
    let scratch = try IntegrityScratch()
    let first = try scratch.writer.write(
      trail: IntegrityScratch.trail, previous: nil, start: IntegrityScratch.origin.addingTimeInterval(-3600),
      end: IntegrityScratch.origin, logFiles: [])
    let (firstJSON, _, _) = try Self.read(first, scratch)
    for field in [
      "previousDigestS3Bucket", "previousDigestS3Object", "previousDigestHashValue",
      "previousDigestHashAlgorithm",
      "previousDigestSignature",
    ] {
      #expect(firstJSON[field] == .null, "\(field)")
    }
    scratch.clock.advance(by: 3600)
    let second = try scratch.writer.write(
      trail: IntegrityScratch.trail, previous: first, start: IntegrityScratch.origin,
      end: scratch.clock.now(), logFiles: [])
    let (json, _, _) = try Self.read(second, scratch)
    #expect(json["previousDigestS3Bucket"] == .string(first.bucket))
    #expect(json["previousDigestS3Object"] == .string(first.key))
    #expect(json["previousDigestHashValue"] == .string(first.hashHex))
    #expect(json["previousDigestHashAlgorithm"] == .string("SHA-256"))
    #expect(json["previousDigestSignature"] == .string(first.signatureHex))
    let key = try scratch.ring.currentKey(region: "us-east-1").publicKey
    let signed = "2024-03-01T13:07:28Z\ntrail-bucket/\(second.key)\n\(second.hashHex)\n\(first.signatureHex)"
    #expect(key.isValidSignature(try #require([UInt8](hex: second.signatureHex)), for: Array(signed.utf8)))
  }

  @Test func emptyDigestHasNoFilesAndNullEventTimes() throws {
    let scratch = try IntegrityScratch()
    let state = try scratch.writer.write(
      trail: IntegrityScratch.trail, previous: nil, start: IntegrityScratch.origin.addingTimeInterval(-3600),
      end: IntegrityScratch.origin, logFiles: [])
    let (json, _, _) = try Self.read(state, scratch)
    #expect(json["logFiles"] == .array([]))
    #expect(json["newestEventTime"] == .null)
    #expect(json["oldestEventTime"] == .null)
  }

  @Test func digestsAfterRotationNameTheNewKey() throws {
    let scratch = try IntegrityScratch()
    let first = try scratch.writer.write(
      trail: IntegrityScratch.trail, previous: nil, start: IntegrityScratch.origin.addingTimeInterval(-3600),
      end: IntegrityScratch.origin, logFiles: [])
    scratch.clock.advance(by: 31 * 86_400)
    let later = try scratch.writer.write(
      trail: IntegrityScratch.trail, previous: first, start: scratch.clock.now().addingTimeInterval(-3600),
      end: scratch.clock.now(), logFiles: [])
    let (a, _, _) = try Self.read(first, scratch)
    let (b, _, _) = try Self.read(later, scratch)
    #expect(a["digestPublicKeyFingerprint"] != b["digestPublicKeyFingerprint"])
    let keys = try scratch.ring.publicKeys(
      region: "us-east-1", from: IntegrityScratch.origin, to: scratch.clock.now())
    #expect(
      keys.map { JSONValue.string($0.fingerprint) } == [
        b["digestPublicKeyFingerprint"]!, a["digestPublicKeyFingerprint"]!,
      ])
  }

  @Test func missingBucketIsNoSuchBucket() throws {
    let scratch = try IntegrityScratch()
    var trail = IntegrityScratch.trail
    trail.bucket = "gone"
    let error = #expect(throws: BucketError.self) {
      try scratch.writer.write(
        trail: trail, previous: nil, start: IntegrityScratch.origin, end: IntegrityScratch.origin,
        logFiles: [])
    }
    #expect(error?.code == "NoSuchBucket")
  }
}
