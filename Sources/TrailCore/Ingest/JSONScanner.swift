import Foundation

/// A validating, allocation-light JSON scanner over a byte buffer.
///
/// Ingest needs two things that Foundation's parsers do not give: each record's exact bytes (the raw
/// record is stored verbatim) and speed (JSONSerialization parses ~50 k records/s, this ~1 M). So the
/// scanner walks bytes, skips the values ingest does not need (still checking they are valid JSON), and
/// decodes only the strings it is asked for.
struct JSONScanner {
  let bytes: UnsafeRawBufferPointer
  var position: Int

  init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
    self.bytes = bytes
    self.position = position
  }

  /// A JSON syntax error at a byte offset.
  struct SyntaxError: Error, Equatable {
    var offset: Int
    var message: String
  }

  enum ValueKind: Equatable {
    case object, array, string, number, bool, null

    var noun: String {
      switch self {
      case .object: "an object"
      case .array: "an array"
      case .string: "a string"
      case .number: "a number"
      case .bool: "a boolean"
      case .null: "null"
      }
    }
  }

  var isAtEnd: Bool { position >= bytes.count }

  @inline(__always) func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  @inline(__always) mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  func error(_ message: String) -> SyntaxError { SyntaxError(offset: position, message: message) }

  func describeByte() -> String {
    guard let byte = peek() else { return "end of input" }
    if byte >= 0x20 && byte < 0x7F { return "'\(Character(UnicodeScalar(byte)))'" }
    return "byte 0x\(String(byte, radix: 16))"
  }

  /// Consumes `byte` after any whitespace. The usual case, the byte itself with no whitespace before
  /// it (CloudTrail writes compact JSON), is inlined: a call per key and value showed in profiles.
  @inline(__always)
  mutating func expect(_ byte: UInt8, _ what: StaticString) throws(SyntaxError) {
    if position < bytes.count && bytes[position] == byte {
      position += 1
      return
    }
    try expectAfterWhitespace(byte, what)
  }

  @inline(never)
  private mutating func expectAfterWhitespace(_ byte: UInt8, _ what: StaticString) throws(SyntaxError) {
    skipWhitespace()
    guard peek() == byte else { throw error("expected \(what), found \(describeByte())") }
    position += 1
  }

  /// The kind of the value that starts at the current position (after whitespace); inlined like
  /// `expect`, with the same fast case.
  @inline(__always)
  mutating func peekKind() throws(SyntaxError) -> ValueKind {
    if position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: "\""): return .string
      case UInt8(ascii: "{"): return .object
      case UInt8(ascii: "["): return .array
      default: break
      }
    }
    return try peekKindAfterWhitespace()
  }

  @inline(never)
  private mutating func peekKindAfterWhitespace() throws(SyntaxError) -> ValueKind {
    skipWhitespace()
    switch peek() ?? 0 {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
    default: throw error("expected a JSON value, found \(describeByte())")
    }
  }

  /// Skips one value of any kind, checking its syntax.
  mutating func skipValue() throws(SyntaxError) {
    switch try peekKind() {
    case .object, .array: try skipContainer()
    case .string: try skipString()
    case .number: try skipNumber()
    case .bool: _ = try readBool()
    case .null: try readLiteral("null")
    }
  }

  mutating func readLiteral(_ literal: StaticString) throws(SyntaxError) {
    let count = literal.utf8CodeUnitCount
    guard position + count <= bytes.count else { throw error("unexpected end of input") }
    // memcmp: the closure over each byte took about 90 instructions a literal, three a record.
    let matches = memcmp(bytes.baseAddress! + position, literal.utf8Start, count) == 0
    guard matches else { throw error("invalid literal starting with \(describeByte())") }
    position += count
  }

  mutating func readBool() throws(SyntaxError) -> Bool {
    skipWhitespace()
    if peek() == UInt8(ascii: "t") {
      try readLiteral("true")
      return true
    }
    try readLiteral("false")
    return false
  }

  /// Skips a number in RFC 8259's grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
  mutating func skipNumber() throws(SyntaxError) {
    let start = position
    func digits() -> Int {
      let from = position
      while let byte = peek(), byte >= 0x30 && byte <= 0x39 { position += 1 }
      return position - from
    }
    if peek() == UInt8(ascii: "-") { position += 1 }
    // A leading zero stands alone: "01" ends the number after the 0 (and the caller then rejects the 1).
    if peek() == UInt8(ascii: "0") {
      position += 1
    } else if digits() == 0 {
      throw SyntaxError(offset: start, message: "invalid number")
    }
    if peek() == UInt8(ascii: ".") {
      position += 1
      if digits() == 0 { throw SyntaxError(offset: start, message: "invalid number: no digit after '.'") }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      if digits() == 0 {
        throw SyntaxError(offset: start, message: "invalid number: no digit in the exponent")
      }
    }
  }

  /// Skips a string, returning the range of its content (between the quotes) and whether it has escapes.
  ///
  /// Inlined: a record's thirty-odd keys and read values each came through here, and the call cost
  /// more than scanning a short string (saving registers, loading the SSE2 constants, a tuple back).
  @discardableResult @inline(__always)
  mutating func skipString() throws(SyntaxError) -> (range: Range<Int>, hasEscapes: Bool) {
    if position >= bytes.count || bytes[position] != UInt8(ascii: "\"") { try skipToQuote() }
    let start = position &+ 1
    let (end, hasEscapes) = try stringEnd(from: start)
    position = end &+ 1
    return (start..<end, hasEscapes)
  }
  /// Moves past whitespace to the opening quote of a string, or throws.
  @inline(never)
  private mutating func skipToQuote() throws(SyntaxError) {
    skipWhitespace()
    guard peek() == UInt8(ascii: "\"") else { throw error("expected a string, found \(describeByte())") }
  }

  /// Reads a string value and decodes it (escapes included).
  mutating func readString() throws(SyntaxError) -> String {
    let (range, hasEscapes) = try skipString()
    let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
    if !hasEscapes { return String(decoding: slice, as: UTF8.self) }
    return try JSONScanner.unescape(slice, offset: range.lowerBound)
  }

  /// Compares a string token's raw content with an ASCII key without allocating.
  @inline(__always)
  func rawEquals(_ range: Range<Int>, _ key: StaticString) -> Bool {
    let count = key.utf8CodeUnitCount
    guard range.count == count else { return false }
    return key.withUTF8Buffer { expected in
      var i = 0
      while i < count {
        if bytes[range.lowerBound + i] != expected[i] { return false }
        i += 1
      }
      return true
    }
  }

  /// `rawEquals` ignoring the case of ASCII letters, as Lake matches a record's keys.
  func rawEqualsIgnoringCase(_ range: Range<Int>, _ key: StaticString) -> Bool {
    let count = key.utf8CodeUnitCount
    guard range.count == count else { return false }
    return key.withUTF8Buffer { expected in
      (0..<count).allSatisfy { i in bytes[range.lowerBound + i] | 0x20 == expected[i] | 0x20 }
    }
  }

  static func unescape(_ slice: UnsafeRawBufferPointer, offset: Int) throws(SyntaxError) -> String {
    var out = [UInt8]()
    out.reserveCapacity(slice.count)
    var i = 0
    func hex4(_ at: Int) throws(SyntaxError) -> UInt32 {
      guard at + 4 <= slice.count else { throw SyntaxError(offset: offset + at, message: "short \\u escape") }
      var value: UInt32 = 0
      for k in 0..<4 {
        let c = slice[at + k]
        let digit: UInt32
        switch c {
        case 0x30...0x39: digit = UInt32(c - 0x30)
        case 0x41...0x46: digit = UInt32(c - 0x41 + 10)
        case 0x61...0x66: digit = UInt32(c - 0x61 + 10)
        default: throw SyntaxError(offset: offset + at + k, message: "bad hex digit in \\u escape")
        }
        value = value << 4 | digit
      }
      return value
    }
    while i < slice.count {
      let byte = slice[i]
      guard byte == UInt8(ascii: "\\") else {
        out.append(byte)
        i += 1
        continue
      }
      guard i + 1 < slice.count else { throw SyntaxError(offset: offset + i, message: "bad escape") }
      let next = slice[i + 1]
      i += 2
      switch next {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4(i)
        i += 4
        if scalar >= 0xD800 && scalar < 0xDC00, i + 6 <= slice.count, slice[i] == 0x5C, slice[i + 1] == 0x75 {
          let low = try hex4(i + 2)
          if low >= 0xDC00 && low < 0xE000 {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            i += 6
          }
        }
        let unicode = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(unicode)).utf8))
      default:
        throw SyntaxError(offset: offset + i - 1, message: "bad escape '\\\(Character(UnicodeScalar(next)))'")
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Iterates an object's members: `body` gets each key's raw range and must consume the value.
  mutating func forEachMember(
    _ body: (inout JSONScanner, Range<Int>) throws(SyntaxError) -> Void
  ) throws(SyntaxError) {
    var more = try beginObject()
    while more {
      try body(&self, try memberKey())
      more = try nextMember()
    }
  }

  /// Starts reading an object: consumes its `{` and any whitespace. False when the object is empty
  /// (its `}` is consumed too). With `memberKey` and `nextMember`, the loop the ingest hot path writes
  /// out, where a closure per member cost more than the member.
  @inline(__always)
  mutating func beginObject() throws(SyntaxError) -> Bool {
    try expect(UInt8(ascii: "{"), "'{'")
    skipWhitespace()
    if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
      position &+= 1
      return false
    }
    return true
  }

  /// A member's key (its content's range), with the colon and whitespace after it consumed.
  @inline(__always)
  mutating func memberKey() throws(SyntaxError) -> Range<Int> {
    let (key, value) = try member(at: position)
    position = value
    return key
  }

  /// After a member's value: true when a comma (and whitespace) was consumed and another member
  /// follows, false when the object's `}` was.
  @inline(__always)
  mutating func nextMember() throws(SyntaxError) -> Bool {
    if position < bytes.count {
      switch bytes[position] {
      case UInt8(ascii: ","):
        position &+= 1
        skipWhitespace()
        return true
      case UInt8(ascii: "}"):
        position &+= 1
        return false
      default: break
      }
    }
    return try nextMemberAfterWhitespace()
  }

  @inline(never)
  private mutating func nextMemberAfterWhitespace() throws(SyntaxError) -> Bool {
    skipWhitespace()
    switch peek() {
    case UInt8(ascii: ","):
      position += 1
      skipWhitespace()
      return true
    case UInt8(ascii: "}"):
      position += 1
      return false
    default: throw error("expected ',' or '}' in object, found \(describeByte())")
    }
  }

  /// Iterates an array's elements: `body` must consume each element.
  mutating func forEachElement(_ body: (inout JSONScanner) throws(SyntaxError) -> Void) throws(SyntaxError) {
    try expect(UInt8(ascii: "["), "'['")
    skipWhitespace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return
    }
    while true {
      skipWhitespace()
      try body(&self)
      skipWhitespace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return
      default: throw error("expected ',' or ']' in array, found \(describeByte())")
      }
    }
  }

  /// 1-based line and column of a byte offset, for messages.
  func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
    var line = 1
    var lineStart = 0
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      if bytes[i] == 0x0A {
        line += 1
        lineStart = i + 1
      }
      i += 1
    }
    return (line, end - lineStart + 1)
  }
}
