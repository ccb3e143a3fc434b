import CSQLite
import Foundation
import LakeSQL

/// The `lake_*` SQLite functions the translator's SQL calls, registered on a query's connection.
///
/// They do what SQLite does differently from Trino: reading records, map/array/row access, checked
/// arithmetic, casts, time arithmetic and the scalar function library (`lake_call`).
final class LakeFunctions {
  let registry: LakeFunctionRegistry
  let records: LakeRecordColumns
  /// Events' requestParameters from their pages (see `RequestParameterPage`).
  let params: LakeRequestParameters
  /// "Now" of the running statement, in milliseconds (`now()`, `current_timestamp`).
  var nowMillis: Int64 = 0
  /// Source rows read (counted by `lake_scan()` in each store's source SQL).
  private(set) var rowsScanned: Int64 = 0
  let calls = LakeScalarCalls()
  let strings: LakeStrings
  private var parsedText = ""
  private var parsedJSON: JSONValue = .null

  private let connection: SQLiteConnection

  init(connection: SQLiteConnection) throws {
    self.connection = connection
    registry = LakeFunctionRegistry(connection)
    records = LakeRecordColumns(connection: connection)
    params = LakeRequestParameters(connection: connection)
    strings = LakeStrings(connection: connection)
    try register()
  }

  /// Scanner steps of JSON paths already seen (nil: the path has a wildcard); a statement uses a few.
  private var recordPaths: [String: [LakeJSONScanner.Step]?] = [:]

  /// `lake_group_id`'s numbers, by term.
  var groupNumbers: [LakeGroupNumbers] = []
  /// The last `lake_record_json` function and path, worked out: a statement passes the same ones on
  /// every row.
  var lastRecordJSONCall: RecordJSONCall?

  func recordPathSteps(_ path: String) throws -> [LakeJSONScanner.Step]? {
    if let known = recordPaths[path] { return known }
    let steps = LakeScalarCalls.scannerSteps(try LakeJSON.path(path))
    recordPaths[path] = steps
    return steps
  }

  deinit { LakePostingsTable.unregister(on: connection) }

  /// Parses JSON text, remembering the last one (a row's JSON is often read field by field).
  func parse(_ text: String) throws -> JSONValue {
    if text == parsedText, !text.isEmpty { return parsedJSON }
    do {
      parsedJSON = try JSONValue(parsing: text)
    } catch {
      throw LakeFunctionError("Cannot convert value to JSON: '\(text.prefix(80))'")
    }
    parsedText = text
    return parsedJSON
  }

  private func register() throws {
    let r = registry
    try registerRowReaders()
    try r.scalar("lake_scan", arity: 0, deterministic: false) { [unowned self] _ in
      rowsScanned += 1
      return .integer(1)
    }
    try r.scalar("lake_col", arity: 2) { [unowned self] args in
      guard let id = args[0].int, let path = args[1].text else { return .null }
      return try records.value(id: id, path: path)
    }
    try r.scalar("lake_string", arity: 1) { [unowned self] args in
      guard let id = args[0].int, id != 0 else { return .null }
      return try strings.value(id)
    }
    try r.scalar("lake_event_id", arity: 1) { args in
      // The eventID column from its stored form (a packed UUID, or the text), without the record.
      // Records of eventVersion 1.0 predate eventID: they read as the ID TrailDeck derived at ingest,
      // as LookupEvents shows them, where opening the record would give NULL.
      // The stored form comes in hex (SQLite's `hex()`): a function's blob argument would arrive as text.
      guard let hex = args[0].text, let bytes = [UInt8](hex: hex) else { return .null }
      return .text(EventKey.eventIDText(bytes))
    }
    try r.scalar("lake_string_id", arity: 1) { [unowned self] args in
      guard let text = args[0].text else { return .integer(-1) }
      return .integer(try strings.id(text))
    }
    try r.scalar("lake_ids_with", arity: 2) { [unowned self] args in
      // The row ids of the events whose interned column (`n`, `s` or `u`) has the value, as a JSON
      // array, from the postings LookupEvents reads.
      guard let column = args[0].text, let text = args[1].text else { return .text("[]") }
      let attributes = try Self.postingAttributes(column)
      let id = try strings.id(text)
      guard id > 0 else { return .text("[]") }
      var cursor = try PostingCursor(
        connection: connection, attributes: attributes, values: [id], bounds: 0...Int64.max, direction: .newer
      )
      var ids: [Int64] = []
      while true {
        let batch = try cursor.next(65_536)
        if batch.isEmpty { break }
        ids += batch
      }
      return .text("[" + ids.map(String.init).joined(separator: ",") + "]")
    }
    // The source holds what it reads, not `self`: a weak reference would give `self` a side table,
    // and every per-row function's `unowned self` would then take the slow path (12% of q5's time).
    // `deinit` drops the module, which releases them.
    try LakePostingsTable.register(on: connection) { [connection, strings] column, text, bounds, descending in
      if column == "q" {
        return LakePostingScan(
          try LakeParamsScan.batches(
            needle: text, bounds: bounds, descending: descending, connection: connection))
      }
      let attributes = try Self.postingAttributes(column)
      let id = try strings.id(text)
      guard id > 0 else { return nil }
      return LakePostingScan(
        try PostingCursor(
          connection: connection, attributes: attributes, values: [id], bounds: bounds,
          direction: descending ? .older : .newer))
    }
    try r.scalar("lake_time_key", arity: 2) { args in
      // The first row id of the second holding a time (upper: of the next second): see `TimeBound`.
      guard let ms = args[0].int else { return .null }
      let second = LakeTime.floorDiv(ms, 1000) + (args[1].int == 1 ? 1 : 0)
      return .integer(second << EventKey.slotBits)
    }
    try r.scalar("lake_now", arity: 0) { [unowned self] _ in .integer(nowMillis) }
    try r.scalar("lake_field", arity: 2) { args in
      // A row's text is TrailDeck's own compact JSON with one member per field: the scanner reads
      // the one field without building the row (an UNNEST of resources did so for every element).
      guard var text = args[0].text, let name = args[1].text else { return .null }
      return text.withUTF8 { utf8 in
        let b = UnsafeRawBufferPointer(utf8)
        guard let range = LakeJSONScanner.find(b, [.key(Array(name.utf8), caseInsensitive: true)]) else {
          return .null
        }
        return LakeJSONScanner.sqlValue(b, range)
      }
    }
    try r.scalar("lake_map_get", arity: 2) { [unowned self] args in
      guard let text = args[0].text, let key = args[1].text else { return .null }
      guard case .object(let members) = try parse(text) else { return .null }
      return members.first { $0.key == key }.map { LakeJSON.stringValue($0.value) } ?? .null
    }
    try r.scalar("lake_array_at", arity: 3) { [unowned self] args in
      guard let text = args[0].text, let index = args[1].int else { return .null }
      guard case .array(let items) = try parse(text) else { return .null }
      let strict = args[2].int == 1
      if strict {
        guard index >= 1 else { throw LakeFunctionError("Array subscript out of bounds") }
        guard index <= items.count else {
          throw LakeFunctionError(
            "Array subscript must be less than or equal to array length: \(index) > \(items.count)")
        }
        return LakeJSON.sqlValue(items[Int(index) - 1])
      }
      guard index != 0 else { throw LakeFunctionError("SQL array indices start at 1") }
      let position = index > 0 ? Int(index) - 1 : items.count + Int(index)
      return items.indices.contains(position) ? LakeJSON.sqlValue(items[position]) : .null
    }
    try r.scalar("lake_json_subscript", arity: 2) { [unowned self] args in
      guard let text = args[0].text else { return .null }
      let json = try parse(text)
      let found: JSONValue?
      switch (json, args[1]) {
      case (.array(let items), .integer(let i)): found = items.indices.contains(Int(i)) ? items[Int(i)] : nil
      case (.object, .text(let key)): found = LakeJSON.member(json, key)
      default: found = nil
      }
      return found.map { .text($0.compactText()) } ?? .null
    }
    try r.scalar("lake_to_timestamp", arity: 1) { args in
      switch args[0] {
      case .integer: return args[0]
      case .text(let t): return LakeTime.parseTimestamp(t).map(LakeValue.integer) ?? .null
      default: return .null
      }
    }
    try r.scalar("lake_to_boolean", arity: 1) { args in
      switch args[0] {
      case .integer(let i): return .integer(i != 0 ? 1 : 0)
      case .text(let t): return t == "true" ? .integer(1) : t == "false" ? .integer(0) : .null
      default: return .null
      }
    }
    try r.scalar("lake_cast", arity: 4) { [unowned self] args in
      guard let from = args[1].text, let to = args[2].text else { return .null }
      do {
        return try LakeCasts.cast(args[0], from: from, to: to, parse: parse)
      } catch let error as LakeFunctionError {
        if args[3].int == 1 { return .null }
        throw error
      }
    }
    try registerArithmetic()
    try registerStructures()
    try r.scalar("lake_call", arity: -1) { [unowned self] args in
      guard args.count >= 2, let name = args[0].text, let resultKind = args[1].text else { return .null }
      var values: [LakeValue] = []
      var kinds: [String] = []
      var i = 2
      while i + 1 < args.count {
        values.append(args[i])
        kinds.append(args[i + 1].text ?? "unknown")
        i += 2
      }
      return try calls.call(name, values, kinds: kinds, resultKind: resultKind, parse: parse)
    }
  }

  private func registerArithmetic() throws {
    let r = registry
    func checked(
      _ name: String, _ integer: @escaping (Int64, Int64) -> (Int64, Bool),
      _ real: @escaping (Double, Double) -> Double
    ) throws {
      try r.scalar(name, arity: 2) { args in
        switch (args[0], args[1]) {
        case (.null, _), (_, .null): return .null
        case (.integer(let a), .integer(let b)):
          let (value, overflow) = integer(a, b)
          if overflow { throw LakeFunctionError("bigint overflow: \(a) \(name.dropFirst(5)) \(b)") }
          return .integer(value)
        default:
          guard let a = args[0].double, let b = args[1].double else { return .null }
          return .double(real(a, b))
        }
      }
    }
    try checked("lake_add", { $0.addingReportingOverflow($1) }, +)
    try checked("lake_subtract", { $0.subtractingReportingOverflow($1) }, -)
    try checked("lake_multiply", { $0.multipliedReportingOverflow(by: $1) }, *)
    try r.scalar("lake_divide", arity: 2) { args in
      switch (args[0], args[1]) {
      case (.null, _), (_, .null): return .null
      case (.integer(let a), .integer(let b)):
        guard b != 0 else { throw LakeFunctionError("Division by zero") }
        return .integer(a.dividedReportingOverflow(by: b).partialValue)
      default:
        guard let a = args[0].double, let b = args[1].double else { return .null }
        return .double(a / b)
      }
    }
    try r.scalar("lake_modulo", arity: 2) { args in
      switch (args[0], args[1]) {
      case (.null, _), (_, .null): return .null
      case (.integer(let a), .integer(let b)):
        guard b != 0 else { throw LakeFunctionError("Division by zero") }
        return .integer(a.remainderReportingOverflow(dividingBy: b).partialValue)
      default:
        guard let a = args[0].double, let b = args[1].double else { return .null }
        return .double(fmod(a, b))
      }
    }
    try r.scalar("lake_add_months", arity: 3) { args in
      guard let value = args[0].int, let months = args[1].int else { return .null }
      return .integer(LakeTimeMath.addMonths(value, months, isDate: args[2].int == 1))
    }
    try r.scalar("lake_date_part", arity: 2) { args in
      guard let part = args[0].text, let ms = args[1].int else { return .null }
      return .integer(try LakeTimeMath.part(part, ms))
    }
  }

  private func registerStructures() throws {
    let r = registry
    try r.scalar("lake_array", arity: -1) { args in
      var items: [JSONValue] = []
      var i = 0
      while i + 1 < args.count {
        items.append(LakeJSON.json(args[i], kind: args[i + 1].text ?? ""))
        i += 2
      }
      return .text(JSONValue.array(items).compactText())
    }
    try r.scalar("lake_row", arity: -1) { args in
      var members: [(key: String, value: JSONValue)] = []
      var i = 0
      while i + 2 < args.count {
        members.append((args[i].text ?? "", LakeJSON.json(args[i + 1], kind: args[i + 2].text ?? "")))
        i += 3
      }
      return .text(JSONValue.object(members).compactText())
    }
    try r.scalar("lake_contains", arity: 2) { [unowned self] args in
      guard let text = args[0].text, !args[1].isNull else { return .null }
      guard case .array(let items) = try parse(text) else { return .null }
      var sawNull = false
      for item in items {
        if item == .null { sawNull = true; continue }
        if LakeJSON.sqlValue(item) == args[1] { return .integer(1) }
        if let a = LakeJSON.sqlValue(item).double, let b = args[1].double, case .integer = args[1], a == b {
          return .integer(1)
        }
      }
      return sawNull ? .null : .integer(0)
    }
    try r.scalar("lake_array_position", arity: 2) { [unowned self] args in
      guard let text = args[0].text, !args[1].isNull else { return .null }
      guard case .array(let items) = try parse(text) else { return .null }
      let index = items.firstIndex { LakeJSON.sqlValue($0) == args[1] }
      return .integer(Int64(index.map { $0 + 1 } ?? 0))
    }
    try r.scalar("lake_json_parse", arity: 2) { [unowned self] args in
      guard let text = args[0].text else { return .null }
      return .text(try parse(text).compactText())
    }
    try r.aggregate("lake_array_agg", arity: 2) { ArrayAggregate() }
    try r.aggregate("lake_min_by", arity: 2) { ByAggregate(keepGreater: false) }
    try r.aggregate("lake_max_by", arity: 2) { ByAggregate(keepGreater: true) }
    try r.aggregate("lake_percentile", arity: 2) { PercentileAggregate() }
  }

  /// The postings of a source column's value (`n`, `s`, `u`): its events Event history shows and
  /// those it does not, so that a store's data events are found too.
  static func postingAttributes(_ column: String) throws -> [PostingAttribute] {
    let attribute: PostingAttribute
    switch column {
    case "n": attribute = .eventName
    case "s": attribute = .eventSource
    case "u": attribute = .username
    default: throw LakeFunctionError("No postings for column \(column)")
    }
    return [attribute] + (attribute.unshown.map { [$0] } ?? [])
  }
}

/// `array_agg(x)`: the values in arrival order, NULLs kept.
final class ArrayAggregate: LakeFunctionRegistry.AggregateState {
  var items: [JSONValue] = []
  func step(_ arguments: [LakeValue]) throws {
    items.append(LakeJSON.json(arguments[0], kind: arguments[1].text ?? ""))
  }
  func finish() throws -> LakeValue { items.isEmpty ? .null : .text(JSONValue.array(items).compactText()) }
}

/// `min_by(x, y)` / `max_by(x, y)`: x of the row with the least/greatest non-null y.
final class ByAggregate: LakeFunctionRegistry.AggregateState {
  let keepGreater: Bool
  var best: (key: LakeValue, value: LakeValue)?
  init(keepGreater: Bool) { self.keepGreater = keepGreater }

  func step(_ arguments: [LakeValue]) throws {
    let key = arguments[1]
    guard !key.isNull else { return }
    guard let current = best else {
      best = (key, arguments[0])
      return
    }
    let order = LakeScalarCalls.compare(key, current.key)
    if keepGreater ? order > 0 : order < 0 { best = (key, arguments[0]) }
  }
  func finish() throws -> LakeValue { best?.value ?? .null }
}

/// `approx_percentile(x, p)`: computed exactly (the nearest-rank value), which is within any
/// approximation's error.
final class PercentileAggregate: LakeFunctionRegistry.AggregateState {
  var values: [Double] = []
  var integers = true
  var fraction: Double?
  func step(_ arguments: [LakeValue]) throws {
    guard let p = arguments[1].double, (0...1).contains(p) else {
      throw LakeFunctionError("Percentile must be between 0 and 1")
    }
    fraction = p
    guard let value = arguments[0].double else { return }
    if case .double = arguments[0] { integers = false }
    values.append(value)
  }
  func finish() throws -> LakeValue {
    guard let p = fraction, !values.isEmpty else { return .null }
    let sorted = values.sorted()
    let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))
    return integers ? .integer(Int64(sorted[index])) : .double(sorted[index])
  }
}
