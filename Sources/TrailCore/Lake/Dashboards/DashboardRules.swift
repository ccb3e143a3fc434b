import Foundation

/// The parameter rules of Lake dashboards (service model: CreateDashboard … StartDashboardRefresh),
/// each throwing CloudTrail's exception.
///
/// Where the model's operations list no exception for a malformed member (a name outside its
/// pattern, a frequency CloudTrail does not offer), TrailDeck answers `InvalidParameterException`,
/// as CloudTrail's other operations do for the same kind of mistake.
enum DashboardRules {
  static let customType = "CUSTOM"
  static let managedType = "MANAGED"
  static let highlightsName = "AWSCloudTrail-Highlights"
  /// Widgets on a custom dashboard (model: "a maximum of ten widgets").
  static let maxWidgets = 10
  /// The placeholders a widget's QueryParameters may name (model: RequestWidget.QueryParameters).
  static let placeholders = ["$StartTime$", "$EndTime$", "$Period$"]
  /// The placeholder of the Highlights dashboard's event data store (model: QueryParameterValues).
  static let storePlaceholder = "$EventDataStoreId$"

  static func isValidName(_ name: String) -> Bool {
    (3...128).contains(name.count)
      && name.range(of: #"^[a-zA-Z0-9_\-]+$"#, options: .regularExpression) != nil
  }

  static func checkName(_ name: String) throws(ServiceError) {
    guard isValidName(name) else {
      throw ServiceError(
        "InvalidParameterException",
        "Dashboard name '\(name)' is not valid: use 3 to 128 letters, digits, underscores and hyphens.")
    }
  }

  /// The shape rules of a widget list: at most 10, each statement 1–10000 characters, 1–10 known
  /// placeholders, view properties inside the model's patterns.
  static func checkWidgets(_ widgets: [DashboardRequestWidget]) throws(ServiceError) {
    guard widgets.count <= maxWidgets else {
      throw ServiceError(
        "ServiceQuotaExceededException",
        "A custom dashboard has at most \(maxWidgets) widgets; the request has \(widgets.count).")
    }
    for (index, widget) in widgets.enumerated() {
      let where_ = "Widget \(index + 1)"
      guard (1...10_000).contains(widget.queryStatement.count) else {
        throw ServiceError(
          "InvalidQueryStatementException",
          "\(where_): the query statement is \(widget.queryStatement.count) characters long; it must have 1 to 10000."
        )
      }
      if let parameters = widget.queryParameters {
        guard (1...10).contains(parameters.count) else {
          throw ServiceError(
            "InvalidParameterException",
            "\(where_): QueryParameters has \(parameters.count) values; give 1 to 10 (or leave it out).")
        }
        for parameter in parameters where !placeholders.contains(parameter) {
          throw ServiceError(
            "InvalidParameterException",
            "\(where_): query parameter '\(parameter)' is not valid: use \(placeholders.joined(separator: ", "))."
          )
        }
      }
      for (key, value) in widget.viewProperties {
        guard (3...128).contains(key.count),
          key.range(of: #"^[a-zA-Z0-9._\-]+$"#, options: .regularExpression) != nil
        else {
          throw ServiceError(
            "InvalidParameterException",
            "\(where_): view property key '\(key)' is not valid: use 3 to 128 letters, digits, periods, underscores and hyphens."
          )
        }
        guard (1...128).contains(value.count),
          value.range(of: #"^[a-zA-Z0-9._\- ]+$"#, options: .regularExpression) != nil
        else {
          throw ServiceError(
            "InvalidParameterException",
            "\(where_): view property \(key) = '\(value)' is not valid: use 1 to 128 letters, digits, spaces, periods, underscores and hyphens."
          )
        }
      }
    }
  }

  /// Frequency and status from the model's enums; HOURS 1, 6, 12 or 24, DAYS 1; TimeOfDay HH:MM.
  /// The Highlights dashboard must refresh every 6 hours, enabled (model: CreateDashboard).
  static func checkSchedule(_ schedule: RefreshSchedule?, highlights: Bool) throws(ServiceError) {
    guard let schedule else {
      if highlights {
        throw ServiceError(
          "InvalidParameterException",
          "The Highlights dashboard needs RefreshSchedule Status=ENABLED, Frequency={Unit=HOURS,Value=6}.")
      }
      return
    }
    if let status = schedule.status, status != "ENABLED", status != "DISABLED" {
      throw ServiceError(
        "InvalidParameterException",
        "RefreshSchedule Status '\(status)' is not valid: use ENABLED or DISABLED.")
    }
    if let frequency = schedule.frequency {
      switch (frequency.unit, frequency.value) {
      case ("HOURS", let value?) where [1, 6, 12, 24].contains(value): break
      case ("DAYS", 1): break
      case ("HOURS", _), ("DAYS", _):
        throw ServiceError(
          "InvalidParameterException",
          "RefreshSchedule Frequency Value \(frequency.value.map(String.init) ?? "(none)") is not valid for \(frequency.unit!): use 1, 6, 12 or 24 HOURS, or 1 DAYS."
        )
      default:
        throw ServiceError(
          "InvalidParameterException",
          "RefreshSchedule Frequency Unit '\(frequency.unit ?? "(none)")' is not valid: use HOURS or DAYS.")
      }
    } else if schedule.status == "ENABLED" {
      throw ServiceError(
        "InvalidParameterException", "An ENABLED RefreshSchedule needs a Frequency (Unit and Value).")
    }
    if let time = schedule.timeOfDay, minutes(ofTimeOfDay: time) == nil {
      throw ServiceError(
        "InvalidParameterException",
        "RefreshSchedule TimeOfDay '\(time)' is not valid: use HH:MM in UTC (00:00–23:59).")
    }
    if highlights,
      schedule.status != "ENABLED" || schedule.frequency?.unit != "HOURS" || schedule.frequency?.value != 6
    {
      throw ServiceError(
        "InvalidParameterException",
        "The Highlights dashboard refreshes every 6 hours: RefreshSchedule must be Status=ENABLED, Frequency={Unit=HOURS,Value=6}."
      )
    }
  }

  /// Minutes after midnight of `HH:MM`, or nil when it is not a time of day.
  static func minutes(ofTimeOfDay text: String) -> Int? {
    let parts = text.split(separator: ":")
    guard text.count == 5, parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
      (0..<24).contains(hours), (0..<60).contains(minutes)
    else { return nil }
    return hours * 60 + minutes
  }
}
