import CSQLite
import Foundation
import LakeSQL

/// The scalar functions reached through `lake_call(name, resultKind, arg, kind, …)`: strings, regular
/// expressions, JSON, arrays and maps, date/time and math, each with Trino's rules for NULLs and edge
/// cases (a NULL argument gives NULL unless the function says otherwise).
final class LakeScalarCalls {
  private var patterns: [String: NSRegularExpression] = [:]

  /// Orders two SQLite values as SQL does (numbers numerically, text by code point).
  static func compare(_ a: LakeValue, _ b: LakeValue) -> Int {
    switch (a, b) {
    case (.text(let x), .text(let y)):
      return x == y ? 0 : (x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
    default:
      let x = a.double ?? 0
      let y = b.double ?? 0
      return x == y ? 0 : (x < y ? -1 : 1)
    }
  }

  func regex(_ pattern: String) throws -> NSRegularExpression {
    if let known = patterns[pattern] { return known }
    do {
      let compiled = try NSRegularExpression(pattern: pattern)
      patterns[pattern] = compiled
      return compiled
    } catch {
      throw LakeFunctionError("Invalid regular expression: \(pattern)")
    }
  }

  func call(
    _ name: String, _ args: [LakeValue], kinds: [String], resultKind: String,
    parse: (String) throws -> JSONValue
  ) throws -> LakeValue {
    if args.contains(where: \.isNull) && !["array_join", "concat_ws"].contains(name) { return .null }
    let s = { (i: Int) -> String in args[i].text ?? "" }
    let n = { (i: Int) -> Int64 in args[i].int ?? 0 }
    func array(_ i: Int) throws -> [JSONValue] {
      guard case .array(let items) = try parse(s(i)) else {
        throw LakeFunctionError("\(name) expects an array")
      }
      return items
    }
    func jsonArray(_ items: [JSONValue]) -> LakeValue { .text(JSONValue.array(items).compactText()) }
    func json(_ i: Int) throws -> JSONValue {
      // A varchar argument of a JSON function is JSON text too (Trino casts it).
      try parse(s(i))
    }
    switch name {
    // Strings: Trino counts code points.
    case "lower": return .text(s(0).lowercased())
    case "upper": return .text(s(0).uppercased())
    case "length": return .integer(Int64(s(0).unicodeScalars.count))
    case "reverse": return .text(String(String.UnicodeScalarView(s(0).unicodeScalars.reversed())))
    case "trim", "ltrim", "rtrim":
      // Trino trims whitespace, or the characters of the second argument.
      let set = args.count > 1 ? CharacterSet(charactersIn: s(1)) : CharacterSet.whitespaces
      var scalars = Array(s(0).unicodeScalars)
      if name != "rtrim" { while let first = scalars.first, set.contains(first) { scalars.removeFirst() } }
      if name != "ltrim" { while let last = scalars.last, set.contains(last) { scalars.removeLast() } }
      return .text(String(String.UnicodeScalarView(scalars)))
    case "substr", "substring":
      let scalars = Array(s(0).unicodeScalars)
      var start = n(1)
      if start == 0 { return .text("") }
      if start < 0 { start = Int64(scalars.count) + start + 1 }
      guard start >= 1, start <= scalars.count else { return .text("") }
      let length = args.count > 2 ? n(2) : Int64(scalars.count)
      guard length > 0 else { return .text("") }
      let from = Int(start - 1)
      let to = min(scalars.count, from + Int(min(length, Int64(scalars.count))))
      return .text(String(String.UnicodeScalarView(scalars[from..<to])))
    case "replace":
      let search = s(1)
      let replacement = args.count > 2 ? s(2) : ""
      if search.isEmpty {
        // Trino puts the replacement before every character and at the end.
        return .text(s(0).unicodeScalars.map { replacement + String($0) }.joined() + replacement)
      }
      return .text(s(0).replacingOccurrences(of: search, with: replacement))
    case "split":
      guard !s(1).isEmpty else { throw LakeFunctionError("The delimiter may not be the empty string") }
      var parts = s(0).components(separatedBy: s(1))
      if args.count > 2 {
        let limit = Int(n(2))
        guard limit > 0 else { throw LakeFunctionError("Limit must be positive") }
        if parts.count > limit {
          parts = Array(parts.prefix(limit - 1)) + [parts.dropFirst(limit - 1).joined(separator: s(1))]
        }
      }
      return jsonArray(parts.map(JSONValue.string))
    case "split_part":
      guard n(2) >= 1 else { throw LakeFunctionError("Index must be greater than zero") }
      guard !s(1).isEmpty else { return n(2) == 1 ? .text(s(0)) : .null }
      let parts = s(0).components(separatedBy: s(1))
      return n(2) <= parts.count ? .text(parts[Int(n(2)) - 1]) : .null
    case "strpos":
      let text = Array(s(0).unicodeScalars)
      let sub = Array(s(1).unicodeScalars)
      if sub.isEmpty { return .integer(1) }
      guard text.count >= sub.count else { return .integer(0) }
      for i in 0...(text.count - sub.count) where Array(text[i..<(i + sub.count)]) == sub {
        return .integer(Int64(i + 1))
      }
      return .integer(0)
    case "starts_with": return .integer(s(0).hasPrefix(s(1)) ? 1 : 0)
    case "lpad", "rpad":
      let size = Int(n(1))
      guard size >= 0 else { throw LakeFunctionError("Target length must be non-negative") }
      let text = Array(s(0).unicodeScalars)
      let pad = Array(s(2).unicodeScalars)
      if text.count >= size { return .text(String(String.UnicodeScalarView(text.prefix(size)))) }
      guard !pad.isEmpty else { throw LakeFunctionError("Padding string must not be empty") }
      var filler: [Unicode.Scalar] = []
      while filler.count < size - text.count { filler.append(pad[filler.count % pad.count]) }
      let joined = name == "lpad" ? filler + text : text + filler
      return .text(String(String.UnicodeScalarView(joined)))
    case "chr":
      guard let scalar = Unicode.Scalar(UInt32(clamping: n(0))) else {
        throw LakeFunctionError("Not a valid Unicode code point: \(n(0))")
      }
      return .text(String(scalar))
    case "codepoint":
      let scalars = Array(s(0).unicodeScalars)
      guard scalars.count == 1 else {
        throw LakeFunctionError("Input string must be a single character string")
      }
      return .integer(Int64(scalars[0].value))

    // Regular expressions: a match anywhere (not the whole string), as in Trino.
    case "regexp_like":
      let text = s(0)
      let found = try regex(s(1)).firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
      return .integer(found ? 1 : 0)
    case "regexp_count":
      let text = s(0)
      return .integer(
        Int64(try regex(s(1)).numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))))
    case "regexp_extract", "regexp_extract_all":
      let text = s(0)
      let expression = try regex(s(1))
      let group = args.count > 2 ? Int(n(2)) : 0
      guard group >= 0, group <= expression.numberOfCaptureGroups else {
        throw LakeFunctionError(
          "Pattern has \(expression.numberOfCaptureGroups) groups. Cannot access group \(group)")
      }
      let matches = expression.matches(in: text, range: NSRange(text.startIndex..., in: text))
      let pieces: [JSONValue] = matches.map { match in
        let range = match.range(at: group)
        guard range.location != NSNotFound, let swiftRange = Range(range, in: text) else { return .null }
        return .string(String(text[swiftRange]))
      }
      if name == "regexp_extract_all" { return jsonArray(pieces) }
      guard let first = pieces.first, case .string(let value) = first else { return .null }
      return .text(value)
    case "regexp_replace":
      let text = s(0)
      let template = args.count > 2 ? s(2) : ""
      return .text(
        try regex(s(1)).stringByReplacingMatches(
          in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template))

    // JSON.
    case "json_parse": return .text(try json(0).compactText())
    case "json_format":
      // Every JSON value TrailDeck holds is already compact (json_parse, casts and record columns
      // write it so), so formatting only checks it is JSON when it came as text.
      return kinds[0] == "json" ? .text(s(0)) : .text(try json(0).compactText())
    case "json_extract", "json_extract_scalar":
      let steps = try LakeJSON.path(s(1))
      if let scannerSteps = Self.scannerSteps(steps) {
        // The scanner reads only the path's way through the text (Trino gives NULL for text that is
        // not JSON, as the scanner does).
        var text = s(0)
        return text.withUTF8 { Self.scannedExtract(name, UnsafeRawBufferPointer($0), scannerSteps) }
      }
      fallthrough
    case "json_size":
      let steps = try LakeJSON.path(s(1))
      guard let found = LakeJSON.extract(try json(0), steps[...]) else { return .null }
      if name == "json_size" {
        switch found {
        case .array(let items): return .integer(Int64(items.count))
        case .object(let members): return .integer(Int64(members.count))
        default: return .integer(0)
        }
      }
      if name == "json_extract" { return .text(found.compactText()) }
      switch found {
      case .string(let text): return .text(text)
      case .array, .object, .null: return .null
      default: return .text(found.compactText())
      }
    case "json_array_length":
      guard case .array(let items) = try json(0) else { return .null }
      return .integer(Int64(items.count))
    case "json_array_get":
      guard case .array(let items) = try json(0) else { return .null }
      let index = Int(n(1))
      let position = index >= 0 ? index : items.count + index
      return items.indices.contains(position) ? .text(items[position].compactText()) : .null
    case "json_array_contains":
      guard case .array(let items) = try json(0) else { return .null }
      let wanted = LakeJSON.json(args[1], kind: kinds[1])
      return .integer(items.contains { $0 == wanted } ? 1 : 0)
    case "is_json_scalar":
      switch try json(0) {
      case .array, .object: return .integer(0)
      default: return .integer(1)
      }

    // Arrays and maps.
    case "cardinality":
      switch try parse(s(0)) {
      case .array(let items): return .integer(Int64(items.count))
      case .object(let members): return .integer(Int64(members.count))
      default: return .null
      }
    case "array_distinct":
      var seen: [JSONValue] = []
      for item in try array(0) where !seen.contains(item) { seen.append(item) }
      return jsonArray(seen)
    case "array_sort":
      let items = try array(0)
      let nonNull = items.filter { $0 != .null }.sorted {
        Self.compare(LakeJSON.sqlValue($0), LakeJSON.sqlValue($1)) < 0
      }
      return jsonArray(nonNull + items.filter { $0 == .null })
    case "array_max", "array_min":
      let items = try array(0)
      if items.contains(.null) || items.isEmpty { return .null }
      let values = items.map(LakeJSON.sqlValue)
      let best = values.dropFirst().reduce(values[0]) { current, next in
        let order = Self.compare(next, current)
        return (name == "array_max" ? order > 0 : order < 0) ? next : current
      }
      return best
    case "array_join":
      guard !args[0].isNull, !args[1].isNull else { return .null }
      let nullText = args.count > 2 ? args[2].text : nil
      let parts = try array(0).compactMap { item -> String? in
        if item == .null { return nullText }
        if case .string(let text) = item { return text }
        return LakeValueText.text(LakeJSON.sqlValue(item), type: .varchar)
      }
      return .text(parts.joined(separator: s(1)))
    case "slice":
      let items = try array(0)
      var start = n(1)
      guard start != 0 else { throw LakeFunctionError("SQL array indices start at 1") }
      guard n(2) >= 0 else {
        throw LakeFunctionError("The value of length argument of slice() function should not be negative")
      }
      if start < 0 { start = Int64(items.count) + start + 1 }
      guard start >= 1, start <= items.count else { return jsonArray([]) }
      let from = Int(start) - 1
      return jsonArray(Array(items[from..<min(items.count, from + Int(n(2)))]))
    case "map_keys":
      guard case .object(let members) = try parse(s(0)) else { return .null }
      return jsonArray(members.map { .string($0.key) })
    case "map_values":
      guard case .object(let members) = try parse(s(0)) else { return .null }
      return jsonArray(members.map { $0.value.isString ? $0.value : .string($0.value.compactText()) })

    // Dates and times.
    case "date_trunc":
      return .integer(try LakeTimeMath.truncate(s(0).lowercased(), n(1), isDate: kinds[1] == "date"))
    case "date_add":
      return .integer(try LakeTimeMath.add(s(0).lowercased(), n(1), n(2), isDate: kinds[2] == "date"))
    case "date_diff":
      let a = kinds[1] == "date" ? n(1) * LakeTimeMath.day : n(1)
      let b = kinds[2] == "date" ? n(2) * LakeTimeMath.day : n(2)
      return .integer(try LakeTimeMath.difference(s(0).lowercased(), a, b, isDate: false))
    case "from_iso8601_timestamp":
      guard let ms = LakeTime.parseTimestamp(s(0)) else {
        throw LakeFunctionError("Invalid format: \"\(s(0))\"")
      }
      return .integer(ms)
    case "from_iso8601_date":
      guard let days = LakeTime.parseDate(s(0)) else {
        throw LakeFunctionError("Invalid format: \"\(s(0))\"")
      }
      return .integer(days)
    case "to_iso8601":
      if kinds[0] == "date" { return .text(LakeTime.formatDate(n(0))) }
      return .text(LakeTime.formatTimestamp(n(0)).replacingOccurrences(of: " ", with: "T") + "Z")
    case "format_datetime":
      return .text(try LakeDateFormats.joda(ms(args[0], kinds[0]), s(1)))
    case "date_format":
      return .text(try LakeDateFormats.mysql(ms(args[0], kinds[0]), s(1)))
    case "date_parse":
      return .integer(try LakeDateFormats.parseMySQL(s(0), s(1)))

    // Math.
    case "abs":
      if case .integer(let i) = args[0] { return .integer(abs(i)) }
      return .double(abs(args[0].double ?? 0))
    case "sign":
      if case .integer(let i) = args[0] { return .integer(i.signum()) }
      let d = args[0].double ?? 0
      return .double(d > 0 ? 1 : d < 0 ? -1 : 0)
    case "floor", "ceil", "ceiling", "truncate":
      if case .integer = args[0], name != "truncate" { return args[0] }
      let d = args[0].double ?? 0
      let rule: FloatingPointRoundingRule = name == "floor" ? .down : name == "truncate" ? .towardZero : .up
      return .double(d.rounded(rule))
    case "round":
      let places = args.count > 1 ? n(1) : 0
      if case .integer(let i) = args[0] {
        guard places < 0 else { return .integer(i) }
        let scale = Int64(pow(10, Double(-places)))
        return .integer(
          (Double(i) / Double(scale)).rounded(.toNearestOrAwayFromZero).isFinite
            ? Int64((Double(i) / Double(scale)).rounded(.toNearestOrAwayFromZero)) * scale : i)
      }
      let d = args[0].double ?? 0
      let scale = pow(10, Double(places))
      return .double((d * scale).rounded(.toNearestOrAwayFromZero) / scale)
    case "mod":
      if case .integer(let a) = args[0], case .integer(let b) = args[1] {
        guard b != 0 else { throw LakeFunctionError("Division by zero") }
        return .integer(a % b)
      }
      return .double(fmod(args[0].double ?? 0, args[1].double ?? 0))
    case "power", "pow": return .double(pow(args[0].double ?? 0, args[1].double ?? 0))
    case "sqrt": return .double((args[0].double ?? 0).squareRoot())
    case "ln": return .double(log(args[0].double ?? 0))
    case "log10": return .double(log10(args[0].double ?? 0))
    case "exp": return .double(exp(args[0].double ?? 0))

    // URLs.
    case "url_extract_host":
      return URLComponents(string: s(0))?.host.map(LakeValue.text) ?? .null
    case "url_extract_path":
      return URLComponents(string: s(0)).map { .text($0.path) } ?? .null
    case "url_extract_parameter":
      let value = URLComponents(string: s(0))?.queryItems?.first { $0.name == s(1) }?.value
      return value.map(LakeValue.text) ?? .null
    default:
      throw LakeFunctionError("Function '\(name)' not registered")
    }
  }

  private func ms(_ value: LakeValue, _ kind: String) -> Int64 {
    kind == "date" ? (value.int ?? 0) * LakeTimeMath.day : (value.int ?? 0)
  }
}

extension JSONValue {
  var isString: Bool {
    if case .string = self { return true }
    return false
  }
}

extension LakeScalarCalls {
  /// A JSON path as the scanner's steps; nil for a path with a wildcard, which needs the parsed tree.
  static func scannerSteps(_ steps: [LakeJSON.PathStep]) -> [LakeJSONScanner.Step]? {
    guard !steps.contains(.wildcard) else { return nil }
    return steps.map { step -> LakeJSONScanner.Step in
      if case .index(let n) = step { return .index(n) }
      if case .key(let k) = step { return .key(Array(k.utf8), caseInsensitive: false) }
      return .index(0)
    }
  }

  /// `scannedExtract` as the result of SQLite function `context`; a string without escapes goes to
  /// SQLite straight from `b` (q5 of `traildeck-bench lake` reads one per row).
  static func setScannedExtract(
    _ name: String, _ b: UnsafeRawBufferPointer, _ steps: [LakeJSONScanner.Step], _ context: OpaquePointer?
  ) {
    if name == "json_extract_scalar", let range = LakeJSONScanner.find(b, steps),
      b[range.lowerBound] == UInt8(ascii: "\""),
      range.count >= 2, !b[(range.lowerBound + 1)..<(range.upperBound - 1)].contains(UInt8(ascii: "\\"))
    {
      sqlite3_result_text(
        context, (b.baseAddress! + range.lowerBound + 1).assumingMemoryBound(to: CChar.self),
        Int32(range.count - 2),
        tdsqlite_transient())
      return
    }
    scannedExtract(name, b, steps).result(context)
  }

  /// `json_extract` or `json_extract_scalar` (`name`) of the JSON text `b` at `steps`.
  static func scannedExtract(_ name: String, _ b: UnsafeRawBufferPointer, _ steps: [LakeJSONScanner.Step])
    -> LakeValue
  {
    guard let range = LakeJSONScanner.find(b, steps) else { return .null }
    if name == "json_extract" { return .text(LakeJSONScanner.compact(b, range)) }
    switch b[range.lowerBound] {
    case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "n"): return .null
    case UInt8(ascii: "\""): return .text(LakeJSONScanner.decodeString(b, range))
    default: return .text(LakeJSONScanner.compact(b, range))
    }
  }
}
