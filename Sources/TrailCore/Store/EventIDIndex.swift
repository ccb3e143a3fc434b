/// De-duplicates by eventID and fills `event_id_runs`, what EventId lookups read with `event_id_index`
/// (see `EventIDRuns`).
///
/// The writer keeps a 64-bit hash of every stored eventID in memory, with the day it is filed under;
/// an unseen hash is a new event without touching the disk, a seen one is checked exactly. The batch's
/// runs are written at the end of each transaction.
///
/// The tables are touched twice per ingested event, and Swift checked each access to a class's stored
/// property for exclusivity at run time (3 % of the writer's time): unchecked here, where nothing that
/// touches them calls out or is reentered, and one thread (the writer's) owns the index.
final class EventIDIndex {
  /// The day each known eventID hash is filed under.
  @exclusivity(unchecked) private var days: HashTable64
  @exclusivity(unchecked) private var pending: [(day: Int64, hash: UInt64, rowID: Int64)] = []
  /// This batch's stored eventIDs (`pendingBytes[pendingSpans[n]]`) by hash, for the rare twin
  /// inside one batch.
  @exclusivity(unchecked) private var pendingIDs = HashTable64()
  @exclusivity(unchecked) private var pendingBytes: [UInt8] = []
  @exclusivity(unchecked) private var pendingSpans: [Range<Int>] = []
  @exclusivity(unchecked) private var collided: [[UInt8]] = []
  private let finder: EventIDFinder
  private let insert: SQLiteStatement

  init(_ connection: SQLiteConnection) throws {
    finder = try EventIDFinder(connection)
    insert = try connection.prepare(EventIDRuns.insertSQL)
    let count = try connection.scalarInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_count'")
    var days = HashTable64(minimumCapacity: Int(count) + 1024)
    let indexed = try connection.prepare("SELECT entries FROM event_id_index")
    while try indexed.step() {
      indexed.withBlob(0) { row in
        EventIDRuns.forEachEntry(in: row) { hash, rowID in
          days.insertIfAbsent(hash, Int32(truncatingIfNeeded: EventKey.day(of: EventKey.time(of: rowID))))
        }
      }
    }
    let all = try connection.prepare("SELECT day, entries FROM event_id_runs")
    while try all.step() {
      let day = Int32(truncatingIfNeeded: all.int64(0))
      all.withBlob(1) { run in
        EventIDRuns.forEachEntry(in: run) { hash, _ in days.insertIfAbsent(hash, day) }
      }
    }
    self.days = days
  }

  static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    FNV1a.hash(bytes)
  }

  /// True when `storedID` is already stored, or already in this batch. A false answer must be followed
  /// by `add` once the event is stored.
  func contains(_ storedID: UnsafeRawBufferPointer, hash: UInt64, day: Int64) throws -> Bool {
    // Two eventIDs of one batch sharing a hash land in `collided` (never seen in practice).
    if let twin = pendingIDs[hash] {
      if pendingBytes[pendingSpans[Int(twin)]].elementsEqual(storedID) { return true }
      if collided.contains(where: { $0.elementsEqual(storedID) }) { return true }
    }
    // A new hash is filed under `day` here, not in `add`: one probe instead of two. If the insert then
    // fails, the hash stays, which at worst costs a later exact check that finds nothing.
    guard let filed = days.insertIfAbsent(hash, Int32(truncatingIfNeeded: day)) else { return false }
    let id = Array(storedID)
    if try finder.indexed(id, hash: hash) != nil { return true }
    if try finder.find(id, hash: hash, day: Int64(filed)) != nil { return true }
    return Int64(filed) != day ? try finder.find(id, hash: hash, day: day) != nil : false
  }

  /// The row id of the stored event whose eventID `contains` found (an import's duplicate, which joins
  /// its event data store); nil for a twin inside this batch, whose first copy was just inserted.
  func storedRowID(_ storedID: UnsafeRawBufferPointer, hash: UInt64, day: Int64) throws -> Int64? {
    let id = Array(storedID)
    if let found = try finder.indexed(id, hash: hash) { return found }
    if let filed = days[hash], let found = try finder.find(id, hash: hash, day: Int64(filed)) { return found }
    return try finder.find(id, hash: hash, day: day)
  }

  func add(_ storedID: UnsafeRawBufferPointer, hash: UInt64, day: Int64, event: Int64) {
    pending.append((day, hash, event))
    let next = Int32(pendingSpans.count)
    if pendingIDs.insertIfAbsent(hash, next) == nil {
      pendingSpans.append(pendingBytes.count..<(pendingBytes.count + storedID.count))
      pendingBytes.append(contentsOf: storedID)
    } else {
      collided.append(Array(storedID))
    }
  }

  /// Writes the batch's runs (inside the writer's transaction).
  func flush() throws {
    try EventIDRuns.write(pending, with: insert)
    discardPending()
  }

  /// Drops the batch after a rollback (hashes remembered for it only cost an extra exact check later).
  func discardPending() {
    pending.removeAll(keepingCapacity: true)
    pendingIDs.removeAll()
    pendingBytes.removeAll(keepingCapacity: true)
    pendingSpans.removeAll(keepingCapacity: true)
    collided.removeAll()
  }
}
