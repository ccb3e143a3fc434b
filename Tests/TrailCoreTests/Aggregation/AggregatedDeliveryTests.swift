import Foundation
import Testing

@testable import TrailCore

/// Aggregated events delivered beside a trail's logs: exact counts per template from hand-made data
/// events over several windows (errors, several users and buckets), nothing for quiet windows or for
/// events the trail does not log, and nothing at all from a trail without aggregation.
@Suite("Aggregated data events: delivery")
struct AggregatedDeliveryTests {
  typealias F = AggregationFixture
  static let a = "arn:aws:s3:::bucket-a"
  static let b = "arn:aws:s3:::bucket-b"

  /// Window 1 (00:00–00:05): alice puts 3 objects into bucket-a (one AccessDenied), bob gets one from
  /// each bucket, and a management event. Window 2: nothing. Window 3 (00:10–00:15): alice gets 2 from
  /// bucket-b, and a DynamoDB event the trail's selectors leave out. At 00:15:00 exactly, bob gets one:
  /// window 4, not closed at 00:15.
  static func arrive(_ fixture: F) throws {
    try fixture.arrive([
      F.s3Event(1, at: 10, "PutObject", bucket: "bucket-a", user: F.alice),
      F.s3Event(2, at: 20, "PutObject", bucket: "bucket-a", user: F.alice, error: "AccessDenied"),
      F.s3Event(3, at: 299, "PutObject", bucket: "bucket-a", user: F.alice),
      F.s3Event(4, at: 30, "GetObject", bucket: "bucket-a", user: F.bob),
      F.s3Event(5, at: 40, "GetObject", bucket: "bucket-b", user: F.bob),
      TestRecord(TestRecord.id(6), at: F.start + 50).json,
    ])
    try fixture.arrive([
      F.s3Event(7, at: 600, "GetObject", bucket: "bucket-b", user: F.alice),
      F.s3Event(8, at: 899, "GetObject", bucket: "bucket-b", user: F.alice),
      F.dynamoEvent(9, at: 700),
      F.s3Event(10, at: 900, "GetObject", bucket: "bucket-a", user: F.bob),
    ])
  }

  /// `(template, eventSource, primary name, count)` of each record, in file order.
  static func primaries(_ records: [JSONValue]) -> [String] {
    records.map { record in
      let primary = record["summary"]?["primaryDimension"]
      let statistic: JSONValue? = {
        guard case .array(let list)? = primary?["statistics"] else { return nil }
        return list.first
      }()
      let value = statistic?["value"].map { $0.compactText() } ?? "?"
      return
        "\(primary?["dimension"]?.stringValue ?? "?") \(statistic?["name"]?.stringValue ?? "?") \(value)"
    }
  }

  /// `dimension: name=value, …` of each detail of `record`.
  static func details(_ record: JSONValue) -> [String] {
    guard case .array(let details)? = record["summary"]?["details"] else { return [] }
    return details.map { detail in
      guard case .array(let statistics)? = detail["statistics"] else { return "?" }
      let pairs = statistics.map { "\($0["name"]?.stringValue ?? "?")=\($0["value"]?.compactText() ?? "?")" }
      return "\(detail["dimension"]?.stringValue ?? "?"): " + pairs.joined(separator: ", ")
    }
  }

  @Test func eachTemplateSummarizesTheClosedWindowsDataEvents() throws {
    let fixture = try F()
    let arn = try fixture.makeTrail()
    try fixture.aggregate(["API_ACTIVITY", "RESOURCE_ACCESS", "USER_ACTIONS"])
    try Self.arrive(fixture)
    try fixture.deliver(through: 900)

    let keys = try fixture.aggregatedKeys()
    #expect(keys.count == 2, "\(keys)")
    let folder = "AWSLogs/\(F.account)/CloudTrail-Aggregated/us-east-1/2026/01/01/"
    #expect(keys[0].hasPrefix(folder + "\(F.account)_CloudTrail-Aggregated_us-east-1_20260101T0005Z_"))
    #expect(keys[1].hasPrefix(folder + "\(F.account)_CloudTrail-Aggregated_us-east-1_20260101T0015Z_"))
    #expect(
      keys.allSatisfy { $0.range(of: #"Z_[A-Za-z0-9]{16}\.json\.gz$"#, options: .regularExpression) != nil },
      "\(keys)")

    let first = try fixture.records(keys[0])
    #expect(
      Self.primaries(first) == [
        "eventName GetObject 2", "eventName PutObject 3",
        "resourceARN \(Self.a) 4", "resourceARN \(Self.b) 1",
        "userIdentity \(F.alice) 3", "userIdentity \(F.bob) 2",
      ])
    #expect(first.map { $0["eventSource"]?.stringValue } == Array(repeating: "s3.amazonaws.com", count: 6))
    #expect(
      Self.details(first[1]) == [
        "resourceARN: \(Self.a)=3", "userIdentity: \(F.alice)=3", "userAgent: aws-cli/2.15.0=3",
        "sourceIpAddress: 198.51.100.1=3", "errorCodes: AccessDenied=1",
      ])
    #expect(
      Self.details(first[2]) == [
        "eventName: PutObject=3, GetObject=1", "userIdentity: \(F.alice)=3, \(F.bob)=1",
        "userAgent: aws-cli/2.15.0=3, Boto3/1.34.0=1", "sourceIpAddress: 198.51.100.1=3, 198.51.100.2=1",
        "errorCodes: AccessDenied=1",
      ])
    #expect(
      Self.details(first[5]) == [
        "eventName: GetObject=2", "resourceARN: \(Self.a)=1, \(Self.b)=1", "userAgent: Boto3/1.34.0=2",
        "sourceIpAddress: 198.51.100.2=2",
      ])

    // Window 3 only: the DynamoDB event is not the trail's, the event at 00:15:00 is the next window's.
    let third = try fixture.records(keys[1])
    #expect(
      Self.primaries(third) == [
        "eventName GetObject 2", "resourceARN \(Self.b) 2", "userIdentity \(F.alice) 2",
      ])
    #expect(third.allSatisfy { $0["timeWindow"]?["windowStart"] == .string("2026-01-01T00:10:00Z") })

    // The whole first record, member for member as the record reference writes it.
    let id = try #require(first[0]["eventId"]?.stringValue)
    #expect(
      id
        == StableUUID.from(
          "aggregated|\(arn)|\(F.account)|us-east-1|\(F.start)|API_ACTIVITY|s3.amazonaws.com|GetObject"))
    #expect(
      first[0].compactText()
        == #"{"eventVersion":"1.0","accountId":"111122223333","eventId":"\#(id)","eventCategory":"Aggregated","eventType":"AwsAggregatedEvent","awsRegion":"us-east-1","eventSource":"s3.amazonaws.com","timeWindow":{"windowStart":"2026-01-01T00:00:00Z","windowEnd":"2026-01-01T00:05:00Z","windowSize":"PT5M"},"summary":{"primaryDimension":{"dimension":"eventName","statistics":[{"name":"GetObject","value":2}],"aggregationType":"Count"},"details":[{"dimension":"resourceARN","statistics":[{"name":"arn:aws:s3:::bucket-a","value":1},{"name":"arn:aws:s3:::bucket-b","value":1}],"aggregationType":"Count"},{"dimension":"userIdentity","statistics":[{"name":"arn:aws:sts::111122223333:assumed-role/Reader/bob","value":2}],"aggregationType":"Count"},{"dimension":"userAgent","statistics":[{"name":"Boto3/1.34.0","value":2}],"aggregationType":"Count"},{"dimension":"sourceIpAddress","statistics":[{"name":"198.51.100.2","value":2}],"aggregationType":"Count"}]}}"#
    )
    #expect(Set((first + third).compactMap { $0["eventId"]?.stringValue }).count == 9)

    // The log files hold the data events themselves; the next window closes at 00:20.
    let metadata = try BucketFolder(fixture.context).get(bucket: "logs", key: keys[0]).metadata
    #expect(metadata.contentEncoding == "gzip" && metadata.serverSideEncryption == "AES256")
    try fixture.deliver(through: 1200)
    let later = try fixture.aggregatedKeys()
    #expect(later.count == 3)
    let fourth = try fixture.records(try #require(later.first { $0.contains("T0020Z") }))
    #expect(
      Self.primaries(fourth) == [
        "eventName GetObject 1", "resourceARN \(Self.a) 1", "userIdentity \(F.bob) 1",
      ])
  }

  @Test(arguments: [
    (
      "API_ACTIVITY",
      ["eventName GetObject 2", "eventName PutObject 3"], ["eventName GetObject 2"]
    ),
    (
      "RESOURCE_ACCESS",
      ["resourceARN \(a) 4", "resourceARN \(b) 1"], ["resourceARN \(b) 2"]
    ),
    (
      "USER_ACTIONS",
      ["userIdentity \(AggregationFixture.alice) 3", "userIdentity \(AggregationFixture.bob) 2"],
      ["userIdentity \(AggregationFixture.alice) 2"]
    ),
  ])
  func oneTemplateWritesOnlyItsRecords(template: String, firstWindow: [String], thirdWindow: [String]) throws
  {
    let fixture = try F()
    try fixture.makeTrail()
    try fixture.aggregate([template])
    try Self.arrive(fixture)
    try fixture.deliver(through: 900)
    let keys = try fixture.aggregatedKeys()
    #expect(keys.count == 2)
    #expect(Self.primaries(try fixture.records(keys[0])) == firstWindow)
    #expect(Self.primaries(try fixture.records(keys[1])) == thirdWindow)
  }

  @Test func aTrailWithoutAggregationDeliversNone() throws {
    let fixture = try F()
    try fixture.makeTrail()
    try Self.arrive(fixture)
    try fixture.deliver(through: 900)
    #expect(try fixture.aggregatedKeys().isEmpty)
    // Its log files did go out: aggregation is all that is missing.
    #expect(try BucketFolder(fixture.context).list(bucket: "logs").contains { $0.contains("/CloudTrail/") })
  }

  @Test func turningAggregationOffStopsTheFiles() throws {
    let fixture = try F()
    try fixture.makeTrail()
    try fixture.aggregate(["API_ACTIVITY"])
    try Self.arrive(fixture)
    try fixture.deliver(through: 300)
    #expect(try fixture.aggregatedKeys().count == 1)
    _ = try PutEventConfiguration.perform(
      PutEventConfigurationRequest(trailName: "agg", aggregationConfigurations: []), with: fixture.services())
    try fixture.deliver(through: 1200)
    #expect(try fixture.aggregatedKeys().count == 1)
  }

  /// Windows begin at the first 5-minute mark after aggregation is turned on; a window under way is
  /// not summarized in part.
  @Test func aggregationStartsAtTheNextWindow() throws {
    let fixture = try F()
    try fixture.makeTrail()
    fixture.clock.set(TestTime.date(F.start + 100))
    try fixture.aggregate(["API_ACTIVITY"])
    try Self.arrive(fixture)
    try fixture.deliver(through: 900)
    let keys = try fixture.aggregatedKeys()
    #expect(keys.count == 1 && keys[0].contains("T0015Z"), "\(keys)")
  }

  /// Delivery made again after a restart of the process writes nothing twice (its progress is stored).
  @Test func aWindowIsDeliveredOnce() throws {
    let fixture = try F()
    try fixture.makeTrail()
    try fixture.aggregate(["USER_ACTIONS"])
    try Self.arrive(fixture)
    try fixture.deliver(through: 900)
    let before = try fixture.aggregatedKeys()
    try fixture.deliver(through: 900)
    #expect(try fixture.aggregatedKeys() == before)
  }

  /// Ingesting the bucket folder reads the log files and skips the summaries (their records are not
  /// events), counting them.
  @Test func ingestSkipsAggregatedFiles() throws {
    let fixture = try F()
    try fixture.makeTrail()
    try fixture.aggregate(["API_ACTIVITY"])
    try Self.arrive(fixture)
    try fixture.deliver(through: 900)
    let other = try TestStore()
    let run = try other.ingest([fixture.buckets + "/logs"])
    #expect(run.summary.aggregatedFiles == 2 && run.summary.rejected == 0, "\(run.lines)")
    #expect(run.summary.eventsLoaded == 8)  // the S3 object events up to 00:15:00, as the trail logged them
    #expect(run.summary.line.contains("2 aggregated-event files skipped"))
  }

  @Test func aggregatedFilesAreSealedWithTheTrailsKey() throws {
    let fixture = try F()
    try fixture.makeTrail()
    let key = try KmsKeyRing(fixture.context).create(
      account: F.account, region: "us-east-1", at: fixture.clock.now())
    _ = try UpdateTrail.perform(UpdateTrailRequest(name: "agg", kmsKeyId: key.arn), with: fixture.services())
    try fixture.aggregate(["API_ACTIVITY"])
    try Self.arrive(fixture)
    try fixture.deliver(through: 300)
    let keys = try fixture.aggregatedKeys()
    #expect(keys.count == 1)
    let object = try BucketFolder(fixture.context).get(bucket: "logs", key: keys[0])
    #expect(object.metadata.serverSideEncryption == "aws:kms" && object.metadata.kmsKeyID == key.arn)
    #expect(
      Self.primaries(try fixture.records(keys[0])) == ["eventName GetObject 2", "eventName PutObject 3"])
  }
}
