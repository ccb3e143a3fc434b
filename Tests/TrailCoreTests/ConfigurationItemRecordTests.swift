import Testing

@testable import TrailCore

@Suite struct ConfigurationItemRecordTests {
  let item = ConfigurationItemRecord(
    captureTime: 1_700_000_123_456, status: .ok, accountId: "111122223333",
    resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0abc", resourceName: "web",
    arn: "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc", awsRegion: "us-east-1",
    resourceCreationTime: 1_699_000_000_000,
    configuration: .object([("groupId", .string("sg-0abc")), ("ipPermissions", .array([]))]),
    relatedEvents: ["e1"],
    relationships: [.init(name: "Is associated with", resourceType: "AWS::EC2::VPC", resourceId: "vpc-1")],
    tags: [(key: "team", value: "web"), (key: "env", value: "prod")])

  @Test func recordHasTheSchemaPagesFieldsInOrder() throws {
    guard case .object(let top) = item.record, case .object(let data)? = item.record["eventData"] else {
      Issue.record("not an object")
      return
    }
    #expect(
      top.map(\.key) == [
        "eventVersion", "eventCategory", "eventType", "eventID", "eventTime", "awsRegion",
        "recipientAccountId", "eventData",
      ])
    #expect(
      data.map(\.key) == [
        "configurationItemVersion", "configurationItemCaptureTime", "configurationItemStatus",
        "configurationStateId", "accountId", "resourceType", "resourceId", "resourceName", "arn", "awsRegion",
        "availabilityZone", "resourceCreationTime", "configuration", "supplementaryConfiguration",
        "relatedEvents", "relationships", "tags",
      ])
    #expect(item.record["eventTime"]?.stringValue == "2023-11-14T22:15:23Z")
    #expect(
      item.record["eventData"]?["configurationItemCaptureTime"]?.stringValue == "2023-11-14T22:15:23.456Z")
    #expect(item.record["eventData"]?["configurationStateId"]?.stringValue == "1700000123456")
    #expect(
      item.record["eventData"]?["tags"] == .object([("env", .string("prod")), ("team", .string("web"))]))
  }

  @Test func readsBackWhatItWrote() throws {
    let parsed = try JSONValue(parsing: item.json)
    #expect(ConfigurationItemRecord(record: parsed) == item)
    #expect(ConfigurationItemRecord(record: .object([("eventCategory", .string("Management"))])) == nil)
  }

  @Test func eventIDIsStablePerState() {
    let again = ConfigurationItemRecord(
      captureTime: item.captureTime, status: .ok, accountId: item.accountId, resourceType: item.resourceType,
      resourceId: item.resourceId, awsRegion: "us-east-1", configuration: .null)
    #expect(again.eventID == item.eventID)
    #expect(again.eventID.count == 36)
    // A version-5-shaped UUID of the text's SHA-256 (Python's hashlib gives the same).
    #expect(StableUUID.from("insight|a") == "a04b97d0-ca5d-5359-a22e-d7fa3330584e")
  }

  @Test func millisecondTimesRoundTrip() {
    #expect(ISO8601Time.format(milliseconds: 5) == "1970-01-01T00:00:00.005Z")
    #expect(ISO8601Time.parseMilliseconds("2023-11-14T22:15:23.4Z") == 1_700_000_123_400)
    #expect(ISO8601Time.parseMilliseconds("2023-11-14T22:15:23Z") == 1_700_000_123_000)
  }
}
