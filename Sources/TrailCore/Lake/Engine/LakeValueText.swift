import Foundation
import LakeSQL

/// How Lake prints values in QueryResultRows: every value a string, as Trino renders it.
enum LakeValueText {
  /// A double as Trino (Java) prints it: `2.5`, `3.0`, `1.0E7`, `1.2E-4`, `NaN`, `Infinity`.
  static func double(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
    let magnitude = abs(value)
    if magnitude >= 1e-3 && magnitude < 1e7 {
      var text = "\(value)"  // Swift's shortest round-trip text, e.g. "2.5", "3.0", "0.001"
      if text.contains("e") { text = String(format: "%.17g", value) }
      if !text.contains(".") { text += ".0" }
      return text
    }
    // Scientific: shortest digits, Java's shape d.dddE±n.
    let text = "\(value)"  // "1e+07", "1.2e-05"
    let parts = text.lowercased().split(separator: "e")
    var mantissa = String(parts[0])
    var exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
    if parts.count == 1 {
      // Swift printed it positionally ("12345678.0", "0.00015"): find the first significant digit.
      let unsigned = mantissa.replacingOccurrences(of: "-", with: "")
      let point =
        unsigned.firstIndex(of: ".").map { unsigned.distance(from: unsigned.startIndex, to: $0) }
        ?? unsigned.count
      let all = Array(unsigned.replacingOccurrences(of: ".", with: ""))
      let first = all.firstIndex { $0 != "0" } ?? 0
      exponent = point - first - 1
      var significant = String(all[first...])
      while significant.count > 1 && significant.hasSuffix("0") { significant.removeLast() }
      let head = String(significant.prefix(1))
      let tail = String(significant.dropFirst())
      mantissa = (value < 0 ? "-" : "") + head + "." + (tail.isEmpty ? "0" : tail)
    }
    if !mantissa.contains(".") { mantissa += ".0" }
    return "\(mantissa)E\(exponent)"
  }

  /// The text of a result value of `type`.
  static func text(_ value: LakeValue, type: LakeType) -> String? {
    if value.isNull { return nil }
    switch type {
    case .boolean: return (value.int ?? 0) != 0 ? "true" : "false"
    case .bigint:
      if case .double(let d) = value { return String(Int64(d)) }
      return value.text
    case .double: return value.double.map(double)
    case .timestamp: return value.int.map(LakeTime.formatTimestamp)
    case .date: return value.int.map(LakeTime.formatDate)
    case .intervalDayToSecond:
      guard let ms = value.int else { return nil }
      let sign = ms < 0 ? "-" : ""
      let m = abs(ms)
      let pad = { (v: Int64, w: Int) in String(repeating: "0", count: max(0, w - String(v).count)) + String(v)
      }
      return
        "\(sign)\(m / 86_400_000) \(pad(m / 3_600_000 % 24, 2)):\(pad(m / 60_000 % 60, 2)):\(pad(m / 1000 % 60, 2)).\(pad(m % 1000, 3))"
    case .intervalYearToMonth:
      guard let months = value.int else { return nil }
      return "\(months < 0 ? "-" : "")\(abs(months) / 12)-\(abs(months) % 12)"
    case .array, .map, .row:
      guard let text = value.text, let json = try? JSONValue(parsing: text) else { return value.text }
      return LakeJSON.display(json, type: type).compactText()
    case .varchar, .json, .unknown:
      return value.text
    }
  }
}
