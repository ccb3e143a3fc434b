import Foundation

/// One stored record handed to a `RecordScanner` body.
///
/// `bytes` points into SQLite's row or into a decompressed block: it is valid only during the call
/// that receives it (copy with `Array(record.bytes)` to keep it). Handing out a view rather than a
/// copy is what lets a scan over millions of records allocate per block, not per record.
public struct StoredRecord {
  /// The event's row id: `(eventTime << 20) | slot`.
  public let rowID: Int64
  /// The event's category (`events.category`).
  public let category: EventCategory
  /// The record's bytes exactly as ingested (the JSON object CloudTrail wrote).
  public let bytes: UnsafeRawBufferPointer

  /// The event's `eventTime`, in whole seconds (it is the row id's upper bits).
  public var eventTime: Date { Date(timeIntervalSince1970: TimeInterval(EventKey.time(of: rowID))) }
}

/// What one scan did: how many records it handed out and how much decompression it took.
public struct RecordScanStatistics: Sendable, Equatable {
  /// Records handed to the body.
  public var records = 0
  /// Blocks of `raw_blocks` decompressed. Each block is decompressed once per scan unless more than
  /// `RecordScanner.cachedBlockLimit` blocks are live at once (see `RecordScanner`).
  public var blocksDecompressed = 0
  /// Single-record zstd frames decompressed (rows stored before blocks, migration 7).
  public var framesDecompressed = 0
  /// Row ids of a list scan that no stored event has.
  public var missingRowIDs = 0
  /// Row ids of a list scan whose event the category filter excluded.
  public var excludedRowIDs = 0
  /// Repeats in a list scan's row ids (each record is handed out once).
  public var duplicateRowIDs = 0

  /// No records, nothing decompressed.
  public init() {}
}

/// Reads stored records in bulk, for trail delivery, the Lake and Insights: by row-id range, by event
/// time range or by a list of row ids, always in ascending row-id (so time) order.
///
/// Records are stored alone (`raw` + `raw_dict`) or as slots of a zstd block of 16 neighbouring
/// records of one file (`raw_block_slot`, see `RawBlock`). `HistoryService.record(rowID:)`
/// decompresses a block for every record it reads unless it is the last one read; a scan keeps every
/// block it has decompressed until the scan has passed the block's `last_time` (its newest record's
/// eventTime: no later row can need it), so each block is decompressed once even when several files'
/// blocks interleave in time. At most `cachedBlockLimit` blocks are kept (a file whose records are far
/// out of time order keeps many live); past it the blocks with the oldest `last_time` are dropped, and
/// decompressed again if needed, which the statistics show.
///
/// Owned by one thread, over a reader connection (`EventStore.openReader`). Each scan runs inside one
/// read snapshot (`SQLiteConnection.reading`, joining a transaction already open): records written
/// meanwhile are not seen, and a long scan holds its snapshot (and so the WAL) until it ends.
public final class RecordScanner {
  /// The reader this scanner reads through.
  public let connection: SQLiteConnection
  /// Decompressed blocks kept at most (about 25 KB each).
  public let cachedBlockLimit: Int

  private let decompressor = RawDecompressor()
  private var blocks: [Int64: CachedBlock] = [:]
  /// The smallest `lastTime` in `blocks` (Int64.max when empty): nothing is evicted before the scan
  /// passes it.
  private var earliestLastTime = Int64.max
  private var selectBlock: SQLiteStatement?
  private var selectRow: SQLiteStatement?

  private struct CachedBlock {
    var lastTime: Int64
    var content: [UInt8]
    var ranges: [Range<Int>]
  }

  /// A scanner over `connection`, a store reader, keeping at most `cachedBlockLimit` (at least 1)
  /// decompressed blocks: 1 024 hold about 25 MB.
  public init(connection: SQLiteConnection, cachedBlockLimit: Int = 1024) {
    precondition(cachedBlockLimit >= 1, "a scan needs room for the block it reads")
    self.connection = connection
    self.cachedBlockLimit = cachedBlockLimit
  }

  /// A scanner over a new reader of the store at `databasePath`.
  ///
  /// - Throws: `Diagnostic` `StoreNotFound` when there is no store there; `SQLiteError`.
  public convenience init(databasePath: String, cachedBlockLimit: Int = 1024) throws {
    self.init(connection: try EventStore.openReader(path: databasePath), cachedBlockLimit: cachedBlockLimit)
  }

  /// Every stored record whose row id is in `rowIDs`, ascending.
  ///
  /// - Parameters:
  ///   - categories: only events of these categories (nil: all).
  ///   - body: called once per record; a throw stops the scan and is rethrown.
  /// - Returns: what the scan did.
  @discardableResult
  public func scan(
    rowIDRange rowIDs: ClosedRange<Int64>, categories: Set<EventCategory>? = nil,
    _ body: (StoredRecord) throws -> Void
  ) throws -> RecordScanStatistics {
    var statistics = RecordScanStatistics()
    if let categories, categories.isEmpty { return statistics }
    try connection.reading {
      defer { dropBlocks() }
      // The filter is spelled into the SQL (small integers from an enum, never user text), so the
      // statement stays one range read of the time-ordered table.
      var sql = "SELECT id, category, raw_dict, raw_block_slot, raw FROM events WHERE id BETWEEN ? AND ?"
      if let categories {
        sql += " AND category IN (\(categories.map { String($0.rawValue) }.sorted().joined(separator: ",")))"
      }
      let statement = try connection.prepare(sql + " ORDER BY id")
      statement.bindInt(1, rowIDs.lowerBound)
      statement.bindInt(2, rowIDs.upperBound)
      while try statement.step() {
        try emit(
          statement, rowID: statement.int64(0), firstColumn: 1, statistics: &statistics, body)
      }
    }
    return statistics
  }

  /// Every stored record whose eventTime is in `eventTimes`, ascending by row id.
  ///
  /// Half-open, so that consecutive windows (a delivery every 5 minutes covers [t − 5 min, t)) tile
  /// time without overlap. Event times are whole seconds: an event at second `s` is in the range when
  /// `lowerBound ≤ s < upperBound`.
  ///
  /// - Parameters:
  ///   - categories: only events of these categories (nil: all).
  ///   - body: called once per record; a throw stops the scan and is rethrown.
  /// - Returns: what the scan did.
  @discardableResult
  public func scan(
    eventTimes: Range<Date>, categories: Set<EventCategory>? = nil, _ body: (StoredRecord) throws -> Void
  ) throws -> RecordScanStatistics {
    let first = Int64(eventTimes.lowerBound.timeIntervalSince1970.rounded(.up))
    let end = Int64(eventTimes.upperBound.timeIntervalSince1970.rounded(.up))
    guard first < end else { return RecordScanStatistics() }
    return try scan(
      rowIDRange: EventKey.firstRowID(atOrAfter: first)...EventKey.lastRowID(atOrBefore: end - 1),
      categories: categories, body)
  }

  /// The stored records of `rowIDs`, ascending by row id whatever the input order (so that a block's
  /// records are read together), each once.
  ///
  /// Repeated ids are handed out once and counted in `duplicateRowIDs`. Ids no stored event has are
  /// skipped, not an error, and counted in `missingRowIDs`: a list gathered earlier may name an event
  /// the retention purge has removed since. Ids whose event `categories` excludes are counted in
  /// `excludedRowIDs`.
  ///
  /// - Parameters:
  ///   - categories: only events of these categories (nil: all).
  ///   - body: called once per record; a throw stops the scan and is rethrown.
  /// - Returns: what the scan did.
  @discardableResult
  public func scan(
    rowIDs: some Sequence<Int64>, categories: Set<EventCategory>? = nil,
    _ body: (StoredRecord) throws -> Void
  ) throws -> RecordScanStatistics {
    var statistics = RecordScanStatistics()
    var sorted = Array(rowIDs)
    sorted.sort()
    try connection.reading {
      defer { dropBlocks() }
      let statement =
        try selectRow
        ?? connection.prepare("SELECT category, raw_dict, raw_block_slot, raw FROM events WHERE id = ?")
      selectRow = statement
      defer { statement.reset() }
      var previous: Int64?
      for rowID in sorted {
        if rowID == previous {
          statistics.duplicateRowIDs += 1
          continue
        }
        previous = rowID
        statement.reset()
        statement.bindInt(1, rowID)
        guard try statement.step() else {
          statistics.missingRowIDs += 1
          continue
        }
        let category = EventCategory(rawValue: Int(statement.int64(0))) ?? .other
        if let categories, !categories.contains(category) {
          statistics.excludedRowIDs += 1
          continue
        }
        try emit(statement, rowID: rowID, firstColumn: 0, statistics: &statistics, body)
      }
    }
    return statistics
  }

  /// Hands the current row of `statement` to `body`; its columns from `firstColumn` on are category,
  /// raw_dict, raw_block_slot and raw.
  private func emit(
    _ statement: SQLiteStatement, rowID: Int64, firstColumn c: Int32,
    statistics: inout RecordScanStatistics, _ body: (StoredRecord) throws -> Void
  ) throws {
    let category = EventCategory(rawValue: Int(statement.int64(c))) ?? .other
    statistics.records += 1
    if !statement.isNull(c + 2) {
      let slotColumn = statement.int64(c + 2)
      let block = try cachedBlock(
        RawBlock.block(ofSlotColumn: slotColumn), at: EventKey.time(of: rowID), statistics: &statistics)
      let slot = RawBlock.slot(ofSlotColumn: slotColumn)
      guard slot < block.ranges.count else {
        throw Diagnostic(
          code: "CorruptRecord", summary: "cannot read stored record",
          reason: "raw block \(RawBlock.block(ofSlotColumn: slotColumn)) has no record \(slot)")
      }
      try block.content.withUnsafeBytes { content in
        try body(
          StoredRecord(
            rowID: rowID, category: category,
            bytes: UnsafeRawBufferPointer(rebasing: content[block.ranges[slot]])))
      }
      return
    }
    let dictionaryID = statement.int64(c + 1)
    if dictionaryID == 0 {
      // Verbatim: SQLite's own bytes, no copy.
      try statement.withBlob(c + 3) { try body(StoredRecord(rowID: rowID, category: category, bytes: $0)) }
      return
    }
    statistics.framesDecompressed += 1
    let record = try decompressor.record(
      statement.blob(c + 3), dictionaryID: dictionaryID, connection: connection)
    try record.withUnsafeBytes { try body(StoredRecord(rowID: rowID, category: category, bytes: $0)) }
  }

  /// Block `id`, decompressed, for a row at `time`; blocks no row at or after `time` can need are
  /// dropped first.
  private func cachedBlock(_ id: Int64, at time: Int64, statistics: inout RecordScanStatistics) throws
    -> CachedBlock
  {
    if time > earliestLastTime { evict { $0.lastTime < time } }
    if let block = blocks[id] { return block }
    let statement =
      try selectBlock ?? connection.prepare("SELECT dict, last_time, bytes FROM raw_blocks WHERE id = ?")
    selectBlock = statement
    defer { statement.reset() }
    statement.reset()
    statement.bindInt(1, id)
    guard try statement.step() else {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot read stored record", reason: "raw block \(id) is missing")
    }
    // A block is one zstd frame made with its dictionary: the single-record path decompresses it.
    let content = try decompressor.record(
      statement.blob(2), dictionaryID: statement.int64(0), connection: connection)
    statistics.blocksDecompressed += 1
    guard let ranges = RawBlock.ranges(in: content) else {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot read stored record",
        reason: "raw block \(id) has a malformed header")
    }
    let block = CachedBlock(lastTime: statement.int64(1), content: content, ranges: ranges)
    if blocks.count >= cachedBlockLimit {
      // Rows out of time order within a file can keep many blocks live; bound the memory instead.
      let oldest = blocks.min { $0.value.lastTime < $1.value.lastTime }!.value.lastTime
      evict { $0.lastTime <= oldest }
    }
    blocks[id] = block
    earliestLastTime = min(earliestLastTime, block.lastTime)
    return block
  }

  private func evict(where shouldDrop: (CachedBlock) -> Bool) {
    blocks = blocks.filter { !shouldDrop($0.value) }
    earliestLastTime = blocks.values.lazy.map(\.lastTime).min() ?? Int64.max
  }

  /// Each scan starts with no blocks: another scan may be far away in time, and memory is returned.
  private func dropBlocks() {
    blocks = [:]
    earliestLastTime = Int64.max
  }
}

// Owned by one thread, like the connection it reads through.
@available(*, unavailable)
extension RecordScanner: Sendable {}
