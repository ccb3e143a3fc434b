import Foundation
import Testing

@testable import TrailCore

/// A `LakeFixture` with helpers for dashboards: widgets, refreshes and their queries' rows.
extension LakeFixture {
  static let topNames =
    "SELECT eventName, COUNT(*) AS n FROM %@ WHERE eventTime >= '?' AND eventTime < '?' GROUP BY eventName ORDER BY n DESC LIMIT 5"

  /// A simulated day of one account and region up to the fixture's start, loaded after a management
  /// store of that account was created; returns the simulator and the store's ID.
  func simulatedDay() throws -> (DemoSimulator, String) {
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(seed: 7, days: 1, accounts: 1, regions: 2, end: LakeFixture.start))
    let store = try createManagementStore(account: simulator.accountIds[0])
    _ = try DemoLoader(databasePath: self.store.dbPath, clock: clock).seed(simulator)
    return (simulator, store)
  }

  /// A management-events store (the default selectors); returns its ID.
  func createManagementStore(_ name: String = "trail-events", account: String = LakeFixture.management) throws
    -> String
  {
    let arn = try #require(try create(name, account: account).eventDataStoreArn)
    return String(arn.split(separator: "/").last!)
  }

  func widget(
    _ statement: String, parameters: [String]? = ["$StartTime$", "$EndTime$"], view: String = "Table"
  )
    -> DashboardRequestWidget
  {
    DashboardRequestWidget(
      queryStatement: statement, queryParameters: parameters,
      viewProperties: ["View": view, "Title": "Widget"])
  }

  @discardableResult
  func createDashboard(
    _ name: String, widgets: [DashboardRequestWidget], schedule: RefreshSchedule? = nil,
    protection: Bool? = nil, account: String = LakeFixture.management
  ) throws -> CreateDashboardResponse {
    try CreateDashboard.perform(
      CreateDashboardRequest(
        name: name, refreshSchedule: schedule, terminationProtectionEnabled: protection, widgets: widgets),
      with: services(account: account))
  }

  /// Waits for every query of refresh `id` and returns each one's rows as `column=value` lines, by alias.
  func refreshRows(_ id: String, account: String = LakeFixture.management) throws -> [String: [String]] {
    let services = try services(account: account)
    let queries = LakeQueries(context: services.context, reader: services.connection)
    var rows: [String: [String]] = [:]
    let ids = try StartDashboardRefresh.queryIDs(ofRefresh: id, with: services)
    for query in ids {
      queries.host.waitUntilEnded(query)
    }
    let connection = try EventStore.openReader(path: store.dbPath)
    let s = try connection.prepare(
      "SELECT query_alias, query_id FROM lake_dashboard_refreshes WHERE refresh_id = ?")
    s.bindText(1, id)
    while try s.step() {
      let alias = s.text(0) ?? ""
      let results = try queries.results(GetQueryResultsRequest(queryId: s.text(1) ?? ""))
      rows[alias] = (results.queryResultRows ?? []).map { row in
        row.map { "\($0.name)=\($0.value ?? "NULL")" }.joined(separator: " ")
      }
    }
    return rows
  }
}
