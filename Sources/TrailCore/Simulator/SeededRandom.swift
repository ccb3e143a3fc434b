/// A small, fast, seedable random number generator (SplitMix64).
///
/// The simulator derives one generator per (seed, account, minute) so that any slice of the span can be
/// produced on its own and still match a full run byte for byte. `SystemRandomNumberGenerator` cannot be
/// seeded, and Foundation's generators differ between platforms, hence our own.
struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  /// A generator keyed by several values, e.g. `SeededRandom(keys: seed, account, minute)`.
  init(keys: UInt64...) { state = StableHash.combine(keys) }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return StableHash.mix(state)
  }

  /// A value in `0..<bound`; `bound` must be positive. The modulo bias is irrelevant at our bounds.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

  /// A value in `range`.
  mutating func within(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// A uniform value in `0..<1`.
  mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  /// `true` with probability `p`.
  mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// One element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Stable 64-bit hashing used to derive identifiers (`AIDA…`, `i-0…`) from the seed and a purpose.
///
/// Swift's `Hasher` is randomly seeded per process, so it cannot give the same ids on every run.
enum StableHash {
  /// The SplitMix64 finalizer: a bijective mix with good avalanche.
  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  static func combine(_ keys: [UInt64]) -> UInt64 {
    var h: UInt64 = 0x5EED_7EA1_DECC_0001
    for key in keys { h = mix(h ^ mix(key &+ 0x9E37_79B9_7F4A_7C15)) }
    return h
  }

  static func combine(_ keys: UInt64...) -> UInt64 { combine(keys) }

  /// Hash of a text label, so purposes can be named ("kms", "bucket") instead of numbered.
  static func label(_ text: String) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a offset basis
    for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
    return mix(h)
  }
}

/// AWS-looking identifiers built from stable hashes.
enum StableID {
  private static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// `prefix` followed by `count` upper-case base-32 characters, e.g. `AKIA` + 16 for an access key id.
  static func base32(_ prefix: String, _ count: Int, _ keys: UInt64...) -> String {
    var bytes = Array(prefix.utf8)
    let seed = StableHash.combine(keys)
    var h = seed
    var used = 0
    for index in 0..<count {
      if used == 12 {
        // Re-derive from the full hash: the shifted-out remainder has only a few bits left.
        h = StableHash.mix(seed &+ UInt64(index))
        used = 0
      }
      bytes.append(base32[Int(h & 31)])
      h >>= 5
      used += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `prefix` followed by `count` lower-case hex digits, e.g. `i-0` + 16 for an instance id.
  static func hex(_ prefix: String, _ count: Int, _ keys: UInt64...) -> String {
    var bytes = Array(prefix.utf8)
    let seed = StableHash.combine(keys)
    var h = seed
    for index in 0..<count {
      if index > 0 && index % 16 == 0 { h = StableHash.mix(seed &+ UInt64(index)) }
      bytes.append(hexDigits[Int(h & 15)])
      h >>= 4
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
