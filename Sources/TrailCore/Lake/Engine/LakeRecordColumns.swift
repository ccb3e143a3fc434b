import Crypto
import Foundation
import LakeSQL

/// Reads Lake's columns out of stored records for `lake_col(id, 'path')`: the record is fetched and
/// parsed once per row, whatever number of its fields a statement asks for, and each value is given in
/// the representation of its schema type (see `LakeType`).
final class LakeRecordColumns {
  private let connection: SQLiteConnection
  /// Blocks kept decompressed: enough for every file that has events in the same few minutes of a
  /// scan in time order (about 24 KB each, so some 24 MB).
  private let decompressor = RawDecompressor(cachedBlocks: 1024)
  private var select: SQLiteStatement?
  private var cachedID: Int64 = -1
  private var cachedBytes: [UInt8] = []
  private var cachedRecord: JSONValue?
  /// Paths already split, typed and turned into scanner steps.
  private var paths: [String: (parts: [String], type: LakeType, steps: [LakeJSONScanner.Step])] = [:]
  /// Records read (QueryStatistics.EventsScanned) and their bytes (BytesScanned).
  private(set) var recordsRead: Int64 = 0
  private(set) var bytesRead: Int64 = 0

  init(connection: SQLiteConnection) { self.connection = connection }

  /// Context key selectors by store row id, and resource tags by ARN, read once per query.
  private var contextSelectors: [Int64: [ContextKeySelector]] = [:]
  private var resourceTags: [String: [String: String]] = [:]

  func value(id: Int64, path: String) throws -> LakeValue {
    if path.hasPrefix("eventcontext") { return try contextValue(id: id, path: path) }
    let (parts, type, steps) = try typedPath(path)
    try load(id)
    switch parts {
    case ["eventjson"]: return .text(String(decoding: cachedBytes, as: UTF8.self))
    case ["eventjsonchecksum"]:
      // OPEN in the spec: TrailDeck gives the SHA-256 of the record's text, in hex.
      return .text(SHA256.hash(data: Data(cachedBytes)).map { String(format: "%02x", $0) }.joined())
    default: break
    }
    return try cachedBytes.withUnsafeBytes { b -> LakeValue in
      guard let range = LakeJSONScanner.find(b, steps) else {
        if parts == ["eventcategory"] { return .text(Self.category(of: try record())) }
        return .null
      }
      switch type {
      case .timestamp:
        guard case .text(let text) = LakeJSONScanner.sqlValue(b, range),
          let ms = LakeTime.parseTimestamp(text)
        else { return .null }
        return .integer(ms)
      case .boolean:
        switch LakeJSONScanner.sqlValue(b, range) {
        case .integer(let i): return .integer(i)
        case .text(let s):
          return s.lowercased() == "true" ? .integer(1) : s.lowercased() == "false" ? .integer(0) : .null
        default: return .null
        }
      case .map:
        return b[range.lowerBound] == UInt8(ascii: "{") ? .text(LakeJSONScanner.compact(b, range)) : .null
      case .row, .array:
        if b[range.lowerBound] == UInt8(ascii: "n") { return .null }
        if let text = LakeRowText.text(b, range, as: type) { return .text(text) }
        let json = try JSONValue(parsing: UnsafeRawBufferPointer(rebasing: b[range]))
        return Self.represent(json, as: type)
      default:
        return LakeJSONScanner.stringValue(b, range)
      }
    }
  }

  /// `eventcontext[.field…]#STORE`: the enriched event's context under store STORE's context key
  /// selectors, computed from the record and the resource tags the store knows (`EventContext`).
  private func contextValue(id: Int64, path: String) throws -> LakeValue {
    guard let mark = path.lastIndex(of: "#"), let store = Int64(path[path.index(after: mark)...]) else {
      return .null
    }
    let (parts, type, _) = try typedPath(String(path[..<mark]))
    let selectors: [ContextKeySelector]
    if let known = contextSelectors[store] {
      selectors = known
    } else {
      selectors = try EventEnrichmentStore.configuration(store: store, connection: connection)
        .contextKeySelectors
      contextSelectors[store] = selectors
    }
    guard !selectors.isEmpty else { return .null }
    try load(id)
    let tags = { (arn: String) throws -> [String: String] in
      if let known = self.resourceTags[arn] { return known }
      let found = try EventEnrichmentStore.resourceTags(arn, connection: self.connection)
      self.resourceTags[arn] = found
      return found
    }
    guard var value = try EventContext.of(try record(), selectors: selectors, tags: tags) else {
      return .null
    }
    for name in parts.dropFirst() {
      guard let member = LakeJSON.member(value, name) else { return .null }
      value = member
    }
    return Self.represent(value, as: type)
  }

  /// Runs `body` over the bytes of the record of event `id` (counted as read, as `value` counts them).
  func withBytes<T>(id: Int64, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
    try load(id)
    return try cachedBytes.withUnsafeBytes(body)
  }

  /// The whole record as a tree, parsed only when a value needs it.
  private func record() throws -> JSONValue {
    if let parsed = cachedRecord { return parsed }
    do {
      let parsed = try JSONValue(parsing: cachedBytes)
      cachedRecord = parsed
      return parsed
    } catch {
      throw LakeFunctionError("The stored record of event \(cachedID) is not JSON: \(error)")
    }
  }

  /// Records without `eventCategory` (older event versions): derived from their type.
  static func category(of record: JSONValue) -> String {
    if case .string("AwsCloudTrailInsight")? = LakeJSON.member(record, "eventType") { return "Insight" }
    if case .bool(false)? = LakeJSON.member(record, "managementEvent") { return "Data" }
    return "Management"
  }

  /// A record's JSON value held as Lake type `type`.
  static func represent(_ json: JSONValue, as type: LakeType) -> LakeValue {
    if json == .null { return .null }
    switch type {
    case .timestamp:
      guard case .string(let text) = json, let ms = LakeTime.parseTimestamp(text) else { return .null }
      return .integer(ms)
    case .boolean:
      switch json {
      case .bool(let b): return .integer(b ? 1 : 0)
      case .string(let s):
        return s.lowercased() == "true" ? .integer(1) : s.lowercased() == "false" ? .integer(0) : .null
      default: return .null
      }
    case .row, .array:
      return .text(normalized(json, as: type).compactText())
    case .map:
      guard case .object = json else { return .null }
      return .text(json.compactText())
    default:
      return LakeJSON.stringValue(json)
    }
  }

  /// Rows keep the schema's fields, named as the schema names them, in its order (how Lake shows a
  /// struct); arrays of rows likewise.
  static func normalized(_ json: JSONValue, as type: LakeType) -> JSONValue {
    switch (type, json) {
    case (.row(let fields), .object):
      return .object(
        fields.map { field in
          (
            field.name,
            LakeJSON.member(json, LakeSchema.recordKey(field.name)).map { normalized($0, as: field.type) }
              ?? .null
          )
        })
    case (.array(let element), .array(let items)):
      return .array(items.map { normalized($0, as: element) })
    case (.varchar, .object), (.varchar, .array):
      return .string(json.compactText())
    default:
      return json
    }
  }

  private func typedPath(_ path: String) throws -> (
    parts: [String], type: LakeType, steps: [LakeJSONScanner.Step]
  ) {
    if let known = paths[path] { return known }
    // The translator names the store's schema in the path (`LakeTableSchema.pathPrefix`): a path is
    // typed in its own table's columns, never another's.
    let (schema, bare) = LakeTableSchema.split(path)
    let parts = bare.split(separator: ".").map(String.init)
    guard let type = LakeSchema.type(atPath: parts, in: schema) else {
      throw LakeFunctionError("Unknown column \(path)")
    }
    let typed = (
      parts, type,
      parts.map { LakeJSONScanner.Step.key(Array(LakeSchema.recordKey($0).utf8), caseInsensitive: true) }
    )
    paths[path] = typed
    return typed
  }

  private func load(_ id: Int64) throws {
    guard id != cachedID else { return }
    let statement = try select ?? connection.prepare(EventRecords.selectRecordSQL)
    select = statement
    statement.reset()
    statement.bindInt(1, id)
    defer { statement.reset() }
    guard try statement.step() else { throw LakeFunctionError("No stored event has row id \(id)") }
    let bytes: [UInt8]
    if statement.isNull(2) {
      bytes = try decompressor.record(
        statement.blob(0), dictionaryID: statement.int64(1), connection: connection)
    } else {
      let slotColumn = statement.int64(2)
      bytes = try decompressor.record(
        block: RawBlock.block(ofSlotColumn: slotColumn), slot: RawBlock.slot(ofSlotColumn: slotColumn),
        connection: connection)
    }
    cachedBytes = bytes
    cachedRecord = nil
    cachedID = id
    recordsRead += 1
    bytesRead += Int64(bytes.count)
  }
}
