/// The lookup attributes served by `postings` (EventId has `event_id_runs`; ReadOnly is read off the table).
enum PostingAttribute: Int64, CaseIterable {
  case eventName = 1
  case eventSource = 2
  case username = 3
  case accessKeyId = 4
  case resourceType = 5
  /// Keyed by `ResourceNameKey.hash(name)`, not by an interned string.
  case resourceName = 6

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

/// Row ids of one posting, ascending, as unsigned LEB128 deltas from the row's `first` (which is
/// stored in its own column, so the blob starts with the second id).
///
/// Row ids of one value in one batch are close together (they share a day, and the low 20 bits are a
/// slot), so most deltas take 3–4 bytes instead of the 8 of an integer column.
enum PostingCodec {
  static func encode(_ ids: [Int64]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(ids.count * 4)
    var previous = ids.first ?? 0
    for id in ids.dropFirst() {
      var delta = UInt64(id - previous)
      previous = id
      while delta >= 0x80 {
        out.append(UInt8(truncatingIfNeeded: delta) | 0x80)
        delta >>= 7
      }
      out.append(UInt8(delta))
    }
    return out
  }

  /// Appends `first` and the ids in `blob` that fall inside `bounds` to `ids`; nil when the blob is
  /// cut short (a damaged row).
  static func decode(
    _ blob: UnsafeRawBufferPointer, first: Int64, within bounds: ClosedRange<Int64>, into ids: inout [Int64]
  ) -> Bool {
    var current = first
    if bounds.contains(current) { ids.append(current) }
    var delta: UInt64 = 0
    var shift: UInt64 = 0
    for byte in blob {
      delta |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 != 0 {
        shift += 7
        if shift > 63 { return false }
        continue
      }
      current += Int64(bitPattern: delta)
      if current > bounds.upperBound { return true }
      if current >= bounds.lowerBound { ids.append(current) }
      delta = 0
      shift = 0
    }
    return shift == 0
  }
}

/// One transaction's postings: for each (attribute, value, day) the row ids of the events that have it.
///
/// Keeping four secondary indexes and two resource tables up to date cost more than half of the
/// writer's time (one B-tree insert per event per attribute, spread over every value's part of each
/// index). Gathered per batch and written as one row per (attribute, value, day), the same lookups cost
/// a few thousand inserts per batch instead of ~150 000, and a page reads one or two rows.
struct PostingBuffer {
  struct Key: Hashable {
    var attribute: Int64
    var value: Int64
    var day: Int64

    private static let spread = Int64(bitPattern: 0x9E37_79B9_7F4A_7C15)

    // One combine instead of three: this is hashed ~6 times per ingested event.
    func hash(into hasher: inout Hasher) {
      hasher.combine(value &* Self.spread ^ attribute << 56 ^ day)
    }
  }

  private(set) var lists: [Key: [Int64]] = [:]

  var isEmpty: Bool { lists.isEmpty }

  /// Adds `rowID` under the value; value 0 (no value) is not posted, and an event's repeated resource
  /// type or name is posted once.
  mutating func add(_ attribute: PostingAttribute, value: Int64, day: Int64, rowID: Int64) {
    guard value != 0 else { return }
    let key = Key(attribute: attribute.rawValue, value: value, day: day)
    if let index = lists.index(forKey: key) {
      if lists.values[index].last != rowID { lists.values[index].append(rowID) }
    } else {
      lists[key] = [rowID]
    }
  }

  /// Writes one row per list with `insert`
  /// (`INSERT INTO postings (attr, value, day, last, first, count, ids) VALUES (?1 … ?7)`), then empties.
  mutating func flush(with insert: SQLiteStatement) throws {
    // Key order keeps the B-tree inserts local; lists are ascending unless a row id was bumped to the
    // next slot past a later event's, which sorting mends.
    for (key, unsorted) in lists.sorted(by: {
      ($0.key.attribute, $0.key.value) < ($1.key.attribute, $1.key.value)
    }) {
      var ids = unsorted
      if !ids.isSorted() { ids.sort() }
      let blob = PostingCodec.encode(ids)
      insert.reset()
      insert.bindInt(1, key.attribute)
      insert.bindInt(2, key.value)
      insert.bindInt(3, key.day)
      insert.bindInt(4, ids[ids.count - 1])
      insert.bindInt(5, ids[0])
      insert.bindInt(6, Int64(ids.count))
      try blob.withUnsafeBytes { bytes in
        insert.bindBlobNoCopy(7, bytes)
        try insert.step()
      }
    }
    insert.reset()
    lists.removeAll(keepingCapacity: true)
  }

  mutating func discard() { lists.removeAll(keepingCapacity: true) }

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
