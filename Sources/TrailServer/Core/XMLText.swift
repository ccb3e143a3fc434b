/// Escaping for XML text and attribute values, shared by every XML protocol (S3, SNS): `&`, `<`, `>`
/// and `"` as entities (attributes are quoted with `"`, so `'` stays), and control characters other
/// than `\n` and `\t` (legal in S3 keys and policies, not in XML 1.0 text; a literal `\r` would be
/// read back as `\n`) as character references.
enum XMLText {
  static func escape(_ value: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(value.utf8.count)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "\n", "\t": escaped.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20: escaped += "&#\(scalar.value);"
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return escaped
  }
}
