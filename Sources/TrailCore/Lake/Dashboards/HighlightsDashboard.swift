import Foundation

/// The widgets of the managed Highlights dashboard (`AWSCloudTrail-Highlights`).
///
/// CloudTrail does not publish its Highlights queries; these are TrailDeck's, over the event data
/// store a refresh names in `$EventDataStoreId$`, for the window `$StartTime$` … `$EndTime$`. All five
/// are of the shape the rollups answer (`RollupShape`): the users widget from the counts by
/// `userIdentity.arn` (`ArnRollupKey`), the others from `rollup_packs`.
enum HighlightsDashboard {
  static func widget(
    _ alias: String, _ title: String, view: String, _ statement: String, extra: [String: String] = [:]
  )
    -> DashboardWidget
  {
    var properties = ["Title": title, "View": view, "Height": "2", "Width": "4"]
    properties.merge(extra) { $1 }
    return DashboardWidget(
      queryAlias: "AWSCloudTrail-Highlights-" + alias, queryStatement: statement,
      queryParameters: ["$StartTime$", "$EndTime$"], viewProperties: properties)
  }

  static let window = "eventTime >= '?' AND eventTime < '?'"

  /// In display order.
  static let widgets: [DashboardWidget] = [
    widget(
      "TopEventNames", "Top APIs", view: "BarChart",
      "SELECT eventName, COUNT(*) AS eventCount FROM $EventDataStoreId$ WHERE \(window) GROUP BY eventName ORDER BY eventCount DESC LIMIT 10",
      extra: ["XAxisColumn": "eventName", "YAxisColumn": "eventCount"]),
    widget(
      "TopServices", "Top services", view: "BarChart",
      "SELECT eventSource, COUNT(*) AS eventCount FROM $EventDataStoreId$ WHERE \(window) GROUP BY eventSource ORDER BY eventCount DESC LIMIT 10",
      extra: ["XAxisColumn": "eventSource", "YAxisColumn": "eventCount"]),
    widget(
      "TopErrors", "Top error codes", view: "Table",
      "SELECT errorCode, COUNT(*) AS eventCount FROM $EventDataStoreId$ WHERE \(window) AND (errorCode IS NOT NULL) GROUP BY errorCode ORDER BY eventCount DESC LIMIT 10"
    ),
    widget(
      "ActivityByRegion", "Activity by Region", view: "PieChart",
      "SELECT awsRegion, COUNT(*) AS eventCount FROM $EventDataStoreId$ WHERE \(window) GROUP BY awsRegion ORDER BY eventCount DESC LIMIT 10",
      extra: ["LabelColumn": "awsRegion", "ValueColumn": "eventCount"]),
    widget(
      "TopUsers", "Top users", view: "Table",
      "SELECT userIdentity.arn AS userArn, COUNT(*) AS eventCount FROM $EventDataStoreId$ WHERE \(window) AND userIdentity.arn IS NOT NULL GROUP BY userIdentity.arn ORDER BY eventCount DESC LIMIT 10"
    ),
  ]
}
