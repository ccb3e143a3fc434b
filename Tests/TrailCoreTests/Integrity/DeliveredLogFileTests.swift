import Crypto
import Foundation
import Testing

@testable import TrailCore

@Suite("DeliveredLogFile")
struct DeliveredLogFileTests {
  @Test func hashesTheUncompressedBytesAndFindsTheEventTimeRange() throws {
    let scratch = try IntegrityScratch()
    let json = Array(
      #"{"Records":[{"eventTime":"2024-03-01T12:00:05Z"},{"eventTime":"2024-03-01T11:59:00Z"},{"eventTime":"2024-03-01T12:01:00Z"}]}"#
        .utf8)
    try scratch.folder.put(bucket: IntegrityScratch.bucket, key: "log.json.gz", bytes: Gzip.deflate(json))
    let file = try DeliveredLogFile(bucket: IntegrityScratch.bucket, key: "log.json.gz", in: scratch.folder)
    #expect(file.sha256Hex == SHA256.hash(data: json).hex)
    #expect(file.newestEventTime.map(ISO8601Time.format) == "2024-03-01T12:01:00Z")
    #expect(file.oldestEventTime.map(ISO8601Time.format) == "2024-03-01T11:59:00Z")
  }

  @Test func aFileWithoutRecordsHasNoEventTimes() throws {
    let file = try DeliveredLogFile(bucket: "b", key: "k", json: Array(#"{"Records":[]}"#.utf8))
    #expect(file.newestEventTime == nil && file.oldestEventTime == nil)
  }

  @Test func somethingElseIsRefused() throws {
    #expect(throws: Diagnostic.self) { try DeliveredLogFile(bucket: "b", key: "k", json: Array("[1]".utf8)) }
    let scratch = try IntegrityScratch()
    try scratch.folder.put(bucket: IntegrityScratch.bucket, key: "plain", bytes: Array("{}".utf8))
    #expect(throws: Diagnostic.self) {
      try DeliveredLogFile(bucket: IntegrityScratch.bucket, key: "plain", in: scratch.folder)
    }
  }
}
