import Foundation
import Testing

@testable import TrailCore

/// Stores large enough to train a dictionary keep their records compressed; every record must still
/// come back byte for byte.
@Suite("Raw record compression")
struct RawCompressionTests {
  /// 6 000 distinct records, more than the 2 000 the dictionary is trained on.
  static func records() -> [TestRecord] {
    (0..<6000).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n)).with {
        $0.eventName = ["DescribeInstances", "GetObject", "AssumeRole", "ListUsers"][n % 4]
        $0.identity = TestRecord.iamUser("user\(n % 37)", key: "AKIA\(n % 11)")
      }
    }
  }

  @Test func compressedRecordsComeBackVerbatim() throws {
    let store = try TestStore()
    let records = Self.records()
    try store.write("a.json.gz", records: Array(records[..<3000]), gzip: true)
    try store.write("b.jsonl", records: Array(records[3000...]), shape: .jsonLines)
    #expect(try store.ingest().summary.eventsLoaded == 6000)

    let reader = try EventStore.openReader(path: store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events WHERE raw_dict = 0") == 0)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM raw_dictionaries") == 1)
    // Stored in blocks (`RawBlock`), in under half the bytes.
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM events WHERE raw_block_slot IS NULL") == 0)
    #expect(
      try reader.scalarInt("SELECT SUM(LENGTH(bytes)) FROM raw_blocks")
        < Int64(records.map(\.json.utf8.count).reduce(0, +) / 2))

    let expected = Dictionary(uniqueKeysWithValues: records.map { ($0.eventID, $0.json) })
    var seen = 0
    var request = LookupRequest()
    while true {
      let page = try store.history().lookupEvents(request)
      for event in page.events {
        #expect(event.cloudTrailEvent == expected[event.summary.eventId])
        seen += 1
      }
      guard let token = page.nextToken else { break }
      request = request.continuing(from: token)
    }
    #expect(seen == 6000)
  }

  @Test func aLaterIngestReusesTheStoredDictionary() throws {
    let store = try TestStore()
    let records = Self.records()
    let first = try store.write("first.jsonl", records: Array(records[..<5000]), shape: .jsonLines)
    _ = try store.ingest([first])
    let second = try store.write("second.jsonl", records: Array(records[5000...]), shape: .jsonLines)
    _ = try store.ingest([second])
    let reader = try EventStore.openReader(path: store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM raw_dictionaries") == 1)
    #expect(try reader.scalarInt("SELECT COUNT(DISTINCT raw_dict) FROM events") == 1)
    let last = try store.history().lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventId, records[5999].eventID)]))
    #expect(last.events.map(\.cloudTrailEvent) == [records[5999].json])
  }
}
