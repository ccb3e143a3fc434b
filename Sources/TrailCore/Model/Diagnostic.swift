/// An error that says what went wrong, where, why, and what to do about it.
///
/// Every area error (`ServiceError`, `IngestError`, …) maps to one `Diagnostic`, so the CLI's stderr,
/// the TUI's status line and (later) the API all render the same facts. `code` is CloudTrail's
/// exception name when one applies (`InvalidTimeRangeException`), otherwise a TrailDeck name.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
  /// Where a problem sits: a file, optionally a record (1-based) or line (1-based), optionally a field.
  public struct Location: Equatable, Sendable {
    public var path: String
    public var record: Int?
    public var line: Int?
    public var field: String?

    public init(path: String, record: Int? = nil, line: Int? = nil, field: String? = nil) {
      self.path = path
      self.record = record
      self.line = line
      self.field = field
    }

    /// `PATH`, `PATH:record N` or `PATH:line N` — the compact form used on one stderr line.
    public var compact: String {
      if let record { return "\(path):record \(record)" }
      if let line { return "\(path):line \(line)" }
      return path
    }
  }

  public var code: String
  public var summary: String
  public var location: Location?
  public var reason: String
  public var help: String?

  public init(code: String, summary: String, location: Location? = nil, reason: String, help: String? = nil) {
    self.code = code
    self.summary = summary
    self.location = location
    self.reason = reason
    self.help = help
  }

  /// One line: `PATH[:record N]: reason` (or just the reason when there is no location).
  public var oneLine: String {
    guard let location else { return reason }
    return "\(location.compact): \(reason)"
  }

  /// The long form: summary, location arrow, reason and help, as printed by the CLI for single errors.
  public var description: String {
    var lines = ["error: \(summary)"]
    if let location {
      var at = location.compact
      if let field = location.field { at += ", field \(field)" }
      lines.append("  --> \(at)")
    }
    lines.append("reason: \(reason)")
    if let help { lines.append("help: \(help)") }
    return lines.joined(separator: "\n")
  }
}
