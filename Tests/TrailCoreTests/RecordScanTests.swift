import CZstd
import Foundation
import Testing

@testable import TrailCore

/// A bulk scan hands out exactly the bytes `EventRecords.record(rowID:)` reads, in row-id order, and
/// decompresses each block once.
@Suite("Record scans")
struct RecordScanTests {
  /// One record a scan handed out, copied.
  struct Scanned: Equatable {
    var rowID: Int64
    var category: EventCategory
    var bytes: [UInt8]
  }

  /// What the store holds, read one record at a time through event history.
  struct Expected {
    var all: [Scanned]
    /// Each row's block id (nil for a row stored alone).
    var blockOf: [Int64: Int64]

    func distinctBlocks(_ rows: [Scanned]) -> Int {
      Set(rows.compactMap { blockOf[$0.rowID] }).count
    }
  }

  /// Two files whose events interleave second by second (a.json at even, b.json at odd seconds), so
  /// their blocks interleave in row-id order; every fifth event is a data event.
  static func makeStore() throws -> (TestStore, Expected) {
    let store = try TestStore()
    func record(_ n: Int, at time: Int64) -> TestRecord {
      TestRecord(TestRecord.id(n), at: time).with {
        $0.eventName = ["DescribeInstances", "GetObject", "AssumeRole", "ListUsers"][n % 4]
        $0.identity = TestRecord.iamUser("user\(n % 37)", key: "AKIA\(n % 11)")
        if n % 5 == 0 {
          $0.eventCategory = "Data"
          $0.managementEvent = false
        }
      }
    }
    let a = (0..<1200).map { record($0, at: TestTime.base + 2 * Int64($0)) }
    let b = (0..<600).map { record(10_000 + $0, at: TestTime.base + 2 * Int64($0) + 1) }
    try store.write("a.json.gz", records: a, gzip: true)
    try store.write("b.json", records: b)
    #expect(try store.ingest().summary.eventsLoaded == 1800)
    return (store, try expected(store))
  }

  static func expected(_ store: TestStore) throws -> Expected {
    let reader = try EventStore.openReader(path: store.dbPath)
    let history = try store.history()
    let statement = try reader.prepare("SELECT id, category, raw_block_slot FROM events ORDER BY id")
    var all: [Scanned] = []
    var blockOf: [Int64: Int64] = [:]
    while try statement.step() {
      let rowID = statement.int64(0)
      all.append(
        Scanned(
          rowID: rowID, category: EventCategory(rawValue: Int(statement.int64(1)))!,
          bytes: Array(try history.record(rowID: rowID).utf8)))
      if !statement.isNull(2) { blockOf[rowID] = RawBlock.block(ofSlotColumn: statement.int64(2)) }
    }
    return Expected(all: all, blockOf: blockOf)
  }

  /// Runs `scan`, copying what it hands out.
  static func collect(_ scan: ((StoredRecord) throws -> Void) throws -> RecordScanStatistics) throws
    -> ([Scanned], RecordScanStatistics)
  {
    var out: [Scanned] = []
    let statistics = try scan {
      out.append(Scanned(rowID: $0.rowID, category: $0.category, bytes: Array($0.bytes)))
    }
    #expect(statistics.records == out.count)
    return (out, statistics)
  }

  @Test func aFullScanMatchesEveryRecordInOrderDecompressingEachBlockOnce() throws {
    let (store, expected) = try Self.makeStore()
    #expect(expected.all.count == 1800)
    #expect(expected.blockOf.count == 1800)  // every record is in a block
    let scanner = try RecordScanner(databasePath: store.dbPath)
    let (scanned, statistics) = try Self.collect { try scanner.scan(rowIDRange: Int64.min...Int64.max, $0) }
    #expect(scanned == expected.all)
    // 75 blocks of a.json and 38 of b.json, interleaved in time: each still decompressed once.
    #expect(expected.distinctBlocks(expected.all) == 75 + 38)
    #expect(statistics.blocksDecompressed == 75 + 38)
    #expect(statistics.framesDecompressed == 0)
  }

  struct RangeCase: CustomTestStringConvertible, Sendable {
    var name: String
    /// Seconds after `TestTime.base`, half-open.
    var from: TimeInterval
    var to: TimeInterval
    var testDescription: String { name }
  }

  static let rangeCases: [RangeCase] = [
    RangeCase(name: "everything", from: -10, to: 10_000),
    RangeCase(name: "the first minute", from: 0, to: 60),
    RangeCase(name: "a middle stretch across blocks of both files", from: 333, to: 1_777),
    RangeCase(name: "one second", from: 1001, to: 1002),
    RangeCase(name: "the upper bound is excluded", from: 1000, to: 1001),
    RangeCase(name: "fractional bounds round up", from: 9.5, to: 12.5),
    RangeCase(name: "empty range", from: 500, to: 500),
    RangeCase(name: "before every event", from: -1000, to: 0),
    RangeCase(name: "after every event", from: 3600, to: 7200),
  ]

  @Test(arguments: rangeCases)
  func aTimeRangeScanMatchesRecordByRowID(_ c: RangeCase) throws {
    let (store, expected) = try Self.makeStore()
    let from = TestTime.date(TestTime.base).addingTimeInterval(c.from)
    let to = TestTime.date(TestTime.base).addingTimeInterval(c.to)
    let want = expected.all.filter {
      let time = TimeInterval(EventKey.time(of: $0.rowID))
      return time >= from.timeIntervalSince1970 && time < to.timeIntervalSince1970
    }
    let scanner = try RecordScanner(databasePath: store.dbPath)
    let (scanned, statistics) = try Self.collect { try scanner.scan(eventTimes: from..<to, $0) }
    #expect(scanned == want)
    #expect(statistics.blocksDecompressed == expected.distinctBlocks(want))
    if c.from == c.to { #expect(scanned.isEmpty) }
  }

  @Test func aCategoryFilterKeepsOnlyThoseEvents() throws {
    let (store, expected) = try Self.makeStore()
    let scanner = try RecordScanner(databasePath: store.dbPath)
    for categories: Set<EventCategory> in [[.data], [.management], [.management, .data], [.insight], []] {
      let (scanned, statistics) = try Self.collect {
        try scanner.scan(rowIDRange: Int64.min...Int64.max, categories: categories, $0)
      }
      let want = expected.all.filter { categories.contains($0.category) }
      #expect(scanned == want, "\(categories)")
      #expect(statistics.blocksDecompressed == expected.distinctBlocks(want))
    }
    #expect(expected.all.filter { $0.category == .data }.count == 360)
  }

  /// A list in any order, with repeats and ids no event has: each known record once, ascending.
  @Test func aRowIDListScanIsAscendingAndSkipsDuplicatesAndUnknownIDs() throws {
    let (store, expected) = try Self.makeStore()
    var generator = SeededRandom(seed: 7)
    let picked = expected.all.indices.filter { _ in Int.random(in: 0..<4, using: &generator) == 0 }
      .map { expected.all[$0] }
    let unknown: [Int64] = [0, -5, expected.all[0].rowID - 1, expected.all.last!.rowID + 1, Int64.max]
    let duplicates = Array(picked.prefix(10).map(\.rowID))
    let list = (picked.map(\.rowID) + unknown + duplicates + duplicates).shuffled(using: &generator)
    let scanner = try RecordScanner(databasePath: store.dbPath)
    let (scanned, statistics) = try Self.collect { try scanner.scan(rowIDs: list, $0) }
    #expect(scanned == picked)
    #expect(statistics.missingRowIDs == unknown.count)
    #expect(statistics.duplicateRowIDs == 2 * duplicates.count)
    #expect(statistics.excludedRowIDs == 0)
    #expect(statistics.blocksDecompressed == expected.distinctBlocks(picked))
    #expect(statistics.blocksDecompressed < picked.count)

    let (data, filtered) = try Self.collect { try scanner.scan(rowIDs: list, categories: [.data], $0) }
    #expect(data == picked.filter { $0.category == .data })
    #expect(filtered.excludedRowIDs == picked.count - data.count)
    #expect(filtered.missingRowIDs == unknown.count)

    let (none, empty) = try Self.collect { try scanner.scan(rowIDs: [Int64](), $0) }
    #expect(none.isEmpty && empty == RecordScanStatistics())
  }

  /// A file written out of time order makes blocks that each span most of the file, all live at
  /// once: the scan holds them all (each decompressed once) or, over its block limit, drops the
  /// oldest and decompresses again, with the same bytes either way.
  @Test(arguments: [(1024, true), (4, false), (1, false)])
  func blocksOfAShuffledFile(limit: Int, once: Bool) throws {
    let store = try TestStore()
    var generator = SeededRandom(seed: 11)
    let records = (0..<640).map { n in
      TestRecord(TestRecord.id(n), at: TestTime.base + 10 * Int64(n)).with {
        $0.identity = TestRecord.iamUser("user\(n % 37)", key: "AKIA\(n % 11)")
      }
    }.shuffled(using: &generator)
    try store.write("shuffled.json", records: records)
    _ = try store.ingest()
    let expected = try Self.expected(store)
    #expect(expected.distinctBlocks(expected.all) == 40)
    let scanner = try RecordScanner(databasePath: store.dbPath, cachedBlockLimit: limit)
    let (scanned, statistics) = try Self.collect { try scanner.scan(rowIDRange: Int64.min...Int64.max, $0) }
    #expect(scanned == expected.all)
    #expect((statistics.blocksDecompressed == 40) == once)
    #expect(statistics.blocksDecompressed >= 40 && statistics.blocksDecompressed <= 640)
    let (listed, _) = try Self.collect { try scanner.scan(rowIDs: expected.all.map(\.rowID).reversed(), $0) }
    #expect(listed == expected.all)
  }

  /// A body that throws stops the scan; the error comes out and the scanner can scan again (its read
  /// snapshot was closed).
  @Test func aThrowingBodyStopsTheScan() throws {
    struct Enough: Error {}
    let (store, expected) = try Self.makeStore()
    let scanner = try RecordScanner(databasePath: store.dbPath)
    var seen = 0
    #expect(throws: Enough.self) {
      try scanner.scan(rowIDRange: Int64.min...Int64.max) { _ in
        seen += 1
        if seen == 20 { throw Enough() }
      }
    }
    #expect(seen == 20)
    let (scanned, _) = try Self.collect { try scanner.scan(rowIDRange: Int64.min...Int64.max, $0) }
    #expect(scanned.count == expected.all.count)
  }

  /// A store too small to train a dictionary keeps its records verbatim: handed out without
  /// decompression.
  @Test func verbatimRecordsNeedNoDecompression() throws {
    let store = try TestStore()
    let records = (0..<40).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)) }
    try store.write("small.json", records: records)
    _ = try store.ingest()
    let expected = try Self.expected(store)
    #expect(expected.blockOf.isEmpty)
    let scanner = try RecordScanner(databasePath: store.dbPath)
    let (scanned, statistics) = try Self.collect { try scanner.scan(rowIDRange: Int64.min...Int64.max, $0) }
    #expect(scanned == expected.all)
    #expect(scanned.map { String(decoding: $0.bytes, as: UTF8.self) } == records.map(\.json))
    #expect(statistics.blocksDecompressed == 0 && statistics.framesDecompressed == 0)
    let (listed, _) = try Self.collect { try scanner.scan(rowIDs: expected.all.map(\.rowID).reversed(), $0) }
    #expect(listed == expected.all)
  }

  /// Rows stored before blocks (one zstd frame each) are decompressed one by one.
  @Test func recordsFromBeforeBlocksAreReadToo() throws {
    let store = try TestStore()
    let framed = TestRecord(TestRecord.id(2), at: TestTime.base + 60)
    let dictionary = RawDictionary(bytes: Array(framed.json.utf8))
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
    try old.execute("INSERT INTO ingested_files VALUES (1, 'old.json', 1, 'x', 'events', 1, 0, 0, 0)")
    let dictionaryInsert = try old.prepare("INSERT INTO raw_dictionaries VALUES (?, ?, 0)")
    dictionaryInsert.bindInt(1, dictionary.id)
    dictionary.bytes.withUnsafeBytes { dictionaryInsert.bindBlobNoCopy(2, $0) }
    try dictionaryInsert.step()
    let insert = try old.prepare(
      """
      INSERT INTO events (id, event_id, event_time, category, event_type, event_name, event_source,
        aws_region, account, username, access_key, read_only, error_code, file_id, raw_dict, raw)
      VALUES (?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, ?, ?)
      """)
    let rowID = EventKey.rowID(time: framed.eventTime, eventID: framed.eventID)
    insert.bindInt(1, rowID)
    let id = EventKey.storedEventID(framed.eventID)
    id.withUnsafeBytes { insert.bindBlobNoCopy(2, $0) }
    insert.bindInt(3, framed.eventTime)
    insert.bindInt(4, dictionary.id)
    frame.withUnsafeBytes { insert.bindBlobNoCopy(5, $0) }
    try insert.step()

    let scanner = try RecordScanner(databasePath: store.dbPath)
    let (scanned, statistics) = try Self.collect { try scanner.scan(rowIDs: [rowID], $0) }
    #expect(scanned == [Scanned(rowID: rowID, category: .management, bytes: Array(framed.json.utf8))])
    #expect(statistics.framesDecompressed == 1 && statistics.blocksDecompressed == 0)
  }
}
