import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// The translator's shortcuts — an interned column compared by id, a computed GROUP BY text grouped by
/// a number — must give the rows of forms that take neither, NULLs included.
@Suite("Lake: translator shortcuts")
struct LakeShortcutTests {
  /// Pairs of statements that must give the same rows: the first takes a shortcut, the second not.
  static let pairs: [(String, String)] = [
    (
      "SELECT count(*) FROM all_events WHERE NOT (errorCode = 'AccessDenied')",
      "SELECT count(*) FROM all_events WHERE errorCode IS NOT NULL AND errorCode <> 'AccessDenied'"
    ),
    (
      "SELECT count_if(errorCode = 'AccessDenied'), count_if(NOT (errorCode = 'AccessDenied')), count(*) FROM all_events",
      "SELECT count_if(errorCode IN ('AccessDenied')), count_if(errorCode NOT IN ('AccessDenied')), count(*) FROM all_events"
    ),
    (
      "SELECT eventID, 'NoSuchSource' = eventSource, eventType = 'AwsApiCall' FROM all_events ORDER BY 1",
      "SELECT eventID, eventSource IN ('NoSuchSource'), eventType IN ('AwsApiCall') FROM all_events ORDER BY 1"
    ),
    (
      "SELECT json_extract_scalar(eventjson, '$.requestParameters.bucketName') AS b, count(*) AS n FROM all_events GROUP BY 1 ORDER BY 2 DESC, 1 NULLS FIRST",
      "SELECT b, count(*) AS n FROM (SELECT json_extract_scalar(eventjson, '$.requestParameters.bucketName') AS b FROM all_events) GROUP BY b ORDER BY 2 DESC, 1 NULLS FIRST"
    ),
    (
      "SELECT lower(eventName) AS k, awsRegion, count(*) FROM all_events GROUP BY lower(eventName), awsRegion HAVING count(*) > 1 ORDER BY 1, 2",
      "SELECT k, awsRegion, count(*) FROM (SELECT lower(eventName) AS k, awsRegion FROM all_events) GROUP BY k, awsRegion HAVING count(*) > 1 ORDER BY 1, 2"
    ),
  ]

  @Test func shortcutsGiveThePlainFormsRows() throws {
    let lake = try LakeFixture()
    _ = try lake.simulatedDay()
    try lake.appendLive(json: RequestParameterPagesTests.oddRecords)
    for (shortcut, plain) in Self.pairs {
      let reader = try SQLiteConnection(path: lake.store.dbPath, readOnly: true)
      let context = StoreContext(databasePath: lake.store.dbPath, clock: lake.clock)
      let (sql, _) = try RollupQueryTests.engine(rollups: false).plan(
        shortcut, connection: reader, context: context)
      #expect(sql.contains("lake_string_id(") || sql.contains("lake_group_id("), "\(shortcut)")
      let fast = try RequestParameterPagesTests.run(shortcut, path: lake.store.dbPath, now: lake.clock.now())
      let slow = try RequestParameterPagesTests.run(plain, path: lake.store.dbPath, now: lake.clock.now())
      #expect(fast.rows == slow.rows, "\(shortcut)")
      #expect(!fast.rows.isEmpty, "\(shortcut)")
    }
  }
}
