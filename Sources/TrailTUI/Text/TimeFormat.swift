import Foundation
import TrailCore

/// UTC date formatting and parsing for the panes, built on `TrailCore.ISO8601Time` (no Foundation
/// formatters: they are slow and read the locale).
public enum TimeFormat {
  /// `2024-01-02T10:00:01Z`
  public static func iso8601(_ date: Date) -> String { ISO8601Time.format(date) }

  /// `2024-01-02 10:00:01`, the table's event time.
  public static func dateTime(_ date: Date) -> String {
    let text = ISO8601Time.format(date)
    return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8))
  }

  /// `10:00:01`
  public static func clock(_ date: Date) -> String {
    String(ISO8601Time.format(date).dropFirst(11).prefix(8))
  }

  /// `20240102T100001Z`, safe in file names.
  public static func compact(_ date: Date) -> String {
    ISO8601Time.format(date).filter { $0 != "-" && $0 != ":" }
  }

  /// Reads `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS` with optional `Z` (a space may
  /// replace `T`); always UTC.
  public static func parse(_ text: String) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard trimmed.first?.isNumber == true, trimmed.contains("-") else { return nil }
    return ISO8601Time.parseUserTime(trimmed)
  }
}
