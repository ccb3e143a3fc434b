import Foundation
import Testing

@testable import TrailCore

/// The user guide's example queries (query-lake-examples.md, query-limitations.md), run on events made
/// to match them: each gives the rows the guide describes.
@Suite("Lake user-guide examples")
struct LakeUserGuideExampleTests {
  /// 2023-01-22T00:00:00Z.
  static let day: Int64 = 1_674_345_600

  static func record(_ n: Int, at offset: Int64, _ change: (inout TestRecord) -> Void) -> TestRecord {
    TestRecord(TestRecord.id(n), at: day + offset).with(change)
  }

  static let records: [TestRecord] = [
    record(1, at: 3_600) {
      $0.eventName = "CreateBucket"
      $0.eventSource = "s3.amazonaws.com"
      $0.identity = #"{"type":"IAMUser","principalId":"principal_ID","userName":"alice"}"#
    },
    record(2, at: 60_833) {
      $0.eventName = "DescribeQuery"
      $0.eventSource = "cloudtrail.amazonaws.com"
      $0.identity = TestRecord.iamUser("bob", key: "AKIABOB")
    },
    record(3, at: 73_501) {
      $0.eventName = "ListBuckets"
      $0.eventSource = "s3.amazonaws.com"
      $0.identity = TestRecord.iamUser("bob", key: "AKIABOB")
    },
    record(4, at: 90_000) {  // 2023-01-23: outside the day
      $0.eventName = "ListBuckets"
      $0.eventSource = "s3.amazonaws.com"
      $0.identity = TestRecord.iamUser("bob", key: "AKIABOB")
    },
    record(5, at: 5_000) {
      $0.eventName = "ConsoleLogin"
      $0.eventSource = "signin.amazonaws.com"
      $0.awsRegion = "us-west-2"
    },
    record(6, at: 6_000) {
      $0.eventName = "ConsoleLogin"
      $0.eventSource = "signin.amazonaws.com"
      $0.awsRegion = "eu-west-1"
    },
    record(7, at: 7_000) {
      $0.eventName = "StartQuery"
      $0.eventSource = "cloudtrail.amazonaws.com"
      $0.patches["requestParameters"] = #"{"queryStatement":"select * from event_data_store_ID limit 1;"}"#
      $0.patches["responseElements"] = #"{"queryId":"EXAMPLE-2f84-4bb2-b4c1-0d3bEXAMPLE"}"#
    },
  ]

  static func lake() throws -> LakeTestStore {
    try LakeTestStore(
      records: records,
      tables: [
        "event_data_store_id": "1",
        "example-f852-4e8f-8bd1-bcf6cexample": "1",
        // Three stores for the multi-store examples: each holds part of the events, with one overlap.
        "exampleeds1": "e.event_time < \(day + 6_000)",
        "exampleeds2": "event_time >= \(day + 5_000) AND e.event_time < \(day + 60_000)",
        "exampleeds3": "e.event_time >= \(day + 60_000)",
      ])
  }

  @Test func principalsWhoCreatedBuckets() throws {
    let rows = try Self.lake().rows(
      """
      SELECT
          userIdentity.principalid,
          eventName
      FROM
          event_data_store_ID
      WHERE
          userIdentity.principalid IS NOT NULL
      AND
          eventTime > '2023-01-22 00:00:00'
      AND
          eventTime < '2023-01-23 00:00:00'
      AND
          eventName='CreateBucket'
      """)
    #expect(rows == [["principal_ID", "CreateBucket"]])
  }

  @Test func apisBobCalledOnTheDay() throws {
    let output = try Self.lake().output(
      """
      SELECT
          eventID,
          eventName,
          eventSource,
          eventTime
      FROM
          event_data_store_ID
      WHERE
          userIdentity.username = 'bob'
      AND
          eventTime > '2023-01-22 00:00:00'
      AND
          eventTime < '2023-01-23 00:00:00'
      ORDER BY eventTime
      """)
    #expect(output.columns == ["eventID", "eventName", "eventSource", "eventTime"])
    #expect(
      output.rows == [
        [TestRecord.id(2), "DescribeQuery", "cloudtrail.amazonaws.com", "2023-01-22 16:53:53.000"],
        [TestRecord.id(3), "ListBuckets", "s3.amazonaws.com", "2023-01-22 20:25:01.000"],
      ])
  }

  @Test func apiCountsBySourceAndName() throws {
    let rows = try Self.lake().rows(
      """
      SELECT
          eventSource,
          eventName,
          COUNT(*) AS apiCount
      FROM
          event_data_store_ID
      WHERE
          eventTime > '2023-01-01 00:00:00'
      GROUP BY
          eventSource, eventName
      ORDER BY
          apiCount DESC, eventName
      """)
    #expect(
      rows.first == ["signin.amazonaws.com", "ConsoleLogin", "2"]
        || rows.first == ["s3.amazonaws.com", "ListBuckets", "2"])
    #expect(rows.count == 5)
    #expect(rows.map { $0[2] } == ["2", "2", "1", "1", "1"])
  }

  @Test func consoleLoginsInTwoRegions() throws {
    let rows = try Self.lake().rows(
      """
      SELECT
          eventTime,
          useridentity.arn,
          awsRegion
      FROM
          event_data_store_ID
      WHERE
          awsRegion in ('us-east-1', 'us-west-2')
      AND
          eventName = 'ConsoleLogin'
      """)
    #expect(rows == [["2023-01-22 01:23:20.000", "arn:aws:iam::111122223333:user/alice", "us-west-2"]])
  }

  @Test func startedQueriesUnnamedColumns() throws {
    let output = try Self.lake().output(
      """
      SELECT
          element_at(responseElements, 'queryId'),
          element_at(requestParameters, 'queryStatement')
      FROM
          event_data_store_ID
      WHERE
          eventName='StartQuery'
      AND
          eventSource = 'cloudtrail.amazonaws.com'
      AND
          responseElements IS NOT NULL
      AND
          eventTime > '2023-01-01 00:00:00'
      AND
          eventTime < '2023-02-01 00:00:00'
      """)
    #expect(output.columns == ["_col0", "_col1"])
    #expect(
      output.rows == [["EXAMPLE-2f84-4bb2-b4c1-0d3bEXAMPLE", "select * from event_data_store_ID limit 1;"]])
  }

  @Test func selectStarLimitOneWithTrailingSemicolon() throws {
    let output = try Self.lake().output("select * from event_data_store_ID limit 1;")
    // The guide's 33 columns and enriched events' eventcontext (NULL here: no context key selectors).
    #expect(output.columns.count == 34)
    #expect(output.columns.first == "eventversion" && output.columns.last == "eventcontext")
  }

  @Test func unionAcrossThreeStores() throws {
    // query-limitations.md: UNION removes the duplicate of the overlapping store, UNION ALL keeps
    // the third store's rows.
    let rows = try Self.lake().rows(
      """
      Select eventId, eventName from EXAMPLEeds1 UNION Select eventId, eventName from EXAMPLEeds2
      UNION ALL Select eventId, eventName from EXAMPLEeds3 ORDER BY eventId LIMIT 10;
      """)
    #expect(rows.map { $0[0] } == [1, 2, 3, 4, 5, 6, 7].map { TestRecord.id($0) })
  }

  @Test func leftJoinAcrossStores() throws {
    let rows = try Self.lake().rows(
      """
      SELECT edsA.eventName, edsB.eventName
      FROM EXAMPLEeds1 as edsA
      LEFT JOIN EXAMPLEeds2 as edsB
      ON edsA.eventId = edsB.eventId
      WHERE edsA.eventtime <= '2023-01-22 02:00:00'
      ORDER BY edsB.eventName;
      """)
    #expect(rows == [["ConsoleLogin", "ConsoleLogin"], ["CreateBucket", nil]])
  }

  @Test func theGuidesIllustrativeMapColumnIsRefused() throws {
    // query-limitations.md writes `element_at(edsA.map, 'test')`: the schema has no column `map`.
    let message = try Self.lake().refusal(
      "SELECT edsA.eventName, element_at(edsA.map, 'test') FROM EXAMPLEeds1 as edsA")
    #expect(message == "line 1:40: Column 'edsA.map' cannot be resolved")
  }
}
