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

/// Conditions combined with AND, run through Lake over every stored event.
public struct CompoundFilter: Equatable, Sendable {
  /// Most events the history shows for a compound filter (its window).
  public static let limit = HistoryState.maxWindow

  public var conditions: [CompoundCondition]

  public init(_ conditions: [CompoundCondition]) { self.conditions = conditions }

  /// `eventName = X AND NOT errorCode = Y`.
  public var label: String { conditions.map(\.label).joined(separator: " AND ") }

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

  /// A form over `filter`'s conditions, or one empty `eventName` row.
  public init(_ filter: CompoundFilter?) {
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
    return .success(conditions.isEmpty ? nil : CompoundFilter(conditions))
  }
}

/// Why the form's conditions cannot be applied.
struct CompoundFormError: Error {
  var message: String
}
