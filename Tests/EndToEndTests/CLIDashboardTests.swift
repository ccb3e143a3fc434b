import Foundation
import Testing

/// Lake dashboards through the binary: create-dashboard, start-dashboard-refresh (which waits for its
/// queries), get-dashboard, describe-query by QueryAlias and RefreshId, get-query-results of a widget,
/// and the aws CLI's error line with exit 254.
@Suite("CLI Lake dashboards")
struct CLIDashboardTests {
  static let now = ["--now", "2024-03-01T13:00:00Z"]

  static func json(_ result: CLIResult) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  @Test func refreshAWidgetAndReadItsResults() throws {
    let scratch = try CLIScratch()
    let created = try scratch.run(["create-event-data-store", "--name", "mgmt"] + Self.now)
    #expect(created.status == 0, "\(created)")
    let records =
      CLIRecords.sequence(1...6)
      + (7...8).map {
        CLIRecords.record($0, time: CLIRecords.time(secondsAfterBase: $0), name: "RunInstances")
      }
    try scratch.write("logs/events.json", CLIRecords.envelope(records))
    let ingested = try scratch.run(
      ["ingest", "--quiet", "--event-data-store", "mgmt", scratch.folder + "/logs"] + Self.now)
    #expect(ingested.status == 0, "\(ingested)")
    let storeID = String(
      try #require(try Self.json(created)["EventDataStoreArn"] as? String).split(separator: "/").last!)

    let widget = """
      [{"QueryStatement":"SELECT eventName, COUNT(*) AS n FROM \(storeID) WHERE eventTime > '?' AND eventTime < '?' GROUP BY eventName ORDER BY n DESC LIMIT 10","QueryParameters":["$StartTime$","$EndTime$"],"ViewProperties":{"View":"Table","Title":"TopCalls","Height":"2","Width":"4"}}]
      """
    let dashboard = try scratch.run(
      ["create-dashboard", "--name", "ops", "--widgets", widget, "--termination-protection-enabled"]
        + Self.now)
    #expect(dashboard.status == 0, "\(dashboard)")
    let body = try Self.json(dashboard)
    #expect(body["DashboardArn"] as? String == "arn:aws:cloudtrail:us-east-1:123456789012:dashboard/ops")
    #expect(body["Type"] as? String == "CUSTOM")

    let refreshed = try scratch.run(
      [
        "start-dashboard-refresh", "--dashboard-id", "ops", "--query-parameter-values",
        "$StartTime$=2024-03-01T11:00:00Z,$EndTime$=2024-03-01T13:00:00Z",
      ] + Self.now)
    #expect(refreshed.status == 0, "\(refreshed)")
    let refreshID = try #require(try Self.json(refreshed)["RefreshId"] as? String)

    let got = try scratch.run(["get-dashboard", "--dashboard-id", "ops"] + Self.now)
    let gotBody = try Self.json(got)
    #expect(gotBody["LastRefreshId"] as? String == refreshID, "\(got)")
    #expect(gotBody["Status"] as? String == "CREATED")
    let widgets = try #require(gotBody["Widgets"] as? [[String: Any]])
    #expect(widgets.first?["QueryAlias"] as? String == "ops-Widget1")

    let described = try scratch.run(
      ["describe-query", "--query-alias", "ops-Widget1", "--refresh-id", refreshID] + Self.now)
    #expect(described.status == 0, "\(described)")
    let queryID = try #require(try Self.json(described)["QueryId"] as? String)
    #expect(try Self.json(described)["QueryStatus"] as? String == "FINISHED")
    let results = try scratch.run(["get-query-results", "--query-id", queryID] + Self.now)
    #expect(results.status == 0, "\(results)")
    let rows = try #require(try Self.json(results)["QueryResultRows"] as? [[[String: String]]])
    #expect(
      rows.map { $0.map { $0.values.first ?? "" } } == [["DescribeInstances", "6"], ["RunInstances", "2"]])

    let refused = try scratch.run(["delete-dashboard", "--dashboard-id", "ops"] + Self.now)
    #expect(refused.status == 254)
    #expect(
      refused.stderr.hasPrefix(
        "\nAn error occurred (ConflictException) when calling the DeleteDashboard operation: "), "\(refused)")
    let listed = try scratch.run(["list-dashboards"] + Self.now)
    #expect(
      listed.stdout == """
        {
            "Dashboards": [
                {
                    "DashboardArn": "arn:aws:cloudtrail:us-east-1:123456789012:dashboard/ops",
                    "Type": "CUSTOM"
                }
            ]
        }

        """, "\(listed)")
  }

  @Test func tooManyWidgetsExit254() throws {
    let scratch = try CLIScratch()
    let created = try scratch.run(["create-event-data-store", "--name", "mgmt"] + Self.now)
    let storeID = String(
      try #require(try Self.json(created)["EventDataStoreArn"] as? String).split(separator: "/").last!)
    let one = #"{"QueryStatement":"SELECT eventName FROM \#(storeID)","ViewProperties":{"View":"Table"}}"#
    let widgets = "[" + Array(repeating: one, count: 11).joined(separator: ",") + "]"
    let result = try scratch.run(["create-dashboard", "--name", "big", "--widgets", widgets] + Self.now)
    #expect(result.status == 254)
    #expect(
      result.stderr
        == "\nAn error occurred (ServiceQuotaExceededException) when calling the CreateDashboard operation: A custom dashboard has at most 10 widgets; the request has 11.\n"
    )
  }
}
