import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// Counts of `all_events` answered from the per-minute rollups (`RollupQueryPlan`,
/// `RollupQueryAnswer`) must be the engine's rows, value for value and in order.
@Suite("Lake: counts of all_events from the rollups")
struct RollupQueryTests {
  /// An engine reading `all_events` as the TUI does (rollups allowed) or only through SQLite.
  static func engine(rollups: Bool) -> LakeSQLEngine {
    LakeSQLEngine { name, _, _ in
      guard name == "all_events" else { return nil }
      return rollups
        ? LakeSQLEngine.allEventsSource(arn: "all_events")
        : LakeTableSource(sql: LakeSQLEngine.eventsSource(), arn: "all_events")
    }
  }

  static let answered = [
    // The benchmark's q1 and q3.
    "SELECT eventName, count(*) AS n FROM all_events WHERE eventTime >= TIMESTAMP '2025-12-31 09:15:07' AND eventTime < TIMESTAMP '2025-12-31 20:00:00' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
    "SELECT date_trunc('minute', eventTime) AS m, count(*) AS n FROM all_events GROUP BY 1 ORDER BY 1",
    "SELECT date_trunc('hour', eventTime), count(*) FROM all_events WHERE eventTime BETWEEN '2025-12-31 03:20:10' AND '2025-12-31 05:00:00' GROUP BY date_trunc('hour', eventTime) ORDER BY 1 DESC",
    "SELECT count(*) FROM all_events WHERE eventTime > '2025-12-31 10:00:00.500' AND eventSource = 'ec2.amazonaws.com'",
    "SELECT count(*) AS n FROM all_events WHERE eventName = 'NoSuchCall'",
    "SELECT errorCode, count(*) AS n FROM all_events GROUP BY errorCode ORDER BY errorCode DESC NULLS FIRST",
    "SELECT errorCode, count(*) AS n FROM all_events GROUP BY errorCode ORDER BY errorCode",
    "SELECT errorCode, count(*) AS n FROM all_events GROUP BY errorCode ORDER BY n DESC, errorCode LIMIT 3",
    "SELECT count(*) AS n, awsRegion FROM all_events e WHERE e.errorCode IS NOT NULL GROUP BY e.awsRegion ORDER BY n ASC, awsRegion",
    "SELECT date_trunc('day', eventTime) AS d, count(*) FROM all_events WHERE eventTime >= DATE '2025-12-31' GROUP BY 1 ORDER BY d",
    "SELECT date_trunc('month', eventTime) AS d, count(*) AS n FROM all_events GROUP BY 1 ORDER BY n",
    "SELECT eventSource, count(*) FROM all_events WHERE eventTime = '2025-12-31 12:00:07' GROUP BY eventSource ORDER BY 2 DESC, 1",
    "SELECT eventName, COUNT(*) FROM all_events WHERE eventName = 'RunInstances' AND eventName = 'StopInstances' GROUP BY eventName",
    "SELECT count(*) FROM all_events WHERE '2025-12-31 12:00:00' <= eventTime AND eventTime < '2025-12-31 12:00:40'",
    "SELECT eventName AS name, count(*) AS calls FROM all_events WHERE awsRegion = 'us-east-1' AND eventTime < '2025-12-31 18:30:30' GROUP BY eventName ORDER BY calls DESC, name ASC LIMIT 0",
    "SELECT awsRegion, count(*) FROM all_events WHERE eventTime > '2026-02-01 00:00:00' GROUP BY 1",
    // Hours the window holds more than half of are read whole less the minutes outside it.
    "SELECT eventName, count(*) AS n FROM all_events WHERE eventTime >= '2025-12-31 02:00:00' AND eventTime < '2025-12-31 07:45:30' GROUP BY 1 ORDER BY 2 DESC, 1",
    "SELECT date_trunc('hour', eventTime), count(*) FROM all_events WHERE eventTime >= '2025-12-31 06:40:00' AND eventTime < '2025-12-31 11:10:00' AND eventSource = 'ec2.amazonaws.com' GROUP BY 1 ORDER BY 1",
    "SELECT eventName, count(*) AS n FROM all_events WHERE eventTime > '2025-12-31 00:59:59' AND eventTime < '2025-12-31 03:59:00' GROUP BY 1 ORDER BY 1",
    // Counts of a window alone, and the benchmark's q7 once read once.
    "SELECT count(*) FROM all_events WHERE eventTime >= '2025-12-31 09:15:07' AND eventTime <= '2025-12-31 17:00:00.5'",
    "SELECT count(*) AS n FROM all_events",
    "SELECT count(*) FROM all_events a JOIN all_events b ON a.eventID = b.eventID WHERE a.eventTime >= TIMESTAMP '2025-12-31 12:00:00' AND b.eventTime >= TIMESTAMP '2025-12-31 12:00:00'",
  ]

  @Test func rollupsAnswerAsTheEngineDoes() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    var nonEmpty = 0
    for text in Self.answered {
      let answer = try Self.engine(rollups: true).prepare(
        text, parameters: [], connection: reader, context: context)
      #expect(answer is RollupQueryAnswer, "\(text)")
      let plain = try Self.engine(rollups: false).prepare(
        text, parameters: [], connection: reader, context: context)
      let fromRollups = try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
      let fromEvents = try plain.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
      #expect(fromRollups.columns == fromEvents.columns, "\(text)")
      #expect(fromRollups.rows == fromEvents.rows, "\(text)")
      #expect(fromRollups.eventsScanned == 0)
      if fromRollups.rows.contains(where: { $0.contains { $0 != nil && $0 != "0" } }) { nonEmpty += 1 }
    }
    // The comparisons are about something: most statements count events.
    #expect(nonEmpty >= 11)
  }

  /// The hour rollups' counts, summed by key, and the minute rollups' summed by hour.
  static func hourCounts(_ path: String) throws -> (hours: [RollupKey: Int64], minutes: [RollupKey: Int64]) {
    let connection = try SQLiteConnection(path: path, readOnly: true)
    var hours: [RollupKey: Int64] = [:]
    try Rollups.forEach(in: connection, of: HourRollupKey.self) { key, count in
      hours[key.counted, default: 0] += count
    }
    var minutes: [(key: RollupKey, count: Int64)] = []
    try Rollups.forEach(in: connection) { key, count in minutes.append((key, count)) }
    let summed = HourRollupKey.counts(of: minutes)
    return (hours, Dictionary(uniqueKeysWithValues: summed.map { ($0.key.counted, $0.count) }))
  }

  @Test func hourRollupsAreTheMinutesSummed() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    var (hours, minutes) = try Self.hourCounts(lake.store.dbPath)
    #expect(hours.count > 100 && hours == minutes)
    #expect(hours.keys.allSatisfy { $0.user == 0 })
    // Migration 30 fills the table from the minute rollups: the same counts.
    let writer = try EventStore.openWriter(path: lake.store.dbPath)
    try writer.execute("DELETE FROM \(HourRollupKey.table)")
    try HourRollupKey.fill(from: nil, in: writer)
    (hours, minutes) = try Self.hourCounts(lake.store.dbPath)
    #expect(hours.count > 100 && hours == minutes)
  }

  @Test func retentionCuttingIntoAnHourKeepsItsCountsExact() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    // 2025-12-31 10:20:30: the minutes before 10:20 go, and with them their share of hour 10.
    try Retention.purge(
      databasePath: lake.store.dbPath,
      olderThan: Date(timeIntervalSince1970: 1_767_139_200 + 10 * 3_600 + 1_230))
    let (hours, minutes) = try Self.hourCounts(lake.store.dbPath)
    #expect(hours == minutes)
    let firstHour: Int64 = (1_767_139_200 + 10 * 3_600) / 3_600
    #expect(hours.keys.map(\.minute).min() == firstHour)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let text = "SELECT eventSource, count(*) AS n FROM all_events GROUP BY 1 ORDER BY 2 DESC, 1"
    let answer = try Self.engine(rollups: true).prepare(
      text, parameters: [], connection: reader, context: context)
    let plain = try Self.engine(rollups: false).prepare(
      text, parameters: [], connection: reader, context: context)
    #expect(answer is RollupQueryAnswer)
    #expect(
      try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation()).rows
        == plain.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation()).rows)
  }

  @Test(arguments: [
    "SELECT eventName, count(*) FROM all_events WHERE readOnly = true GROUP BY 1",
    "SELECT userIdentity.arn, count(*) FROM all_events GROUP BY 1",
    "SELECT eventName, count(DISTINCT eventSource) FROM all_events GROUP BY 1",
    "SELECT eventName, count(*) FROM all_events GROUP BY 1 HAVING count(*) > 5",
    "SELECT eventName, count(*) FROM all_events WHERE eventName = 'A' OR eventName = 'B' GROUP BY 1",
    "SELECT date_trunc('second', eventTime), count(*) FROM all_events GROUP BY 1",
    "SELECT eventName, eventSource, count(*) FROM all_events GROUP BY 1, 2",
    "SELECT eventName, count(*) FROM all_events GROUP BY eventSource, eventName",
    "SELECT count(*) FROM all_events LIMIT 5 OFFSET 1",
    "SELECT eventName, count(*) FROM all_events WHERE eventName LIKE 'Run%' GROUP BY 1",
    "WITH x AS (SELECT * FROM all_events) SELECT count(*) FROM x",
    // Counts of resources by anything but their type, a time bucket or eventTime conditions
    // (`ResourceRollupQueryTests` has those).
    "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE eventName = 'GetObject' GROUP BY 1",
    "SELECT r.arn, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) GROUP BY 1",
    "SELECT eventName, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) GROUP BY 1",
    "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) WITH ORDINALITY AS u (r, i) GROUP BY 1",
    "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE r.type = 'x' GROUP BY 1",
    "SELECT r.type, count(*) FROM all_events LEFT JOIN UNNEST(resources) AS u (r) ON true GROUP BY 1",
    "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE errorCode IS NOT NULL GROUP BY 1",
  ])
  func otherStatementsRunOnTheEvents(text: String) throws {
    let lake = try LakeFixture()
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let prepared = try Self.engine(rollups: true).prepare(
      text, parameters: [], connection: reader, context: context)
    #expect(!(prepared is RollupQueryAnswer))
  }

  @Test func eventDataStoresAreNotAnsweredHere() throws {
    let lake = try LakeFixture()
    let (simulator, store) = try lake.simulatedDay()
    let services = try lake.services(account: simulator.accountIds[0])
    let prepared = try LakeSQLEngine().prepare(
      "SELECT eventName, count(*) FROM \(store) GROUP BY 1", parameters: [], connection: services.connection,
      context: services.context)
    #expect(!(prepared is RollupQueryAnswer))
  }

  @Test func planReadsBoundsToWholeSeconds() throws {
    func plan(_ condition: String) throws -> RollupQueryPlan? {
      RollupQueryPlan(try LakeSQL.parse("SELECT count(*) FROM all_events WHERE \(condition)"))
    }
    // 2025-12-31 00:00:00 is 1 767 139 200.
    let t: Int64 = 1_767_139_200
    #expect(try plan("eventTime >= '2025-12-31 00:00:00.001'")?.lower == t + 1)
    #expect(try plan("eventTime > '2025-12-31 00:00:00'")?.lower == t + 1)
    #expect(try plan("eventTime < '2025-12-31 00:00:00.001'")?.upper == t + 1)
    #expect(try plan("eventTime <= '2025-12-31 00:00:00.999'")?.upper == t + 1)
    #expect(try plan("eventTime < DATE '2025-12-31'")?.upper == t)
    let equal = try #require(try plan("eventTime = '2025-12-31 00:00:00.5'"))
    #expect(equal.lower! >= equal.upper!)
    #expect(try plan("eventTime <> '2025-12-31 00:00:00'") == nil)
    #expect(try plan("eventTime >= now()") == nil)
  }
}
