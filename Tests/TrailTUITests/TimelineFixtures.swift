import Foundation
import TrailCore

@testable import TrailTUI

extension Fixture {
  static let groupARN = "arn:aws:ec2:us-east-1:123456789012:security-group/sg-0abc1234"

  static func groupItem(
    _ secondsAgo: Int, status: ConfigurationItemRecord.Status = .ok, ports: [Int64], env: String,
    related: [String] = []
  ) -> ConfigurationItemRecord {
    ConfigurationItemRecord(
      captureTime: Int64((now.timeIntervalSince1970 - Double(secondsAgo)) * 1000), status: status,
      accountId: "123456789012", resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0abc1234",
      resourceName: "web", arn: groupARN, awsRegion: "us-east-1",
      configuration: .object([
        ("groupId", .string("sg-0abc1234")),
        (
          "ipPermissions",
          .array(ports.map { .object([("ipProtocol", .string("tcp")), ("toPort", .integer($0))]) })
        ),
      ]),
      relatedEvents: related, tags: [(key: "env", value: env)])
  }

  /// A security group's three items: discovered, a rule added by alice, a port changed by two calls
  /// (one of them not in the store).
  static let timeline: ResourceTimeline = {
    let items = [
      groupItem(7_200, status: .resourceDiscovered, ports: [], env: "dev"),
      groupItem(3_600, ports: [22], env: "prod", related: ["id-5"]),
      groupItem(600, ports: [2222], env: "prod", related: ["id-6", "0000-missing"]),
    ]
    let causes: [[CausingEvent]] = [
      [],
      [
        CausingEvent(
          eventID: "id-5", rowID: 5, eventName: "AuthorizeSecurityGroupIngress",
          eventTime: now.addingTimeInterval(-3_610), userArn: "arn:aws:iam::123456789012:user/alice",
          userName: "alice", sourceIPAddress: "203.0.113.5")
      ],
      [
        CausingEvent(
          eventID: "id-6", rowID: 6, eventName: "ModifySecurityGroupRules",
          eventTime: now.addingTimeInterval(-620), userArn: "arn:aws:iam::123456789012:user/bob",
          userName: "bob", sourceIPAddress: "198.51.100.7"),
        CausingEvent(eventID: "0000-missing"),
      ],
    ]
    var previous: ConfigurationItemRecord?
    var entries: [ResourceTimeline.Entry] = []
    for (index, item) in items.enumerated() {
      entries.append(
        ResourceTimeline.Entry(
          item: item, rowID: 100 + Int64(index), changes: ConfigurationDiff.changes(from: previous, to: item),
          causes: causes[index], isFirst: previous == nil))
      previous = item
    }
    return ResourceTimeline(
      query: .identifier("sg-0abc1234"), resource: ResourceIdentity(items[2]), entries: entries)
  }()

  /// The event detail of row 9 (`Fixture.record`), with `T` pressed and the timeline answered.
  static func timelineState(size: Size = Size(width: 80, height: 24), timeline: ResourceTimeline = timeline)
    -> AppState
  {
    var state = historyState(size: size)
    _ = update(&state, .key(.enter))
    _ = update(&state, .recordLoaded(rowID: 9, record: record))
    let effects = update(&state, .key(.character("T")))
    if case .loadResourceTimeline(let requestID, _) = effects.first {
      _ = update(&state, .resourceTimelineLoaded(requestID: requestID, timeline))
    }
    return state
  }
}
