import Foundation

/// A request shape read from aws-CLI-style arguments: member `S3BucketName` is `--s3-bucket-name`.
///
/// This is how the aws CLI maps every operation's input (botocore's `xform_name`), so one decoder
/// gives every operation its aws CLI flags from its Codable request type:
/// - a Boolean member is `--flag` (true) or `--no-flag` (false);
/// - a string, number or timestamp takes one value (timestamps: ISO 8601 or epoch seconds);
/// - a list of strings takes the values that follow (`--trail-name-list a b`);
/// - a structure, a list of structures or a map takes JSON (inline or `file://PATH`) or the aws CLI's
///   shorthand, one structure a value (`--tags-list Key=team,Value=red Key=env,Value=prod`).
///
/// Unknown flags, missing required members and values of the wrong kind are `UsageError`s, which the
/// CLI reports with the aws CLI's exit status for usage errors (252).
public struct CLIArguments {
  /// A mistake in the arguments, in the aws CLI's words where it has them.
  public struct UsageError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
  }

  /// One flag as given: its values in order (empty for a bare `--flag`).
  struct Given {
    var name: String
    var values: [String]
  }

  private var given: [String: Given] = [:]
  private var order: [String] = []

  /// Splits `arguments` into flags and their values.
  public init(_ arguments: [String]) throws(UsageError) {
    var current: String?
    for argument in arguments {
      if argument.hasPrefix("--") && argument.count > 2 {
        let name = String(argument.dropFirst(2))
        guard given[name] == nil else { throw UsageError("argument --\(name): given twice") }
        given[name] = Given(name: name, values: [])
        order.append(name)
        current = name
      } else if let name = current {
        given[name]!.values.append(argument)
      } else {
        throw UsageError("Unknown options: \(argument)")
      }
    }
  }

  /// The request `T` built from the arguments.
  ///
  /// - Throws: `UsageError` for a missing required member (all of them named, as the aws CLI does),
  ///   an unknown flag, or a value that does not fit its member.
  public func decode<T: Decodable>(_ type: T.Type) throws -> T {
    let members = Self.members(of: type)
    let missing = members.filter { $0.isRequired && given[$0.flag] == nil && given["no-" + $0.flag] == nil }
    if !missing.isEmpty {
      throw UsageError(
        "the following arguments are required: " + missing.map { "--" + $0.flag }.joined(separator: ", "))
    }
    // `--no-x` exists only for Boolean members, as in the aws CLI.
    let known = Set(members.flatMap { $0.kind == .boolean ? [$0.flag, "no-" + $0.flag] : [$0.flag] })
    let unknown = order.filter { !known.contains($0) }
    if !unknown.isEmpty {
      throw UsageError("Unknown options: " + unknown.map { "--" + $0 }.joined(separator: ", "))
    }
    do {
      return try T(from: ArgumentDecoder(arguments: self))
    } catch let error as UsageError {
      throw error
    } catch let error as DecodingError {
      throw UsageError(Self.describe(error))
    }
  }

  /// The value of one member, found by its flag.
  func value(for key: String) -> (flag: String, values: [String], negated: Bool)? {
    let flag = Self.flagName(key)
    if let found = given[flag] { return (flag, found.values, false) }
    if let found = given["no-" + flag] { return (flag, found.values, true) }
    return nil
  }

  // MARK: Flag names

  /// The aws CLI's flag for a member: botocore's `xform_name` with dashes (`SnsTopicARN` →
  /// `sns-topic-arn`, `trailNameList` → `trail-name-list`).
  public static func flagName(_ member: String) -> String {
    var name = member
    // A trailing plural of capitals (`ARNs`) becomes one word first, as botocore does.
    if let range = name.range(of: "[A-Z]{2,}s$", options: .regularExpression) {
      name = name[..<range.lowerBound] + "-" + name[range].lowercased()
    }
    name = name.replacingOccurrences(
      of: "(.)([A-Z][a-z]+)", with: "$1-$2", options: .regularExpression)
    name = name.replacingOccurrences(
      of: "([a-z0-9])([A-Z])", with: "$1-$2", options: .regularExpression)
    return name.lowercased()
  }

  // MARK: Members, for help and checks

  /// A member of a request shape as the CLI sees it.
  public struct Member: Equatable, Sendable {
    /// The flag without dashes, e.g. `s3-bucket-name`.
    public var flag: String
    public var isRequired: Bool
    public var kind: Kind

    /// How the member's value is written.
    public enum Kind: Equatable, Sendable {
      case boolean, string, number, timestamp, strings, structure
    }

    /// `--name <value>` as help lists it.
    public var usage: String {
      switch kind {
      case .boolean: "--\(flag) | --no-\(flag)"
      case .string: "--\(flag) <value>"
      case .number: "--\(flag) <integer>"
      case .timestamp: "--\(flag) <timestamp>"
      case .strings: "--\(flag) <value> [<value> …]"
      case .structure: "--\(flag) <JSON, file://PATH or shorthand>"
      }
    }
  }

  /// The members of request type `T`, in the order it decodes them.
  public static func members<T: Decodable>(of type: T.Type) -> [Member] {
    let recorder = MemberRecorder()
    _ = try? T(from: recorder)
    return recorder.members
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
      .dataCorrupted(let context):
      let path = context.codingPath.map(\.stringValue).filter { Int($0) == nil }
      let flag = path.first.map { "argument --\(flagName($0))" } ?? "arguments"
      let member = path.count > 1 ? " (member \(path.dropFirst().joined(separator: ".")))" : ""
      return "\(flag)\(member): \(context.debugDescription)"
    @unknown default:
      return "\(error)"
    }
  }
}

/// Decodes a request from `CLIArguments`: the top level is keyed by member name.
private struct ArgumentDecoder: Decoder {
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

private struct ArgumentContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let arguments: CLIArguments
  var codingPath: [any CodingKey] { [] }
  var allKeys: [Key] { [] }

  func contains(_ key: Key) -> Bool { arguments.value(for: key.stringValue) != nil }

  func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    try decodeIfPresent(type, key)
  }
  // The concrete overloads synthesised Codable calls, all through the generic ones above.
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    try decodeIfPresent(type as Bool.Type, key)
  }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    try decodeIfPresent(type as String.Type, key)
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
    try decodeIfPresent(type as Double.Type, key)
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
  func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
    try decodeIfPresent(type as Float.Type, key)
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try decodeIfPresent(type as Int.Type, key)
  }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
  func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
    try decodeIfPresent(type as Int8.Type, key)
  }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
  func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
    try decodeIfPresent(type as Int16.Type, key)
  }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
  func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
    try decodeIfPresent(type as Int32.Type, key)
  }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
  func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
    try decodeIfPresent(type as Int64.Type, key)
  }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
  func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
    try decodeIfPresent(type as UInt.Type, key)
  }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
  func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
    try decodeIfPresent(type as UInt8.Type, key)
  }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
  func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
    try decodeIfPresent(type as UInt16.Type, key)
  }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
  func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
    try decodeIfPresent(type as UInt32.Type, key)
  }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }
  func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
    try decodeIfPresent(type as UInt64.Type, key)
  }

  private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
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

  private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
    contains(key) ? try decode(type, key) : nil
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

/// Walks a request type's `init(from:)` to learn its top-level members (flag, required, kind),
/// answering every member as absent and stopping nothing.
private final class MemberRecorder: Decoder {
  var members: [CLIArguments.Member] = []
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    KeyedDecodingContainer(RecordingContainer<Key>(recorder: self))
  }
  func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw CLIArguments.UsageError("") }
  func singleValueContainer() throws -> any SingleValueDecodingContainer { throw CLIArguments.UsageError("") }

  func record(_ key: String, required: Bool, _ type: Any.Type) {
    let kind: CLIArguments.Member.Kind =
      switch type {
      case is Bool.Type: .boolean
      case is String.Type: .string
      case is Int.Type, is Double.Type: .number
      case is Date.Type: .timestamp
      case is [String].Type: .strings
      default: .structure
      }
    members.append(CLIArguments.Member(flag: CLIArguments.flagName(key), isRequired: required, kind: kind))
  }
}

private struct RecordingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let recorder: MemberRecorder
  var codingPath: [any CodingKey] { [] }
  var allKeys: [Key] { [] }
  func contains(_ key: Key) -> Bool { false }
  func decodeNil(forKey key: Key) throws -> Bool { true }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }
  func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
    try decodeIfPresent(type, key)
  }
  // The concrete overloads synthesised Codable calls, all through the generic ones above.
  func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
  func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
    try decodeIfPresent(type as Bool.Type, key)
  }
  func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
  func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
    try decodeIfPresent(type as String.Type, key)
  }
  func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
  func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
    try decodeIfPresent(type as Double.Type, key)
  }
  func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
  func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? {
    try decodeIfPresent(type as Float.Type, key)
  }
  func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
  func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
    try decodeIfPresent(type as Int.Type, key)
  }
  func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
  func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? {
    try decodeIfPresent(type as Int8.Type, key)
  }
  func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
  func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? {
    try decodeIfPresent(type as Int16.Type, key)
  }
  func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
  func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
    try decodeIfPresent(type as Int32.Type, key)
  }
  func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
  func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
    try decodeIfPresent(type as Int64.Type, key)
  }
  func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
  func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? {
    try decodeIfPresent(type as UInt.Type, key)
  }
  func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
  func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? {
    try decodeIfPresent(type as UInt8.Type, key)
  }
  func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
  func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? {
    try decodeIfPresent(type as UInt16.Type, key)
  }
  func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
  func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? {
    try decodeIfPresent(type as UInt32.Type, key)
  }
  func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }
  func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? {
    try decodeIfPresent(type as UInt64.Type, key)
  }

  private func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
    recorder.record(key.stringValue, required: false, type)
    return nil
  }

  /// A required member: recorded, then a stand-in value so the walk goes on to the next member.
  private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
    recorder.record(key.stringValue, required: true, type)
    switch type {
    case is Bool.Type: return false as! T
    case is String.Type: return "" as! T
    case is Int.Type: return 0 as! T
    case is Double.Type: return 0.0 as! T
    case is Date.Type: return Date(timeIntervalSince1970: 0) as! T
    default:
      for stand in [JSONValue.array([]), .object([]), .string("")] {
        if let value = try? ShapeDecoder().decode(T.self, from: stand) { return value }
      }
      throw CLIArguments.UsageError("no stand-in for \(key.stringValue)")
    }
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    throw CLIArguments.UsageError("")
  }
  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    throw CLIArguments.UsageError("")
  }
  func superDecoder() throws -> any Decoder { recorder }
  func superDecoder(forKey key: Key) throws -> any Decoder { recorder }
}
