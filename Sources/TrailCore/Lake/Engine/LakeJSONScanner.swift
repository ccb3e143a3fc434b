/// Finds one value inside JSON text without building the document: Lake reads a few fields of each
/// record, and parsing a whole record into a tree cost ~50 µs (most of a scan's time).
///
/// The text is trusted to be well-formed (records were checked at ingest; other text is checked by
/// the caller falling back to the full parser when the scanner gives up, nil).
enum LakeJSONScanner {
  enum Step {
    /// An object member, by its name's UTF-8 (held as bytes so that no scan converts it again);
    /// `caseInsensitive` compares ASCII letters either way (Lake's row fields).
    case key([UInt8], caseInsensitive: Bool)
    case index(Int)
  }

  /// The byte range of the value at `steps`, nil when absent (or when the text is not as expected).
  static func find(_ b: UnsafeRawBufferPointer, _ steps: [Step]) -> Range<Int>? {
    var i = skipSpace(b, 0)
    guard i < b.count else { return nil }
    var start = i
    for step in steps {
      switch step {
      case .key(let key, let caseInsensitive):
        guard b[i] == UInt8(ascii: "{") else { return nil }
        i = skipSpace(b, i + 1)
        var found = false
        while i < b.count, b[i] != UInt8(ascii: "}") {
          guard b[i] == UInt8(ascii: "\"") else { return nil }
          let keyEnd = stringEnd(b, i)
          guard keyEnd <= b.count else { return nil }
          let matches = keyEquals(b, i + 1, keyEnd - 1, key, caseInsensitive)
          i = skipSpace(b, keyEnd)
          guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
          i = skipSpace(b, i + 1)
          if matches {
            found = true
            break
          }
          i = skipSpace(b, valueEnd(b, i))
          if i < b.count, b[i] == UInt8(ascii: ",") { i = skipSpace(b, i + 1) }
        }
        guard found else { return nil }
      case .index(let wanted):
        guard b[i] == UInt8(ascii: "[") else { return nil }
        i = skipSpace(b, i + 1)
        var n = 0
        while i < b.count, b[i] != UInt8(ascii: "]"), n < wanted {
          i = skipSpace(b, valueEnd(b, i))
          if i < b.count, b[i] == UInt8(ascii: ",") { i = skipSpace(b, i + 1) }
          n += 1
        }
        guard i < b.count, b[i] != UInt8(ascii: "]") else { return nil }
      }
      start = i
    }
    let end = valueEnd(b, start)
    return end <= b.count ? start..<end : nil
  }

  static func skipSpace(_ b: UnsafeRawBufferPointer, _ from: Int) -> Int {
    var i = from
    while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    return i
  }

  /// The index after the closing quote of the string starting at `i`, past the end when it does not
  /// close.
  ///
  /// Skipping goes through the ingest's `JSONScanner`, which steps over string content many bytes at
  /// a time: most of a record's bytes are inside strings, and a byte-by-byte loop here was a fifth of
  /// a scan's time.
  static func stringEnd(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int {
    var scanner = JSONScanner(b, position: i)
    guard (try? scanner.skipString()) != nil else { return b.count + 1 }
    return scanner.position
  }

  /// The index after the value starting at `i`, past the end when it is not one (malformed text).
  static func valueEnd(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int {
    guard i < b.count else { return b.count + 1 }
    var scanner = JSONScanner(b, position: i)
    guard (try? scanner.skipValue()) != nil else { return b.count + 1 }
    return scanner.position
  }

  private static func keyEquals(
    _ b: UnsafeRawBufferPointer, _ from: Int, _ to: Int, _ key: [UInt8], _ caseInsensitive: Bool
  ) -> Bool {
    guard to - from == key.count else { return false }
    for k in 0..<key.count {
      var c = b[from + k]
      var w = key[k]
      if c == UInt8(ascii: "\\") { return false }  // escaped keys: not a Lake field name
      if caseInsensitive {
        if c >= 0x41 && c <= 0x5A { c += 32 }
        if w >= 0x41 && w <= 0x5A { w += 32 }
      }
      if c != w { return false }
    }
    return true
  }

  /// The value in `range` as SQLite holds a JSON value: strings decoded, numbers as numbers, booleans
  /// 1/0, null NULL, objects and arrays as compact JSON text.
  static func sqlValue(_ b: UnsafeRawBufferPointer, _ range: Range<Int>) -> LakeValue {
    guard let first = range.first.map({ b[$0] }) else { return .null }
    switch first {
    case UInt8(ascii: "\""): return .text(decodeString(b, range))
    case UInt8(ascii: "t"): return .integer(1)
    case UInt8(ascii: "f"): return .integer(0)
    case UInt8(ascii: "n"): return .null
    case UInt8(ascii: "{"), UInt8(ascii: "["): return .text(compact(b, range))
    default:
      let text = String(decoding: UnsafeRawBufferPointer(rebasing: b[range]), as: UTF8.self)
      if let integer = Int64(text) { return .integer(integer) }
      return Double(text).map(LakeValue.double) ?? .text(text)
    }
  }

  /// The value in `range` as a map's string: strings decoded, anything else as compact JSON text.
  static func stringValue(_ b: UnsafeRawBufferPointer, _ range: Range<Int>) -> LakeValue {
    guard let first = range.first.map({ b[$0] }) else { return .null }
    switch first {
    case UInt8(ascii: "\""): return .text(decodeString(b, range))
    case UInt8(ascii: "n"): return .null
    default: return .text(compact(b, range))
    }
  }

  /// JSON text without the spaces outside its strings (escapes kept as written).
  static func compact(_ b: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    var i = range.lowerBound
    while i < range.upperBound {
      let c = b[i]
      if c == UInt8(ascii: "\"") {
        let end = min(stringEnd(b, i), range.upperBound)
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[i..<end]))
        i = end
        continue
      }
      if !(c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09) { out.append(c) }
      i += 1
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The text of the JSON string in `range` (quotes included), escapes decoded.
  static func decodeString(_ b: UnsafeRawBufferPointer, _ range: Range<Int>) -> String {
    let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
    guard inner.lowerBound <= inner.upperBound else { return "" }
    if !b[inner].contains(UInt8(ascii: "\\")) {
      return String(decoding: UnsafeRawBufferPointer(rebasing: b[inner]), as: UTF8.self)
    }
    var out: [UInt8] = []
    var i = inner.lowerBound
    func hex(_ at: Int) -> UInt32? {
      guard at + 4 <= inner.upperBound else { return nil }
      var v: UInt32 = 0
      for k in at..<(at + 4) {
        let c = b[k]
        let d: UInt8
        switch c {
        case 0x30...0x39: d = c - 0x30
        case 0x41...0x46: d = c - 0x37
        case 0x61...0x66: d = c - 0x57
        default: return nil
        }
        v = v * 16 + UInt32(d)
      }
      return v
    }
    while i < inner.upperBound {
      let c = b[i]
      guard c == UInt8(ascii: "\\"), i + 1 < inner.upperBound else {
        out.append(c)
        i += 1
        continue
      }
      let e = b[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "u"):
        guard var scalar = hex(i) else { break }
        i += 4
        if (0xD800..<0xDC00).contains(scalar), i + 1 < inner.upperBound, b[i] == UInt8(ascii: "\\"),
          b[i + 1] == UInt8(ascii: "u"), let low = hex(i + 2), (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
      default: out.append(e)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }
}
