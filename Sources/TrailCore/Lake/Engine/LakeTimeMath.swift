import LakeSQL

/// Calendar arithmetic in UTC on milliseconds (timestamps) and days (dates), as Trino's date/time
/// functions do it.
enum LakeTimeMath {
  static let day: Int64 = 86_400_000

  static func addMonths(_ value: Int64, _ months: Int64, isDate: Bool) -> Int64 {
    let days = isDate ? value : LakeTime.floorDiv(value, day)
    let rest = isDate ? 0 : value - days * day
    let (y, m, d) = LakeTime.civil(fromDays: days)
    let total = y * 12 + (m - 1) + months
    let year = LakeTime.floorDiv(total, 12)
    let month = total - year * 12 + 1
    let newDay = min(d, LakeTime.daysInMonth(year, month))
    let newDays = LakeTime.daysFromCivil(year, month, newDay)
    return isDate ? newDays : newDays * day + rest
  }

  /// ISO day of week, 1 = Monday … 7 = Sunday.
  static func dayOfWeek(days: Int64) -> Int64 {
    // 1970-01-01 was a Thursday (4).
    let index = (days % 7 + 7) % 7
    return (index + 3) % 7 + 1
  }

  /// ISO week-based (year, week).
  static func isoWeek(days: Int64) -> (year: Int64, week: Int64) {
    let weekday = dayOfWeek(days: days)
    let thursday = days - weekday + 4
    let year = LakeTime.civil(fromDays: thursday).year
    let firstDay = LakeTime.daysFromCivil(year, 1, 1)
    return (year, (thursday - firstDay) / 7 + 1)
  }

  static func part(_ name: String, _ ms: Int64) throws -> Int64 {
    let days = LakeTime.floorDiv(ms, day)
    let rest = ms - days * day
    let (y, m, d) = LakeTime.civil(fromDays: days)
    switch name {
    case "year": return y
    case "quarter": return (m - 1) / 3 + 1
    case "month": return m
    case "week", "week_of_year": return isoWeek(days: days).week
    case "year_of_week", "yow": return isoWeek(days: days).year
    case "day", "day_of_month": return d
    case "day_of_week", "dow": return dayOfWeek(days: days)
    case "day_of_year", "doy": return days - LakeTime.daysFromCivil(y, 1, 1) + 1
    case "hour": return rest / 3_600_000
    case "minute": return rest / 60_000 % 60
    case "second": return rest / 1000 % 60
    case "millisecond": return rest % 1000
    default: throw LakeFunctionError("Invalid time field: \(name)")
    }
  }

  /// `date_trunc(unit, value)`.
  static func truncate(_ unit: String, _ value: Int64, isDate: Bool) throws -> Int64 {
    let ms = isDate ? value * day : value
    let days = LakeTime.floorDiv(ms, day)
    let (y, m, _) = LakeTime.civil(fromDays: days)
    let result: Int64
    switch unit {
    case "millisecond": result = ms
    case "second": result = LakeTime.floorDiv(ms, 1000) * 1000
    case "minute": result = LakeTime.floorDiv(ms, 60_000) * 60_000
    case "hour": result = LakeTime.floorDiv(ms, 3_600_000) * 3_600_000
    case "day": result = days * day
    case "week": result = (days - dayOfWeek(days: days) + 1) * day
    case "month": result = LakeTime.daysFromCivil(y, m, 1) * day
    case "quarter": result = LakeTime.daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1) * day
    case "year": result = LakeTime.daysFromCivil(y, 1, 1) * day
    default: throw LakeFunctionError("'\(unit)' is not a valid Time field")
    }
    return isDate ? LakeTime.floorDiv(result, day) : result
  }

  /// `date_add(unit, amount, value)`.
  static func add(_ unit: String, _ amount: Int64, _ value: Int64, isDate: Bool) throws -> Int64 {
    let scale: Int64
    switch unit {
    case "millisecond": scale = 1
    case "second": scale = 1000
    case "minute": scale = 60_000
    case "hour": scale = 3_600_000
    case "day": scale = day
    case "week": scale = 7 * day
    case "month": return addMonths(value, amount, isDate: isDate)
    case "quarter": return addMonths(value, amount * 3, isDate: isDate)
    case "year": return addMonths(value, amount * 12, isDate: isDate)
    default: throw LakeFunctionError("'\(unit)' is not a valid Time field")
    }
    if isDate {
      guard scale >= day else { throw LakeFunctionError("'\(unit)' is not a valid DATE field") }
      return value + amount * (scale / day)
    }
    return value + amount * scale
  }

  /// `date_diff(unit, a, b)`: whole units from a to b, truncated toward zero.
  static func difference(_ unit: String, _ a: Int64, _ b: Int64, isDate: Bool) throws -> Int64 {
    let x = isDate ? a * day : a
    let y = isDate ? b * day : b
    switch unit {
    case "millisecond": return y - x
    case "second": return (y - x) / 1000
    case "minute": return (y - x) / 60_000
    case "hour": return (y - x) / 3_600_000
    case "day": return (y - x) / day
    case "week": return (y - x) / (7 * day)
    case "month", "quarter", "year":
      let dx = LakeTime.floorDiv(x, day)
      let dy = LakeTime.floorDiv(y, day)
      let cx = LakeTime.civil(fromDays: dx)
      let cy = LakeTime.civil(fromDays: dy)
      var months = (cy.year - cx.year) * 12 + (cy.month - cx.month)
      // A month counts only once its day and time of day have come round.
      let restX = (cx.day, x - dx * day)
      let restY = (cy.day, y - dy * day)
      if months > 0 && restY < restX { months -= 1 }
      if months < 0 && restY > restX { months += 1 }
      return unit == "month" ? months : unit == "quarter" ? months / 3 : months / 12
    default: throw LakeFunctionError("'\(unit)' is not a valid Time field")
    }
  }
}
