import CZstd
import Foundation
import Testing

@testable import TrailCore

/// Compressed records are stored 16 to a block (`RawBlock`, migration 7): each must come back byte for
/// byte, blocks are immutable, leave with their newest event, and are stored only for new events.
@Suite("Raw record blocks")
struct RawBlockTests {
  /// `count` records `spacing` seconds apart.
  static func records(_ count: Int, spacing: Int64 = 60) -> [TestRecord] {
    (0..<count).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + Int64(n) * spacing).with {
        $0.eventName = ["DescribeInstances", "GetObject", "AssumeRole", "ListUsers"][n % 4]
        $0.identity = TestRecord.iamUser("user\(n % 37)", key: "AKIA\(n % 11)")
      }
    }
  }

  @Test func headerRoundTripsAndAMalformedOneIsRefused() {
    let records: [[UInt8]] = [Array("{\"a\":1}".utf8), [], Array(repeating: 0x41, count: 300)]
    var content: [UInt8] = []
    RawBlock.appendHeader(lengths: records.map(\.count), to: &content)
    for record in records { content += record }
    let ranges = RawBlock.ranges(in: content)
    #expect(ranges?.map { Array(content[$0]) } == records)
    #expect(RawBlock.ranges(in: Array(content.dropLast())) == nil)
    #expect(RawBlock.ranges(in: content + [0]) == nil)
    #expect(RawBlock.ranges(in: [0x85]) == nil)
    #expect(RawBlock.slot(ofSlotColumn: RawBlock.slotColumn(block: 12345, slot: 15)) == 15)
    #expect(RawBlock.block(ofSlotColumn: RawBlock.slotColumn(block: 12345, slot: 15)) == 12345)
  }

  /// The decompressor's cache keeps the newest blocks and drops the oldest first.
  @Test func theBlockCacheEvictsTheOldestBlockFirst() {
    var cache = RawBlockCache<Int64>(capacity: 2)
    let entry = { (byte: UInt8) in RawBlock.Decompressed(content: [byte], ranges: [0..<1]) }
    cache.insert(entry(1), for: 10)
    cache.insert(entry(2), for: 20)
    #expect(cache[10]?.content == [1])
    cache.insert(entry(3), for: 30)
    #expect(cache[10] == nil)
    #expect(cache[20]?.content == [2])
    #expect(cache[30]?.content == [3])
    cache.insert(entry(4), for: 40)
    #expect(cache[20] == nil)
    #expect(cache[30]?.content == [3] && cache[40]?.content == [4])
    #expect(RawBlockCache<Int64>(capacity: 0).capacity == 1)
    // A block inserted twice (two readers that both missed it) takes one place, not two.
    cache.insert(entry(5), for: 40)
    cache.insert(entry(6), for: 50)
    #expect(cache[30] == nil && cache[40]?.content == [4] && cache[50]?.content == [6])
  }

  /// Readers of one store share decompressed blocks; a store made again at the same path (a new token
  /// secret) is another store and never sees the first one's blocks.
  @Test func theSharedCacheTellsStoresApart() throws {
    let cache = SharedBlockCache(capacity: 4)
    let first = cache.store(identity: "secret-a")
    let again = cache.store(identity: "secret-b")
    #expect(first != again)
    #expect(cache.store(identity: "secret-a") == first)
    cache.insert(RawBlock.Decompressed(content: [1], ranges: [0..<1]), store: first, id: 7)
    #expect(cache[first, 7]?.content == [1])
    #expect(cache[again, 7] == nil)
  }

  /// 37 records of one file make blocks of 16, 16 and 5; every event points into one of them.
  @Test func eachFileIsCutIntoBlocksOfSixteen() throws {
    let store = try TestStore()
    let records = Self.records(2000 + 37, spacing: 30)
    try store.write("a.json.gz", records: Array(records[..<2000]), gzip: true)
    try store.write("b.json", records: Array(records[2000...]))
    #expect(try store.ingest().summary.eventsLoaded == 2037)
    let reader = try EventStore.openReader(path: store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM raw_blocks") == 125 + 3)
    #expect(
      try reader.scalarInt("SELECT COUNT(*) FROM events WHERE raw_block_slot IS NULL OR raw != x''") == 0)
    let bFile = try reader.scalarInt("SELECT id FROM ingested_files WHERE path LIKE '%b.json'")
    #expect(
      try reader.scalarInt(
        "SELECT COUNT(DISTINCT raw_block_slot >> 8) FROM events WHERE file_id = \(bFile)") == 3)
    #expect(
      try reader.scalarInt("SELECT MAX(raw_block_slot & 255) FROM events WHERE file_id = \(bFile)") == 15)
    // A block's last_time is its newest record's eventTime.
    #expect(try reader.scalarInt("SELECT MAX(last_time) FROM raw_blocks") == TestTime.base + 2036 * 30)
    let history = try store.history()
    for n in [0, 15, 16, 1999, 2000, 2015, 2016, 2031, 2032, 2036] {
      let page = try history.lookupEvents(
        LookupRequest(lookupAttributes: [LookupAttribute(.eventId, records[n].eventID)]))
      #expect(page.events.map(\.cloudTrailEvent) == [records[n].json])
    }
  }

  /// The same delivery saved twice (`.json` and `.json.gz`): the second adds events nowhere, blocks
  /// neither.
  @Test func aFileOfDuplicatesAddsNoBlocks() throws {
    let store = try TestStore()
    let records = Self.records(2500)
    let first = try store.write("a.json.gz", records: records, gzip: true)
    _ = try store.ingest([first])
    let reader = try EventStore.openReader(path: store.dbPath)
    let blocks = try reader.scalarInt("SELECT COUNT(*) FROM raw_blocks")
    #expect(blocks == 157)
    let twin = try store.write("a.json", records: records)
    let again = try store.ingest([twin])
    #expect(again.summary.line == "1 files, 0 events loaded, 2500 duplicates, 0 rejected")
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM raw_blocks") == blocks)
  }

  @Test(arguments: [
    ("UPDATE raw_blocks SET bytes = x'00'", "raw blocks are immutable: UPDATE is refused"),
    ("DELETE FROM raw_blocks", "raw blocks are immutable: only the retention purge deletes them"),
  ])
  func blocksRefuseChange(sql: String, message: String) throws {
    let store = try TestStore()
    try store.write("a.json.gz", records: Self.records(600), gzip: true)
    _ = try store.ingest()
    let writer = try EventStore.openWriter(path: store.dbPath)
    do {
      try writer.execute(sql)
      Issue.record("\(sql) was allowed")
    } catch let error as SQLiteError {
      #expect(error.message == message)
    }
    #expect(try writer.scalarInt("SELECT COUNT(*) FROM raw_blocks") == 38)
  }

  /// A block goes with its newest event: purging minute 40 of records a minute apart drops the first
  /// two blocks (minutes 0–15, 16–31) and keeps the third (32–47), whose later records stay readable.
  @Test func retentionDropsABlockOnceItsNewestEventIsPurged() throws {
    let store = try TestStore()
    let records = Self.records(600)
    try store.write("a.json.gz", records: records, gzip: true)
    _ = try store.ingest()
    let removed = try Retention.purge(
      databasePath: store.dbPath, olderThan: TestTime.date(TestTime.base + 40 * 60))
    #expect(removed == 40)
    let reader = try EventStore.openReader(path: store.dbPath)
    #expect(try reader.scalarInt("SELECT COUNT(*) FROM raw_blocks") == 38 - 2)
    #expect(try reader.scalarInt("SELECT MIN(last_time) FROM raw_blocks") == TestTime.base + 47 * 60)
    let page = try store.history().lookupEvents(
      LookupRequest(lookupAttributes: [LookupAttribute(.eventId, records[40].eventID)]))
    #expect(page.events.map(\.cloudTrailEvent) == [records[40].json])
  }

  /// Rows written before version 7 keep their record in `raw` (verbatim, or one zstd frame): they read
  /// as before once the store has migrated.
  @Test func rowsFromBeforeBlocksStayReadable() throws {
    let store = try TestStore()
    let verbatim = TestRecord(TestRecord.id(1), at: TestTime.base)
    let framed = TestRecord(TestRecord.id(2), at: TestTime.base + 60)
    let dictionary = RawDictionary(bytes: Array(framed.json.utf8) + Array(verbatim.json.utf8))
    var frame = [UInt8](repeating: 0, count: ZSTD_compressBound(framed.json.utf8.count))
    let size = frame.withUnsafeMutableBytes { out in
      Array(framed.json.utf8).withUnsafeBytes { input in
        dictionary.bytes.withUnsafeBytes { dict in
          ZSTD_compress_usingDict(
            ZSTD_createCCtx(), out.baseAddress, out.count, input.baseAddress, input.count, dict.baseAddress,
            dict.count, 1)
        }
      }
    }
    #expect(ZSTD_isError(size) == 0)
    frame = Array(frame.prefix(size))

    let old = try store.connection(atVersion: 6)
    try old.execute("INSERT INTO ingested_files VALUES (1, 'old.json', 1, 'x', 'events', 2, 0, 0, 0)")
    let dictionaryInsert = try old.prepare("INSERT INTO raw_dictionaries VALUES (?, ?, 0)")
    dictionaryInsert.bindInt(1, dictionary.id)
    dictionary.bytes.withUnsafeBytes { dictionaryInsert.bindBlobNoCopy(2, $0) }
    try dictionaryInsert.step()
    let rows: [(TestRecord, [UInt8], Int64)] = [
      (verbatim, Array(verbatim.json.utf8), 0), (framed, frame, dictionary.id),
    ]
    for (record, raw, dict) in rows {
      let insert = try old.prepare(
        """
        INSERT INTO events (id, event_id, event_time, category, event_type, event_name, event_source,
          aws_region, account, username, access_key, read_only, error_code, file_id, raw_dict, raw)
        VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, ?, ?)
        """)
      let id = Array(EventKey.storedEventID(record.eventID))
      insert.bindInt(1, EventKey.rowID(time: record.eventTime, eventID: record.eventID))
      id.withUnsafeBytes { insert.bindBlobNoCopy(2, $0) }
      insert.bindInt(3, record.eventTime)
      insert.bindInt(4, dict)
      raw.withUnsafeBytes { insert.bindBlobNoCopy(5, $0) }
      try insert.step()
    }
    _ = try EventStore.openWriter(path: store.dbPath)
    let history = try store.history()
    #expect(
      try history.record(rowID: EventKey.rowID(time: verbatim.eventTime, eventID: verbatim.eventID))
        == verbatim.json)
    #expect(
      try history.record(rowID: EventKey.rowID(time: framed.eventTime, eventID: framed.eventID))
        == framed.json)
  }
}
