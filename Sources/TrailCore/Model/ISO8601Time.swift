import Foundation

/// CloudTrail's time format (`2024-01-02T03:04:05Z`), parsed and printed without Foundation formatters
/// (they are slow on the ingest path and locale-sensitive).
public enum ISO8601Time {
  /// Epoch seconds of `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`; fractions are dropped. `nil` if malformed.
  public static func parse(_ text: String) -> Int64? {
    var utf8 = text.utf8.makeIterator()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(32)
    while let b = utf8.next() {
      bytes.append(b)
      if bytes.count > 40 { return nil }
    }
    return parse(bytes: bytes)
  }

  /// The same from bytes (ingest parses each record's `eventTime` where it lies in the file).
  static func parse<Bytes: RandomAccessCollection>(bytes b: Bytes) -> Int64?
  where Bytes.Element == UInt8, Bytes.Index == Int {
    guard b.startIndex == 0 else { return parse(bytes: Array(b)) }
    guard b.count >= 19 else { return nil }
    func digits(_ from: Int, _ count: Int) -> Int? {
      var value = 0
      for i in from..<(from + count) {
        let c = b[i]
        guard c >= 0x30 && c <= 0x39 else { return nil }
        value = value * 10 + Int(c - 0x30)
      }
      return value
    }
    guard let year = digits(0, 4), b[4] == 0x2D, let month = digits(5, 2), b[7] == 0x2D,
      let day = digits(8, 2),
      b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "), let hour = digits(11, 2), b[13] == 0x3A,
      let minute = digits(14, 2), b[16] == 0x3A, let second = digits(17, 2)
    else { return nil }
    guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour < 24,
      minute < 60,
      second < 61
    else { return nil }
    var i = 19
    if i < b.count && b[i] == UInt8(ascii: ".") {
      i += 1
      while i < b.count && b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
    }
    var offset = 0
    if i == b.count - 1 && (b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z")) {
      offset = 0
    } else if i + 6 == b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"))
      && b[i + 3] == 0x3A,
      let oh = digits(i + 1, 2), let om = digits(i + 4, 2)
    {
      offset = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return nil
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offset)
  }

  static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's well-known formula).
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// `2024-01-02T03:04:05Z` for epoch seconds.
  public static func format(_ seconds: Int64) -> String {
    let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let rest = Int(seconds - Int64(days) * 86_400)
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let yearText =
      String(year).count < 4
      ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
    return
      "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
  }

  /// `2024-01-02T03:04:05.678Z` for epoch milliseconds (AWS Config's times).
  public static func format(milliseconds: Int64) -> String {
    let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
    let rest = Int(milliseconds - seconds * 1000)
    let fraction = rest < 10 ? "00\(rest)" : rest < 100 ? "0\(rest)" : "\(rest)"
    return String(format(seconds).dropLast()) + ".\(fraction)Z"
  }

  /// Epoch milliseconds of an ISO 8601 time (fraction kept to the millisecond); `nil` if malformed.
  public static func parseMilliseconds(_ text: String) -> Int64? {
    guard let seconds = parse(text) else { return nil }
    let bytes = Array(text.utf8)
    guard bytes.count > 20, bytes[19] == UInt8(ascii: ".") else { return seconds * 1000 }
    var millis = 0
    var place = 100
    for b in bytes[20...] {
      guard b >= 0x30 && b <= 0x39 else { break }
      millis += Int(b - 0x30) * place
      place /= 10
    }
    return seconds * 1000 + Int64(millis)
  }

  public static func format(_ date: Date) -> String {
    format(Int64(date.timeIntervalSince1970.rounded(.down)))
  }

  /// Parses a user-given time: ISO 8601 (with or without seconds/zone; no zone means UTC) or epoch seconds.
  public static func parseUserTime(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let epoch = Double(trimmed), !trimmed.contains("-") { return Date(timeIntervalSince1970: epoch) }
    if let s = parse(trimmed) { return Date(timeIntervalSince1970: TimeInterval(s)) }
    if let s = parse(trimmed + "Z") { return Date(timeIntervalSince1970: TimeInterval(s)) }
    if let s = parse(trimmed + ":00Z") { return Date(timeIntervalSince1970: TimeInterval(s)) }
    if trimmed.count == 10, let s = parse(trimmed + "T00:00:00Z") {
      return Date(timeIntervalSince1970: TimeInterval(s))
    }
    return nil
  }
}
