import CZstd
import Crypto
import Foundation
import Synchronization

/// A zstd dictionary trained on a store's own records; stored in `raw_dictionaries` next to the data.
///
/// CloudTrail records repeat the same keys, services and identities, so a dictionary trained on a few
/// thousand of them shrinks a ~1.5 KB record to a few hundred bytes, where zstd alone saves little.
/// The id is derived from the bytes, so two writers that train at once can never mix dictionaries.
struct RawDictionary: Sendable, Equatable {
  var id: Int64
  var bytes: [UInt8]

  init(bytes: [UInt8]) {
    self.bytes = bytes
    let digest = Array(SHA256.hash(data: bytes))
    id =
      Int64(bitPattern: digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } & 0x7FFF_FFFF_FFFF_FFFF)
      | 1
  }

  /// Trains on sample records (concatenated, with their sizes); nil when there are too few to be worth it.
  ///
  /// zstd's fastCover trainer with its segment and d-mer sizes fixed (k 2 048, d 6): the default
  /// trainer searches several of each, and on 2 000 generated records took 0.26–0.42 s, against
  /// 0.09 s here, for a dictionary that compresses them as well (within 1 %). Training runs before the
  /// readers start, so every tenth of a second of it is a tenth of a second of one idle core.
  static func train(samples joined: [UInt8], sizes: [Int], capacity: Int = 64 * 1024) -> RawDictionary? {
    guard sizes.count >= 500 else { return nil }
    var dictionary = [UInt8](repeating: 0, count: capacity)
    var parameters = ZDICT_fastCover_params_t()
    parameters.k = 2048
    parameters.d = 6
    parameters.zParams.compressionLevel = 1
    let size = dictionary.withUnsafeMutableBytes { out in
      joined.withUnsafeBytes { input in
        ZDICT_trainFromBuffer_fastCover(
          out.baseAddress, capacity, input.baseAddress, sizes, UInt32(sizes.count), parameters)
      }
    }
    guard ZDICT_isError(size) == 0, size > 0 else { return nil }
    return RawDictionary(bytes: Array(dictionary.prefix(size)))
  }

  /// The newest dictionary of a store, if it has one.
  static func newest(in connection: SQLiteConnection) throws -> RawDictionary? {
    let statement = try connection.prepare(
      "SELECT bytes FROM raw_dictionaries ORDER BY created_at DESC, id LIMIT 1")
    return try statement.step() ? RawDictionary(bytes: statement.blob(0)) : nil
  }
}

/// Compresses raw records, a block of consecutive ones of a file at a time, with one dictionary.
/// One per thread (it owns a zstd context).
final class RawCompressor {
  let dictionary: RawDictionary
  private let context: OpaquePointer
  private let prepared: OpaquePointer
  private var content: [UInt8] = []
  private var scratch: [UInt8] = []

  /// zstd's fast strategy with level 1's window, a 64 K-entry hash table, matches of at least 7 bytes
  /// and a search step of 4 (`targetLength`), the dictionary attached rather than copied. Measured on
  /// generated records (instructions, which do not drift like time): one frame per record at plain
  /// level 1, the layout before version 7, took 26.4 k a record for 198 bytes; blocks of 16 at plain
  /// level 1 21.5 k for 164 bytes; with a step of 2, 15.2 k for 213. On 11 507 records in a probe of
  /// zstd alone, that step-2 setting took 14.4 k for 213 bytes and these parameters 11.8 k for 205, in
  /// 30 % less time: the larger table keeps the dictionary's long matches that 8 K entries lost, which
  /// pays for the longer step, and 7-byte matches skip short ones that cost more to encode than they
  /// save. Blocks of 8, or of 32, made the store larger: they fill SQLite's pages worse.
  init?(dictionary: RawDictionary) {
    guard let context = ZSTD_createCCtx() else { return nil }
    var parameters = ZSTD_getCParams(1, UInt64(RawBlock.records * 1500), dictionary.bytes.count)
    parameters.hashLog = 16
    parameters.minMatch = 7
    parameters.targetLength = 4
    let prepared = dictionary.bytes.withUnsafeBytes {
      ZSTD_createCDict_advanced(
        $0.baseAddress, $0.count, ZSTD_dlm_byCopy, ZSTD_dct_auto, parameters, ZSTD_defaultCMem)
    }
    guard let prepared else {
      ZSTD_freeCCtx(context)
      return nil
    }
    ZSTD_CCtx_refCDict(context, prepared)
    // ZSTD_c_forceAttachDict is a macro for this experimental parameter, which Swift does not import.
    ZSTD_CCtx_setParameter(context, ZSTD_c_experimentalParam4, Int32(ZSTD_dictForceAttach.rawValue))
    ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 0)
    ZSTD_CCtx_setParameter(context, ZSTD_c_dictIDFlag, 0)
    self.dictionary = dictionary
    self.context = context
    self.prepared = prepared
  }

  deinit {
    ZSTD_freeCDict(prepared)
    ZSTD_freeCCtx(context)
  }

  /// Appends one frame holding `records` (see `RawBlock`) to `output`; returns its range there.
  func compressBlock(_ records: [UnsafeRawBufferPointer], appendingTo output: inout [UInt8]) -> Range<Int> {
    content.removeAll(keepingCapacity: true)
    RawBlock.appendHeader(lengths: records.map(\.count), to: &content)
    for record in records { content.append(contentsOf: record) }
    // Compressed into a reused scratch buffer and copied once: growing `output` by the bound first
    // zero-filled it.
    let bound = ZSTD_compressBound(content.count)
    if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound) }
    let written = scratch.withUnsafeMutableBytes { out in
      content.withUnsafeBytes { input in
        ZSTD_compress2(context, out.baseAddress, bound, input.baseAddress, input.count)
      }
    }
    precondition(ZSTD_isError(written) == 0, "zstd cannot fail on a bound-sized buffer")
    let start = output.count
    output.append(contentsOf: scratch[..<written])
    return start..<(start + written)
  }
}

/// How a block of raw records is laid out before compression: the number of records and each one's
/// length as `LEB128` varints, then the records one after another.
///
/// Consecutive records of one file share their keys, identities and resources, so zstd finds more in a
/// block than in a record alone, and pays its per-frame costs once per block. An event's row names its
/// block and slot (`events.raw_block_slot`, see `Migrations`).
enum RawBlock {
  /// Records per block: reading one event decompresses its whole block (about 20 µs at 16).
  static let records = 16
  /// Bits of `events.raw_block_slot` that hold the slot.
  static let slotBits: Int64 = 8

  static func slotColumn(block: Int64, slot: Int) -> Int64 { block << slotBits | Int64(slot) }
  static func block(ofSlotColumn value: Int64) -> Int64 { value >> slotBits }
  static func slot(ofSlotColumn value: Int64) -> Int { Int(value & ((1 << slotBits) - 1)) }

  static func appendHeader(lengths: [Int], to output: inout [UInt8]) {
    LEB128.append(UInt64(lengths.count), to: &output)
    for length in lengths { LEB128.append(UInt64(length), to: &output) }
  }

  /// Each record's range in a decompressed block, or nil when the header does not add up.
  static func ranges(in content: [UInt8]) -> [Range<Int>]? {
    content.withUnsafeBytes { bytes in
      var position = 0
      func varint() -> Int? { LEB128.read(bytes, at: &position).flatMap { Int(exactly: $0) } }
      guard let count = varint(), count <= bytes.count else { return nil }
      var lengths: [Int] = []
      lengths.reserveCapacity(count)
      for _ in 0..<count {
        guard let length = varint() else { return nil }
        lengths.append(length)
      }
      var ranges: [Range<Int>] = []
      ranges.reserveCapacity(count)
      var start = position
      for length in lengths {
        guard length <= bytes.count - start else { return nil }
        ranges.append(start..<(start + length))
        start += length
      }
      return start == bytes.count ? ranges : nil
    }
  }

}

/// Turns stored raw columns back into the verbatim record, caching dictionaries by id and the last
/// block read (a page of events or an export reads neighbours of one block one after another).
final class RawDecompressor {
  private var dictionaries: [Int64: OpaquePointer] = [:]
  private let context: OpaquePointer
  private var blocks: RawBlockCache<Int64>
  /// Blocks every reader of the store in this process shares, and the store's number there.
  private var shared: (cache: SharedBlockCache, store: Int)?
  private var selectBlock: SQLiteStatement?

  /// A decompressor keeping the last `cachedBlocks` blocks it decompressed.
  ///
  /// One is enough for readers that go through a file's events in order (an export). A scan
  /// in time order (Lake) is not one: the events of a minute come from the files of every account
  /// and region, each a block of its own, so with one cached block nearly every event decompressed
  /// its block of 16 again.
  init(cachedBlocks: Int = 1) {
    context = ZSTD_createDCtx()!
    blocks = RawBlockCache(capacity: cachedBlocks)
  }

  /// A decompressor that keeps its last `cachedBlocks` blocks and also looks blocks up in, and adds
  /// them to, `cache` under the store `store` (see ``SharedBlockCache/store(identity:)``). Its own
  /// blocks are looked up first: the shared cache takes a lock, which a page's 50 records, on 8 of the
  /// server's threads at once, made a point of contention.
  convenience init(cachedBlocks: Int, sharing cache: SharedBlockCache, store: Int) {
    self.init(cachedBlocks: cachedBlocks)
    shared = (cache, store)
  }

  deinit {
    for dictionary in dictionaries.values { ZSTD_freeDDict(dictionary) }
    ZSTD_freeDCtx(context)
  }

  /// A record stored in its own row: verbatim when `dictionaryID` is 0, else one zstd frame.
  func record(_ stored: [UInt8], dictionaryID: Int64, connection: SQLiteConnection) throws -> [UInt8] {
    guard dictionaryID != 0 else { return stored }
    return try stored.withUnsafeBytes {
      try decompress($0, dictionaryID: dictionaryID, connection: connection)
    }
  }

  /// Record `slot` of block `blockID` of `raw_blocks`.
  func record(block blockID: Int64, slot: Int, connection: SQLiteConnection) throws -> [UInt8] {
    let block: RawBlock.Decompressed
    if let cached = blocks[blockID] {
      block = cached
    } else if let shared, let cached = shared.cache[shared.store, blockID] {
      block = cached
      blocks.insert(block, for: blockID)
    } else {
      let statement = try selectBlock ?? connection.prepare("SELECT dict, bytes FROM raw_blocks WHERE id = ?")
      selectBlock = statement
      defer { statement.reset() }
      statement.reset()
      statement.bindInt(1, blockID)
      guard try statement.step() else {
        throw Diagnostic(
          code: "CorruptRecord", summary: "cannot read stored record",
          reason: "raw block \(blockID) is missing")
      }
      // Straight from SQLite's copy of the row: a scan decompresses most blocks of the store.
      let dictionaryID = statement.int64(0)
      let content = try statement.withBlob(1) {
        try decompress($0, dictionaryID: dictionaryID, connection: connection)
      }
      guard let ranges = RawBlock.ranges(in: content) else {
        throw Diagnostic(
          code: "CorruptRecord", summary: "cannot read stored record",
          reason: "raw block \(blockID) has a malformed header")
      }
      block = RawBlock.Decompressed(content: content, ranges: ranges)
      blocks.insert(block, for: blockID)
      shared?.cache.insert(block, store: shared!.store, id: blockID)
    }
    guard slot < block.ranges.count else {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot read stored record",
        reason: "raw block \(blockID) has no record \(slot)")
    }
    return Array(block.content[block.ranges[slot]])
  }

  private func decompress(
    _ stored: UnsafeRawBufferPointer, dictionaryID: Int64, connection: SQLiteConnection
  ) throws -> [UInt8] {
    let dictionary = try prepared(dictionaryID, connection: connection)
    let size = ZSTD_getFrameContentSize(stored.baseAddress, stored.count)
    guard size < UInt64.max - 1 else {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot read stored record", reason: "not a zstd frame")
    }
    var written = 0
    // Not zeroed first: zstd writes every byte it reports, and only those are kept.
    let output = [UInt8](unsafeUninitializedCapacity: Int(size)) { buffer, count in
      written = ZSTD_decompress_usingDDict(
        context, buffer.baseAddress, buffer.count, stored.baseAddress, stored.count, dictionary)
      count = ZSTD_isError(written) == 0 ? written : 0
    }
    guard ZSTD_isError(written) == 0 else {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot read stored record",
        reason: String(cString: ZSTD_getErrorName(written)))
    }
    return output
  }

  private func prepared(_ id: Int64, connection: SQLiteConnection) throws -> OpaquePointer {
    if let dictionary = dictionaries[id] { return dictionary }
    let statement = try connection.prepare("SELECT bytes FROM raw_dictionaries WHERE id = ?")
    statement.bindInt(1, id)
    guard try statement.step() else {
      throw Diagnostic(
        code: "CorruptRecord", summary: "cannot read stored record", reason: "dictionary \(id) is missing")
    }
    let bytes = statement.blob(0)
    let dictionary = bytes.withUnsafeBytes { ZSTD_createDDict($0.baseAddress, $0.count) }!
    dictionaries[id] = dictionary
    return dictionary
  }
}

extension RawBlock {
  /// A block's records, decompressed, and where each one lies in them.
  struct Decompressed: Sendable {
    var content: [UInt8]
    var ranges: [Range<Int>]
  }
}

/// Decompressed blocks by key, the oldest evicted first once `capacity` are held.
///
/// First-in first-out rather than least-recently-used: a scan in time order uses a block for the few
/// minutes its file spans and then never again, so the order blocks arrived in is the order they go
/// cold.
struct RawBlockCache<Key: Hashable & Sendable>: Sendable {
  typealias Entry = RawBlock.Decompressed

  let capacity: Int
  private var entries: [Key: Entry] = [:]
  /// Keys in the order they were inserted; `next` is the oldest once the ring is full.
  private var ring: [Key] = []
  private var next = 0

  init(capacity: Int) { self.capacity = max(1, capacity) }

  subscript(key: Key) -> Entry? { entries[key] }

  mutating func insert(_ entry: Entry, for key: Key) {
    guard entries[key] == nil else { return }
    if ring.count < capacity {
      ring.append(key)
    } else {
      entries[ring[next]] = nil
      ring[next] = key
      next = (next + 1) % capacity
    }
    entries[key] = entry
  }
}

/// Decompressed blocks shared by the readers of a process: the server answers each request on a
/// reader of a pool, and LookupEvents pages of the same recent minutes (the newest page, a user's,
/// a source's) read the same blocks, which each reader's own cache would decompress again.
///
/// A block never changes once written and its id is never reused in its store (AUTOINCREMENT,
/// immutability triggers), so a block is keyed by its id and its store's number; a store is known by
/// its token secret, made at random when the store is created, so a store deleted and made again at
/// the same path is another store. At most `capacity` blocks of about 21 KB each are held.
final class SharedBlockCache: Sendable {
  /// The process's cache: 2 048 blocks, at most about 45 MB.
  static let process = SharedBlockCache(capacity: 2_048)

  private struct Key: Hashable, Sendable {
    var store: Int
    var id: Int64
  }

  private struct State: Sendable {
    var blocks: RawBlockCache<Key>
    var stores: [String: Int] = [:]
  }

  private let state: Mutex<State>

  init(capacity: Int) { state = Mutex(State(blocks: RawBlockCache(capacity: capacity))) }

  /// The number of the store whose token secret is `identity`.
  func store(identity: String) -> Int {
    state.withLock { state in
      if let number = state.stores[identity] { return number }
      let number = state.stores.count
      state.stores[identity] = number
      return number
    }
  }

  subscript(store: Int, id: Int64) -> RawBlock.Decompressed? {
    state.withLock { $0.blocks[Key(store: store, id: id)] }
  }

  func insert(_ block: RawBlock.Decompressed, store: Int, id: Int64) {
    state.withLock { $0.blocks.insert(block, for: Key(store: store, id: id)) }
  }
}
