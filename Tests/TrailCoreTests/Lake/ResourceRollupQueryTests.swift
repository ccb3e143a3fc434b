import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// Counts of the events' `resources` entries (`CROSS JOIN UNNEST(resources)`) answered from
/// `rollup_resource_packs` must be the engine's rows, and whatever the rollups cannot vouch for must
/// go to the engine.
@Suite("Lake: counts of resources from the rollups")
struct ResourceRollupQueryTests {
  static func engine(rollups: Bool) -> LakeSQLEngine { RollupQueryTests.engine(rollups: rollups) }

  /// A record of 2025-12-31 at `time` (HH:MM:SS) with `tail` (members after eventTime, JSON text).
  static func record(_ n: Int, _ time: String, _ tail: String) -> String {
    #"{"eventVersion":"1.08","eventID":"\#(TestRecord.id(900 + n))","eventTime":"2025-12-31T\#(time)Z","eventName":"GetObject","eventSource":"s3.amazonaws.com","awsRegion":"us-east-1","recipientAccountId":"111111111111"\#(tail)}"#
  }

  /// Entries the ingest scanner reads exactly as Lake does: every shape of a type but the odd ones.
  static let plainRecords = [
    record(1, "10:00:30", #","resources":[{"type":"","ARN":"arn:aws:s3:::a"},{"ARN":"arn:aws:s3:::b"}]"#),
    record(2, "10:00:31", #","resources":[{"type":null},{}, {"accountId":"1","type":"AWS::S3::Bucket"}]"#),
    record(3, "12:59:59", #","resources":[]"#),
    record(4, "13:30:44", #","resources":null"#),
    record(5, "13:30:44", #","resources":[{"type":"AWS::Wid\u0067et","ARN":"x"},{"accountId":null}]"#),
    record(6, "20:00:01", #","resources":[{"ARN":"arn:aws:s3:::c","type":"AWS::S3::Object"}]"#),
  ]

  static let answered = [
    // The benchmark's q6.
    "SELECT r.type, count(*) AS n FROM all_events CROSS JOIN UNNEST(resources) AS u (r) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
    "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) GROUP BY r.type ORDER BY r.type NULLS FIRST",
    "SELECT r.type AS t, count(*) AS n FROM all_events CROSS JOIN UNNEST(resources) u (r) WHERE eventTime >= '2025-12-31 10:00:15' AND eventTime < '2025-12-31 13:30:45' GROUP BY r.type ORDER BY n, t DESC",
    "SELECT count(*) FROM all_events e, UNNEST(e.resources) AS t (res) WHERE eventTime > '2025-12-31 10:00:00.500'",
    "SELECT date_trunc('hour', eventTime) AS h, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) GROUP BY 1 ORDER BY 1",
    "SELECT count(*), r.type FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE eventTime BETWEEN '2025-12-31 10:00:20' AND '2025-12-31 10:00:40' GROUP BY 2 ORDER BY 2",
    "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE eventTime > '2026-02-01 00:00:00' GROUP BY 1",
  ]

  /// The rows of `text` from the rollups' plan and from SQLite alone, and whether the first read
  /// no event (answered by the rollups, not by its fallback).
  static func compare(_ text: String, lake: LakeFixture) throws -> (
    rollups: LakeQueryOutput, engine: LakeQueryOutput, isRollupPlan: Bool
  ) {
    let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
    let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
    let answer = try engine(rollups: true).prepare(text, parameters: [], connection: reader, context: context)
    let plain = try engine(rollups: false).prepare(text, parameters: [], connection: reader, context: context)
    return (
      try answer.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation()),
      try plain.run(on: reader, now: lake.clock.now(), cancellation: LakeCancellation()),
      answer is RollupQueryAnswer
    )
  }

  @Test func rollupsCountResourcesAsTheEngineDoes() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    try lake.appendLive(json: Self.plainRecords)
    var nonEmpty = 0
    for text in Self.answered {
      let (rollups, engine, isRollupPlan) = try Self.compare(text, lake: lake)
      #expect(isRollupPlan, "\(text)")
      #expect(rollups.columns == engine.columns, "\(text)")
      #expect(rollups.rows == engine.rows, "\(text)")
      #expect(rollups.eventsScanned == 0, "\(text): answered by the engine")
      if rollups.rows.contains(where: { $0.contains { $0 != nil && $0 != "0" } }) { nonEmpty += 1 }
    }
    #expect(nonEmpty >= 6)
    // The odd entries are there to be counted: '' and NULL types, and the escaped one.
    let all = try Self.compare(Self.answered[1], lake: lake).rollups.rows
    #expect(all.contains { $0[0] == nil })
    #expect(all.contains { $0[0] == "" && $0[1] == "1" })
    #expect(all.contains { $0[0] == "AWS::Widget" && $0[1] == "1" })
  }

  @Test(arguments: [
    #","resources":[{"type":5}]"#,
    #","resources":[{"typ\u0065":"AWS::S3::Bucket"}]"#,
    #","resourc\u0065s":[{"type":"AWS::S3::Bucket"}]"#,
    #","resources":[{"Type":"AWS::S3::Bucket"}]"#,
    #","resources":[{"type":"AWS::S3::Bucket","type":"AWS::S3::Object"}]"#,
    #","resources":[{"type":"AWS::S3::Bucket"}],"Resources":[{"type":"AWS::S3::Object"}]"#,
    #","resources":[{"type":"AWS::S3::Bucket"}],"resources":[{"type":"AWS::S3::Object"}]"#,
  ])
  func entriesLakeMayReadOtherwiseGoToTheEngine(tail: String) throws {
    let lake = try LakeFixture()
    try lake.appendLive(json: [Self.record(1, "10:00:00", tail), Self.plainRecords[5]])
    for text in [Self.answered[1], Self.answered[2], Self.answered[5]] {
      let (rollups, engine, _) = try Self.compare(text, lake: lake)
      #expect(rollups.rows == engine.rows, "\(text)")
    }
    // The whole span holds the odd record: read by the engine. A window without it is not.
    #expect(try Self.compare(Self.answered[1], lake: lake).rollups.eventsScanned > 0)
    let later =
      "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE eventTime >= '2025-12-31 11:00:00' GROUP BY 1"
    let (rollups, engine, _) = try Self.compare(later, lake: lake)
    #expect(rollups.rows == engine.rows && rollups.rows == [["AWS::S3::Object", "1"]])
    #expect(rollups.eventsScanned == 0)
  }

  @Test func minutesStoredBeforeTheRollupsGoToTheEngine() throws {
    let lake = try LakeFixture()
    try lake.appendLive(json: Array(Self.plainRecords.prefix(3)))
    // As a store migrated to version 29 with these events: nothing counted, counting from the minute
    // after its newest event (12:59:59).
    let writer = try EventStore.openWriter(path: lake.store.dbPath)
    try writer.execute("DELETE FROM \(ResourceTypeRollupKey.table)")
    let from = (1_767_139_200 + 13 * 3_600) / 60
    try writer.execute(
      "INSERT INTO meta (key, value) VALUES ('\(ResourceTypeRollupKey.fromKey)', '\(from)')")
    try lake.appendLive(json: Array(Self.plainRecords.suffix(3)))
    for text in Self.answered {
      let (rollups, engine, _) = try Self.compare(text, lake: lake)
      #expect(rollups.rows == engine.rows, "\(text)")
    }
    #expect(try Self.compare(Self.answered[0], lake: lake).rollups.eventsScanned > 0)
    let after =
      "SELECT r.type, count(*) FROM all_events CROSS JOIN UNNEST(resources) AS u (r) WHERE eventTime >= '2025-12-31 13:00:00' GROUP BY 1 ORDER BY 1"
    let (rollups, engine, _) = try Self.compare(after, lake: lake)
    #expect(
      rollups.rows == engine.rows
        && rollups.rows == [["AWS::S3::Object", "1"], ["AWS::Widget", "1"], [nil, "1"]])
    #expect(rollups.eventsScanned == 0)
  }

  @Test func retentionTakesTheCountsWithTheirEvents() throws {
    let lake = try LakeFixture()
    try lake.appendLive(json: Self.plainRecords)
    // 2025-12-31 13:00:00: records 1-3 go, with their minutes' counts.
    try Retention.purge(
      databasePath: lake.store.dbPath, olderThan: Date(timeIntervalSince1970: 1_767_139_200 + 13 * 3_600))
    let (rollups, engine, _) = try Self.compare(Self.answered[1], lake: lake)
    #expect(rollups.rows == engine.rows)
    #expect(rollups.rows == [[nil, "1"], ["AWS::S3::Object", "1"], ["AWS::Widget", "1"]])
    #expect(rollups.eventsScanned == 0)
  }

  @Test func migrationCountsFromTheMinuteAfterTheNewestEvent() throws {
    let lake = try LakeFixture()
    let writer = try EventStore.openWriter(path: lake.store.dbPath)
    // A fresh store counts every minute.
    #expect(
      try writer.scalarInt("SELECT count(*) FROM meta WHERE key = '\(ResourceTypeRollupKey.fromKey)'") == 0)
    try lake.appendLive(json: [Self.plainRecords[2]])
    let migration = try #require(Migrations.all.first { $0.version == 29 })
    try writer.execute("DROP TABLE \(ResourceTypeRollupKey.table)")
    try writer.execute(migration.sql)
    // 2025-12-31 12:59:59 is in minute 29 452 379; counting starts at the next.
    #expect(
      try writer.scalarInt(
        "SELECT CAST(value AS INTEGER) FROM meta WHERE key = '\(ResourceTypeRollupKey.fromKey)'")
        == (1_767_139_200 + 13 * 3_600) / 60)
  }
}
