import Foundation

/// Turns any `Encodable` into a ``JSONValue`` whose object members come in the order `encode(to:)` wrote
/// them.
///
/// Synthesised `Codable` writes members in `CodingKeys` order, so a shape type that declares its members in
/// the service model's order prints them in that order, as botocore (and so the aws CLI) does. Foundation's
/// `JSONEncoder` cannot be used: it offers only sorted or unspecified key order. Nil optionals are omitted
/// (synthesised code uses `encodeIfPresent`), as CloudTrail omits absent members.
public struct ShapeEncoder: Sendable {
  /// How `Date` values (the model's `timestamp` shapes) are written.
  public enum TimestampStyle: Sendable, Equatable {
    /// A string as the aws CLI prints a UTC timestamp (Python's `datetime.isoformat()`):
    /// `2024-03-01T12:00:00+00:00`, or `2024-03-01T12:00:00.123000+00:00` when there are microseconds.
    case awsCLI
    /// Epoch seconds as a number, as CloudTrail's JSON 1.1 protocol sends timestamps: an integer when
    /// whole, else a double (`1709294400`, `1709294400.5`).
    case epochSeconds
  }

  /// How this encoder writes `Date` values.
  public var timestampStyle: TimestampStyle

  /// An encoder writing timestamps in `timestampStyle` (the aws CLI's by default).
  public init(_ timestampStyle: TimestampStyle = .awsCLI) {
    self.timestampStyle = timestampStyle
  }

  /// The JSON tree of `value`. `Date` is written per ``timestampStyle``, `Data` (the model's `blob`) as
  /// base64, `[String: V]` maps with their keys sorted (a Swift dictionary has no order of its own, and
  /// output must not change from run to run). Throws `EncodingError.invalidValue` for non-finite doubles
  /// and integers beyond `Int64`, which JSON 1.1 cannot carry.
  public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
    let root = EncodingNode()
    try EncodingState(style: timestampStyle, usesDirectShapes: usesDirectShapes)
      .box(value, into: root, codingPath: [])
    return root.finish()
  }

  /// Whether shapes that build their own tree (``DirectShapeEncodable``) do so; tests turn it off to
  /// compare that tree with what the shape's `encode(to:)` writes.
  var usesDirectShapes = true

  /// `date` as the aws CLI prints it: ISO 8601 in UTC with a `+00:00` offset and, when non-zero,
  /// six digits of microseconds (rounded half to even, as Python's `datetime.fromtimestamp`).
  public static func awsCLITimestamp(_ date: Date) -> String {
    let t = date.timeIntervalSince1970
    var seconds = t.rounded(.down)
    var micros = ((t - seconds) * 1_000_000).rounded(.toNearestOrEven)
    if micros >= 1_000_000 {
      seconds += 1
      micros -= 1_000_000
    }
    let base = ISO8601Time.format(Int64(seconds)).dropLast()  // drops the `Z`
    guard micros > 0 else { return base + "+00:00" }
    let digits = String(Int(micros))
    return base + "." + String(repeating: "0", count: 6 - digits.count) + digits + "+00:00"
  }

  /// `date` as JSON 1.1 sends it: whole epoch seconds as an integer, otherwise a double.
  public static func epochSeconds(_ date: Date) -> JSONValue {
    let t = date.timeIntervalSince1970
    if t.rounded(.towardZero) == t, let whole = Int64(exactly: t) { return .integer(whole) }
    return .double(t)
  }
}

/// One value under construction. A class, because containers handed out by an `Encoder` must keep writing
/// into the same place after the call that created them returned.
final class EncodingNode {
  enum Kind {
    case unset, scalar, object, array
  }
  var kind = Kind.unset
  var scalar = JSONValue.null
  var keys: [String] = []
  var members: [String: EncodingNode] = [:]
  var items: [EncodingNode] = []

  func set(_ value: JSONValue) {
    kind = .scalar
    scalar = value
  }

  func becomeObject() {
    guard kind != .object else { return }
    kind = .object
    keys = []
    members = [:]
  }

  func becomeArray() {
    guard kind != .array else { return }
    kind = .array
    items = []
  }

  /// The node for `key`, created at the end when new; an existing key keeps its first position.
  func member(_ key: String) -> EncodingNode {
    becomeObject()
    if let node = members[key] { return node }
    let node = EncodingNode()
    keys.append(key)
    members[key] = node
    return node
  }

  /// A fresh node for `key`: encoding a key twice replaces its value (as `JSONEncoder` does).
  func replacingMember(_ key: String) -> EncodingNode {
    becomeObject()
    let node = EncodingNode()
    if members[key] == nil { keys.append(key) }
    members[key] = node
    return node
  }

  func appendItem() -> EncodingNode {
    becomeArray()
    let node = EncodingNode()
    items.append(node)
    return node
  }

  func finish() -> JSONValue {
    switch kind {
    case .scalar: scalar
    case .object: .object(keys.map { (key: $0, value: members[$0]!.finish()) })
    case .array: .array(items.map { $0.finish() })
    // A value whose encode(to:) wrote nothing (or an unused superEncoder): `{}`, as JSONEncoder writes.
    case .unset: .object([])
    }
  }
}

/// A coding key built from a string or an index, for paths and maps.
struct ShapeCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String) {
    self.stringValue = stringValue
    self.intValue = nil
  }
  init(intValue: Int) {
    self.stringValue = String(intValue)
    self.intValue = intValue
  }
  static let `super` = ShapeCodingKey(stringValue: "super")
}

/// Maps with string keys, which the encoder writes in sorted key order.
protocol SortedKeyMap {
  func encodeSorted(into node: EncodingNode, state: EncodingState, codingPath: [any CodingKey]) throws
}

extension Dictionary: SortedKeyMap where Key == String, Value: Encodable {
  func encodeSorted(into node: EncodingNode, state: EncodingState, codingPath: [any CodingKey]) throws {
    node.becomeObject()
    for key in keys.sorted() {
      try state.box(
        self[key]!, into: node.replacingMember(key),
        codingPath: codingPath + [ShapeCodingKey(stringValue: key)])
    }
  }
}

/// A shape that builds its own JSON tree rather than going through `Encoder`, for the few shapes that
/// make up most of a busy response (LookupEvents' events): the generic path builds a node, a key list
/// and a dictionary for every object, which cost the server more than the lookup itself. The tree must
/// be exactly what the shape's `encode(to:)` writes (ShapeEncoderTests compares the two).
protocol DirectShapeEncodable {
  func shapeJSON(_ state: EncodingState, codingPath: [any CodingKey]) throws -> JSONValue
}

/// What every container needs: the timestamp style and the scalar conversions.
struct EncodingState {
  let style: ShapeEncoder.TimestampStyle
  var usesDirectShapes = true

  func box<T: Encodable>(_ value: T, into node: EncodingNode, codingPath: [any CodingKey]) throws {
    if usesDirectShapes, let shape = value as? any DirectShapeEncodable {
      node.set(try shape.shapeJSON(self, codingPath: codingPath))
    } else if let date = value as? Date {
      node.set(try self.date(date, codingPath))
    } else if let data = value as? Data {
      node.set(.string(data.base64EncodedString()))
    } else if let map = value as? any SortedKeyMap {
      try map.encodeSorted(into: node, state: self, codingPath: codingPath)
    } else {
      try value.encode(to: ShapeEncodingContext(node: node, codingPath: codingPath, state: self))
    }
  }

  /// `date` in this state's timestamp style.
  func date(_ date: Date, _ codingPath: [any CodingKey]) throws -> JSONValue {
    switch style {
    case .awsCLI: return .string(ShapeEncoder.awsCLITimestamp(date))
    case .epochSeconds:
      guard date.timeIntervalSince1970.isFinite else {
        throw EncodingError.invalidValue(
          date, .init(codingPath: codingPath, debugDescription: "Non-finite date"))
      }
      return ShapeEncoder.epochSeconds(date)
    }
  }

  func integer<T: BinaryInteger>(_ value: T, _ codingPath: [any CodingKey]) throws -> JSONValue {
    guard let exact = Int64(exactly: value) else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: codingPath, debugDescription: "\(value) does not fit a JSON 1.1 long"))
    }
    return .integer(exact)
  }

  func double(_ value: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
    guard value.isFinite else {
      throw EncodingError.invalidValue(
        value, .init(codingPath: codingPath, debugDescription: "\(value) has no JSON spelling"))
    }
    return .double(value)
  }

  /// A `Float` travels as its own shortest text (`0.1`), so it is widened through that text rather than
  /// bit for bit (`0.10000000149011612`).
  func float(_ value: Float, _ codingPath: [any CodingKey]) throws -> JSONValue {
    try double(Double(value.description) ?? Double(value), codingPath)
  }
}

struct ShapeEncodingContext: Encoder {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  let state: EncodingState
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
    node.becomeObject()
    return KeyedEncodingContainer(ShapeKeyedContainer<Key>(node: node, codingPath: codingPath, state: state))
  }

  func unkeyedContainer() -> any UnkeyedEncodingContainer {
    node.becomeArray()
    return ShapeUnkeyedContainer(node: node, codingPath: codingPath, state: state)
  }

  func singleValueContainer() -> any SingleValueEncodingContainer {
    ShapeSingleValueContainer(node: node, codingPath: codingPath, state: state)
  }
}

struct ShapeKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  let state: EncodingState

  private func put(_ value: JSONValue, _ key: Key) { node.replacingMember(key.stringValue).set(value) }
  private func path(_ key: Key) -> [any CodingKey] { codingPath + [key] }

  mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
  mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
  mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
  mutating func encode(_ value: Double, forKey key: Key) throws {
    put(try state.double(value, path(key)), key)
  }
  mutating func encode(_ value: Float, forKey key: Key) throws { put(try state.float(value, path(key)), key) }
  mutating func encode(_ value: Int, forKey key: Key) throws { put(try state.integer(value, path(key)), key) }
  mutating func encode(_ value: Int8, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: Int16, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: Int32, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: Int64, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: UInt, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: UInt8, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: UInt16, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: UInt32, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }
  mutating func encode(_ value: UInt64, forKey key: Key) throws {
    put(try state.integer(value, path(key)), key)
  }

  mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
    try state.box(value, into: node.replacingMember(key.stringValue), codingPath: path(key))
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type, forKey key: Key
  ) -> KeyedEncodingContainer<NestedKey> {
    let child = node.member(key.stringValue)
    child.becomeObject()
    return KeyedEncodingContainer(
      ShapeKeyedContainer<NestedKey>(node: child, codingPath: path(key), state: state))
  }

  mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
    let child = node.member(key.stringValue)
    child.becomeArray()
    return ShapeUnkeyedContainer(node: child, codingPath: path(key), state: state)
  }

  mutating func superEncoder() -> any Encoder {
    ShapeEncodingContext(
      node: node.replacingMember(ShapeCodingKey.super.stringValue),
      codingPath: codingPath + [ShapeCodingKey.super],
      state: state)
  }

  mutating func superEncoder(forKey key: Key) -> any Encoder {
    ShapeEncodingContext(node: node.replacingMember(key.stringValue), codingPath: path(key), state: state)
  }
}

struct ShapeUnkeyedContainer: UnkeyedEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  let state: EncodingState
  var count: Int { node.items.count }

  private func put(_ value: JSONValue) { node.appendItem().set(value) }
  private var nextPath: [any CodingKey] { codingPath + [ShapeCodingKey(intValue: count)] }

  mutating func encodeNil() throws { put(.null) }
  mutating func encode(_ value: Bool) throws { put(.bool(value)) }
  mutating func encode(_ value: String) throws { put(.string(value)) }
  mutating func encode(_ value: Double) throws { put(try state.double(value, nextPath)) }
  mutating func encode(_ value: Float) throws { put(try state.float(value, nextPath)) }
  mutating func encode(_ value: Int) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: Int8) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: Int16) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: Int32) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: Int64) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: UInt) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: UInt8) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: UInt16) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: UInt32) throws { put(try state.integer(value, nextPath)) }
  mutating func encode(_ value: UInt64) throws { put(try state.integer(value, nextPath)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    let path = nextPath
    try state.box(value, into: node.appendItem(), codingPath: path)
  }

  mutating func nestedContainer<NestedKey: CodingKey>(
    keyedBy keyType: NestedKey.Type
  ) -> KeyedEncodingContainer<NestedKey> {
    let path = nextPath
    let child = node.appendItem()
    child.becomeObject()
    return KeyedEncodingContainer(ShapeKeyedContainer<NestedKey>(node: child, codingPath: path, state: state))
  }

  mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
    let path = nextPath
    let child = node.appendItem()
    child.becomeArray()
    return ShapeUnkeyedContainer(node: child, codingPath: path, state: state)
  }

  mutating func superEncoder() -> any Encoder {
    let path = nextPath
    return ShapeEncodingContext(node: node.appendItem(), codingPath: path, state: state)
  }
}

struct ShapeSingleValueContainer: SingleValueEncodingContainer {
  let node: EncodingNode
  let codingPath: [any CodingKey]
  let state: EncodingState

  mutating func encodeNil() throws { node.set(.null) }
  mutating func encode(_ value: Bool) throws { node.set(.bool(value)) }
  mutating func encode(_ value: String) throws { node.set(.string(value)) }
  mutating func encode(_ value: Double) throws { node.set(try state.double(value, codingPath)) }
  mutating func encode(_ value: Float) throws { node.set(try state.float(value, codingPath)) }
  mutating func encode(_ value: Int) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: Int8) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: Int16) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: Int32) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: Int64) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: UInt) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: UInt8) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: UInt16) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: UInt32) throws { node.set(try state.integer(value, codingPath)) }
  mutating func encode(_ value: UInt64) throws { node.set(try state.integer(value, codingPath)) }

  mutating func encode<T: Encodable>(_ value: T) throws {
    try state.box(value, into: node, codingPath: codingPath)
  }
}

/// Reads shapes from JSON: request bodies on the JSON 1.1 wire, fixtures, and the aws CLI's own output.
///
/// Wraps Foundation's `JSONDecoder` (member order does not matter when reading) with the timestamp forms
/// CloudTrail's clients send: epoch seconds as a number, or ISO 8601 with `Z` or an `±HH:MM` offset, with or
/// without fractional seconds. `Data` is read from base64.
public struct ShapeDecoder: Sendable {
  /// A decoder; it holds no state.
  public init() {}

  /// Decodes `type` from JSON bytes; throws `DecodingError` naming the path of a bad or missing member.
  public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    // A fresh JSONDecoder per call: it is a mutable class, and this struct must stay Sendable.
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
      let container = try decoder.singleValueContainer()
      if let seconds = try? container.decode(Double.self) {
        return Date(timeIntervalSince1970: seconds)
      }
      let text = try container.decode(String.self)
      guard let date = ShapeDecoder.parseTimestamp(text) else {
        throw DecodingError.dataCorruptedError(
          in: container, debugDescription: "Expected epoch seconds or an ISO 8601 timestamp, got '\(text)'")
      }
      return date
    }
    decoder.dataDecodingStrategy = .base64
    return try decoder.decode(type, from: data)
  }

  /// Decodes `type` from a tree (written out compactly and read back, which is simple and fast enough).
  public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
    try decode(type, from: Data(value.compactText().utf8))
  }

  /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` as a date keeping the fraction; `nil` when malformed.
  public static func parseTimestamp(_ text: String) -> Date? {
    guard let whole = ISO8601Time.parse(text) else { return nil }
    let bytes = Array(text.utf8)
    var fraction = 0.0
    if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
      let digits = bytes[20...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
      fraction = Double("0." + String(decoding: digits, as: UTF8.self)) ?? 0
    }
    return Date(timeIntervalSince1970: Double(whole) + fraction)
  }
}
