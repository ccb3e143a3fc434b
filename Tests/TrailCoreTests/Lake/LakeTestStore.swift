import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// A store of a few known events and an engine whose one table, `eds1` (or its ARN), holds them all —
/// the event data stores' own membership is tested with them; here the subject is the SQL.
final class LakeTestStore {
  static let arn = "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/eds1"
  let store: TestStore
  let connection: SQLiteConnection
  /// 2024-03-01T13:00:00Z: one hour after the first event.
  let now = TestTime.date(TestTime.base + 3600)

  /// The events: alice's DescribeInstances, bob's RunInstances (an error, two resources, nested
  /// requestParameters), carol's assumed-role ListBuckets in eu-west-1, and alice's CreateBucket.
  static let records: [TestRecord] = [
    TestRecord(TestRecord.id(1), at: TestTime.base),
    TestRecord(TestRecord.id(2), at: TestTime.base + 60).with {
      $0.eventName = "RunInstances"
      $0.readOnly = false
      $0.identity = TestRecord.iamUser("bob", key: "AKIABOB")
      $0.resources =
        #"[{"accountId":"111122223333","type":"AWS::EC2::Instance","ARN":"arn:aws:ec2:us-east-1:111122223333:instance/i-1"},{"type":"AWS::EC2::Volume","ARN":"arn:aws:ec2:us-east-1:111122223333:volume/vol-1"}]"#
      $0.patches["requestParameters"] =
        #"{"instanceType": "m1.small", "minCount": 1, "ebsOptimized": false, "tags": [{"key": "env", "value": "prod"}]}"#
      $0.patches["errorCode"] = #""Client.UnauthorizedOperation""#
      $0.patches["errorMessage"] = #""You are not authorized""#
    },
    TestRecord(TestRecord.id(3), at: TestTime.base + 120).with {
      $0.eventName = "ListBuckets"
      $0.eventSource = "s3.amazonaws.com"
      $0.awsRegion = "eu-west-1"
      $0.identity =
        #"{"type":"AssumedRole","principalId":"AROACAROL:carol","arn":"arn:aws:sts::111122223333:assumed-role/Admin/carol","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROACAROL","arn":"arn:aws:iam::111122223333:role/Admin","accountId":"111122223333","userName":"Admin"},"attributes":{"creationDate":"2024-03-01T11:00:00Z","mfaAuthenticated":"true"}}}"#
    },
    TestRecord(TestRecord.id(4), at: TestTime.base + 180).with {
      $0.eventName = "CreateBucket"
      $0.eventSource = "s3.amazonaws.com"
      $0.readOnly = false
      $0.patches["requestParameters"] = #"{"bucketName":"logs-bucket","Host":"logs-bucket.s3.amazonaws.com"}"#
    },
  ]

  /// Extra tables by name: a SQLite condition on `events` choosing their members.
  let tables: [String: String]

  init(records: [TestRecord] = LakeTestStore.records, tables: [String: String] = [:]) throws {
    self.tables = tables
    store = try TestStore()
    try store.write("events.json", records: records)
    _ = try store.ingest()
    connection = try SQLiteConnection(path: store.dbPath, readOnly: true)
  }

  var engine: LakeSQLEngine {
    let tables = tables
    return LakeSQLEngine { name, _, _ in
      if let condition = tables[name.lowercased()] {
        return LakeTableSource(
          sql: LakeSQLEngine.eventsSource(where: condition),
          arn: "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/\(name.lowercased())")
      }
      guard name.lowercased() == "eds1" || name == Self.arn else { return nil }
      return LakeTableSource(sql: LakeSQLEngine.eventsSource(), arn: Self.arn)
    }
  }

  var context: StoreContext { StoreContext(databasePath: store.dbPath, clock: FixedClock(now)) }

  func output(_ sql: String, parameters: [String] = []) throws -> LakeQueryOutput {
    let prepared = try engine.prepare(sql, parameters: parameters, connection: connection, context: context)
    return try prepared.run(on: connection, now: now, cancellation: LakeCancellation())
  }

  /// The rows of `sql`, values as Lake prints them.
  func rows(_ sql: String, parameters: [String] = []) throws -> [[String?]] {
    try output(sql, parameters: parameters).rows
  }

  /// The single value of a one-row, one-column statement.
  func value(_ sql: String) throws -> String? {
    let rows = try rows(sql)
    #expect(rows.count == 1 && rows.first?.count == 1, "\(sql) gave \(rows)")
    return rows.first?.first ?? nil
  }

  /// The InvalidQueryStatementException message of a refused statement, or nil if accepted.
  func refusal(_ sql: String) -> String? {
    do {
      _ = try engine.prepare(sql, parameters: [], connection: connection, context: context)
      return nil
    } catch let error as ServiceError {
      #expect(error.exceptionName == "InvalidQueryStatementException")
      return error.message
    } catch {
      return "\(error)"
    }
  }

  /// The failure message of a statement that fails while running.
  func failure(_ sql: String) -> String? {
    do {
      _ = try output(sql)
      return nil
    } catch let error as LakeQueryFailure {
      return error.message
    } catch {
      return "\(error)"
    }
  }
}
