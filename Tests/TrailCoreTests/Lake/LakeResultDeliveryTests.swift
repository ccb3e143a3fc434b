import Crypto
import Foundation
import Testing

@testable import TrailCore

/// Results delivered to StartQuery's DeliveryS3Uri: the gzip CSV and the sign file CloudTrail's
/// `verify-query-results` checks, and DescribeQuery's DeliveryStatus.
@Suite("Lake query result delivery")
struct LakeResultDeliveryTests {
  static func start(_ fixture: LakeQueryFixture, _ statement: String, uri: String) throws -> String {
    let response = try StartQuery.perform(
      StartQueryRequest(queryStatement: statement, deliveryS3Uri: uri), with: fixture.services())
    return try #require(response.queryId)
  }

  @Test func aFinishedQuerysRowsAndSignFileLandUnderThePrefix() throws {
    let fixture = try LakeQueryFixture()
    let id = try Self.start(fixture, "rows:4", uri: "s3://results/lake/")
    fixture.host.waitUntilEnded(id)
    #expect(try fixture.describe(id).deliveryStatus == "SUCCESS")

    let folder = "lake/AWSLogs/123456789012/CloudTrail-Lake/Query/2026/01/01/\(id)/"
    let buckets = BucketFolder(directory: fixture.buckets)
    #expect(try buckets.list(bucket: "results") == [folder + "result_1.csv.gz", folder + "result_sign.json"])
    let gzip = try buckets.get(bucket: "results", key: folder + "result_1.csv.gz").bytes
    let csv = String(decoding: try Gzip.inflate(gzip, path: "result_1.csv.gz"), as: UTF8.self)
    #expect(csv == "eventname,errorcode\r\nEvent0,\r\nEvent1,Error1\r\nEvent2,Error2\r\nEvent3,\r\n")

    let signBytes = try buckets.get(bucket: "results", key: folder + "result_sign.json").bytes
    let sign = try JSONValue(parsing: signBytes)
    #expect(
      sign.keys == [
        "version", "region", "files", "hashAlgorithm", "signatureAlgorithm", "queryCompleteTime",
        "hashSignature",
        "publicKeyFingerprint",
      ])
    let hash = Array(SHA256.hash(data: gzip)).map { String(format: "%02x", $0) }.joined()
    #expect(
      sign["files"]
        == .array([.object([("fileHashValue", .string(hash)), ("fileName", .string("result_1.csv.gz"))])]))
    #expect(sign["queryCompleteTime"] == .string("2026-01-01T00:00:00Z"))
    guard case .string(let fingerprint)? = sign["publicKeyFingerprint"],
      case .string(let signatureHex)? = sign["hashSignature"]
    else {
      Issue.record("the sign file lacks its signature: \(sign.compactText())")
      return
    }
    let key = try #require(
      try SigningKeyRing(databasePath: fixture.store.dbPath, clock: fixture.clock)
        .publicKey(region: "us-east-1", fingerprint: fingerprint))
    var signature: [UInt8] = []
    var index = signatureHex.startIndex
    while index < signatureHex.endIndex {
      let next = signatureHex.index(index, offsetBy: 2)
      signature.append(UInt8(signatureHex[index..<next], radix: 16) ?? 0)
      index = next
    }
    #expect(key.isValidSignature(signature, for: Array(hash.utf8)))
  }

  @Test func failedAndCancelledQueriesDeliverNothing() throws {
    let fixture = try LakeQueryFixture()
    let failed = try Self.start(fixture, "fail", uri: "s3://results")
    fixture.host.waitUntilEnded(failed)
    #expect(try fixture.describe(failed).deliveryStatus == "FAILED")
    let cancelled = try Self.start(fixture, "block", uri: "s3://results")
    #expect(try fixture.wait(cancelled, for: .running) == "RUNNING")
    _ = try CancelQuery.perform(CancelQueryRequest(queryId: cancelled), with: fixture.services())
    fixture.host.waitUntilEnded(cancelled)
    #expect(try fixture.describe(cancelled).deliveryStatus == "CANCELLED")
    #expect(try BucketFolder(directory: fixture.buckets).list(bucket: "results") == [])
  }

  @Test func aBucketRemovedWhileTheQueryRanIsResourceNotFound() throws {
    let fixture = try LakeQueryFixture()
    try FileManager.default.createDirectory(
      atPath: fixture.buckets + "/brief", withIntermediateDirectories: true)
    let gate = "delivery-" + UUID().uuidString
    let id = try Self.start(fixture, "gate:" + gate, uri: "s3://brief/x")
    #expect(try fixture.wait(id, for: .running) == "RUNNING")
    try FileManager.default.removeItem(atPath: fixture.buckets + "/brief")
    TestGates.open(gate)
    fixture.host.waitUntilEnded(id)
    #expect(try fixture.describe(id).deliveryStatus == "RESOURCE_NOT_FOUND")
  }
}
