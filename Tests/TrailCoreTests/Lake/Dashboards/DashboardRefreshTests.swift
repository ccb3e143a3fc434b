import Foundation
import Testing

@testable import TrailCore

@Suite("Lake dashboards: refreshes, schedules and rollup answers")
struct DashboardRefreshTests {
  @Test func refreshRunsEachWidgetAsAQueryFoundByItsAlias() throws {
    let lake = try LakeFixture()
    let (simulator, store) = try lake.simulatedDay()
    let account = simulator.accountIds[0]
    try lake.createDashboard(
      "ops",
      widgets: [
        lake.widget(String(format: LakeFixture.topNames, store)),
        lake.widget("SELECT COUNT(*) AS events FROM \(store)", parameters: nil, view: "Number"),
      ], account: account)
    let services = try lake.services(account: account)
    let refresh = try StartDashboardRefresh.perform(
      StartDashboardRefreshRequest(dashboardId: "ops"), with: services)
    let id = try #require(refresh.refreshId)
    #expect((10...20).contains(id.count) && id.allSatisfy(\.isNumber))
    let rows = try lake.refreshRows(id, account: account)
    #expect(rows["ops-Widget1"]?.count == 5)
    #expect(rows["ops-Widget2"]?.first?.hasPrefix("events=") == true)

    let got = try GetDashboard.perform(GetDashboardRequest(dashboardId: "ops"), with: services)
    #expect(got.lastRefreshId == id)
    // DescribeQuery by alias and refresh, and by alias alone (the latest).
    let queries = LakeQueries(context: services.context, reader: services.connection)
    let described = try queries.describe(DescribeQueryRequest(queryAlias: "ops-Widget1", refreshId: id))
    #expect(described.queryStatus == "FINISHED")
    #expect(described.queryString?.contains("eventTime >= '2025-12-31 00:00:00'") == true)
    let latest = try queries.describe(DescribeQueryRequest(queryAlias: "ops-Widget1"))
    #expect(latest.queryId == described.queryId)
    #expect(
      lake.exception {
        _ = try queries.describe(DescribeQueryRequest(queryAlias: "ops-Widget1", refreshId: "1234567890"))
      }
        == "QueryIdNotFoundException")
    // StartQuery by QueryAlias runs the widget with the caller's values.
    let started = try queries.start(
      StartQueryRequest(
        queryAlias: "ops-Widget1", queryParameters: ["2025-12-31 12:00:00", "2026-01-01 00:00:00"]))
    queries.host.waitUntilEnded(try #require(started.queryId))
    let direct = try queries.results(GetQueryResultsRequest(queryId: started.queryId!))
    #expect(direct.queryStatus == "FINISHED")
    #expect(direct.queryResultRows?.count == 5)
  }

  @Test func refreshRefusesUnknownParametersAndMissingDashboards() throws {
    let lake = try LakeFixture()
    let store = try lake.createManagementStore()
    try lake.createDashboard("ops", widgets: [lake.widget(String(format: LakeFixture.topNames, store))])
    let services = try lake.services()
    #expect(
      lake.exception {
        _ = try StartDashboardRefresh.perform(
          StartDashboardRefreshRequest(
            dashboardId: "ops", queryParameterValues: ["$EventDataStoreId$": store]),
          with: services)
      } == "InvalidParameterException")
    #expect(
      lake.exception {
        _ = try StartDashboardRefresh.perform(
          StartDashboardRefreshRequest(
            dashboardId: "ops", queryParameterValues: ["$StartTime$": "yesterday"]),
          with: services)
      } == "InvalidParameterException")
    #expect(
      lake.exception {
        _ = try StartDashboardRefresh.perform(
          StartDashboardRefreshRequest(dashboardId: "nope"), with: services)
      } == "ResourceNotFoundException")
  }

  @Test func scheduledRefreshFollowsTheClock() throws {
    let lake = try LakeFixture()
    let store = try lake.createManagementStore()
    lake.clock.advance(by: 600)  // 00:10
    try lake.createDashboard(
      "hourly", widgets: [lake.widget(String(format: LakeFixture.topNames, store))],
      schedule: RefreshSchedule(
        frequency: RefreshScheduleFrequency(unit: "HOURS", value: 1), status: "ENABLED", timeOfDay: "00:30"))
    let live = DashboardsLive(context: lake.context)
    let arn = "arn:aws:cloudtrail:us-east-1:\(LakeFixture.management):dashboard/hourly"
    #expect(try live.refreshDue(at: lake.clock.now()) == [])
    lake.clock.advance(by: 1200)  // 00:30: the first occurrence
    #expect(try live.refreshDue(at: lake.clock.now()) == [arn])
    let first = try GetDashboard.perform(GetDashboardRequest(dashboardId: "hourly"), with: lake.services())
    #expect(first.lastRefreshId != nil)
    lake.clock.advance(by: 1800)  // 01:00: nothing new
    #expect(try live.refreshDue(at: lake.clock.now()) == [])
    lake.clock.advance(by: 3 * 3600)  // 04:00: three occurrences missed, one refresh
    #expect(try live.refreshDue(at: lake.clock.now()) == [arn])
    #expect(try live.refreshDue(at: lake.clock.now()) == [])
    let second = try GetDashboard.perform(GetDashboardRequest(dashboardId: "hourly"), with: lake.services())
    #expect(second.lastRefreshId != first.lastRefreshId)

    // Disabled: no more refreshes.
    _ = try UpdateDashboard.perform(
      UpdateDashboardRequest(
        dashboardId: "hourly",
        refreshSchedule: RefreshSchedule(
          frequency: RefreshScheduleFrequency(unit: "HOURS", value: 1), status: "DISABLED")),
      with: lake.services())
    lake.clock.advance(by: 7200)
    #expect(try live.refreshDue(at: lake.clock.now()) == [])
  }

  @Test func highlightsRefreshesEverySixHoursOverTheManagementStore() throws {
    let lake = try LakeFixture()
    let (simulator, _) = try lake.simulatedDay()
    let account = simulator.accountIds[0]
    try lake.createDashboard(
      DashboardRules.highlightsName, widgets: [],
      schedule: RefreshSchedule(
        frequency: RefreshScheduleFrequency(unit: "HOURS", value: 6), status: "ENABLED"),
      account: account)
    let live = DashboardsLive(context: lake.context)
    lake.clock.advance(by: 5 * 3600)
    #expect(try live.refreshDue(at: lake.clock.now()) == [])
    lake.clock.advance(by: 3600)
    #expect(try live.refreshDue(at: lake.clock.now()).count == 1)
    let got = try GetDashboard.perform(
      GetDashboardRequest(dashboardId: DashboardRules.highlightsName), with: lake.services(account: account))
    let rows = try lake.refreshRows(try #require(got.lastRefreshId), account: account)
    #expect(Set(rows.keys) == Set(HighlightsDashboard.widgets.compactMap(\.queryAlias)))
    #expect(rows["AWSCloudTrail-Highlights-TopEventNames"]?.isEmpty == false)
    #expect(rows["AWSCloudTrail-Highlights-ActivityByRegion"]?.count == 2)
  }

  @Test(arguments: [
    "SELECT eventName, COUNT(*) AS n FROM STORE GROUP BY eventName ORDER BY n DESC, eventName LIMIT 10",
    "SELECT eventSource, count(*) AS n FROM STORE WHERE eventTime > '2025-12-31 06:00:30' AND eventTime <= '2025-12-31 18:20:10' GROUP BY eventSource ORDER BY n DESC, eventSource LIMIT 7",
    "SELECT errorCode, COUNT(*) AS n FROM STORE WHERE (errorCode IS NOT NULL) GROUP BY errorCode ORDER BY n DESC, errorCode LIMIT 10",
    "SELECT awsRegion AS region, COUNT(*) AS n FROM STORE WHERE eventSource = 'ec2.amazonaws.com' GROUP BY awsRegion ORDER BY n DESC, region LIMIT 3",
    "SELECT eventName, COUNT(*) FROM STORE WHERE eventTime >= '2025-12-31 10:00:00' AND eventTime < '2025-12-31 11:00:00' AND awsRegion = 'us-east-1' GROUP BY eventName ORDER BY COUNT(*) DESC, eventName LIMIT 20",
    "SELECT eventName, COUNT(*) AS n FROM STORE WHERE eventName = 'NoSuchCall' GROUP BY eventName ORDER BY n DESC LIMIT 5",
  ])
  func rollupsAnswerAsTheEngineDoes(statement: String) throws {
    let lake = try LakeFixture()
    let (simulator, store) = try lake.simulatedDay()
    let services = try lake.services(account: simulator.accountIds[0])
    let text = statement.replacingOccurrences(of: "STORE", with: store)
    let prepared = try LakeQueryHost.host(for: lake.store.dbPath).engine.prepare(
      text, parameters: [], connection: services.connection, context: services.context)
    let answer = try #require(try LakeDashboards(services).rollupAnswer(text, prepared))
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let fromRollups = try #require(try answer.answer(on: reader, now: lake.clock.now()))
    let fromEvents = try prepared.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(fromRollups.columns == fromEvents.columns)
    #expect(fromRollups.rows == fromEvents.rows)
    #expect(fromRollups.eventsMatched == fromEvents.eventsMatched || text.contains("LIMIT"))
  }

  @Test func otherShapesAndPartialStoresRunAsLakeQueries() throws {
    let lake = try LakeFixture()
    let (simulator, store) = try lake.simulatedDay()
    let services = try lake.services(account: simulator.accountIds[0])
    let dashboards = try LakeDashboards(services)
    let engine = LakeQueryHost.host(for: lake.store.dbPath).engine
    for text in [
      "SELECT eventName, COUNT(*) AS n FROM \(store) WHERE readOnly = true GROUP BY eventName ORDER BY n DESC LIMIT 5",
      "SELECT userIdentity.arn, COUNT(*) AS n FROM \(store) WHERE eventName = 'ConsoleLogin' GROUP BY userIdentity.arn ORDER BY n DESC LIMIT 5",
      "SELECT eventName, COUNT(*) AS n FROM \(store) GROUP BY eventName ORDER BY n ASC LIMIT 5",
    ] {
      let prepared = try engine.prepare(
        text, parameters: [], connection: services.connection, context: services.context)
      #expect(try dashboards.rollupAnswer(text, prepared) == nil, "\(text)")
    }
    // A store created after the day was loaded holds none of it: the counts differ, so no rollup answer.
    let late = try lake.createManagementStore("late", account: simulator.accountIds[0])
    let text = "SELECT eventName, COUNT(*) AS n FROM \(late) GROUP BY eventName ORDER BY n DESC LIMIT 5"
    let prepared = try engine.prepare(
      text, parameters: [], connection: services.connection, context: services.context)
    let answer = try #require(try dashboards.rollupAnswer(text, prepared))
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    #expect(try answer.answer(on: reader, now: lake.clock.now()) == nil)
    let output = try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(output.rows.isEmpty)
    #expect(answer.answered.withLock { $0 } == false)
  }
}
