import Foundation
import Testing

@testable import TrailCore

/// The Highlights "Top users" widget from `rollup_arn_packs`: the same rows as the engine, or the
/// engine's own plan when the rollups cannot be shown to hold the store's events.
@Suite("Top users from the ARN rollups")
struct TopUsersRollupTests {
  static let topUsers =
    "SELECT userIdentity.arn AS userArn, COUNT(*) AS eventCount FROM STORE WHERE eventTime >= '$FROM$' AND eventTime < '$TO$' AND userIdentity.arn IS NOT NULL GROUP BY userIdentity.arn ORDER BY eventCount DESC, userArn LIMIT 10"

  /// The statement over `store`, the engine's plan and its rollup answer.
  static func prepare(_ lake: LakeFixture, _ statement: String, store: String, account: String) throws
    -> (answer: RollupAnswer, prepared: any PreparedLakeQuery)
  {
    let services = try lake.services(account: account)
    let text = statement.replacingOccurrences(of: "STORE", with: store)
    let prepared = try LakeQueryHost.host(for: lake.store.dbPath).engine.prepare(
      text, parameters: [], connection: services.connection, context: services.context)
    return (try #require(try LakeDashboards(services).rollupAnswer(text, prepared)), prepared)
  }

  @Test(arguments: [
    // A day's window on minute boundaries; one off them at both ends; within one minute; one second.
    ("2025-12-31 00:00:00", "2026-01-01 00:00:00"),
    ("2025-12-31 06:00:30", "2025-12-31 18:20:10"),
    ("2025-12-31 10:00:05", "2025-12-31 10:00:50"),
    ("2025-12-31 12:34:56", "2025-12-31 12:34:57"),
    // Past both ends of the data, and an empty window.
    ("2025-12-01 00:00:00", "2026-02-01 00:00:00"),
    ("2025-12-31 08:00:00", "2025-12-31 08:00:00"),
  ])
  func topUsersFromTheRollupsEqualTheEngine(from: String, to: String) throws {
    let lake = try LakeFixture()
    let (simulator, store) = try lake.simulatedDay()
    let statement = Self.topUsers.replacingOccurrences(of: "$FROM$", with: from)
      .replacingOccurrences(of: "$TO$", with: to)
    let (answer, prepared) = try Self.prepare(lake, statement, store: store, account: simulator.accountIds[0])
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let fromRollups = try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(answer.answered.withLock { $0 } == true)
    let fromEvents = try prepared.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(fromRollups.columns == ["userArn", "eventCount"])
    #expect(fromRollups.columns == fromEvents.columns)
    #expect(fromRollups.rows == fromEvents.rows)
  }

  @Test(arguments: [
    "SELECT userIdentity.arn, COUNT(*) AS n FROM STORE WHERE userIdentity.arn IS NOT NULL GROUP BY userIdentity.arn ORDER BY n DESC, userIdentity.arn LIMIT 5",
    "SELECT userIdentity.arn AS who, count(*) FROM STORE WHERE eventTime > '2025-12-31 06:00:30' GROUP BY userIdentity.arn ORDER BY count(*) DESC, who LIMIT 3",
  ])
  func otherFormsOfTheShapeEqualTheEngine(statement: String) throws {
    let lake = try LakeFixture()
    let (simulator, store) = try lake.simulatedDay()
    let (answer, prepared) = try Self.prepare(lake, statement, store: store, account: simulator.accountIds[0])
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let fromRollups = try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    let fromEvents = try prepared.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(fromRollups.columns == fromEvents.columns)
    #expect(fromRollups.rows == fromEvents.rows)
  }

  /// A store created after the events arrived holds none of them; a store whose minutes predate the ARN
  /// rollup (migration 28) has no counts for them: either way the engine answers, with its own rows.
  @Test(arguments: [false, true])
  func storesTheRollupsCannotStandForRunAsLakeQueries(droppingTheRollup: Bool) throws {
    let lake = try LakeFixture()
    let (simulator, early) = try lake.simulatedDay()
    let account = simulator.accountIds[0]
    let store = droppingTheRollup ? early : try lake.createManagementStore("late", account: account)
    if droppingTheRollup {
      let writer = try EventStore.openWriter(path: lake.store.dbPath)
      // As a store migrated at noon: its morning's minutes have no ARN counts.
      let noon = Int64(LakeFixture.start.timeIntervalSince1970) - 43_200
      try writer.execute("DELETE FROM rollup_arn_packs WHERE id < \(Rollups.firstID(minute: noon / 60))")
    }
    let statement = Self.topUsers.replacingOccurrences(of: "$FROM$", with: "2025-12-31 00:00:00")
      .replacingOccurrences(of: "$TO$", with: "2026-01-01 00:00:00")
    let (answer, prepared) = try Self.prepare(lake, statement, store: store, account: account)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    #expect(try answer.answer(on: reader, now: lake.clock.now()) == nil)
    let output = try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(answer.answered.withLock { $0 } == false)
    let fromEvents = try prepared.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(output.rows == fromEvents.rows)
    #expect(output.rows.isEmpty != droppingTheRollup)
  }

  /// The Highlights widget as the dashboard defines it is of the shape.
  @Test func highlightsTopUsersIsTheShape() throws {
    let widget = try #require(
      HighlightsDashboard.widgets.first { $0.queryAlias?.hasSuffix("TopUsers") == true })
    let statement = try #require(widget.queryStatement).replacingOccurrences(
      of: "'?'", with: "'2025-12-31 00:00:00'"
    )
    .replacingOccurrences(of: "$EventDataStoreId$", with: "abc")
    let shape = try #require(RollupShape(statement))
    #expect(shape.dimension == .userArn)
    #expect(shape.notNull == [.userArn])
    #expect(shape.columns == ["userArn", "eventCount"])
  }
}
