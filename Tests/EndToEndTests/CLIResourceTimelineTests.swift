import Foundation
import Testing

/// `traildeck resource-timeline`: the UI's timeline as text and JSON, over Config items and the call
/// that changed the resource, ingested as JSON Lines.
@Suite("CLI resource timeline")
struct CLIResourceTimelineTests {
  static func scratch() throws -> CLIScratch {
    let scratch = try CLIScratch()
    let lines = [
      UITimelineTests.item(
        "aaaaaaaa-0000-4000-8000-000000000001", at: "2024-03-01T11:00:00Z", status: "ResourceDiscovered",
        ports: [], related: []),
      UITimelineTests.cause,
      UITimelineTests.item(
        "aaaaaaaa-0000-4000-8000-000000000002", at: "2024-03-01T12:05:00Z", status: "OK", ports: [22],
        related: [UITimelineTests.causeID]),
    ]
    try scratch.write("config.jsonl", lines.joined(separator: "\n") + "\n")
    let ingest = try scratch.run(["ingest", "--quiet", scratch.folder + "/config.jsonl"])
    try #require(ingest.status == 0, "\(ingest)")
    return scratch
  }

  @Test func textListsTheItemsChangesAndCauses() throws {
    let scratch = try Self.scratch()
    let result = try scratch.run(["resource-timeline", UITimelineTests.groupARN])
    #expect(result.status == 0, "\(result)")
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(
      lines.first
        == "AWS::EC2::SecurityGroup sg-0abc1234 (web) · 111122223333 us-east-1 · 2 configuration items")
    #expect(
      lines.contains("2024-03-01T12:05:00.000Z  OK  2 changes: ~status, +configuration.ipPermissions[0]"))
    #expect(
      lines.contains(
        "  caused by AuthorizeSecurityGroupIngress 2024-03-01T12:04:58Z alice (arn:aws:iam::111122223333:user/alice) 203.0.113.7 [\(UITimelineTests.causeID)]"
      ))
    #expect(
      lines.contains(#"  + configuration.ipPermissions[0]  {"ipProtocol":"tcp","fromPort":22,"toPort":22}"#))
  }

  @Test func jsonAndAnEmptyTimeline() throws {
    let scratch = try Self.scratch()
    let result = try scratch.run(["resource-timeline", "sg-0abc1234", "--output", "json"])
    #expect(result.status == 0, "\(result)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let items = try #require(object["items"] as? [[String: Any]])
    #expect(items.map { $0["configurationItemStatus"] as? String } == ["ResourceDiscovered", "OK"])
    let cause = try #require((items[1]["causedBy"] as? [[String: Any]])?.first)
    #expect(cause["eventName"] as? String == "AuthorizeSecurityGroupIngress")
    let empty = try scratch.run(["resource-timeline", "vpc-00000000"])
    #expect(empty.status == 0)
    #expect(empty.stdout.hasPrefix("no configuration items for vpc-00000000\nhelp: "))
  }
}
