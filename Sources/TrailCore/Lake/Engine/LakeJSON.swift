import Foundation
import LakeSQL

/// JSON work for Lake's functions: values to and from SQLite, JSON paths, display of nested values.
enum LakeJSON {
  /// A JSON value as a SQLite value: strings as text, numbers as numbers, booleans as 1/0, containers
  /// as compact JSON text, null as NULL.
  static func sqlValue(_ json: JSONValue) -> LakeValue {
    switch json {
    case .null: .null
    case .bool(let b): .integer(b ? 1 : 0)
    case .integer(let i): .integer(i)
    case .double(let d): .double(d)
    case .string(let s): .text(s)
    case .array, .object: .text(json.compactText())
    }
  }

  /// A map value as Lake's `map<string,string>` gives it: strings as they are, anything else as its
  /// compact JSON text.
  static func stringValue(_ json: JSONValue) -> LakeValue {
    switch json {
    case .null: .null
    case .string(let s): .text(s)
    default: .text(json.compactText())
    }
  }

  /// A SQLite value of kind `kind` (the translator's type kinds) as JSON, to put in an array or row.
  static func json(_ value: LakeValue, kind: String) -> JSONValue {
    switch value {
    case .null: return .null
    case .integer(let i): return kind == "boolean" ? .bool(i != 0) : .integer(i)
    case .double(let d): return .double(d)
    case .text(let t):
      if ["array", "map", "row", "json"].contains(kind), let parsed = try? JSONValue(parsing: t) {
        return parsed
      }
      return .string(t)
    }
  }

  /// The member `key` of an object, compared case-insensitively (row fields).
  static func member(_ json: JSONValue, _ key: String) -> JSONValue? {
    guard case .object(let members) = json else { return nil }
    if let exact = members.first(where: { $0.key == key }) { return exact.value }
    let lower = key.lowercased()
    return members.first { $0.key.lowercased() == lower }?.value
  }

  /// A nested value made ready to print: timestamps held as milliseconds become Lake's text.
  static func display(_ json: JSONValue, type: LakeType) -> JSONValue {
    switch (type, json) {
    case (.timestamp, .integer(let ms)): return .string(LakeTime.formatTimestamp(ms))
    case (.date, .integer(let days)): return .string(LakeTime.formatDate(days))
    case (.boolean, .integer(let i)): return .bool(i != 0)
    case (.array(let element), .array(let items)): return .array(items.map { display($0, type: element) })
    case (.map(_, let value), .object(let members)):
      return .object(members.map { ($0.key, display($0.value, type: value)) })
    case (.row(let fields), .object(let members)):
      return .object(
        members.map { member in
          let field = fields.first { $0.name == member.key.lowercased() }
          return (member.key, field.map { display(member.value, type: $0.type) } ?? member.value)
        })
    default: return json
    }
  }

  // MARK: - JSON paths (json_extract)

  enum PathStep: Equatable {
    case key(String)
    case index(Int)
    case wildcard
  }

  /// Parses `$.a.b[0]["c d"]`, `$[*]`.
  static func path(_ text: String) throws -> [PathStep] {
    var steps: [PathStep] = []
    let chars = Array(text.trimmingCharacters(in: .whitespaces))
    guard chars.first == "$" else { throw LakeFunctionError("Invalid JSON path: '\(text)'") }
    var i = 1
    while i < chars.count {
      switch chars[i] {
      case ".":
        i += 1
        var name = ""
        while i < chars.count, chars[i] != ".", chars[i] != "[" {
          name.append(chars[i])
          i += 1
        }
        guard !name.isEmpty else { throw LakeFunctionError("Invalid JSON path: '\(text)'") }
        steps.append(name == "*" ? .wildcard : .key(name))
      case "[":
        i += 1
        guard i < chars.count else { throw LakeFunctionError("Invalid JSON path: '\(text)'") }
        if chars[i] == "\"" || chars[i] == "'" {
          let quote = chars[i]
          i += 1
          var name = ""
          while i < chars.count, chars[i] != quote {
            name.append(chars[i])
            i += 1
          }
          i += 1
          steps.append(.key(name))
        } else if chars[i] == "*" {
          i += 1
          steps.append(.wildcard)
        } else {
          var digits = ""
          while i < chars.count, chars[i].isNumber {
            digits.append(chars[i])
            i += 1
          }
          guard let index = Int(digits) else { throw LakeFunctionError("Invalid JSON path: '\(text)'") }
          steps.append(.index(index))
        }
        guard i < chars.count, chars[i] == "]" else {
          throw LakeFunctionError("Invalid JSON path: '\(text)'")
        }
        i += 1
      default:
        throw LakeFunctionError("Invalid JSON path: '\(text)'")
      }
    }
    return steps
  }

  /// The value at `steps` below `json`, or nil. A wildcard gathers its matches into an array.
  static func extract(_ json: JSONValue, _ steps: ArraySlice<PathStep>) -> JSONValue? {
    guard let step = steps.first else { return json }
    let rest = steps.dropFirst()
    switch (step, json) {
    case (.key(let key), .object(let members)):
      return members.first { $0.key == key }.flatMap { extract($0.value, rest) }
    case (.index(let index), .array(let items)):
      return index < items.count ? extract(items[index], rest) : nil
    case (.wildcard, .array(let items)):
      return .array(items.compactMap { extract($0, rest) })
    case (.wildcard, .object(let members)):
      return .array(members.compactMap { extract($0.value, rest) })
    default:
      return nil
    }
  }
}
