import CSQLite
import Foundation

/// The `lake_*` functions a scan calls once per row of most events: registered as raw scalars
/// (`LakeFunctionRegistry.rawScalar`), which read SQLite's values and set their results without a
/// `LakeValue` or a String for each, and read requestParameters from their pages where they can.
extension LakeFunctions {
  /// A `lake_record_json` function and path, as SQLite passed them and worked out. A class: each row
  /// takes one reference to it, where a struct's copy retained each of its six buffers.
  final class RecordJSONCall {
    let nameBytes: [UInt8]
    let pathBytes: [UInt8]
    let name: String
    let path: String
    /// Scanner steps of the path (nil: it has a wildcard).
    let steps: [LakeJSONScanner.Step]?
    /// The steps after `requestParameters` when the path goes into it (see `LakeRequestParameters`).
    let inner: [LakeJSONScanner.Step]?

    init(
      nameBytes: [UInt8], pathBytes: [UInt8], name: String, path: String, steps: [LakeJSONScanner.Step]?,
      inner: [LakeJSONScanner.Step]?
    ) {
      self.nameBytes = nameBytes
      self.pathBytes = pathBytes
      self.name = name
      self.path = path
      self.steps = steps
      self.inner = inner
    }
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

  /// Registers `lake_params`, `lake_group_id` and `lake_record_json`. They hold `self` unowned(unsafe):
  /// the registry that calls them belongs to `self` and unregisters them as it goes, so none runs after
  /// `self` is freed, and a row pays no reference count for it.
  func registerRowReaders() throws {
    let r = registry
    try r.rawScalar("lake_params", arity: 2) { [unowned(unsafe) self] context, args in
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
    try r.rawScalar("lake_group_id", arity: 2) { [unowned(unsafe) self] context, args in
      // A number per distinct value of GROUP BY term args[0] (see `LakeTranslator.groupingTerm`): its
      // storage class and bytes, as SQLite compares them; 0 for NULL.
      let type = sqlite3_value_type(args[1])
      guard type != SQLITE_NULL else {
        sqlite3_result_int64(context, 0)
        return
      }
      let bytes = UnsafeRawBufferPointer(
        start: sqlite3_value_blob(args[1]), count: Int(sqlite3_value_bytes(args[1])))
      let term = Int(sqlite3_value_int64(args[0]))
      while groupNumbers.count <= term { groupNumbers.append(LakeGroupNumbers()) }
      sqlite3_result_int64(context, groupNumbers[term].number(type: type, bytes: bytes))
    }
    try r.rawScalar("lake_record_json", arity: 4) { [unowned(unsafe) self] context, args in
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
