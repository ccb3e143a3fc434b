import Foundation

/// A time range a prompt names, resolved against the clock's now: "last 24 hours", "past 7 days",
/// "last week", "this week" (the last 7 days), "this month" (since the 1st), "today", "yesterday",
/// "since yesterday", "since 2026-11-01", "on 2026-11-01", "between 2026-11-01 and
/// 2026-11-03", "before 2026-11-01". Days are UTC days, as eventTime is UTC.
public struct PromptTimeRange: Equatable, Sendable {
  /// The first instant inside the range, if it has a start.
  public var start: Date?
  /// The first instant after the range, if it has an end.
  public var end: Date?

  public init(start: Date?, end: Date?) {
    self.start = start
    self.end = end
  }

  /// The range `text` names, or nil when it names none.
  public static func find(in text: String, now: Date) -> PromptTimeRange? {
    let lower = text.lowercased()
    let date = #"(\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2})?z?)?)"#
    if let m = match(#"\bbetween\s+"# + date + #"\s+and\s+"# + date, lower),
      let from = day(m[1]), let to = day(m[2])
    {
      // "between D1 and D2" includes the whole of D2 when D2 is a bare date.
      return PromptTimeRange(start: from, end: m[2].count == 10 ? to.addingTimeInterval(86_400) : to)
    }
    if let m = match(#"\b(?:since|after|from)\s+"# + date, lower), let from = day(m[1]) {
      return PromptTimeRange(start: from, end: nil)
    }
    if let m = match(#"\b(?:before|until)\s+"# + date, lower), let to = day(m[1]) {
      return PromptTimeRange(start: nil, end: to)
    }
    if let m = match(#"\bon\s+"# + date, lower), let from = day(m[1]) {
      return PromptTimeRange(start: from, end: from.addingTimeInterval(86_400))
    }
    let units = #"(minute|min|hour|hr|day|week|month)s?"#
    if let m = match(#"\b(?:last|past|previous|recent)\s+(\d{1,4})\s+"# + units, lower),
      let count = Double(m[1]), let unit = seconds(m[2])
    {
      return PromptTimeRange(start: now.addingTimeInterval(-count * unit), end: nil)
    }
    if let m = match(#"\b(?:last|past|previous)\s+"# + units, lower), let unit = seconds(m[1]) {
      return PromptTimeRange(start: now.addingTimeInterval(-unit), end: nil)
    }
    let today = startOfDay(now)
    if match(#"\bsince\s+yesterday\b"#, lower) != nil {
      return PromptTimeRange(start: today.addingTimeInterval(-86_400), end: nil)
    }
    if match(#"\bthis\s+week\b"#, lower) != nil {
      return PromptTimeRange(start: now.addingTimeInterval(-7 * 86_400), end: nil)
    }
    if match(#"\bthis\s+month\b"#, lower) != nil {
      let iso = ISO8601Time.format(now)
      return PromptTimeRange(start: day(String(iso.prefix(8)) + "01"), end: nil)
    }
    if match(#"\btoday\b"#, lower) != nil { return PromptTimeRange(start: today, end: nil) }
    if match(#"\byesterday\b"#, lower) != nil {
      return PromptTimeRange(start: today.addingTimeInterval(-86_400), end: today)
    }
    return nil
  }

  private static func seconds(_ unit: String) -> TimeInterval? {
    switch unit {
    case "minute", "min": 60
    case "hour", "hr": 3_600
    case "day": 86_400
    case "week": 7 * 86_400
    case "month": 30 * 86_400
    default: nil
    }
  }

  private static func day(_ text: String) -> Date? {
    ISO8601Time.parseUserTime(text.uppercased().replacingOccurrences(of: " ", with: "T"))
  }

  private static func startOfDay(_ date: Date) -> Date {
    let seconds = date.timeIntervalSince1970
    return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400)
  }

  /// The capture groups of the first match of `pattern` (group 0 is the whole match).
  static func match(_ pattern: String, _ text: String) -> [String]? {
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let found = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    return (0..<found.numberOfRanges).map { index in
      Range(found.range(at: index), in: text).map { String(text[$0]) } ?? ""
    }
  }
}
