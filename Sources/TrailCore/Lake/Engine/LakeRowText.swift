import LakeSQL

/// Lake's text of a record's row or array column (`resources`, `userIdentity`, …) written straight from
/// the record's bytes, for `lake_col`.
///
/// The text is the one `LakeRecordColumns.represent` gives (the value parsed, normalised to its schema
/// type, printed compact), but without building the tree: an UNNEST of `resources` spent most of its
/// time parsing and printing every event's array. Only values that print the same either way are
/// copied — strings of printable ASCII without escapes, integers, `true`, `false`, `null`, and objects
/// and arrays of them; for anything else `text` is nil and the caller parses the value as before.
enum LakeRowText {
  /// The compact text of the value at `range` of `b`, normalised to `type`; nil when it must be parsed.
  static func text(_ b: UnsafeRawBufferPointer, _ range: Range<Int>, as type: LakeType) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(range.count)
    guard append(b, range, as: type, to: &out) else { return nil }
    return String(decoding: out, as: UTF8.self)
  }

  private static func append(
    _ b: UnsafeRawBufferPointer, _ range: Range<Int>, as type: LakeType, to out: inout [UInt8]
  ) -> Bool {
    guard let first = range.first.map({ b[$0] }) else { return false }
    if first == UInt8(ascii: "n") { return copyPlain(b, range, to: &out) }
    switch type {
    case .row(let fields):
      // A row keeps the schema's fields, in its order and spelling; a missing one is null.
      guard first == UInt8(ascii: "{") else { return false }
      let object = UnsafeRawBufferPointer(rebasing: b[range])
      out.append(UInt8(ascii: "{"))
      for (index, field) in fields.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: field.name.utf8)
        out.append(contentsOf: "\":".utf8)
        guard let member = Self.member(object, field.name) else {
          out.append(contentsOf: "null".utf8)
          continue
        }
        let shifted = (member.lowerBound + range.lowerBound)..<(member.upperBound + range.lowerBound)
        guard append(b, shifted, as: field.type, to: &out) else { return false }
      }
      out.append(UInt8(ascii: "}"))
      return true
    case .array(let element):
      guard first == UInt8(ascii: "[") else { return false }
      out.append(UInt8(ascii: "["))
      var i = LakeJSONScanner.skipSpace(b, range.lowerBound + 1)
      var count = 0
      while i < range.upperBound, b[i] != UInt8(ascii: "]") {
        let end = LakeJSONScanner.valueEnd(b, i)
        guard end <= range.upperBound else { return false }
        if count > 0 { out.append(UInt8(ascii: ",")) }
        guard append(b, i..<end, as: element, to: &out) else { return false }
        count += 1
        i = LakeJSONScanner.skipSpace(b, end)
        if i < range.upperBound, b[i] == UInt8(ascii: ",") { i = LakeJSONScanner.skipSpace(b, i + 1) }
      }
      out.append(UInt8(ascii: "]"))
      return true
    case .varchar where first == UInt8(ascii: "{") || first == UInt8(ascii: "["):
      // Printed as a JSON string holding the compact text: rare enough to parse.
      return false
    default:
      return copyPlain(b, range, to: &out)
    }
  }

  /// A row field as `LakeJSON.member` finds it: the exact name first, else the first that differs in
  /// case only. `object` starts at the object's `{`.
  private static func member(_ object: UnsafeRawBufferPointer, _ name: String) -> Range<Int>? {
    let key = Array(LakeSchema.recordKey(name).utf8)
    return LakeJSONScanner.find(object, [.key(key, caseInsensitive: false)])
      ?? LakeJSONScanner.find(object, [.key(key, caseInsensitive: true)])
  }

  /// Copies a value whose compact text is the same however it is printed: objects and arrays of
  /// printable-ASCII strings without escapes, integers of up to 18 digits and literals, spaces outside
  /// strings dropped. False (with `out` partly written) for anything else.
  private static func copyPlain(_ b: UnsafeRawBufferPointer, _ range: Range<Int>, to out: inout [UInt8])
    -> Bool
  {
    var i = range.lowerBound
    var digits = 0
    while i < range.upperBound {
      let c = b[i]
      switch c {
      case UInt8(ascii: "\""):
        let end = LakeJSONScanner.stringEnd(b, i)
        guard end <= range.upperBound else { return false }
        for k in (i + 1)..<(end - 1) {
          let s = b[k]
          guard s >= 0x20, s < 0x7F, s != UInt8(ascii: "\\") else { return false }
        }
        out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[i..<end]))
        i = end
        digits = 0
        continue
      case 0x20, 0x0A, 0x0D, 0x09:
        break
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        digits += 1
        guard digits <= 18 else { return false }
        out.append(c)
      case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"):
        // A number with a fraction or exponent: JSONValue prints doubles its own way.
        if digits > 0 || c == UInt8(ascii: "+") { return false }
        out.append(c)  // the `e` of `true`/`false`
      case UInt8(ascii: "-"):
        // `-0` reads as the integer 0, printed without its sign.
        if i + 1 < range.upperBound, b[i + 1] == UInt8(ascii: "0") { return false }
        digits = 0
        out.append(c)
      default:
        digits = 0
        out.append(c)
      }
      i += 1
    }
    return true
  }
}
