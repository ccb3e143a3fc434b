import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// A table joined with itself on eventID is read once (`SelfJoinElimination`): the rows must be the
/// join's, as the engine gives them with the rewrite turned off.
@Suite("Lake: self-joins on eventID read the table once")
struct SelfJoinEliminationTests {
  /// `all_events` and the store's event data stores.
  static let engine = LakeSQLEngine { name, connection, context in
    name == "all_events"
      ? LakeSQLEngine.allEventsSource(arn: "all_events")
      : try LakeSQLEngine.eventDataStoreSource(name, connection: connection, context: context)
  }

  /// The same, joining as written.
  static let joiningEngine = {
    var engine = Self.engine
    engine.eliminatesSelfJoins = false
    return engine
  }()

  /// Statements over `$T` (a table name) that are rewritten.
  static let rewritten = [
    // The benchmark's q7.
    "SELECT count(*) FROM $T a JOIN $T b ON a.eventID = b.eventID WHERE a.eventTime >= TIMESTAMP '2025-12-31 12:00:00' AND b.eventTime >= TIMESTAMP '2025-12-31 12:00:00'",
    "SELECT a.eventName, b.eventSource, b.userIdentity.arn AS who FROM $T AS a INNER JOIN $T AS b ON b.eventID = a.eventID ORDER BY b.eventTime DESC, a.eventID LIMIT 7",
    "SELECT * FROM $T a JOIN $T b ON a.eventID = b.eventID AND b.eventName = 'RunInstances' ORDER BY a.eventID LIMIT 3",
    "SELECT b.*, a.eventName FROM $T a JOIN $T b ON a.eventID = b.eventID WHERE a.readOnly = false ORDER BY 1, b.eventID LIMIT 4",
    "SELECT b.eventName, count(*) AS n FROM $T a JOIN $T b ON a.eventID = b.eventID GROUP BY b.eventName HAVING count(*) > 2 ORDER BY n DESC, 1",
    "SELECT a.eventID, row_number() OVER (PARTITION BY b.eventSource ORDER BY a.eventTime, b.eventID) AS k FROM $T a JOIN $T b ON a.eventID = b.eventID WHERE CASE WHEN b.errorCode IS NULL THEN a.awsRegion ELSE 'x' END = 'us-east-1' ORDER BY a.eventID LIMIT 20",
  ]

  /// Statements that keep their join.
  static let kept = [
    "SELECT count(*) FROM $T a LEFT JOIN $T b ON a.eventID = b.eventID",
    "SELECT count(*) FROM $T a JOIN $T b ON a.eventName = b.eventName AND a.eventTime = b.eventTime",
    "SELECT count(*) FROM $T a JOIN $T b ON a.eventID = b.eventID OR a.eventName = b.eventName",
    "SELECT count(*) FROM $T a JOIN $T b USING (eventID)",
    "SELECT count(*) FROM $T a JOIN (SELECT * FROM $T) b ON a.eventID = b.eventID",
    "SELECT count(*) FROM $T a JOIN $T b ON a.eventID = b.eventID WHERE b.eventName IN (SELECT eventName FROM $T c WHERE c.eventID = b.eventID)",
    "SELECT count(*) FROM $T a JOIN $T b ON a.eventID = b.eventID WHERE cardinality(filter(b.resources, r -> r.type IS NOT NULL)) > 0",
    "WITH w AS (SELECT 1 AS one) SELECT count(*) FROM $T a JOIN $T b ON a.eventID = b.eventID",
  ]

  /// Whether the statement reads its table more than once (each read of a table source counts its rows with
  /// one `lake_scan()`); for a count the rollups answer (q7 once rewritten), its engine plan's.
  static func isJoin(_ prepared: any PreparedLakeQuery) throws -> Bool {
    let plan = (prepared as? RollupQueryAnswer)?.fallback ?? prepared
    let statement = try #require(plan as? LakePreparedStatement)
    return statement.translated.sql.components(separatedBy: "lake_scan()").count - 1 >= 2
  }

  /// A day of simulated traffic, small enough for the joins to run quickly, and a store collecting
  /// its management events; returns the store's ID.
  static func smallDay(_ lake: LakeFixture) throws -> String {
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 7, days: 1, accounts: 1, regions: 2, end: LakeFixture.start, eventsPerAccountDay: 600))
    let store = try lake.createManagementStore(account: simulator.accountIds[0])
    _ = try DemoLoader(databasePath: lake.store.dbPath, clock: lake.clock).seed(simulator)
    return store
  }

  @Test func selfJoinsReadTheTableOnceWithTheJoinsRows() throws {
    let lake = try LakeFixture()
    let store = try Self.smallDay(lake)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    var nonEmpty = 0
    for table in ["all_events", store] {
      for template in Self.rewritten {
        let text = template.replacingOccurrences(of: "$T", with: table)
        let fast = try Self.engine.prepare(text, parameters: [], connection: reader, context: context)
        #expect(try !Self.isJoin(fast), "\(text)")
        let slow = try Self.joiningEngine.prepare(text, parameters: [], connection: reader, context: context)
        #expect(try Self.isJoin(slow), "\(text)")
        let once = try fast.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
        let joined = try slow.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
        #expect(once.columns == joined.columns, "\(text)")
        #expect(once.rows == joined.rows, "\(text)")
        #expect(once.eventsScanned < joined.eventsScanned, "\(text)")
        if !once.rows.isEmpty, once.rows != [["0"]] { nonEmpty += 1 }
      }
    }
    // The comparisons are about something.
    #expect(nonEmpty == 2 * Self.rewritten.count)
  }

  @Test func starReadsBothSidesColumns() throws {
    let lake = try LakeFixture()
    _ = try Self.smallDay(lake)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let output = try Self.engine.prepare(
      "SELECT * FROM all_events a JOIN all_events b ON a.eventID = b.eventID LIMIT 1", parameters: [],
      connection: reader, context: context
    ).run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation())
    #expect(output.columns.count == 2 * LakeSchema.columns.count)
    let row = try #require(output.rows.first)
    #expect(Array(row[..<LakeSchema.columns.count]) == Array(row[LakeSchema.columns.count...]))
  }

  @Test(arguments: kept)
  func otherJoinsAreKept(template: String) throws {
    let lake = try LakeFixture()
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let text = template.replacingOccurrences(of: "$T", with: "all_events")
    let prepared = try Self.engine.prepare(text, parameters: [], connection: reader, context: context)
    #expect(try Self.isJoin(prepared), "\(text)")
  }

  @Test func twoDifferentTablesAreKept() throws {
    let lake = try LakeFixture()
    let store = try Self.smallDay(lake)
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let prepared = try Self.engine.prepare(
      "SELECT count(*) FROM all_events a JOIN \(store) b ON a.eventID = b.eventID", parameters: [],
      connection: reader, context: context)
    #expect(try Self.isJoin(prepared))
  }
}
