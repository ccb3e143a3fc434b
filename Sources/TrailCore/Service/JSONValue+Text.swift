extension JSONValue {
  /// The text the aws CLI prints for `--output json`: Python's
  /// `json.dumps(value, indent=4, ensure_ascii=False)` followed by a newline.
  ///
  /// Byte-for-byte equality matters because scripts diff and grep the CLI's output; see
  /// ``JSONValue/pythonString(_:)`` and ``JSONValue/pythonRepr(_:)`` for how scalars are spelt.
  public func awsCLIText() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(to: &out, indent: 0, pretty: true)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  /// The same JSON without any whitespace (`json.dumps(separators=(",", ":"))`), for the HTTP wire,
  /// where every byte is paid for and no one reads it.
  public func compactText() -> String {
    var out: [UInt8] = []
    out.reserveCapacity(256)
    write(to: &out, indent: 0, pretty: false)
    return String(decoding: out, as: UTF8.self)
  }

  /// A JSON string literal as Python's `json.dumps(ensure_ascii=False)` writes it: only `"`, `\`, and
  /// control characters below U+0020 are escaped (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00xx` in lowercase
  /// hex); `/`, DEL and all non-ASCII characters stay raw UTF-8.
  public static func pythonString(_ value: String) -> String {
    var out: [UInt8] = []
    appendString(value, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// A double as Python's `repr(float)` (which `json.dumps` uses): the shortest digits that read back to
  /// the same double, positional when the decimal exponent is in -4 ..< 16 (`0.0001`, `1.5`,
  /// `1000000000000000.0`), scientific otherwise (`1e-05`, `1e+16`, `1.5e+300`); `NaN`, `Infinity`,
  /// `-Infinity` as `json.dumps` writes them (not valid JSON, but what Python prints).
  public static func pythonRepr(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    let sign = value.sign == .minus ? "-" : ""
    if value == 0 { return sign + "0.0" }
    // Swift's description also gives the shortest round-trip digits, only laid out by other rules
    // (`1e+15`, `5e-05`), so take its digits and exponent and lay them out as Python does.
    let (digits, point) = decimalDigits(of: value.magnitude)
    // `point` is where the decimal point sits in `digits` (value = 0.digits × 10^point), as in dtoa's decpt;
    // CPython's float_repr_style 'short' switches to an exponent when decpt <= -4 or decpt > 16.
    if point <= -4 || point > 16 {
      let exponent = point - 1
      var text = String(digits.first!)
      if digits.count > 1 { text += "." + digits.dropFirst() }
      let magnitude = String(abs(exponent))
      text += (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
      return sign + text
    }
    if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
    if point < digits.count {
      return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }
    return sign + digits + String(repeating: "0", count: point - digits.count) + ".0"
  }

  /// The significant digits of a finite positive double (no leading or trailing zeros) and dtoa's decpt.
  private static func decimalDigits(of value: Double) -> (digits: String, point: Int) {
    let text = value.description
    let mantissa: Substring
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    } else {
      mantissa = text[...]
    }
    let integerPart = mantissa.prefix { $0 != "." }
    let fractionPart = mantissa.dropFirst(integerPart.count + 1)
    var digits = Substring(integerPart + fractionPart)
    var point = integerPart.count + exponent
    while digits.first == "0" {
      digits = digits.dropFirst()
      point -= 1
    }
    while digits.last == "0" { digits = digits.dropLast() }
    return (String(digits), point)
  }

  private func write(to out: inout [UInt8], indent: Int, pretty: Bool) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .integer(let i): out.append(contentsOf: String(i).utf8)
    case .double(let d): out.append(contentsOf: Self.pythonRepr(d).utf8)
    case .string(let s): Self.appendString(s, to: &out)
    case .array(let items):
      // Python prints empty containers as `[]`/`{}` with nothing inside, even when indenting.
      guard !items.isEmpty else { return out.append(contentsOf: "[]".utf8) }
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, indent: indent + 4) }
        item.write(to: &out, indent: indent + 4, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent: indent) }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      guard !members.isEmpty else { return out.append(contentsOf: "{}".utf8) }
      out.append(UInt8(ascii: "{"))
      for (i, member) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { Self.newline(&out, indent: indent + 4) }
        Self.appendString(member.key, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        member.value.write(to: &out, indent: indent + 4, pretty: pretty)
      }
      if pretty { Self.newline(&out, indent: indent) }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ out: inout [UInt8], indent: Int) {
    out.append(0x0A)
    out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
  }

  private static func appendString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var value = value
    value.withUTF8 { appendEscaped($0, to: &out) }
    out.append(UInt8(ascii: "\""))
  }

  /// Appends `bytes` escaped for a JSON string literal. Responses carry whole records as strings
  /// (LookupEvents' `CloudTrailEvent`, quotes every few bytes), so this runs over most bytes the server
  /// sends: it measures the escaped length first, from a table and without branching, then writes into
  /// that space, instead of appending byte by byte.
  ///
  /// Working on UTF-8 bytes is safe: every byte of a multi-byte sequence is >= 0x80, so only ASCII
  /// bytes can need an escape.
  private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    escapeExtraBytes.withUnsafeBufferPointer { extra in
      var length = bytes.count
      for byte in bytes { length &+= Int(extra[Int(byte)]) }
      let start = out.count
      out.append(contentsOf: repeatElement(0, count: length))
      out.withUnsafeMutableBufferPointer { target in
        guard length != bytes.count else {
          _ = UnsafeMutableBufferPointer(rebasing: target[start...]).initialize(from: bytes)
          return
        }
        var at = start
        for byte in bytes {
          if extra[Int(byte)] == 0 {
            target[at] = byte
            at &+= 1
            continue
          }
          target[at] = UInt8(ascii: "\\")
          switch byte {
          case UInt8(ascii: "\""), UInt8(ascii: "\\"): target[at + 1] = byte
          case 0x0A, 0x0D, 0x09, 0x08, 0x0C: target[at + 1] = shortEscape(byte)
          default:
            target[at + 1] = UInt8(ascii: "u")
            target[at + 2] = UInt8(ascii: "0")
            target[at + 3] = UInt8(ascii: "0")
            target[at + 4] = hexDigit(byte >> 4)
            target[at + 5] = hexDigit(byte & 0xF)
          }
          at &+= 1 + Int(extra[Int(byte)])
        }
      }
    }
  }

  /// For each byte, how many more bytes than one it takes in a JSON string.
  private static let escapeExtraBytes: [UInt8] = (0...255).map { UInt8(escapeLength(UInt8($0)) - 1) }

  /// How many bytes `byte` takes in a JSON string as Python's `json.dumps` writes it.
  private static func escapeLength(_ byte: UInt8) -> Int {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, 0x08, 0x0C: 2
    case 0..<0x20: 6
    default: 1
    }
  }

  /// The letter after the backslash of the control characters JSON has a short escape for.
  private static func shortEscape(_ byte: UInt8) -> UInt8 {
    switch byte {
    case 0x0A: UInt8(ascii: "n")
    case 0x0D: UInt8(ascii: "r")
    case 0x09: UInt8(ascii: "t")
    case 0x08: UInt8(ascii: "b")
    default: UInt8(ascii: "f")
    }
  }

  /// A lowercase hexadecimal digit, as Python writes `\u00xx`.
  private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }
}
