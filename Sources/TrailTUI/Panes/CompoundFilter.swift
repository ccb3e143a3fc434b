import Foundation

/// A field the history's compound filter (`F`) can test, with the Lake expression that reads it.
public enum CompoundField: String, CaseIterable, Equatable, Sendable {
  case eventName
  case eventSource
  case userArn = "userIdentity.arn"
  case userName = "userIdentity.userName"
  case accessKeyId = "userIdentity.accessKeyId"
  case sourceIPAddress
  case errorCode
  case resourceARN = "resource ARN"
  case awsRegion
  case readOnly
  case eventId

  /// The condition in Lake SQL with one `?` for the value (never the value itself).
  ///
  /// `readOnly` compares with a literal the form checked to be `true` or `false`, since Lake would not
  /// compare a boolean with a string parameter.
  func condition(value: String) -> (sql: String, parameter: String?) {
    switch self {
    case .resourceARN: ("any_match(resources, r -> r.arn = ?)", value)
    case .readOnly: (value.lowercased() == "true" ? "readOnly = true" : "readOnly = false", nil)
    default: ("\(rawValue) = ?", value)
    }
  }
}

/// One condition: a field equal (or, negated, not equal) to a value.
public struct CompoundCondition: Equatable, Sendable {
  public var field: CompoundField
  public var isNegated: Bool
  public var value: String

  public init(_ field: CompoundField, _ value: String, isNegated: Bool = false) {
    self.field = field
    self.value = value
    self.isNegated = isNegated
  }

  /// `eventName = ConsoleLogin`, `NOT errorCode = AccessDenied`.
  public var label: String { (isNegated ? "NOT " : "") + "\(field.rawValue) = \(value)" }
}

/// Conditions combined with AND, run through Lake over every stored event (or those of a time range).
public struct CompoundFilter: Equatable, Sendable {
  /// Most events the history shows for a compound filter (its window).
  public static let limit = HistoryState.maxWindow

  public var conditions: [CompoundCondition]
  /// The eventTimes the events must fall in, both ends included: the Insights pane's related events
  /// (a period ± 1 minute). Nil: every stored event, as the `F` form builds it.
  public var timeRange: ClosedRange<Date>?

  public init(_ conditions: [CompoundCondition], timeRange: ClosedRange<Date>? = nil) {
    self.conditions = conditions
    self.timeRange = timeRange
  }

  /// `eventName = X AND NOT errorCode = Y`.
  public var label: String { conditions.map(\.label).joined(separator: " AND ") }

  /// `2024-01-02 09:58:00 – 2024-01-02 10:06:00`, or nil without a time range.
  public var timeRangeLabel: String? {
    timeRange.map { "\(TimeFormat.dateTime($0.lowerBound)) – \(TimeFormat.dateTime($0.upperBound))" }
  }

  /// The SELECT of the matching events' ids, newest first, values bound as parameters.
  ///
  /// A negated condition keeps events where the field is absent (`NOT coalesce(… , false)`), as a
  /// person reading "not AccessDenied" expects of events with no error at all.
  public func statement(table: String = LakeState.allEventsTable) -> (sql: String, parameters: [String]) {
    var clauses: [String] = []
    var parameters: [String] = []
    for condition in conditions {
      let (sql, parameter) = condition.field.condition(value: condition.value)
      clauses.append(condition.isNegated ? "NOT coalesce(\(sql), false)" : sql)
      if let parameter { parameters.append(parameter) }
    }
    // Literals rather than parameters: Lake turns a constant eventTime bound into a row-id range (only
    // the range's events are read), and these texts are formatted times, never typed ones.
    if let timeRange {
      clauses.append("eventTime >= '\(TimeFormat.dateTime(timeRange.lowerBound))'")
      clauses.append("eventTime <= '\(TimeFormat.dateTime(timeRange.upperBound))'")
    }
    let filter = clauses.isEmpty ? "" : "\nWHERE " + clauses.joined(separator: "\n  AND ")
    return (
      "SELECT eventId FROM \(table)\(filter)\nORDER BY eventTime DESC\nLIMIT \(Self.limit)", parameters
    )
  }
}

/// The `F` form: rows of field, is / is not, and a value being typed.
public struct CompoundFilterForm: Equatable, Sendable {
  public struct Row: Equatable, Sendable {
    public var field: CompoundField
    public var isNegated: Bool
    public var value: InputLine
  }

  public var rows: [Row]
  public var selected = 0
  public var error: String?
  /// The filter's time range, kept as it is (the form edits conditions only).
  public var timeRange: ClosedRange<Date>?

  /// A form over `filter`'s conditions, or one empty `eventName` row.
  public init(_ filter: CompoundFilter?) {
    timeRange = filter?.timeRange
    rows = (filter?.conditions ?? []).map {
      Row(field: $0.field, isNegated: $0.isNegated, value: InputLine($0.value))
    }
    if rows.isEmpty { rows = [Row(field: .eventName, isNegated: false, value: InputLine())] }
  }

  /// The filter of the rows with a value; `nil` when none has one. Throws the message for a bad value.
  func filter() -> Result<CompoundFilter?, CompoundFormError> {
    var conditions: [CompoundCondition] = []
    for row in rows {
      let value = row.value.text.trimmed
      guard !value.isEmpty else { continue }
      if row.field == .readOnly, !["true", "false"].contains(value.lowercased()) {
        return .failure(CompoundFormError(message: "readOnly is true or false, not \"\(value)\""))
      }
      conditions.append(CompoundCondition(row.field, value, isNegated: row.isNegated))
    }
    return .success(conditions.isEmpty ? nil : CompoundFilter(conditions, timeRange: timeRange))
  }
}

/// Why the form's conditions cannot be applied.
struct CompoundFormError: Error {
  var message: String
}
