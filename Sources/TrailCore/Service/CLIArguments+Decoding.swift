import Foundation

// How `CLIArguments` decodes a request: the top level keyed by member name, each member's words
// read by its Swift type.

/// Decodes a request from `CLIArguments`: the top level is keyed by member name.
struct ArgumentDecoder: Decoder {
  let arguments: CLIArguments
  var codingPath: [any CodingKey] = []
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(ArgumentContainer<Key>(arguments: arguments))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    throw CLIArguments.UsageError("this operation's input is not a structure")
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer {
    throw CLIArguments.UsageError("this operation's input is not a structure")
  }
}

struct ArgumentContainer<Key: CodingKey>: GenericKeyedDecoding {
  let arguments: CLIArguments
  var codingPath: [any CodingKey] { [] }
  var allKeys: [Key] { [] }

  func contains(_ key: Key) -> Bool { arguments.value(for: key.stringValue) != nil }

  func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

  func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
    guard let given = arguments.value(for: key.stringValue) else {
      throw CLIArguments.UsageError(
        "the following arguments are required: --\(CLIArguments.flagName(key.stringValue))")
    }
    return try Self.value(type, given.flag, given.values, negated: given.negated)
  }

  /// The member's value from its flag's words, by the member's type.
  static func value<T: Decodable>(_ type: T.Type, _ flag: String, _ values: [String], negated: Bool) throws
    -> T
  {
    func one() throws -> String {
      guard values.count == 1 else {
        throw CLIArguments.UsageError(
          values.isEmpty ? "argument --\(flag): expected one argument" : "Unknown options: \(values[1])")
      }
      return values[0]
    }
    if negated && type != Bool.self {
      throw CLIArguments.UsageError("Unknown options: --no-\(flag)")
    }
    switch type {
    case is Bool.Type:
      if values.isEmpty { return !negated as! T }
      let text = try one().lowercased()
      guard text == "true" || text == "false" else {
        throw CLIArguments.UsageError("argument --\(flag): expected true or false, got '\(values[0])'")
      }
      return ((text == "true") != negated) as! T
    case is String.Type:
      return try one() as! T
    case is Int.Type:
      let text = try one()
      guard let number = Int(text) else {
        throw CLIArguments.UsageError("argument --\(flag): invalid int value: '\(text)'")
      }
      return number as! T
    case is Double.Type:
      let text = try one()
      guard let number = Double(text) else {
        throw CLIArguments.UsageError("argument --\(flag): invalid float value: '\(text)'")
      }
      return number as! T
    case is Date.Type:
      let text = try one()
      guard let date = ISO8601Time.parseUserTime(text) else {
        throw CLIArguments.UsageError(
          "argument --\(flag): Unable to parse parameter value '\(text)': expected ISO 8601 or epoch seconds")
      }
      return date as! T
    case is [String].Type:
      guard !values.isEmpty else {
        throw CLIArguments.UsageError("argument --\(flag): expected at least one argument")
      }
      if values.count == 1, let json = try? jsonValue(values[0], flag), case .array = json {
        return try ShapeDecoder().decode(T.self, from: json)
      }
      return values as! T
    default:
      return try structured(type, flag, values)
    }
  }

  /// A structure, list or enum: JSON (inline or `file://`), else shorthand, else one plain word.
  static func structured<T: Decodable>(_ type: T.Type, _ flag: String, _ values: [String]) throws -> T {
    guard !values.isEmpty else { throw CLIArguments.UsageError("argument --\(flag): expected one argument") }
    if values.count == 1, let json = try jsonValue(values[0], flag) {
      return try ShapeDecoder().decode(T.self, from: json)
    }
    if values.allSatisfy({ $0.contains("=") }) {
      let objects = try values.map { try shorthand($0, flag) }
      for candidate in [JSONValue.array(objects), objects.count == 1 ? objects[0] : nil].compactMap({ $0 }) {
        if let decoded = try? ShapeDecoder().decode(T.self, from: candidate) { return decoded }
        if let decoded = try? ShapeDecoder().decode(T.self, from: candidate.allStrings) { return decoded }
      }
    }
    if values.count == 1 {
      // An enum or other single value: its own words as a JSON string.
      return try ShapeDecoder().decode(T.self, from: .string(values[0]))
    }
    return try ShapeDecoder().decode(T.self, from: .array(values.map(JSONValue.string)))
  }

  /// The JSON a value holds (read from the file for `file://PATH`), or nil when it is not JSON.
  static func jsonValue(_ text: String, _ flag: String) throws -> JSONValue? {
    var text = text
    if text.hasPrefix("file://") {
      let path = String(text.dropFirst("file://".count))
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIArguments.UsageError("Error parsing parameter '--\(flag)': Unable to load paramfile \(text)")
      }
      text = String(decoding: data, as: UTF8.self)
    }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.hasPrefix("[") || trimmed.hasPrefix("{") else { return nil }
    do {
      return try JSONValue(parsing: trimmed)
    } catch {
      throw CLIArguments.UsageError("Error parsing parameter '--\(flag)': Invalid JSON: \(error)")
    }
  }

  /// `Key=team,Value=red` as an object; `true`/`false` and integers become JSON Booleans and numbers.
  static func shorthand(_ text: String, _ flag: String) throws -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    for pair in text.split(separator: ",", omittingEmptySubsequences: false) {
      guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
        throw CLIArguments.UsageError(
          "Error parsing parameter '--\(flag)': Expected: '=', received: '\(pair)' for input: \(text)")
      }
      let key = String(pair[..<equals])
      let word = String(pair[pair.index(after: equals)...])
      let value: JSONValue =
        word == "true"
        ? .bool(true) : word == "false" ? .bool(false) : Int64(word).map(JSONValue.integer) ?? .string(word)
      members.append((key, value))
    }
    return .object(members)
  }

  func decodeValueIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
    contains(key) ? try decodeValue(type, key) : nil
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    throw CLIArguments.UsageError("argument --\(CLIArguments.flagName(key.stringValue)): not a structure")
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    throw CLIArguments.UsageError("argument --\(CLIArguments.flagName(key.stringValue)): not a list")
  }

  func superDecoder() throws -> any Decoder { ArgumentDecoder(arguments: arguments) }
  func superDecoder(forKey key: Key) throws -> any Decoder { ArgumentDecoder(arguments: arguments) }
}

extension JSONValue {
  /// The same value with every scalar of an object or array as a string (shorthand's other reading).
  fileprivate var allStrings: JSONValue {
    switch self {
    case .bool(let value): .string(value ? "true" : "false")
    case .integer(let value): .string(String(value))
    case .array(let items): .array(items.map(\.allStrings))
    case .object(let members): .object(members.map { ($0.key, $0.value.allStrings) })
    default: self
    }
  }
}

/// A keyed container whose every `decode` and `decodeIfPresent` goes through two generic functions:
/// the standard library asks for one overload per scalar type, and both containers here treat them
/// all alike.
protocol GenericKeyedDecoding: KeyedDecodingContainerProtocol {
  func decodeValue<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T
  func decodeValueIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T?
}

extension GenericKeyedDecoding {
  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decodeValue(type, key) }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try decodeValue(type, key) }
  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decodeValue(type, key) }
  func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
    try decodeValueIfPresent(type, key)
  }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decodeValue(type, key) }
  func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
    try decodeValueIfPresent(type, key)
  }
}
