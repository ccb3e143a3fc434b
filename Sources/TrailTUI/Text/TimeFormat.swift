import Foundation

/// UTC date formatting and parsing without Foundation formatters (which are slow and not pure).
public enum TimeFormat {
  /// `2024-01-02T10:00:01Z`
  public static func iso8601(_ date: Date) -> String {
    let p = parts(date)
    return "\(four(p.year))-\(two(p.month))-\(two(p.day))T\(two(p.hour)):\(two(p.minute)):\(two(p.second))Z"
  }

  /// `2024-01-02 10:00:01`, the table's event time.
  public static func dateTime(_ date: Date) -> String {
    let p = parts(date)
    return "\(four(p.year))-\(two(p.month))-\(two(p.day)) \(two(p.hour)):\(two(p.minute)):\(two(p.second))"
  }

  /// `10:00:01`
  public static func clock(_ date: Date) -> String {
    let p = parts(date)
    return "\(two(p.hour)):\(two(p.minute)):\(two(p.second))"
  }

  /// `20240102T100001Z`, safe in file names.
  public static func compact(_ date: Date) -> String {
    let p = parts(date)
    return "\(four(p.year))\(two(p.month))\(two(p.day))T\(two(p.hour))\(two(p.minute))\(two(p.second))Z"
  }

  /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS` with optional `Z` (a space may
  /// replace `T`); always UTC.
  public static func parse(_ text: String) -> Date? {
    var s = text.trimmed
    if s.hasSuffix("Z") || s.hasSuffix("z") { s.removeLast() }
    let fields = s.split(whereSeparator: { "-T t:".contains($0) }).map { Int($0) }
    guard fields.count == 3 || fields.count == 5 || fields.count == 6, fields.allSatisfy({ $0 != nil }) else {
      return nil
    }
    let v = fields.map { $0! }
    let (year, month, day) = (v[0], v[1], v[2])
    let hour = v.count > 3 ? v[3] : 0
    let minute = v.count > 4 ? v[4] : 0
    let second = v.count > 5 ? v[5] : 0
    guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
      (0...59).contains(minute),
      (0...60).contains(second)
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
  }

  private struct Parts {
    var year, month, day, hour, minute, second: Int
  }

  private static func parts(_ date: Date) -> Parts {
    let seconds = Int(floor(date.timeIntervalSince1970))
    let days = Int(floor(Double(seconds) / 86_400))
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = civil(fromDays: days)
    return Parts(
      year: year, month: month, day: day, hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
      second: secondOfDay % 60)
  }

  /// Proleptic Gregorian calendar date for days since 1970-01-01 (the classic era-based conversion).
  private static func civil(fromDays days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
  private static func four(_ n: Int) -> String {
    String(repeating: "0", count: max(0, 4 - String(n).count)) + "\(n)"
  }
}
