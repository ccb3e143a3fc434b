import Foundation

/// A JSON value kept for display: scalars keep their source spelling (escapes, number form).
public indirect enum JSONNode: Equatable, Sendable {
  case object([(key: String, value: JSONNode)])
  case array([JSONNode])
  /// The string's source text including its quotes and escapes.
  case string(String)
  case number(String)
  /// `true`, `false` or `null`.
  case literal(String)

  public static func == (a: JSONNode, b: JSONNode) -> Bool {
    switch (a, b) {
    case (.object(let x), .object(let y)):
      x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    case (.array(let x), .array(let y)): x == y
    case (.string(let x), .string(let y)), (.number(let x), .number(let y)),
      (.literal(let x), .literal(let y)):
      x == y
    default: false
    }
  }

  /// The member `key` of an object.
  public subscript(key: String) -> JSONNode? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.key == "\"\(key)\"" })?.value
  }

  /// A string's value without quotes (escapes other than `\"` and `\\` left as written).
  public var stringValue: String? {
    guard case .string(let raw) = self, raw.count >= 2 else { return nil }
    return String(raw.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
      .replacingOccurrences(of: "\\\\", with: "\\")
  }
}

/// Why a text is not JSON, with the character offset where reading stopped.
public struct JSONSyntaxError: Error, Equatable, Sendable {
  public var offset: Int
  public var reason: String
}

/// A small recursive-descent JSON reader for the event viewer (records are at most a few hundred KiB).
public struct JSONReader {
  private let scalars: [Unicode.Scalar]
  private var position = 0

  /// Parses `text` as one JSON value (surrounding whitespace allowed).
  public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
    var reader = JSONReader(scalars: Array(text.unicodeScalars))
    let node = try reader.value(depth: 0)
    reader.skipSpace()
    if reader.position < reader.scalars.count { throw reader.failure("unexpected text after the value") }
    return node
  }

  private init(scalars: [Unicode.Scalar]) {
    self.scalars = scalars
  }

  private func failure(_ reason: String) -> JSONSyntaxError {
    JSONSyntaxError(offset: position, reason: reason)
  }

  private mutating func skipSpace() {
    while position < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[position]) { position += 1 }
  }

  private mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONNode {
    guard depth < 512 else { throw failure("nesting is too deep") }
    skipSpace()
    guard position < scalars.count else { throw failure("unexpected end of text") }
    switch scalars[position] {
    case "{": return try object(depth: depth)
    case "[": return try array(depth: depth)
    case "\"": return .string(try string())
    case "t", "f", "n":
      for word in ["true", "false", "null"] where matches(word) {
        position += word.count
        return .literal(word)
      }
      throw failure("unknown literal")
    default: return .number(try number())
    }
  }

  private func matches(_ word: String) -> Bool {
    let wordScalars = Array(word.unicodeScalars)
    guard position + wordScalars.count <= scalars.count else { return false }
    return Array(scalars[position..<(position + wordScalars.count)]) == wordScalars
  }

  private mutating func object(depth: Int) throws(JSONSyntaxError) -> JSONNode {
    position += 1
    var members: [(key: String, value: JSONNode)] = []
    skipSpace()
    if position < scalars.count, scalars[position] == "}" {
      position += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard position < scalars.count, scalars[position] == "\"" else { throw failure("expected a key") }
      let key = try string()
      skipSpace()
      guard position < scalars.count, scalars[position] == ":" else { throw failure("expected ':'") }
      position += 1
      members.append((key, try value(depth: depth + 1)))
      skipSpace()
      guard position < scalars.count else { throw failure("unexpected end of text") }
      if scalars[position] == "," {
        position += 1
        continue
      }
      guard scalars[position] == "}" else { throw failure("expected ',' or '}'") }
      position += 1
      return .object(members)
    }
  }

  private mutating func array(depth: Int) throws(JSONSyntaxError) -> JSONNode {
    position += 1
    var items: [JSONNode] = []
    skipSpace()
    if position < scalars.count, scalars[position] == "]" {
      position += 1
      return .array(items)
    }
    while true {
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard position < scalars.count else { throw failure("unexpected end of text") }
      if scalars[position] == "," {
        position += 1
        continue
      }
      guard scalars[position] == "]" else { throw failure("expected ',' or ']'") }
      position += 1
      return .array(items)
    }
  }

  private mutating func string() throws(JSONSyntaxError) -> String {
    let start = position
    position += 1
    while position < scalars.count {
      let scalar = scalars[position]
      if scalar == "\\" {
        position += 2
        continue
      }
      position += 1
      if scalar == "\"" {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<position])
        return text
      }
      if scalar.value < 0x20 { throw failure("control character in a string") }
    }
    throw failure("unterminated string")
  }

  private mutating func number() throws(JSONSyntaxError) -> String {
    let start = position
    while position < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[position]) {
      position += 1
    }
    guard position > start else { throw failure("unexpected character") }
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars[start..<position])
    guard Double(text) != nil else { throw failure("malformed number \(text)") }
    return text
  }
}
