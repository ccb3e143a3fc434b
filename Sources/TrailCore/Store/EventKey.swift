/// How events are keyed in the store.
enum EventKey {
  static let slotBits: Int64 = 20
  static let slotMask: Int64 = (1 << slotBits) - 1

  /// The first row id tried for an event: its second, and a slot from its eventID's hash, so that two
  /// events in the same second rarely collide (a collision just tries the next slot).
  static func rowID(time: Int64, eventID: String) -> Int64 {
    time << slotBits | Int64(FNV1a.hash(eventID.utf8) & UInt64(slotMask))
  }

  /// The same from the eventID's UTF-8 bytes.
  static func rowID(time: Int64, eventIDBytes: UnsafeRawBufferPointer) -> Int64 {
    time << slotBits | Int64(FNV1a.hash(eventIDBytes) & UInt64(slotMask))
  }

  static func nextSlot(after rowID: Int64) -> Int64 {
    (rowID & ~slotMask) | ((rowID + 1) & slotMask)
  }

  static func time(of rowID: Int64) -> Int64 { rowID >> slotBits }
  /// The UTC day number of an event time (the partition key of postings and eventID runs).
  static func day(of time: Int64) -> Int64 { time >= 0 ? time / 86_400 : (time - 86_399) / 86_400 }
  static func firstRowID(atOrAfter time: Int64) -> Int64 { time << slotBits }
  static func lastRowID(atOrBefore time: Int64) -> Int64 { time << slotBits | slotMask }

  /// eventIDs are stored as 16 bytes when they are UUIDs (nearly always), else as their UTF-8 bytes.
  static func storedEventID(_ eventID: String) -> [UInt8] {
    var text = eventID
    var out: [UInt8] = []
    text.withUTF8 { appendStoredEventID(UnsafeRawBufferPointer($0), to: &out) }
    return out
  }

  /// Appends the stored form of the eventID whose UTF-8 is `utf8` to `out`.
  static func appendStoredEventID(_ utf8: UnsafeRawBufferPointer, to out: inout [UInt8]) {
    // One pass into a fixed 16-byte buffer, appended once: this runs for every ingested record.
    var packed: (UInt64, UInt64) = (0, 0)
    let isUUID =
      utf8.count == 36
      && withUnsafeMutableBytes(of: &packed) { bytes -> Bool in
        var at = 0
        var i = 0
        while i < 36 {
          if i == 8 || i == 13 || i == 18 || i == 23 {
            guard utf8[i] == UInt8(ascii: "-") else { return false }
            i += 1
            continue
          }
          // Upper-case or non-hex: keep the text so it round-trips exactly.
          guard let high = lowerHex(utf8[i]), let low = lowerHex(utf8[i + 1]) else { return false }
          bytes[at] = high << 4 | low
          at += 1
          i += 2
        }
        return true
      }
    if isUUID {
      withUnsafeBytes(of: &packed) { out.append(contentsOf: $0) }
    } else {
      out.append(contentsOf: utf8)
    }
  }

  @inline(__always)
  private static func lowerHex(_ c: UInt8) -> UInt8? {
    switch c {
    case 0x30...0x39: c - 0x30
    case 0x61...0x66: c - 0x61 + 10
    default: nil
    }
  }

  /// The eventID as CloudTrail writes it (lower-case UUID) from its stored form.
  ///
  /// Written byte by byte: formatting each byte through `String(_:radix:)` took half of a lookup page's
  /// time (every row of every page shows its eventID).
  static func eventIDText(_ stored: [UInt8]) -> String {
    guard stored.count == 16 else { return String(decoding: stored, as: UTF8.self) }
    return String(unsafeUninitializedCapacity: 36) { out in
      let digits: StaticString = "0123456789abcdef"
      var at = 0
      digits.withUTF8Buffer { digits in
        for (i, byte) in stored.enumerated() {
          if i == 4 || i == 6 || i == 8 || i == 10 {
            out[at] = UInt8(ascii: "-")
            at += 1
          }
          out[at] = digits[Int(byte >> 4)]
          out[at + 1] = digits[Int(byte & 15)]
          at += 2
        }
      }
      return at
    }
  }
}

/// Resource names and access key IDs are nearly as varied as source IPs (a temporary key per role
/// session), so they are not interned: their postings are keyed by a 64-bit hash of the text
/// (collisions among a store's values are vanishingly unlikely).
enum PostedTextKey {
  static func hash(_ text: String) -> Int64 {
    Int64(bitPattern: FNV1a.hash(text.utf8))
  }

  static func hash(_ text: UnsafeRawBufferPointer) -> Int64 {
    Int64(bitPattern: FNV1a.hash(text))
  }
}

/// FNV-1a, 64-bit: a fast, stable hash of bytes (row-id slots, eventID and resource-name keys). Stable
/// across runs and processes, unlike Swift's seeded `Hasher`, which matters for values stored on disk.
enum FNV1a {
  static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
    return h
  }
}
