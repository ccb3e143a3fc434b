import Foundation
import LakeSQL

/// CAST and TRY_CAST between Lake's types, as Trino converts (`lake_cast(value, from, to, try)`). A
/// value that does not convert is a `LakeFunctionError` (TRY_CAST turns it into NULL).
enum LakeCasts {
  static func cast(
    _ value: LakeValue, from: String, to: String, parse: (String) throws -> JSONValue
  ) throws -> LakeValue {
    if value.isNull { return .null }
    let fail = { LakeFunctionError("Cannot cast '\(value.text ?? "")' to \(to.uppercased())") }
    switch to {
    case "varchar":
      switch from {
      case "boolean": return .text(value.int == 1 ? "true" : "false")
      case "double": return .text(LakeValueText.double(value.double ?? 0))
      case "timestamp": return .text(LakeTime.formatTimestamp(value.int ?? 0))
      case "date": return .text(LakeTime.formatDate(value.int ?? 0))
      case "json":
        let json = try parse(value.text ?? "")
        switch json {
        case .string(let s): return .text(s)
        case .array, .object: throw LakeFunctionError("Cannot cast JSON '\(json.compactText())' to VARCHAR")
        default: return .text(json.compactText())
        }
      default: return .text(value.text ?? "")
      }
    case "bigint":
      switch from {
      case "varchar":
        guard let v = Int64((value.text ?? "").trimmingCharacters(in: .whitespaces)) else { throw fail() }
        return .integer(v)
      case "double":
        guard let d = value.double, d.isFinite, abs(d) < 9.2e18 else { throw fail() }
        return .integer(Int64(d.rounded(.toNearestOrAwayFromZero)))
      case "json":
        if case .integer(let i) = try parse(value.text ?? "") { return .integer(i) }
        throw fail()
      default: return .integer(value.int ?? 0)
      }
    case "double":
      switch from {
      case "varchar":
        guard let d = Double((value.text ?? "").trimmingCharacters(in: .whitespaces)) else { throw fail() }
        return .double(d)
      case "json":
        switch try parse(value.text ?? "") {
        case .integer(let i): return .double(Double(i))
        case .double(let d): return .double(d)
        default: throw fail()
        }
      default:
        guard let d = value.double else { throw fail() }
        return .double(d)
      }
    case "boolean":
      switch from {
      case "varchar":
        switch (value.text ?? "").lowercased() {
        case "true", "t", "1": return .integer(1)
        case "false", "f", "0": return .integer(0)
        default: throw fail()
        }
      case "json":
        if case .bool(let b) = try parse(value.text ?? "") { return .integer(b ? 1 : 0) }
        throw fail()
      default: return .integer((value.double ?? 0) != 0 ? 1 : 0)
      }
    case "timestamp":
      switch from {
      case "date": return .integer((value.int ?? 0) * 86_400_000)
      case "varchar", "json":
        guard let ms = LakeTime.parseTimestamp(value.text ?? "") else { throw fail() }
        return .integer(ms)
      default: throw fail()
      }
    case "date":
      switch from {
      case "timestamp": return .integer(LakeTime.floorDiv(value.int ?? 0, 86_400_000))
      case "varchar", "json":
        let text = (value.text ?? "").trimmingCharacters(in: .whitespaces)
        guard let days = LakeTime.parseDate(text) else { throw fail() }
        return .integer(days)
      default: throw fail()
      }
    case "json":
      switch from {
      case "varchar": return .text(JSONValue.string(value.text ?? "").compactText())
      case "boolean": return .text(value.int == 1 ? "true" : "false")
      case "timestamp": return .text(JSONValue.string(LakeTime.formatTimestamp(value.int ?? 0)).compactText())
      case "date": return .text(JSONValue.string(LakeTime.formatDate(value.int ?? 0)).compactText())
      default: return .text(value.text ?? "null")
      }
    case "array", "map", "row":
      let json = try parse(value.text ?? "")
      switch (to, json) {
      case ("array", .array), ("map", .object), ("row", .object), ("row", .array):
        return .text(json.compactText())
      default:
        throw LakeFunctionError("Cannot cast JSON '\(json.compactText().prefix(80))' to \(to.uppercased())")
      }
    default:
      throw fail()
    }
  }
}
