import ArgumentParser
import Foundation
import TrailCore

/// Refreshes of the Highlights dashboard over a store, timed from StartDashboardRefresh until every
/// widget's query has ended: the figure the rollup answers exist for.
struct DashboardsBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboards",
    abstract: "Time refreshes of the Highlights dashboard over a store (made if missing); print the median.")

  @Option(
    help:
      "The TrailDeck store (with an event data store holding the events, e.g. created before `traildeck demo`)."
  )
  var db: String
  @Option(help: "The caller's account (default: the account of the store's first event data store).")
  var account: String?
  @Option(help: "The caller's region.") var region = StoreContext.defaultRegion
  @Option(help: "The clock's now (default: the newest stored event's time).") var now: String?
  @Option(help: "Highlights' $StartTime$ (default: a day before now).") var start: String?
  @Option(help: "Timed refreshes after the first.") var repeats = 5

  func run() throws {
    let reader = try EventStore.openReader(path: db)
    let newest = try reader.scalarInt("SELECT COALESCE(MAX(event_time), 0) FROM events")
    let clockNow =
      try now.map { text -> Date in
        guard let date = ISO8601Time.parseUserTime(text) else {
          throw ValidationError("--now '\(text)' is not a time")
        }
        return date
      } ?? Date(timeIntervalSince1970: TimeInterval(newest + 60))
    let owner =
      try account ?? reader.prepare("SELECT account FROM event_data_stores ORDER BY id LIMIT 1").firstText()
    let context = StoreContext(
      databasePath: db, clock: FixedClock(clockNow), account: owner, region: region)
    let services = try StoreServices(context)
    let name = "AWSCloudTrail-Highlights"
    let existing = try ListDashboards.perform(ListDashboardsRequest(type: "MANAGED"), with: services)
    if existing.dashboards?.isEmpty ?? true {
      _ = try CreateDashboard.perform(
        CreateDashboardRequest(
          name: name,
          refreshSchedule: RefreshSchedule(
            frequency: RefreshScheduleFrequency(unit: "HOURS", value: 6), status: "ENABLED")),
        with: services)
    }
    let events = try EventStore.eventCount(reader)
    report("dashboards: Highlights over \(db) (\(events) events), now \(ISO8601Time.format(clockNow))")
    var values: [String: String] = [:]
    if let start { values["$StartTime$"] = start }
    let queries = LakeQueries(context: context, reader: services.connection)
    var times: [Double] = []
    for round in 0...repeats {
      let began = DispatchTime.now().uptimeNanoseconds
      let refresh = try StartDashboardRefresh.perform(
        StartDashboardRefreshRequest(dashboardId: name, queryParameterValues: values), with: services)
      let ids = try StartDashboardRefresh.queryIDs(ofRefresh: refresh.refreshId ?? "", with: services)
      for id in ids { queries.host.waitUntilEnded(id) }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
      if round == 0 {
        for id in ids {
          let described = try queries.describe(DescribeQueryRequest(queryId: id))
          let stats = described.queryStatistics
          let how = (stats?.eventsScanned ?? 0) == 0 && (stats?.eventsMatched ?? 0) > 0 ? "rollups" : "scan"
          report(
            "  \(described.queryStatus ?? "?") \(how) matched \(stats?.eventsMatched ?? 0) scanned \(stats?.eventsScanned ?? 0): \(described.queryString?.prefix(60) ?? "")…"
          )
        }
        report(String(format: "first refresh: %.3f s", seconds))
      } else {
        times.append(seconds)
      }
    }
    report(String(format: "median refresh of %d: %.3f s", times.count, median(times)))
  }
}

extension SQLiteStatement {
  /// The first row's first column as text (nil when there is no row).
  fileprivate func firstText() throws -> String? { try step() ? text(0) : nil }
}
