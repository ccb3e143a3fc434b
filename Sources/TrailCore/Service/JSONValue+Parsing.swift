import Foundation

extension JSONValue {
  /// Why ``JSONValue/init(parsing:)`` refused its input, with the byte offset where it stopped.
  public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The byte offset of the problem in the input.
    public var offset: Int
    /// What was wrong there.
    public var reason: String
    /// `reason at byte offset`.
    public var description: String { "\(reason) at byte \(offset)" }
  }

  /// Parses JSON text (RFC 8259) into a tree that keeps object members in document order.
  ///
  /// Foundation's parsers hand back dictionaries and lose the order, which is the very thing the service
  /// model's member order and the aws CLI's output depend on. Numbers without fraction or exponent that fit
  /// `Int64` become ``integer(_:)``, all others ``double(_:)``; duplicate keys are kept as written.
  public init(parsing bytes: some Collection<UInt8>) throws(ParseError) {
    var parser = Parser(bytes: Array(bytes))
    self = try parser.document()
  }

  /// Parses JSON text given as a string; see the byte-collection initialiser.
  public init(parsing text: String) throws(ParseError) {
    try self.init(parsing: Array(text.utf8))
  }
}

/// A recursive-descent JSON parser; nesting is limited so hostile input cannot exhaust the stack.
private struct Parser {
  let bytes: [UInt8]
  var index = 0
  var depth = 0
  static let maximumDepth = 512

  init(bytes: [UInt8]) { self.bytes = bytes }

  func fail(_ reason: String) -> JSONValue.ParseError { .init(offset: index, reason: reason) }

  mutating func document() throws(JSONValue.ParseError) -> JSONValue {
    let value = try self.value()
    skipSpace()
    guard index == bytes.count else { throw fail("unexpected text after the JSON value") }
    return value
  }

  mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  mutating func literal(_ word: String, _ value: JSONValue) throws(JSONValue.ParseError) -> JSONValue {
    let expected = Array(word.utf8)
    guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected
    else { throw fail("invalid literal") }
    index += expected.count
    return value
  }

  mutating func value() throws(JSONValue.ParseError) -> JSONValue {
    skipSpace()
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw fail("unexpected character")
    }
  }

  mutating func enter() throws(JSONValue.ParseError) {
    depth += 1
    guard depth <= Self.maximumDepth else { throw fail("nesting deeper than \(Self.maximumDepth)") }
    index += 1
  }

  mutating func object() throws(JSONValue.ParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    var members: [(key: String, value: JSONValue)] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
        throw fail("expected a member name")
      }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      index += 1
      members.append((key, try value()))
      skipSpace()
      guard index < bytes.count else { throw fail("unterminated object") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      } else {
        throw fail("expected ',' or '}'")
      }
    }
  }

  mutating func array() throws(JSONValue.ParseError) -> JSONValue {
    try enter()
    defer { depth -= 1 }
    var items: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      items.append(try value())
      skipSpace()
      guard index < bytes.count else { throw fail("unterminated array") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      } else {
        throw fail("expected ',' or ']'")
      }
    }
  }

  mutating func hex4() throws(JSONValue.ParseError) -> UInt32 {
    guard bytes.count - index >= 4 else { throw fail("short \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let digit: UInt8
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
      default: throw fail("bad hex digit in \\u escape")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  mutating func string() throws(JSONValue.ParseError) -> String {
    index += 1  // the opening quote
    var out: [UInt8] = []
    while true {
      guard index < bytes.count else { throw fail("unterminated string") }
      let b = bytes[index]
      switch b {
      case UInt8(ascii: "\""):
        index += 1
        guard let text = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in string") }
        return text
      case 0..<0x20: throw fail("unescaped control character in string")
      case UInt8(ascii: "\\"):
        index += 1
        guard index < bytes.count else { throw fail("unterminated escape") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
            bytes[index + 1] == UInt8(ascii: "u")
          {
            let saved = index
            index += 2
            let low = try hex4()
            if (0xDC00..<0xE000).contains(low) {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else {
              index = saved
            }
          }
          // A lone surrogate cannot live in a Swift String; it becomes U+FFFD as in most decoders.
          let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
          out.append(contentsOf: String(scalar).utf8)
        default: throw fail("invalid escape")
        }
      default:
        out.append(b)
        index += 1
      }
    }
  }

  mutating func number() throws(JSONValue.ParseError) -> JSONValue {
    let start = index
    var isInteger = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    func digits(_ p: inout Parser) -> Int {
      let s = p.index
      while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) {
        p.index += 1
      }
      return p.index - s
    }
    let intDigits = digits(&self)
    guard intDigits > 0 else { throw fail("expected digits") }
    guard intDigits == 1 || bytes[index - intDigits] != UInt8(ascii: "0") else { throw fail("leading zero") }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard digits(&self) > 0 else { throw fail("expected digits after '.'") }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        index += 1
      }
      guard digits(&self) > 0 else { throw fail("expected exponent digits") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let value = Int64(text) { return .integer(value) }
    guard let value = Double(text) else { throw fail("unreadable number") }
    return .double(value)
  }
}
