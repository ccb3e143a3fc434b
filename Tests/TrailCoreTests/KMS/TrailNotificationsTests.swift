import Foundation
import Testing

@testable import TrailCore

/// What a delivery sends to SNS and CloudWatch Logs, as files beside the buckets.
@Suite("Trail notifications")
struct TrailNotificationsTests {
  static let time = Date(timeIntervalSince1970: 1_767_225_900.25)  // 2026-01-01T00:05:00.250Z

  static func notifications(_ store: TestStore) -> TrailNotifications {
    var notifications = TrailNotifications(
      snsDirectory: store.folder + "/sns", logsDirectory: store.folder + "/logs")
    notifications.messageID = { "00000000-0000-4000-8000-000000000001" }
    return notifications
  }

  static func lines(_ path: String) throws -> [String] {
    try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test func aNotificationIsSNSsEnvelopeAroundCloudTrailsMessage() throws {
    let store = try TestStore()
    let notifications = Self.notifications(store)
    let topic = "arn:aws:sns:us-east-1:111122223333:trail-topic"
    let keys = ["AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/a.json.gz", "b.json.gz"]
    // SNS refuses to publish to a topic that does not exist; once made, the topic takes notifications.
    #expect(
      notifications.publish(topicARN: topic, bucket: "ct-logs", keys: keys, at: Self.time) == "NotFound")
    try SnsTopics(directory: store.folder + "/sns").create(
      name: "trail-topic", account: "111122223333", region: "us-east-1", at: Self.time)
    #expect(notifications.publish(topicARN: topic, bucket: "ct-logs", keys: keys, at: Self.time) == nil)
    #expect(notifications.publish(topicARN: topic, bucket: "ct-logs", keys: keys, at: Self.time) == nil)
    let path = store.folder + "/sns/us-east-1/111122223333/trail-topic.jsonl"
    let lines = try Self.lines(path)
    #expect(lines.count == 2)
    guard case .object(let members) = try JSONValue(parsing: lines[0]) else {
      Issue.record("not an object")
      return
    }
    #expect(
      members.map(\.key) == [
        "Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature",
        "SigningCertURL", "UnsubscribeURL",
      ])
    let value = Dictionary(uniqueKeysWithValues: members.map { ($0.key, $0.value) })
    #expect(value["Type"] == .string("Notification"))
    #expect(value["MessageId"] == .string("00000000-0000-4000-8000-000000000001"))
    #expect(value["TopicArn"] == .string(topic))
    #expect(value["Timestamp"] == .string("2026-01-01T00:05:00.250Z"))
    #expect(
      value["Message"]
        == .string(
          #"{"s3Bucket":"ct-logs","s3ObjectKey":["AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/01/a.json.gz","b.json.gz"]}"#
        ))
    #expect(notifications.publish(topicARN: "not-an-arn", bucket: "b", keys: [], at: Self.time) == "NotFound")
  }

  @Test func logEventsGoToCloudTrailsStreamAndBigRecordsAreLeftOut() throws {
    let store = try TestStore()
    let notifications = Self.notifications(store)
    let trail = TrailRecord(
      name: "main", ownerAccount: "111122223333", homeRegion: "us-east-1", s3BucketName: "ct-logs",
      includeGlobalServiceEvents: true, isMultiRegionTrail: false, logFileValidationEnabled: false,
      isOrganizationTrail: false, isLogging: true)
    var file = TrailLogFile(
      trail: trail, organizationID: nil, account: "111122223333", region: "us-east-1", time: Self.time)
    let small = TestRecord(TestRecord.id(1), at: TestTime.base).json
    let big = TestRecord(TestRecord.id(2), at: TestTime.base + 1).with {
      $0.patches["requestParameters"] = "\"" + String(repeating: "x", count: 262_144) + "\""
    }.json
    for (record, time) in [(small, TestTime.base), (big, TestTime.base + 1), (small, TestTime.base + 2)] {
      Array(record.utf8).withUnsafeBytes { file.add($0, eventTime: time) }
    }
    let group = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/cloudtrail/main:*"
    #expect(notifications.send(file.finished(kmsKeyId: nil), groupARN: group, organizationID: nil) == nil)
    let path =
      store.folder
      + "/logs/us-east-1/111122223333/%2Faws%2Fcloudtrail%2Fmain/111122223333_CloudTrail_us-east-1.jsonl"
    let lines = try Self.lines(path)
    #expect(lines.count == 2)
    #expect(lines[0] == TrailNotifications.logEvent(record: small, eventTime: TestTime.base))
    guard case .object(let members) = try JSONValue(parsing: lines[1]) else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["timestamp", "message"])
    #expect(members[0].value == .integer((TestTime.base + 2) * 1000))
    #expect(members[1].value == .string(small))
    #expect(
      TrailNotifications.streamName(account: "222233334444", region: "eu-west-1", organizationID: "o-abc")
        == "o-abc_222233334444_CloudTrail_eu-west-1")
    #expect(notifications.logGroupPath("arn:aws:logs:us-east-1:1:log-group:..:*") == nil)
  }
}
