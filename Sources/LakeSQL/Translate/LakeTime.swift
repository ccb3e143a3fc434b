/// Lake's time texts, read and written without Foundation's formatters: `2023-01-22 10:00:00.000` for
/// timestamps (UTC), `2023-01-22` for dates. Reading also takes ISO 8601 (`2023-01-22T10:00:00Z`,
/// offsets, fractions) and a bare date (midnight), as Trino's casts from varchar do.
public enum LakeTime {
  /// Milliseconds since the epoch of `text`, or nil.
  public static func parseTimestamp(_ text: String) -> Int64? {
    let b = Array(text.utf8)
    guard b.count >= 10, let days = daysOf(b) else { return nil }
    var millis = days * 86_400_000
    var i = 10
    if i == b.count { return millis }
    guard b[i] == UInt8(ascii: " ") || b[i] == UInt8(ascii: "T") else { return nil }
    i += 1
    guard let hour = digits(b, i, 2), i + 2 < b.count, b[i + 2] == UInt8(ascii: ":"),
      let minute = digits(b, i + 3, 2), hour < 24, minute < 60
    else { return nil }
    i += 5
    var second: Int64 = 0
    var fraction: Int64 = 0
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = digits(b, i + 1, 2), s < 60 else { return nil }
      second = s
      i += 3
      if i < b.count, b[i] == UInt8(ascii: ".") {
        i += 1
        var scale: Int64 = 100
        let start = i
        while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
          fraction += Int64(b[i] - 0x30) * scale
          scale /= 10
          i += 1
        }
        guard i > start else { return nil }
      }
    }
    millis += hour * 3_600_000 + minute * 60_000 + second * 1000 + fraction
    // A zone: Z, UTC, or ±HH[:MM].
    while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
    if i == b.count { return millis }
    let rest = String(decoding: b[i...], as: UTF8.self)
    if rest == "Z" || rest == "UTC" || rest == "z" { return millis }
    guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let zh = digits(b, i + 1, 2) else {
      return nil
    }
    var zm: Int64 = 0
    if i + 3 < b.count {
      let m = b[i + 3] == UInt8(ascii: ":") ? i + 4 : i + 3
      guard let value = digits(b, m, 2), m + 2 == b.count else { return nil }
      zm = value
    } else if i + 3 != b.count {
      return nil
    }
    let offset = (zh * 60 + zm) * 60_000
    return b[i] == UInt8(ascii: "+") ? millis - offset : millis + offset
  }

  /// Days since the epoch of `YYYY-MM-DD` (nothing after it), or nil.
  public static func parseDate(_ text: String) -> Int64? {
    let b = Array(text.utf8)
    guard b.count == 10 else { return nil }
    return daysOf(b)
  }

  private static func daysOf(_ b: [UInt8]) -> Int64? {
    guard let year = digits(b, 0, 4), b[4] == UInt8(ascii: "-"), let month = digits(b, 5, 2),
      b[7] == UInt8(ascii: "-"),
      let day = digits(b, 8, 2), (1...12).contains(month), day >= 1, day <= daysInMonth(year, month)
    else { return nil }
    return daysFromCivil(year, month, day)
  }

  private static func digits(_ b: [UInt8], _ from: Int, _ count: Int) -> Int64? {
    guard from + count <= b.count else { return nil }
    var value: Int64 = 0
    for i in from..<(from + count) {
      guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
      value = value * 10 + Int64(b[i] - 0x30)
    }
    return value
  }

  public static func isLeap(_ year: Int64) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

  public static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  public static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The (year, month, day) of a day number.
  public static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  /// Floor division, for days and times before the epoch.
  public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// `2023-01-22`.
  public static func formatDate(_ days: Int64) -> String {
    let (y, m, d) = civil(fromDays: days)
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// `2023-01-22 10:00:00.000`.
  public static func formatTimestamp(_ millis: Int64) -> String {
    let days = floorDiv(millis, 86_400_000)
    let rest = millis - days * 86_400_000
    let h = rest / 3_600_000
    let m = rest / 60_000 % 60
    let s = rest / 1000 % 60
    let ms = rest % 1000
    return "\(formatDate(days)) \(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))"
  }
}
