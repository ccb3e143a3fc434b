import LakeSQL

/// The two date-format languages of Trino: Joda patterns (`format_datetime`) and MySQL specifiers
/// (`date_format`, `date_parse`), in UTC and English.
enum LakeDateFormats {
  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November",
    "December",
  ]
  static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

  struct Fields {
    var year, month, day, hour, minute, second, millis, weekday, dayOfYear: Int64
    init(_ ms: Int64) {
      let days = LakeTime.floorDiv(ms, LakeTimeMath.day)
      let rest = ms - days * LakeTimeMath.day
      (year, month, day) = LakeTime.civil(fromDays: days)
      hour = rest / 3_600_000
      minute = rest / 60_000 % 60
      second = rest / 1000 % 60
      millis = rest % 1000
      weekday = LakeTimeMath.dayOfWeek(days: days)
      dayOfYear = days - LakeTime.daysFromCivil(year, 1, 1) + 1
    }
  }

  static func pad(_ value: Int64, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// `format_datetime(ts, 'yyyy-MM-dd HH:mm:ss.SSS')`: letters repeat for width; `'…'` is literal text.
  static func joda(_ ms: Int64, _ pattern: String) throws -> String {
    let f = Fields(ms)
    let chars = Array(pattern)
    var out = ""
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "'" {
        var j = i + 1
        if j < chars.count, chars[j] == "'" {
          out.append("'")
          i += 2
          continue
        }
        while j < chars.count, chars[j] != "'" {
          out.append(chars[j])
          j += 1
        }
        i = j + 1
        continue
      }
      guard c.isLetter else {
        out.append(c)
        i += 1
        continue
      }
      var count = 1
      while i + count < chars.count, chars[i + count] == c { count += 1 }
      i += count
      switch c {
      case "y", "Y", "x": out += count == 2 ? pad(f.year % 100, 2) : pad(f.year, count)
      case "M":
        out +=
          count >= 4
          ? monthNames[Int(f.month) - 1]
          : count == 3 ? String(monthNames[Int(f.month) - 1].prefix(3)) : pad(f.month, count)
      case "d": out += pad(f.day, count)
      case "D": out += pad(f.dayOfYear, count)
      case "H": out += pad(f.hour, count)
      case "h": out += pad((f.hour + 11) % 12 + 1, count)
      case "K": out += pad(f.hour % 12, count)
      case "k": out += pad(f.hour == 0 ? 24 : f.hour, count)
      case "m": out += pad(f.minute, count)
      case "s": out += pad(f.second, count)
      case "S":
        out += String(pad(f.millis, 3).prefix(count)) + String(repeating: "0", count: max(0, count - 3))
      case "a": out += f.hour < 12 ? "AM" : "PM"
      case "E":
        out += count >= 4 ? dayNames[Int(f.weekday) - 1] : String(dayNames[Int(f.weekday) - 1].prefix(3))
      case "e": out += pad(f.weekday, count)
      case "Z": out += count >= 2 ? "+00:00" : "+0000"
      case "z": out += "UTC"
      case "G": out += "AD"
      case "C": out += pad(f.year / 100, count)
      default: throw LakeFunctionError("Illegal pattern component: \(String(repeating: c, count: count))")
      }
    }
    return out
  }

  /// `date_format(ts, '%Y-%m-%d %H:%i:%s')`.
  static func mysql(_ ms: Int64, _ format: String) throws -> String {
    let f = Fields(ms)
    var out = ""
    var chars = format.makeIterator()
    while let c = chars.next() {
      guard c == "%" else {
        out.append(c)
        continue
      }
      guard let spec = chars.next() else { break }
      switch spec {
      case "Y": out += pad(f.year, 4)
      case "y": out += pad(f.year % 100, 2)
      case "m": out += pad(f.month, 2)
      case "c": out += String(f.month)
      case "M": out += monthNames[Int(f.month) - 1]
      case "b": out += String(monthNames[Int(f.month) - 1].prefix(3))
      case "d": out += pad(f.day, 2)
      case "e": out += String(f.day)
      case "j": out += pad(f.dayOfYear, 3)
      case "H", "k": out += spec == "H" ? pad(f.hour, 2) : String(f.hour)
      case "h", "I": out += pad((f.hour + 11) % 12 + 1, 2)
      case "l": out += String((f.hour + 11) % 12 + 1)
      case "i": out += pad(f.minute, 2)
      case "s", "S": out += pad(f.second, 2)
      case "f": out += pad(f.millis * 1000, 6)
      case "p": out += f.hour < 12 ? "AM" : "PM"
      case "T": out += "\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2))"
      case "r":
        out +=
          "\(pad((f.hour + 11) % 12 + 1, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2)) \(f.hour < 12 ? "AM" : "PM")"
      case "W": out += dayNames[Int(f.weekday) - 1]
      case "a": out += String(dayNames[Int(f.weekday) - 1].prefix(3))
      case "%": out += "%"
      default: throw LakeFunctionError("%\(spec) not supported in date format string")
      }
    }
    return out
  }

  /// `date_parse(text, format)` with the numeric MySQL specifiers.
  static func parseMySQL(_ text: String, _ format: String) throws -> Int64 {
    let input = Array(text)
    var i = 0
    var year: Int64 = 1970, month: Int64 = 1, day: Int64 = 1, hour: Int64 = 0, minute: Int64 = 0
    var second: Int64 = 0, fraction: Int64 = 0
    var pm: Bool?
    let fail = LakeFunctionError("Invalid format: \"\(text)\"")
    func number(_ maxDigits: Int) throws -> Int64 {
      var value: Int64 = 0
      var count = 0
      while i < input.count, count < maxDigits, let digit = input[i].wholeNumberValue {
        value = value * 10 + Int64(digit)
        i += 1
        count += 1
      }
      guard count > 0 else { throw fail }
      return value
    }
    var spec = format.makeIterator()
    while let c = spec.next() {
      if c != "%" {
        guard i < input.count, input[i] == c else { throw fail }
        i += 1
        continue
      }
      guard let s = spec.next() else { break }
      switch s {
      case "Y": year = try number(4)
      case "y": year = 2000 + (try number(2))
      case "m", "c": month = try number(2)
      case "d", "e": day = try number(2)
      case "H", "k", "h", "I", "l": hour = try number(2)
      case "i": minute = try number(2)
      case "s", "S": second = try number(2)
      case "f":
        let start = i
        let value = try number(6)
        fraction = value * Int64(pow10(6 - (i - start))) / 1000
      case "p":
        guard i + 1 < input.count else { throw fail }
        let word = String(input[i...(i + 1)]).uppercased()
        guard word == "AM" || word == "PM" else { throw fail }
        pm = word == "PM"
        i += 2
      case "%":
        guard i < input.count, input[i] == "%" else { throw fail }
        i += 1
      default: throw LakeFunctionError("%\(s) not supported in date format string")
      }
    }
    guard i == input.count, (1...12).contains(month), day >= 1, day <= LakeTime.daysInMonth(year, month),
      hour < 24,
      minute < 60, second < 60
    else { throw fail }
    if let pm { hour = hour % 12 + (pm ? 12 : 0) }
    return LakeTime.daysFromCivil(year, month, day) * LakeTimeMath.day + hour * 3_600_000 + minute * 60_000
      + second * 1000 + fraction
  }

  private static func pow10(_ n: Int) -> Int { n <= 0 ? 1 : (1...n).reduce(1) { acc, _ in acc * 10 } }
}
