import Foundation

/// How a widget's statement takes its parameters.
///
/// A widget writes each placeholder as `?`, in eventTime comparisons as `'?'` (the model's
/// RequestWidget note), and lists in QueryParameters what fills them, in order: `$StartTime$`,
/// `$EndTime$`, `$Period$`. A refresh puts the values in as literals (QueryParameterValues' pattern
/// admits no quote, and TrailDeck's defaults are its own text), so the query's QueryString shows what
/// ran and the rollups can read it.
enum DashboardStatement {
  /// `'?'` as a bare `?`, the engine's parameter (for StartQuery by QueryAlias, which binds values).
  static func unquotingPlaceholders(_ statement: String) -> String {
    statement.replacingOccurrences(of: "'?'", with: "?")
  }

  /// `statement` with each `?` outside a string literal (and each `'?'`) replaced by the next of
  /// `values` as a string literal; `?`s beyond the values stay for the engine to refuse.
  static func splicing(_ values: [String], into statement: String) -> String {
    var out = ""
    var remaining = values[...]
    var inString = false
    for character in unquotingPlaceholders(statement) {
      if character == "'" { inString.toggle() }
      if character == "?", !inString, let value = remaining.popFirst() {
        out += "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
      } else {
        out.append(character)
      }
    }
    return out
  }

  /// The value of each of `parameters` for a refresh at `now`: from `given` (QueryParameterValues),
  /// else TrailDeck's defaults — `$EndTime$` the clock's minute, `$StartTime$` a day before it,
  /// `$Period$` `hour`. Times become Lake's `yyyy-MM-dd HH:mm:ss`.
  /// - Throws: `InvalidParameterException` for a time or period that is not one.
  static func values(for parameters: [String], given: [String: String], now: Date) throws -> [String] {
    let end = try given["$EndTime$"].map { try time($0, "$EndTime$") } ?? minute(of: now)
    let start =
      try given["$StartTime$"].map { try time($0, "$StartTime$") } ?? end.addingTimeInterval(-86_400)
    let period = given["$Period$"] ?? "hour"
    guard periods.contains(period.lowercased()) else {
      throw ServiceError(
        "InvalidParameterException",
        "$Period$ '\(period)' is not valid: use \(periods.joined(separator: ", ")).")
    }
    return parameters.map { parameter in
      switch parameter {
      case "$StartTime$": LakeTimestamp.text(start)
      case "$EndTime$": LakeTimestamp.text(end)
      case "$Period$": period.lowercased()
      default: parameter
      }
    }
  }

  static let periods = ["minute", "hour", "day", "week", "month"]

  static func minute(of date: Date) -> Date {
    Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
  }

  /// An ISO 8601 time (`2024-05-01T10:00:00Z`, zone optional) or epoch seconds.
  static func time(_ text: String, _ name: String) throws -> Date {
    if let seconds = Int64(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
    if let date = ISO8601Time.parseUserTime(text) { return date }
    if let seconds = RollupShape.seconds(text) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
    throw ServiceError(
      "InvalidParameterException",
      "\(name) '\(text)' is not a time: use ISO 8601 (2024-05-01T10:00:00Z) or epoch seconds.")
  }
}

/// Lake's timestamp text, `yyyy-MM-dd HH:mm:ss` in UTC.
enum LakeTimestamp {
  static func text(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    return formatter.string(from: date)
  }
}
