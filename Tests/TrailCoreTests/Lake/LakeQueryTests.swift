import Foundation
import LakeSQL
import Testing

@testable import TrailCore

@Suite("Lake queries")
struct LakeQueryTests {
  @Test func columnsAreNamedAsWrittenAndValuesPrintAsLakeDoes() throws {
    let lake = try LakeTestStore()
    let output = try lake.output(
      "SELECT eventID, eventName, eventTime, readOnly, userIdentity.principalid FROM eds1 ORDER BY eventTime LIMIT 2"
    )
    #expect(output.columns == ["eventID", "eventName", "eventTime", "readOnly", "principalid"])
    #expect(
      output.rows == [
        [TestRecord.id(1), "DescribeInstances", "2024-03-01 12:00:00.000", "true", "AIDAALICE"],
        [TestRecord.id(2), "RunInstances", "2024-03-01 12:01:00.000", "false", "AIDABOB"],
      ])
    // ORDER BY eventTime reads the store in time order and stops at the LIMIT: two of four events.
    #expect(output.eventsScanned == 2)
    let all = try lake.output("SELECT eventID FROM eds1 ORDER BY eventName LIMIT 2")
    #expect(all.eventsScanned == 4)
  }

  /// ORDER BY a store's eventTime reads its events in time order (by row id) rather than sorting them;
  /// the rows are those of the same order sorted, whatever the direction, LIMIT or filter.
  @Test(arguments: [
    "ORDER BY eventTime DESC LIMIT 3", "ORDER BY eventTime LIMIT 3", "ORDER BY 2 DESC", "ORDER BY t DESC",
    "ORDER BY eventTime DESC, eventName", "ORDER BY eds1.eventTime",
  ])
  func orderByEventTimeReadsInTimeOrder(_ order: String) throws {
    let lake = try LakeTestStore()
    let statement = "SELECT eventName, eventTime AS t FROM eds1 WHERE eventName <> 'x' \(order)"
    let sorted = statement.replacingOccurrences(of: "eventTime DESC", with: "to_unixtime(eventTime) DESC")
      .replacingOccurrences(of: "eventTime LIMIT", with: "to_unixtime(eventTime) LIMIT")
      .replacingOccurrences(of: "eds1.eventTime", with: "to_unixtime(eds1.eventTime)")
      .replacingOccurrences(of: "BY t DESC", with: "BY to_unixtime(eventTime) DESC")
      .replacingOccurrences(of: "BY 2 DESC", with: "BY to_unixtime(eventTime) DESC")
    #expect(try lake.rows(statement) == (try lake.rows(sorted)))
    #expect(!(try lake.rows(statement)).isEmpty)
  }

  /// Only a per-row ORDER BY of a store's own eventTime becomes an order of row ids: groups, DISTINCT
  /// and sub-query columns are sorted as written.
  @Test func onlyRowsOfAStoreAreOrderedByRowID() throws {
    func sql(_ statement: String) throws -> String {
      var translator = LakeTranslator { _ in LakeTableSource(sql: LakeSQLEngine.eventsSource(), arn: "arn") }
      return try translator.translate(try LakeSQL.parse(statement)).sql
    }
    #expect(
      try sql("SELECT eventName FROM eds1 ORDER BY eventTime DESC LIMIT 5").contains("ORDER BY r1.id DESC"))
    #expect(try sql("SELECT * FROM eds1 ORDER BY eventTime").hasSuffix("ORDER BY r1.id ASC"))
    // An interned column is grouped by its id; the text is printed once per group.
    #expect(try sql("SELECT eventName, count(*) FROM eds1 GROUP BY 1").hasSuffix("GROUP BY r1.n"))
    #expect(try sql("SELECT eventSource FROM eds1 GROUP BY eventSource").hasSuffix("GROUP BY r1.s"))
    #expect(try !sql("SELECT lower(eventName) FROM eds1 GROUP BY 1").hasSuffix("GROUP BY r1.n"))
    for grouped in [
      "SELECT eventTime, count(*) FROM eds1 GROUP BY eventTime ORDER BY eventTime",
      "SELECT DISTINCT eventTime FROM eds1 ORDER BY eventTime",
      "SELECT max(eventTime) AS eventTime FROM eds1 ORDER BY eventTime",
      "SELECT t FROM (SELECT eventTime AS t FROM eds1) ORDER BY t",
    ] {
      #expect(try !sql(grouped).contains(".id ASC"), "\(grouped)")
    }
  }

  /// Equalities on interned columns are narrowed through the postings (or the interned id) before
  /// any record is read: the rows are those of the same condition written so that nothing narrows it.
  @Test(arguments: [
    ("userIdentity.userName = 'alice'", "concat(userIdentity.userName, '') = 'alice'"),
    ("userIdentity.userName = 'carol'", "concat(userIdentity.userName, '') = 'carol'"),
    ("eventName = 'RunInstances'", "concat(eventName, '') = 'RunInstances'"),
    ("'s3.amazonaws.com' = eventSource", "concat(eventSource, '') = 's3.amazonaws.com'"),
    ("awsRegion = 'eu-west-1'", "concat(awsRegion, '') = 'eu-west-1'"),
    ("errorCode = 'Client.UnauthorizedOperation'", "concat(errorCode, '') = 'Client.UnauthorizedOperation'"),
    ("eventName = 'NoSuchCall'", "concat(eventName, '') = 'NoSuchCall'"),
    ("eventSource = 's3.amazonaws.com' AND NOT eventName = 'ListBuckets'", "eventID = '\(TestRecord.id(4))'"),
  ])
  func equalitiesOnInternedColumnsGiveTheUnnarrowedRows(_ narrowed: String, _ plain: String) throws {
    let lake = try LakeTestStore()
    let rows = try lake.rows("SELECT eventID FROM eds1 WHERE \(narrowed) ORDER BY eventTime")
    #expect(rows == (try lake.rows("SELECT eventID FROM eds1 WHERE \(plain) ORDER BY eventTime")))
    if !narrowed.contains("carol") && !narrowed.contains("NoSuch") { #expect(!rows.isEmpty) }
  }

  /// An equality on a column with postings reads the store's rows from a `lake_ids` scan put first in
  /// the FROM clause, which hands ids out in the ORDER BY's direction (so SQLite stops at the LIMIT):
  /// the rows are those of the same statement with nothing to narrow it, in joins, groups and with a
  /// second posted condition too.
  @Test(arguments: [
    "SELECT eventID FROM eds1 WHERE userIdentity.userName = 'alice' ORDER BY eventTime DESC LIMIT 1",
    "SELECT eventID FROM eds1 WHERE eventSource = 's3.amazonaws.com' ORDER BY eventTime DESC",
    "SELECT eventID FROM eds1 WHERE eventSource = 's3.amazonaws.com' ORDER BY eventTime LIMIT 1",
    "SELECT eventName, count(*) FROM eds1 WHERE eventSource = 'ec2.amazonaws.com' GROUP BY 1 ORDER BY 1",
    "SELECT eventID FROM eds1 WHERE eventSource = 'ec2.amazonaws.com' AND eventName = 'RunInstances'",
    "SELECT eventID FROM eds1 WHERE eventName = 'NoSuchCall' ORDER BY eventTime DESC LIMIT 3",
    "SELECT a.eventID FROM eds1 a JOIN eds1 b ON a.eventID = b.eventID WHERE a.eventName = 'RunInstances'",
    "SELECT eventID FROM eds1 WHERE eventName = 'RunInstances' OR eventName = 'ListBuckets' ORDER BY eventTime",
    "SELECT eventID FROM eds1 WHERE eventSource = 'ec2.amazonaws.com' AND eventTime > '2024-03-01 12:00:30' ORDER BY eventTime DESC",
    "SELECT eventID FROM eds1 WHERE eventTime < '2024-03-01 12:02:30' AND eventSource = 'ec2.amazonaws.com' ORDER BY eventTime",
    "SELECT eventID FROM eds1 WHERE eventSource = 'ec2.amazonaws.com' AND eventTime BETWEEN '2024-03-01 12:00:30' AND '2024-03-01 12:01:30'",
    "SELECT eventID FROM eds1 WHERE eventSource = 'ec2.amazonaws.com' AND eventTime > '2024-03-01 12:05:00'",
  ])
  func postedEqualitiesReadThroughTheScan(_ statement: String) throws {
    let lake = try LakeTestStore()
    let plain = statement.replacingOccurrences(
      of: "userIdentity.userName =", with: "concat(userIdentity.userName, '') ="
    )
    .replacingOccurrences(of: "a.eventName =", with: "concat(a.eventName, '') =")
    .replacingOccurrences(of: "eventSource =", with: "concat(eventSource, '') =")
    .replacingOccurrences(of: "eventName =", with: "concat(eventName, '') =")
    .replacingOccurrences(of: "ORDER BY eventTime", with: "ORDER BY to_unixtime(eventTime)")
    #expect(plain != statement)
    #expect(try lake.rows(statement) == (try lake.rows(plain)), "\(statement)")
    // A value or a time no event has: nothing, as without the scan.
    if !statement.contains("NoSuch") && !statement.contains("12:05:00") {
      #expect(!(try lake.rows(statement)).isEmpty, "\(statement)")
    }
  }

  @Test func aPostedEqualityIsAScanThatTakesTheOrder() throws {
    func sql(_ statement: String) throws -> String {
      var translator = LakeTranslator { _ in LakeTableSource(sql: LakeSQLEngine.eventsSource(), arn: "arn") }
      return try translator.translate(try LakeSQL.parse(statement)).sql
    }
    let newest = try sql(
      "SELECT eventName FROM eds1 WHERE userIdentity.userName = 'alice' ORDER BY eventTime DESC LIMIT 50")
    #expect(newest.contains(" FROM lake_ids('u', ?2, NULL, NULL) AS p2 CROSS JOIN "), "\(newest)")
    // The store's time conditions bound the scan too (and stay in WHERE).
    let recent = try sql(
      "SELECT eventName FROM eds1 WHERE eventTime >= TIMESTAMP '2024-03-01 12:00:00' AND eventName = 'A'")
    #expect(recent.contains("lake_ids('n', ?4, lake_time_key(?3, 0), NULL)"), "\(recent)")
    #expect(recent.contains("r1.id >= lake_time_key(?3, 0)"), "\(recent)")
    #expect(newest.contains("r1.id = p2.id"), "\(newest)")
    #expect(newest.contains("ORDER BY p2.id DESC"), "\(newest)")
    // A second posted condition is an IN list of its ids, as before.
    let both = try sql("SELECT eventName FROM eds1 WHERE eventName = 'A' AND eventSource = 'B'")
    #expect(both.components(separatedBy: "lake_ids(").count == 2, "\(both)")
    #expect(both.contains("json_each(lake_ids_with('s'"), "\(both)")
    // The scan's bounds keep the events before the time out of the read altogether.
    let bounded = try LakeTestStore().output(
      "SELECT count(*) FROM eds1 WHERE eventSource = 'ec2.amazonaws.com' AND eventTime > '2024-03-01 12:00:30'"
    )
    let all = try LakeTestStore().output("SELECT count(*) FROM eds1 WHERE eventSource = 'ec2.amazonaws.com'")
    #expect(bounded.eventsScanned == Int64(bounded.rows[0][0].flatMap { Int($0) } ?? -1), "\(bounded)")
    #expect(bounded.eventsScanned < all.eventsScanned, "\(bounded) \(all)")
    // With the scan, SQLite reads a user's newest events and stops: one record for LIMIT 1.
    let lake = try LakeTestStore()
    let output = try lake.output(
      "SELECT eventID FROM eds1 WHERE eventSource = 's3.amazonaws.com' ORDER BY eventTime DESC LIMIT 1")
    #expect(output.eventsScanned == 1)
  }

  /// The `lake_ids` table lives as long as the functions that answer it: once they are gone, the
  /// connection no longer knows it (rather than calling into freed memory).
  @Test func lakeIdsLeavesWithItsFunctions() throws {
    let db = try SQLiteConnection(path: ":memory:")
    var functions: LakeFunctions? = try LakeFunctions(connection: db)
    let sql = "SELECT id FROM lake_ids('n', 'x', NULL, NULL)"
    _ = try db.prepare(sql)
    withExtendedLifetime(functions) {}
    functions = nil
    #expect(throws: SQLiteError.self) { try db.prepare(sql).step() }
  }

  /// `json_extract(_scalar)` of a store's eventjson reads the record's bytes (`lake_record_json`):
  /// the values are those of the same call over the record's text, for every kind of path.
  @Test(arguments: [
    "json_extract_scalar(%@, '$.requestParameters.bucketName')",
    "json_extract_scalar(%@, '$.userIdentity.type')",
    "json_extract_scalar(%@, '$.requestParameters')", "json_extract_scalar(%@, '$.resources[0].ARN')",
    "json_extract_scalar(%@, '$.requestParameters.minCount')", "json_extract_scalar(%@, '$.nothing.here')",
    "json_extract(%@, '$.requestParameters')", "json_extract(%@, '$.resources[*].ARN')",
    "json_extract_scalar(%@, '$.readOnly')",
  ])
  func jsonPathsIntoTheRecordReadItsBytes(_ call: String) throws {
    let lake = try LakeTestStore()
    let fused =
      "SELECT " + call.replacingOccurrences(of: "%@", with: "eventjson") + " FROM eds1 ORDER BY eventTime"
    let text =
      "SELECT " + call.replacingOccurrences(of: "%@", with: "concat(eventjson, '')")
      + " FROM eds1 ORDER BY eventTime"
    var translator = LakeTranslator { _ in LakeTableSource(sql: LakeSQLEngine.eventsSource(), arn: "arn") }
    #expect(try translator.translate(try LakeSQL.parse(fused)).sql.contains("lake_record_json("))
    let rows = try lake.rows(fused)
    #expect(rows == (try lake.rows(text)), "\(call)")
    if !call.contains("nothing") && !call.contains("scalar(%@, '$.requestParameters')") {
      #expect(rows.contains { $0.first! != nil }, "\(call) gave \(rows)")
    }
  }

  /// eventID is read from its stored column, not the record: the same text either way, also for an
  /// ID that is not a UUID.
  @Test func eventIDsReadWithoutTheRecordEqualTheRecords() throws {
    var records = LakeTestStore.records
    records[1].eventID = "not-a-uuid-0002"
    let lake = try LakeTestStore(records: records)
    let stored = try lake.rows("SELECT eventID FROM eds1 ORDER BY eventTime")
    let fromRecords = try lake.rows(
      "SELECT json_extract_scalar(eventjson, '$.eventID') FROM eds1 ORDER BY eventTime")
    #expect(stored == fromRecords)
    #expect(stored[1] == ["not-a-uuid-0002"])
    #expect(stored[0] == [TestRecord.id(1)])
    #expect(
      try lake.rows("SELECT count(*) FROM eds1 a JOIN eds1 b ON a.eventID = b.eventID") == [["4"]])
  }

  @Test func timeLiteralsCompareWithTimestamps() throws {
    let lake = try LakeTestStore()
    let rows = try lake.rows(
      """
      SELECT eventName FROM eds1
      WHERE eventTime > '2024-03-01 12:00:30' AND eventTime < '2024-03-01 12:02:30' ORDER BY eventTime
      """)
    #expect(rows == [["RunInstances"], ["ListBuckets"]])
  }

  @Test func mapsHoldNestedValuesAsCompactJSON() throws {
    let lake = try LakeTestStore()
    #expect(
      try lake.value(
        "SELECT element_at(requestParameters, 'bucketName') FROM eds1 WHERE eventName = 'CreateBucket'")
        == "logs-bucket")
    #expect(
      try lake.value("SELECT requestParameters['tags'] FROM eds1 WHERE eventName = 'RunInstances'")
        == #"[{"key":"env","value":"prod"}]"#)
    #expect(
      try lake.value("SELECT requestParameters['minCount'] FROM eds1 WHERE eventName = 'RunInstances'") == "1"
    )
    #expect(
      try lake.value("SELECT requestParameters['missing'] FROM eds1 WHERE eventName = 'RunInstances'") == nil)
    #expect(
      try lake.value(
        #"SELECT count(*) FROM eds1 WHERE element_at(requestParameters, 'instanceType') LIKE '%small%'"#)
        == "1")
  }

  @Test func resourcesUnnestIntoRows() throws {
    let lake = try LakeTestStore()
    let rows = try lake.rows(
      """
      SELECT eventName, r.type, r.arn FROM eds1 CROSS JOIN UNNEST(resources) AS r (accountid, type, arn, arnprefix)
      ORDER BY r.arn
      """)
    #expect(
      rows == [
        ["RunInstances", "AWS::EC2::Instance", "arn:aws:ec2:us-east-1:111122223333:instance/i-1"],
        ["RunInstances", "AWS::EC2::Volume", "arn:aws:ec2:us-east-1:111122223333:volume/vol-1"],
      ])
    #expect(try lake.value("SELECT cardinality(resources) FROM eds1 WHERE eventName = 'RunInstances'") == "2")
    #expect(
      try lake.value("SELECT transform(resources, x -> x.type) FROM eds1 WHERE eventName = 'RunInstances'")
        == #"["AWS::EC2::Instance","AWS::EC2::Volume"]"#)
  }

  @Test func nestedIdentityFields() throws {
    let lake = try LakeTestStore()
    #expect(
      try lake.value(
        "SELECT userIdentity.sessionContext.sessionIssuer.arn FROM eds1 WHERE eventName = 'ListBuckets'")
        == "arn:aws:iam::111122223333:role/Admin")
    #expect(
      try lake.value(
        "SELECT userIdentity.sessioncontext.attributes.creationdate FROM eds1 WHERE eventName = 'ListBuckets'"
      )
        == "2024-03-01 11:00:00.000")
  }

  @Test func groupByOrderByAndAggregates() throws {
    let lake = try LakeTestStore()
    let rows = try lake.rows(
      """
      SELECT eventSource, count(*) AS n, count_if(readOnly) AS reads, max(eventTime) AS latest
      FROM eds1 GROUP BY eventSource ORDER BY n DESC, eventSource
      """)
    #expect(
      rows == [
        ["ec2.amazonaws.com", "2", "1", "2024-03-01 12:01:00.000"],
        ["s3.amazonaws.com", "2", "1", "2024-03-01 12:03:00.000"],
      ])
    #expect(try lake.value("SELECT avg(1) FROM eds1") == "1.0")
    #expect(
      try lake.value("SELECT max_by(eventName, eventTime) FROM eds1") == "CreateBucket")
  }

  @Test func windowsJoinsAndSetOperations() throws {
    let lake = try LakeTestStore()
    let ranked = try lake.rows(
      """
      SELECT eventName, row_number() OVER (PARTITION BY eventSource ORDER BY eventTime DESC) AS rn
      FROM eds1 ORDER BY eventName
      """)
    #expect(
      ranked == [
        ["CreateBucket", "1"], ["DescribeInstances", "2"], ["ListBuckets", "2"], ["RunInstances", "1"],
      ])
    let joined = try lake.rows(
      """
      SELECT a.eventName, b.eventName FROM eds1 a JOIN eds1 b
        ON a.eventSource = b.eventSource AND a.eventTime < b.eventTime ORDER BY a.eventTime
      """)
    #expect(joined == [["DescribeInstances", "RunInstances"], ["ListBuckets", "CreateBucket"]])
    let union = try lake.rows(
      """
      SELECT eventName FROM eds1 WHERE readOnly UNION ALL
      SELECT eventName FROM \(LakeTestStore.arn) WHERE errorCode IS NOT NULL ORDER BY 1
      """)
    #expect(union == [["DescribeInstances"], ["ListBuckets"], ["RunInstances"]])
  }

  @Test func refusalsNameTheTokenAndPosition() throws {
    let lake = try LakeTestStore()
    #expect(lake.refusal("SELECT eventName FROM nowhere") == "line 1:23: Table 'nowhere' does not exist")
    #expect(
      lake.refusal("SELECT eventName,\n  eventNam FROM eds1")
        == "line 2:3: Column 'eventNam' cannot be resolved")
    #expect(lake.refusal("SELECT foo(eventName) FROM eds1") == "line 1:8: Function 'foo' not registered")
    #expect(lake.refusal("DELETE FROM eds1") == "line 1:1: Only SELECT statements are allowed")
    #expect(lake.refusal("SELECT 1 FROM eds1 WHERE eventTime > 'yesterday'")?.contains("yesterday") == true)
  }

  @Test func failuresWhileRunning() throws {
    let lake = try LakeTestStore()
    #expect(lake.failure("SELECT count(*) / 0 FROM eds1") == "Division by zero")
    #expect(
      lake.failure("SELECT CAST(eventName AS bigint) FROM eds1")
        == "Cannot cast 'DescribeInstances' to BIGINT")
    #expect(try lake.value("SELECT TRY_CAST(eventName AS bigint) FROM eds1 LIMIT 1") == nil)
  }

  @Test func cancellationStopsARunningStatement() throws {
    let lake = try LakeTestStore()
    let prepared = try lake.engine.prepare(
      "SELECT count(*) FROM eds1 a, eds1 b, eds1 c, eds1 d, eds1 e, eds1 f, eds1 g, eds1 h, eds1 i, eds1 j",
      parameters: [], connection: lake.connection, context: lake.context)
    let cancellation = LakeCancellation()
    cancellation.cancel()
    #expect(throws: LakeQueryCancelled.self) {
      _ = try prepared.run(on: lake.connection, now: lake.now, cancellation: cancellation)
    }
  }

  @Test func parametersAreBoundNotSpliced() throws {
    let lake = try LakeTestStore()
    #expect(
      try lake.rows("SELECT eventName FROM eds1 WHERE eventName = ?", parameters: ["ListBuckets' OR '1'='1"])
        .isEmpty)
    #expect(
      try lake.rows("SELECT eventName FROM eds1 WHERE eventName = ?", parameters: ["ListBuckets"]).count == 1)
  }
}

@Suite("Lake joins")
struct LakeJoinTests {
  @Test func joinedStoresAreMaterialisedSoTheirKeysCanBeIndexed() throws {
    var translator = LakeTranslator { _ in LakeTableSource(sql: LakeSQLEngine.eventsSource(), arn: "arn") }
    let query = try LakeSQL.parse(
      "SELECT a.eventName FROM eds1 a JOIN eds1 b ON a.eventID = b.eventID WHERE b.userIdentity.arn IS NOT NULL"
    )
    let sql = try translator.translate(query).sql
    // eventID comes from the stored column (compared in its stored form, never decoded for the join),
    // the other fields from the record.
    #expect(sql.contains(#"s.i AS "eventid""#))
    #expect(!sql.contains("lake_event_id"))
    #expect(sql.contains(#"lake_col(s.id, 'useridentity.arn') AS "useridentity.arn""#))
    #expect(sql.contains(#"m1."eventid" = m2."eventid""#))
    #expect(sql.contains("lake_string(m1.n)"))
  }

  @Test func selfJoinOnEventID() throws {
    let lake = try LakeTestStore()
    #expect(
      try lake.value(
        "SELECT count(*) FROM eds1 a JOIN eds1 b ON a.eventID = b.eventID AND a.eventName = b.eventName")
        == "4")
    let rows = try lake.rows(
      """
      SELECT a.eventName, b.eventName FROM eds1 a LEFT JOIN
        (SELECT eventID, eventName FROM eds1 WHERE readOnly) b ON a.eventID = b.eventID ORDER BY a.eventTime
      """)
    #expect(
      rows == [
        ["DescribeInstances", "DescribeInstances"], ["RunInstances", nil], ["ListBuckets", "ListBuckets"],
        ["CreateBucket", nil],
      ])
  }
}
