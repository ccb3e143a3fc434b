import Foundation

/// The distinct lookup values of one file, numbered from 1 (0 is "none or empty"), found by their bytes.
///
/// A file of a few hundred records repeats a few dozen values (names, sources, regions, accounts, users),
/// so each record's fields are looked up here straight from the file's bytes, and a `String` is made
/// only for a value's first occurrence. Open addressing over `WordHash`es of the bytes: Swift's
/// `Dictionary<String, _>` needed the `String` first and a SipHash of it for every field.
struct ValueTable: Sendable {
  /// Value by number; `strings[0]` is "".
  private(set) var strings: [String] = [""]
  /// Each value's `WordHash`, by number: probes compare it before the bytes, and the writer's interner
  /// finds values by it.
  private(set) var hashes: [UInt64] = [0]
  /// The values' bytes, one after another; `spans[n]` is value n's part.
  private var arena: [UInt8] = []
  private var spans: [Range<Int32>] = [0..<0]
  /// Value numbers by hash slot (0: empty); at most half full.
  private var slots = [Int32](repeating: 0, count: 64)

  var count: Int { strings.count }

  /// The number of the value with these bytes, adding it when new; 0 for empty bytes.
  mutating func ref(_ bytes: UnsafeRawBufferPointer) -> Int32 {
    guard !bytes.isEmpty else { return 0 }
    let hash = WordHash.hash(bytes)
    var slot = OpenAddressing.slot(hash, size: slots.count)
    while true {
      let found = slots[slot]
      if found == 0 { break }
      if hashes[Int(found)] == hash {
        let span = spans[Int(found)]
        // memcmp: the generic `elementsEqual` compared byte by byte through iterators.
        let same =
          span.count == bytes.count
          && arena.withUnsafeBytes { arena in
            memcmp(arena.baseAddress! + Int(span.lowerBound), bytes.baseAddress!, bytes.count) == 0
          }
        if same { return found }
      }
      slot = (slot + 1) & (slots.count - 1)
    }
    let number = Int32(strings.count)
    strings.append(String(decoding: bytes, as: UTF8.self))
    hashes.append(hash)
    let start = Int32(arena.count)
    arena.append(contentsOf: bytes)
    spans.append(start..<Int32(arena.count))
    slots[slot] = number
    if strings.count * 2 > slots.count { grow() }
    return number
  }

  mutating func ref(_ text: String?) -> Int32 {
    guard var text else { return 0 }
    return text.withUTF8 { ref(UnsafeRawBufferPointer($0)) }
  }

  /// Drops what only lookups need, once the file is scanned (the writer reads `strings`).
  mutating func finishScanning() {
    arena = []
    spans = []
    slots = []
  }

  private mutating func grow() {
    let size = slots.count * 2
    var newSlots = [Int32](repeating: 0, count: size)
    for number in 1..<hashes.count {
      var slot = OpenAddressing.slot(hashes[number], size: size)
      while newSlots[slot] != 0 { slot = (slot + 1) & (size - 1) }
      newSlots[slot] = Int32(number)
    }
    slots = newSlots
  }
}

/// A hash of short byte strings taken eight bytes a step, for tables that live in memory only.
///
/// FNV-1a (`FNV1a`, which stored keys use and must keep) takes a multiply per byte: about a hundred
/// instructions for a 20-byte value, and ingest hashes nine values a record. Here a value of 8 bytes
/// or more is read as whole words, the last one overlapping the one before; a shorter one as two
/// overlapping 4-byte halves or its bytes; the length is mixed in, so overlaps cannot collide.
enum WordHash {
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let count = bytes.count
    var h = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
    guard let base = bytes.baseAddress else { return h }
    if count >= 8 {
      var at = 0
      while at &+ 8 < count {
        h = mix(h ^ base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
        at &+= 8
      }
      h = mix(h ^ base.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
    } else if count >= 4 {
      let low = UInt64(base.loadUnaligned(as: UInt32.self))
      let high = UInt64(base.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
      h = mix(h ^ (high << 32 | low))
    } else {
      var word: UInt64 = 0
      for index in 0..<count { word = word << 8 | UInt64(base.load(fromByteOffset: index, as: UInt8.self)) }
      h = mix(h ^ word)
    }
    return h ^ (h >> 31)
  }

  /// One multiply and a fold: each input bit reaches the high bits that `OpenAddressing.slot` takes.
  @inline(__always)
  private static func mix(_ value: UInt64) -> UInt64 {
    let product = value &* 0xBF58_476D_1CE4_E5B9
    return product ^ (product >> 29)
  }
}
