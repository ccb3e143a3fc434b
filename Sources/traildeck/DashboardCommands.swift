import ArgumentParser
import Foundation
import TrailCore

extension CreateDashboard: CLIOperation {
  static let abstract = "Create a Lake dashboard of widgets backed by queries, or the Highlights dashboard."
}
extension GetDashboard: CLIOperation {
  static let abstract = "Show a Lake dashboard's widgets, schedule and last refresh."
}
extension UpdateDashboard: CLIOperation {
  static let abstract = "Change a Lake dashboard's widgets, refresh schedule or termination protection."
}
extension DeleteDashboard: CLIOperation {
  static let abstract = "Delete a Lake dashboard (not while termination protection is on)."
}
extension ListDashboards: CLIOperation {
  static let abstract = "List the Lake dashboards of the account and region."
}
extension StartDashboardRefresh: CLIOperation {
  static let abstract =
    "Refresh a Lake dashboard: one query per widget; prints the RefreshId once they ended."
}
