/// The lookup attributes served by `postings` (EventId has `event_id_runs`; ReadOnly is read off the table).
enum PostingAttribute: Int64, CaseIterable {
  case eventName = 1
  case eventSource = 2
  case username = 3
  /// Keyed by `PostedTextKey.hash(key)` since version 11 (an interned string's id before).
  case accessKeyId = 4
  case resourceType = 5
  /// Keyed by `PostedTextKey.hash(name)`, not by an interned string.
  case resourceName = 6
  /// The event's region and ReadOnly together (`RegionReadOnly`), since version 14; not a lookup
  /// attribute of its own but what narrows a page to the caller's region.
  case regionReadOnly = 7
  /// eventName, eventSource and the user name of the events Event history does not show (data,
  /// network activity, configuration items, evidence, events from outside AWS), since version 27: for
  /// Lake, whose `eventName = 'X'`-like conditions start from postings and must find every category.
  /// Apart from the shown events' attributes, so that no LookupEvents walks them.
  case unshownEventName = 8
  case unshownEventSource = 9
  case unshownUsername = 10

  /// The attribute the same value has on events Event history does not show (nil: not posted there).
  var unshown: PostingAttribute? {
    switch self {
    case .eventName: .unshownEventName
    case .eventSource: .unshownEventSource
    case .username: .unshownUsername
    default: nil
    }
  }

  init?(_ key: LookupAttributeKey) {
    switch key {
    case .eventName: self = .eventName
    case .eventSource: self = .eventSource
    case .username: self = .username
    case .accessKeyId: self = .accessKeyId
    case .resourceType: self = .resourceType
    case .resourceName: self = .resourceName
    case .eventId, .readOnly: return nil
    }
  }
}

/// The `regionReadOnly` posting value: an event's region (its interned string id) and its ReadOnly.
///
/// LookupEvents over the API answers for the caller's region, and without it a page of one region (or
/// of ReadOnly in one region) was a newest-first read of every event row of the window until the
/// page filled: cheap while the region holds most events, but a region with a few percent of them,
/// or ReadOnly=false under a run of the server's own recorded read-only calls, read hundreds of
/// thousands of rows (350–480 ms, and 70 ms, at 10 M events). One value per (region, ReadOnly) keeps
/// both exact: a region alone is its three values, ReadOnly in a region is one.
enum RegionReadOnly {
  /// `region << 2` and 1 (no readOnly), 2 (false) or 3 (true): never 0, which is not posted.
  static func value(region: Int64, readOnly: Int64?) -> Int64 {
    region << 2 | (readOnly.map { $0 == 0 ? 2 : 3 } ?? 1)
  }

  /// The values a page of `region` reads: all three, or the one of `readOnly`.
  static func values(region: Int64, readOnly: Bool?) -> [Int64] {
    guard let readOnly else { return [1, 2, 3].map { region << 2 | $0 } }
    return [value(region: region, readOnly: readOnly ? 1 : 0)]
  }

  /// Migration 14: posts every stored event that Event history shows under its value (a rewrite of
  /// nothing else).
  static func build(_ connection: SQLiteConnection) throws {
    try StoredEventPostings.post(
      connection, columns: "aws_region, read_only", shown: true
    ) { events, rowID, day, buffer in
      let value = value(region: events.int64(1), readOnly: events.isNull(2) ? nil : events.int64(2))
      buffer.add(.regionReadOnly, value: value, day: day, rowID: rowID)
    }
  }
}

/// Migration 27: posts the eventName, eventSource and user name of every stored event that Event
/// history does not show (see `PostingAttribute.unshownEventName`), read off the events' own columns.
enum UnshownPostings {
  static func build(_ connection: SQLiteConnection) throws {
    try StoredEventPostings.post(
      connection, columns: "event_name, event_source, username", shown: false
    ) { events, rowID, day, buffer in
      buffer.add(.unshownEventName, value: events.int64(1), day: day, rowID: rowID)
      buffer.add(.unshownEventSource, value: events.int64(2), day: day, rowID: rowID)
      buffer.add(.unshownUsername, value: events.int64(3), day: day, rowID: rowID)
    }
  }
}

/// Postings written for events already stored, by migrations that add an attribute.
enum StoredEventPostings {
  /// Reads `id` and `columns` of every stored event Event history shows (`shown`) or does not, in
  /// row-id order, lets `post` add its postings, and writes them in batches (bounded memory on large
  /// stores, as `PostingsFromIndexes`).
  static func post(
    _ connection: SQLiteConnection, columns: String, shown: Bool,
    _ post: (_ row: SQLiteStatement, _ rowID: Int64, _ day: Int64, _ buffer: inout PostingBuffer) -> Void
  ) throws {
    let insert = try connection.prepare(PostingBuffer.insertSQL)
    var buffer = PostingBuffer()
    var gathered = 0
    let categories = EventCategory.allCases.filter(EventPages.isShown).map { String($0.rawValue) }
    let events = try connection.prepare(
      """
      SELECT id, \(columns) FROM events
      WHERE category \(shown ? "IN" : "NOT IN") (\(categories.joined(separator: ","))) ORDER BY id
      """)
    while try events.step() {
      let rowID = events.int64(0)
      post(events, rowID, EventKey.day(of: EventKey.time(of: rowID)), &buffer)
      gathered += 1
      if gathered >= PostingsFromIndexes.eventsPerFlush {
        try buffer.flush(with: insert)
        gathered = 0
      }
    }
    try buffer.flush(with: insert)
  }
}

/// Row ids of one posting, ascending, as unsigned LEB128 deltas from the row's `first` (which is
/// stored in its own column, so the blob starts with the second id).
///
/// Row ids of one value in one batch are close together (they share a day, and the low 20 bits are a
/// slot), so most deltas take 3–4 bytes instead of the 8 of an integer column.
enum PostingCodec {
  static func encode(_ ids: [Int64]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(ids.count * 4)
    _ = encode(ids[...], maxBytes: .max, into: &out)
    return out
  }

  /// Encodes the ids after `ids.first` into `out` (emptied first) for as long as one more varint is
  /// sure to fit in `maxBytes`; returns the end of the ids taken (always at least the first).
  static func encode(_ ids: ArraySlice<Int64>, maxBytes: Int, into out: inout [UInt8]) -> Int {
    out.removeAll(keepingCapacity: true)
    var end = ids.startIndex + 1
    while end < ids.endIndex, out.count <= maxBytes - LEB128.maxBytes {
      LEB128.append(UInt64(ids[end] - ids[end - 1]), to: &out)
      end += 1
    }
    return min(end, ids.endIndex)
  }

  /// `decode`, throwing the store's diagnostic for a row cut short.
  static func decodeWhole(
    _ blob: UnsafeRawBufferPointer, first: Int64, within bounds: ClosedRange<Int64>, into ids: inout [Int64]
  ) throws {
    guard decode(blob, first: first, within: bounds, into: &ids) else {
      throw Diagnostic(
        code: "DamagedPosting", summary: "damaged lookup row",
        reason: "a postings row (first event \(first)) is cut short; rebuild the store by ingesting again")
    }
  }

  /// Appends `first` and the ids in `blob` that fall inside `bounds` to `ids`; nil when the blob is
  /// cut short (a damaged row).
  static func decode(
    _ blob: UnsafeRawBufferPointer, first: Int64, within bounds: ClosedRange<Int64>, into ids: inout [Int64]
  ) -> Bool {
    var current = first
    if bounds.contains(current) { ids.append(current) }
    var position = 0
    while position < blob.count {
      guard let delta = LEB128.read(blob, at: &position) else { return false }
      current += Int64(bitPattern: delta)
      if current > bounds.upperBound { return true }
      if current >= bounds.lowerBound { ids.append(current) }
    }
    return true
  }
}

/// One transaction's postings: for each (attribute, value, day) the row ids of the events that have it.
///
/// Keeping four secondary indexes and two resource tables up to date cost more than half of the
/// writer's time (one B-tree insert per event per attribute, spread over every value's part of each
/// index). Gathered per batch and written as one row per (attribute, value, day), the same lookups cost
/// a few thousand inserts per batch instead of ~150 000, and a page reads one or two rows.
struct PostingBuffer {
  struct Key: Equatable {
    var attribute: Int64
    var value: Int64
    var day: Int64
  }

  /// Distinct keys in first-seen order, and each one's row ids.
  private var keys: [Key] = []
  private var lists: [[Int64]] = []
  /// Open addressing over `keys` (index + 1; 0 is empty), at most half full. Swift's `Dictionary`
  /// seeded and ran SipHash for each of the ~6 adds per ingested event, on the writer's thread.
  private var slots = [Int32](repeating: 0, count: 1024)

  var isEmpty: Bool { keys.isEmpty }

  /// The key's three parts mixed into one 64-bit hash.
  @inline(__always)
  private static func hash(_ key: Key) -> UInt64 {
    (UInt64(bitPattern: key.value) &* 0x9E37_79B9_7F4A_7C15)
      ^ (UInt64(bitPattern: key.day) &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(bitPattern: key.attribute << 56)
  }

  /// Adds `rowID` under the value; value 0 (no value) is not posted, and an event's repeated resource
  /// type or name is posted once.
  mutating func add(_ attribute: PostingAttribute, value: Int64, day: Int64, rowID: Int64) {
    guard value != 0 else { return }
    let key = Key(attribute: attribute.rawValue, value: value, day: day)
    let mask = slots.count - 1
    var slot = OpenAddressing.slot(Self.hash(key), size: slots.count)
    while true {
      let found = Int(slots[slot])
      if found == 0 { break }
      if keys[found - 1] == key {
        if lists[found - 1].last != rowID { lists[found - 1].append(rowID) }
        return
      }
      slot = (slot + 1) & mask
    }
    keys.append(key)
    lists.append([rowID])
    slots[slot] = Int32(keys.count)
    if keys.count * 2 > slots.count { rehash(size: slots.count * 2) }
  }

  private mutating func rehash(size: Int) {
    slots = [Int32](repeating: 0, count: size)
    for (index, key) in keys.enumerated() {
      var slot = OpenAddressing.slot(Self.hash(key), size: size)
      while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
      slots[slot] = Int32(index + 1)
    }
  }

  /// Bytes of ids a row holds at most: with them and its key a row stays within the 4 086 bytes of
  /// payload that a 16 KB page keeps in place (`(16 384 − 12) × 64 / 255 − 23`). A longer row spills
  /// into overflow pages, and every insert's search down the B-tree then read each spilled row it
  /// compared against whole: a 60 000-event batch's one row for eventSource `ec2.amazonaws.com` was
  /// 30 KB, and those copies were 6 % of the writer's instructions.
  static let maxRowBytes = 4_000

  /// Writes each list as rows of up to `maxRowBytes` of ids with `insert`
  /// (`INSERT INTO postings (attr, value, day, last, first, count, ids) VALUES (?1 … ?7)`), then empties.
  /// A reader takes a value's rows in (day, last) order whatever their number (`PostingCursor`).
  mutating func flush(with insert: SQLiteStatement) throws {
    // Key order (the table's: day first) keeps the B-tree inserts local; lists are ascending unless a
    // row id was bumped to the next slot past a later event's, which sorting mends.
    let order = keys.indices.sorted {
      (keys[$0].day, keys[$0].attribute, keys[$0].value) < (keys[$1].day, keys[$1].attribute, keys[$1].value)
    }
    var blob: [UInt8] = []
    for index in order {
      let key = keys[index]
      var ids = lists[index]
      if !ids.isSorted() { ids.sort() }
      var first = 0
      while first < ids.count {
        let end = PostingCodec.encode(ids[first...], maxBytes: Self.maxRowBytes, into: &blob)
        insert.reset()
        insert.bindInt(1, key.attribute)
        insert.bindInt(2, key.value)
        insert.bindInt(3, key.day)
        insert.bindInt(4, ids[end - 1])
        insert.bindInt(5, ids[first])
        insert.bindInt(6, Int64(end - first))
        try blob.withUnsafeBytes { bytes in
          insert.bindBlobNoCopy(7, bytes)
          try insert.step()
        }
        first = end
      }
    }
    insert.reset()
    discard()
  }

  mutating func discard() {
    keys.removeAll(keepingCapacity: true)
    lists.removeAll(keepingCapacity: true)
    for i in slots.indices { slots[i] = 0 }
  }

  static let insertSQL =
    "INSERT INTO postings (attr, value, day, last, first, count, ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
}

extension Array where Element == Int64 {
  fileprivate func isSorted() -> Bool {
    var i = 1
    while i < count {
      if self[i - 1] > self[i] { return false }
      i += 1
    }
    return true
  }
}
