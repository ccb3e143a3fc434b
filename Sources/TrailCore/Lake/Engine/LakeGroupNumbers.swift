import CXXHash
import Foundation

/// Numbers 1, 2, 3 … for the distinct values of one GROUP BY term, in the order they are first seen
/// (`lake_group_id`). A value is its SQLite storage class and bytes, as SQLite compares them.
///
/// An open-addressing table over one byte arena: a lookup hashes SQLite's bytes where they are and
/// allocates nothing, where a Dictionary keyed by `[UInt8]` allocated and freed an array per row.
final class LakeGroupNumbers {
  /// Each value's storage class byte and bytes, one after another.
  private var arena: [UInt8] = []
  /// Value n (numbered n + 1) is `arena[starts[n] ..< starts[n + 1]]`.
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Value index + 1 per slot, 0 for an empty slot; its count is a power of two.
  private var slots = [Int32](repeating: 0, count: 64)

  /// How many distinct values were seen.
  var count: Int { hashes.count }

  /// The number of the value of storage class `type` with `bytes`.
  func number(type: Int32, bytes: UnsafeRawBufferPointer) -> Int64 {
    let tag = UInt8(truncatingIfNeeded: type)
    let hash = XXH3_64bits_withSeed(bytes.baseAddress, bytes.count, UInt64(tag))
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 {
      let index = Int(slots[slot]) - 1
      if hashes[index] == hash, matches(index, tag, bytes) { return Int64(index + 1) }
      slot = (slot + 1) & mask
    }
    arena.append(tag)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    hashes.append(hash)
    slots[slot] = Int32(hashes.count)
    // Kept at most half full, so that a probe stays short.
    if hashes.count * 2 > slots.count { grow() }
    return Int64(hashes.count)
  }

  private func matches(_ index: Int, _ tag: UInt8, _ bytes: UnsafeRawBufferPointer) -> Bool {
    let start = starts[index]
    guard starts[index + 1] - start == bytes.count + 1, arena[start] == tag else { return false }
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
    return arena.withUnsafeBytes { memcmp($0.baseAddress! + start + 1, base, bytes.count) == 0 }
  }

  private func grow() {
    slots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = slots.count - 1
    for (index, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(index + 1)
    }
  }
}
