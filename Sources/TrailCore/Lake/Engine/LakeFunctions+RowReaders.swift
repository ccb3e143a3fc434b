import CSQLite
import Foundation

/// The `lake_*` functions a scan calls once per row of most events: registered as raw scalars
/// (`LakeFunctionRegistry.rawScalar`), which read SQLite's values and set their results without a
/// `LakeValue` or a String for each, and read requestParameters from their pages where they can.
extension LakeFunctions {
  /// A GROUP BY value's storage class and bytes, hashed in one go (an array of bytes hashes each).
  struct GroupKey: Hashable {
    var bytes: [UInt8]
    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
  }

  /// A `lake_record_json` function and path, as SQLite passed them and worked out.
  struct RecordJSONCall {
    var nameBytes: [UInt8]
    var pathBytes: [UInt8]
    var name: String
    var path: String
    /// Scanner steps of the path (nil: it has a wildcard).
    var steps: [LakeJSONScanner.Step]?
    /// The steps after `requestParameters` when the path goes into it (see `LakeRequestParameters`).
    var inner: [LakeJSONScanner.Step]?
  }

  /// Whether `bytes` are `known`.
  static func same(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard known.count == bytes.count else { return false }
    guard let base = bytes.baseAddress, !known.isEmpty else { return true }
    return known.withUnsafeBytes { memcmp($0.baseAddress!, base, known.count) == 0 }
  }

  /// The call of `name` and `path` (SQLite's values), nil when either is NULL.
  func recordJSONCall(_ name: OpaquePointer?, _ path: OpaquePointer?) throws -> RecordJSONCall? {
    guard let nameText = sqlite3_value_text(name), let pathText = sqlite3_value_text(path) else { return nil }
    let nameBytes = UnsafeBufferPointer(start: nameText, count: Int(sqlite3_value_bytes(name)))
    let pathBytes = UnsafeBufferPointer(start: pathText, count: Int(sqlite3_value_bytes(path)))
    if let last = lastRecordJSONCall, Self.same(last.nameBytes, nameBytes),
      Self.same(last.pathBytes, pathBytes)
    {
      return last
    }
    let pathString = String(decoding: pathBytes, as: UTF8.self)
    let steps = try recordPathSteps(pathString)
    var inner: [LakeJSONScanner.Step]?
    if let steps, steps.count >= 2, case .key(let first, caseInsensitive: false) = steps[0],
      first == Self.requestParametersKey
    {
      inner = Array(steps.dropFirst())
    }
    let call = RecordJSONCall(
      nameBytes: Array(nameBytes), pathBytes: Array(pathBytes),
      name: String(decoding: nameBytes, as: UTF8.self),
      path: pathString, steps: steps, inner: inner)
    lastRecordJSONCall = call
    return call
  }

  /// The record key whose JSON paths `lake_record_json` reads from the requestParameters pages.
  static let requestParametersKey = Array("requestParameters".utf8)

  /// Registers `lake_params`, `lake_group_id` and `lake_record_json`.
  func registerRowReaders() throws {
    let r = registry
    try r.rawScalar("lake_params", arity: 2) { [unowned self] context, args in
      // The requestParameters column of event args[0] whose `params_slot` is args[1].
      guard sqlite3_value_type(args[0]) != SQLITE_NULL else {
        sqlite3_result_null(context)
        return
      }
      let id = sqlite3_value_int64(args[0])
      let slot: Int64? = sqlite3_value_type(args[1]) == SQLITE_NULL ? nil : sqlite3_value_int64(args[1])
      let done = try params.withEntry(id: id, slotColumn: slot) { entry -> Bool in
        switch entry {
        case .none: sqlite3_result_null(context)
        case .text(let text):
          // A page's text is an object's, never empty.
          sqlite3_result_text(
            context, text.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(text.count),
            tdsqlite_transient())
        case .record: return false
        }
        return true
      }
      if !done { try records.value(id: id, path: "requestparameters").result(context) }
    }
    try r.rawScalar("lake_group_id", arity: 2) { [unowned self] context, args in
      // A number per distinct value of GROUP BY term args[0] (see `LakeTranslator.groupingTerm`): its
      // storage class and bytes, as SQLite compares them; 0 for NULL.
      let type = sqlite3_value_type(args[1])
      guard type != SQLITE_NULL else {
        sqlite3_result_int64(context, 0)
        return
      }
      let text = sqlite3_value_text(args[1])
      var key = GroupKey(bytes: [UInt8(truncatingIfNeeded: type)])
      key.bytes.append(
        contentsOf: UnsafeBufferPointer(
          start: text, count: text == nil ? 0 : Int(sqlite3_value_bytes(args[1]))))
      let term = Int(sqlite3_value_int64(args[0]))
      if let id = groupIDs[term, default: [:]][key] {
        sqlite3_result_int64(context, id)
        return
      }
      let id = Int64(groupIDs[term, default: [:]].count + 1)
      groupIDs[term, default: [:]][key] = id
      sqlite3_result_int64(context, id)
    }
    try r.rawScalar("lake_record_json", arity: 4) { [unowned self] context, args in
      // json_extract / json_extract_scalar (args[1]) of a store's eventjson at path args[2], read from
      // the record's bytes: the record's text never becomes a SQLite value. A path into
      // requestParameters reads its page instead (args[3] is the event's `params_slot`).
      guard sqlite3_value_type(args[0]) != SQLITE_NULL, let call = try recordJSONCall(args[1], args[2]) else {
        sqlite3_result_null(context)
        return
      }
      let id = sqlite3_value_int64(args[0])
      if let inner = call.inner {
        let slot: Int64? = sqlite3_value_type(args[3]) == SQLITE_NULL ? nil : sqlite3_value_int64(args[3])
        let done = try params.withEntry(id: id, slotColumn: slot) { entry -> Bool in
          switch entry {
          case .none: sqlite3_result_null(context)
          case .text(let text): LakeScalarCalls.setScannedExtract(call.name, text, inner, context)
          case .record: return false
          }
          return true
        }
        if done { return }
      }
      try records.withBytes(id: id) { bytes in
        if let steps = call.steps {
          LakeScalarCalls.setScannedExtract(call.name, bytes, steps, context)
          return
        }
        // A wildcard needs the parsed tree: the general call over the record's text.
        let text = String(decoding: bytes, as: UTF8.self)
        try calls.call(
          call.name, [.text(text), .text(call.path)], kinds: ["varchar", "varchar"],
          resultKind: call.name == "json_extract" ? "json" : "varchar", parse: parse
        ).result(context)
      }
    }
  }
}
