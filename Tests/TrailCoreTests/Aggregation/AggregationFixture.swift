import Foundation
import Testing

@testable import TrailCore

/// A store with a bucket `logs`, a trail `agg` of account 111122223333 in us-east-1 that logs S3
/// object data events, and hand-made data events entering the store live (as the API's do), on a
/// clock the test moves.
final class AggregationFixture {
  static let account = "111122223333"
  /// 2026-01-01T00:00:00Z, a 5-minute mark.
  static let start: Int64 = 1_767_225_600
  static let alice = "arn:aws:iam::111122223333:user/alice"
  static let bob = "arn:aws:sts::111122223333:assumed-role/Reader/bob"

  let store: TestStore
  let buckets: String
  let clock: ManualClock
  private var batches = 0

  init() throws {
    store = try TestStore()
    buckets = store.folder + "/buckets"
    try FileManager.default.createDirectory(atPath: buckets + "/logs", withIntermediateDirectories: true)
    clock = ManualClock(TestTime.date(Self.start))
    _ = try RecordIntake(databasePath: store.dbPath, clock: clock)
  }

  var context: StoreContext {
    StoreContext(
      databasePath: store.dbPath, clock: clock, bucketsDirectory: buckets, account: Self.account,
      region: "us-east-1")
  }

  func services(region: String = "us-east-1") throws -> StoreServices {
    var context = self.context
    context.region = region
    return try StoreServices(context)
  }

  /// Creates and starts trail `name` logging S3 object data events (and management events).
  @discardableResult
  func makeTrail(_ name: String = "agg", dataEvents: Bool = true) throws -> String {
    let services = try services()
    let arn = try CreateTrail.perform(CreateTrailRequest(name: name, s3BucketName: "logs"), with: services)
      .trailARN
    if dataEvents {
      _ = try PutEventSelectors.perform(
        PutEventSelectorsRequest(
          trailName: name,
          advancedEventSelectors: [
            AdvancedEventSelector(fieldSelectors: [
              AdvancedFieldSelector(field: "eventCategory", equals: ["Data"]),
              AdvancedFieldSelector(field: "resources.type", equals: ["AWS::S3::Object"]),
            ])
          ]), with: services)
    }
    _ = try StartLogging.perform(StartLoggingRequest(name: name), with: services)
    return try #require(arn)
  }

  @discardableResult
  func aggregate(_ templates: [String], trail name: String = "agg") throws -> PutEventConfigurationResponse {
    try PutEventConfiguration.perform(
      PutEventConfigurationRequest(
        trailName: name,
        aggregationConfigurations: [AggregationConfiguration(templates: templates, eventCategory: "Data")]),
      with: services())
  }

  /// An S3 object data event of `user` on `bucket`, `offset` seconds after `start`.
  static func s3Event(
    _ n: Int, at offset: Int64, _ name: String, bucket: String, user: String, error: String? = nil
  ) -> String {
    let ip = user == alice ? "198.51.100.1" : "198.51.100.2"
    let agent = user == alice ? "aws-cli/2.15.0" : "Boto3/1.34.0"
    var json = #"{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","principalId":"AIDA\#(n)","#
    json += #""arn":"\#(user)","accountId":"\#(account)"},"#
    json += #""eventTime":"\#(ISO8601Time.format(start + offset))","eventSource":"s3.amazonaws.com","#
    json +=
      #""eventName":"\#(name)","awsRegion":"us-east-1","sourceIPAddress":"\#(ip)","userAgent":"\#(agent)","#
    if let error { json += #""errorCode":"\#(error)","errorMessage":"Access Denied","# }
    json += #""requestParameters":{"bucketName":"\#(bucket)","key":"k\#(n)"},"responseElements":null,"#
    json += #""requestID":"R\#(n)","eventID":"\#(TestRecord.id(n))","readOnly":\#(name.hasPrefix("Get")),"#
    json += #""resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::\#(bucket)/k\#(n)"},"#
    json += #"{"accountId":"\#(account)","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::\#(bucket)"}],"#
    json += #""eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"\#(account)","#
    json += #""eventCategory":"Data"}"#
    return json
  }

  /// A DynamoDB data event, which the trail's selectors (S3 objects only) do not log.
  static func dynamoEvent(_ n: Int, at offset: Int64) -> String {
    var json =
      #"{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","arn":"\#(alice)","accountId":"\#(account)"},"#
    json += #""eventTime":"\#(ISO8601Time.format(start + offset))","eventSource":"dynamodb.amazonaws.com","#
    json +=
      #""eventName":"GetItem","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.1","userAgent":"x","#
    json += #""eventID":"\#(TestRecord.id(n))","readOnly":true,"#
    json +=
      #""resources":[{"type":"AWS::DynamoDB::Table","ARN":"arn:aws:dynamodb:us-east-1:\#(account):table/t"}],"#
    json +=
      #""eventType":"AwsApiCall","managementEvent":false,"recipientAccountId":"\#(account)","eventCategory":"Data"}"#
    return json
  }

  /// Appends records as the API's calls enter the store: live, in a batch of their own.
  func arrive(_ records: [String]) throws {
    batches += 1
    let intake = try RecordIntake(databasePath: store.dbPath, clock: clock)
    _ = try intake.append([
      RecordIntake.Batch(source: "api:aggregation/\(batches)", records: records.map { Array($0.utf8) })
    ])
  }

  /// Runs every delivery due up to `offset` seconds after `start`.
  func deliver(through offset: Int64) throws {
    clock.set(TestTime.date(Self.start + offset))
    try TrailDelivery(context: context).runDue(upTo: clock.now())
  }

  /// The bucket's aggregated-event keys, sorted.
  func aggregatedKeys() throws -> [String] {
    try BucketFolder(context).list(bucket: "logs").filter { $0.contains("/CloudTrail-Aggregated/") }.sorted()
  }

  /// The records of the file at `key`.
  func records(_ key: String) throws -> [JSONValue] {
    let object = try BucketFolder(context).get(bucket: "logs", key: key)
    let file = try JSONValue(parsing: try Gzip.inflate(object.bytes, path: key))
    guard case .array(let records)? = file["Records"] else { return [] }
    return records
  }
}
