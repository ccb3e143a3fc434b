/// A map from 64-bit hashes to small numbers, for the writer's per-event look-ups.
///
/// The keys are already hashes (FNV-1a of eventIDs), so they are not hashed again: Swift's
/// `Dictionary` ran SipHash over each one, twice per ingested event, on the writer's thread. Open
/// addressing with linear probing; keys and values in separate arrays, so that the usual miss (a new
/// event) reads only keys. Key 0 marks an empty slot; a hash of 0 is kept as 1, which at worst costs
/// an exact check that finds nothing.
struct HashTable64 {
  private var keys: [UInt64]
  private var values: [Int32]
  private(set) var count = 0

  init(minimumCapacity: Int = 0) {
    var size = 64
    while size * 3 < minimumCapacity * 4 { size *= 2 }
    keys = [UInt64](repeating: 0, count: size)
    values = [Int32](repeating: 0, count: size)
  }

  subscript(key: UInt64) -> Int32? {
    let key = key == 0 ? 1 : key
    return keys.withUnsafeBufferPointer { keys in
      let mask = keys.count - 1
      var slot = OpenAddressing.slot(key, size: keys.count)
      while true {
        let found = keys[slot]
        if found == key { return values[slot] }
        if found == 0 { return nil }
        slot = (slot + 1) & mask
      }
    }
  }

  /// Sets `key`'s value unless it has one; returns the value it had, nil when it had none (one probe
  /// for a look-up and an insert: the writer's table of every eventID is too large for the caches).
  @discardableResult
  mutating func insertIfAbsent(_ key: UInt64, _ value: Int32) -> Int32? {
    let key = key == 0 ? 1 : key
    let mask = keys.count - 1
    var slot = OpenAddressing.slot(key, size: keys.count)
    while true {
      let found = keys[slot]
      if found == key { return values[slot] }
      if found == 0 { break }
      slot = (slot + 1) & mask
    }
    keys[slot] = key
    values[slot] = value
    count += 1
    if count * 4 > keys.count * 3 { grow() }
    return nil
  }

  mutating func removeAll() {
    guard count > 0 else { return }
    for i in keys.indices { keys[i] = 0 }
    count = 0
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    let size = keys.count * 2
    keys = [UInt64](repeating: 0, count: size)
    values = [Int32](repeating: 0, count: size)
    for (i, key) in oldKeys.enumerated() where key != 0 {
      var slot = OpenAddressing.slot(key, size: size)
      while keys[slot] != 0 { slot = (slot + 1) & (size - 1) }
      keys[slot] = key
      values[slot] = oldValues[i]
    }
  }
}

/// The slot of a 64-bit hash in an open-addressing table of `size` (a power of two) slots, shared by
/// the writer's and readers' hand-made tables.
enum OpenAddressing {
  /// FNV-1a's low bits depend only on the inputs' low bits: multiply them up and take high ones.
  @inline(__always)
  static func slot(_ hash: UInt64, size: Int) -> Int {
    Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & (size - 1)
  }
}
