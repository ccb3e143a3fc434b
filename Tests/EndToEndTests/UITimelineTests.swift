import Foundation
import Testing

/// The resource timeline against the real binary: a security group's AWS Config items and the call
/// that changed it are ingested as JSON Lines; `T` in the call's detail shows the group's items, the
/// change with its cause, Enter opens the cause and esc comes back.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(2)))
struct UITimelineTests {
  static let now = "2024-03-01T13:00:00Z"
  static let groupARN = "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc1234"
  static let causeID = "11111111-2222-4333-8444-555555555555"

  /// One configuration item as CloudTrail Lake stores it (user guide, "Configuration item schema").
  static func item(_ id: String, at time: String, status: String, ports: [Int], related: [String]) -> String {
    let permissions = ports.map { #"{"ipProtocol":"tcp","fromPort":\#($0),"toPort":\#($0)}"# }
      .joined(separator: ",")
    let events = related.map { "\"\($0)\"" }.joined(separator: ",")
    return #"""
      {"eventVersion":"1.0","eventCategory":"ConfigurationItem","eventType":"AwsConfigurationItem",\#
      "eventID":"\#(id)","eventTime":"\#(time)","awsRegion":"us-east-1","recipientAccountId":"111122223333",\#
      "eventData":{"configurationItemVersion":"1.3","configurationItemCaptureTime":"\#(time)",\#
      "configurationItemStatus":"\#(status)","configurationStateId":"1","accountId":"111122223333",\#
      "resourceType":"AWS::EC2::SecurityGroup","resourceId":"sg-0abc1234","resourceName":"web",\#
      "arn":"\#(groupARN)","awsRegion":"us-east-1","availabilityZone":"Not Applicable",\#
      "configuration":{"groupId":"sg-0abc1234","ipPermissions":[\#(permissions)]},\#
      "supplementaryConfiguration":{},"relatedEvents":[\#(events)],"relationships":[],"tags":{}}}
      """#
  }

  static let cause = #"""
    {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAALICE",\#
    "arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAALICE",\#
    "userName":"alice"},"eventTime":"2024-03-01T12:04:58Z","eventSource":"ec2.amazonaws.com",\#
    "eventName":"AuthorizeSecurityGroupIngress","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.7",\#
    "userAgent":"aws-cli/2.15.0","requestParameters":{"groupId":"sg-0abc1234"},"responseElements":null,\#
    "requestID":"req-1","eventID":"\#(causeID)","readOnly":false,\#
    "resources":[{"accountId":"111122223333","type":"AWS::EC2::SecurityGroup","ARN":"\#(groupARN)"}],\#
    "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333",\#
    "eventCategory":"Management"}
    """#

  @Test func tInAnEventsDetailShowsItsResourcesItemsAndEnterOpensTheCause() throws {
    let lines = [
      Self.item(
        "aaaaaaaa-0000-4000-8000-000000000001", at: "2024-03-01T11:00:00Z", status: "ResourceDiscovered",
        ports: [], related: []),
      Self.cause,
      Self.item(
        "aaaaaaaa-0000-4000-8000-000000000002", at: "2024-03-01T12:05:00Z", status: "OK", ports: [22],
        related: [Self.causeID]),
    ]
    let ui = try UIHarness.ingested(lines, now: Self.now)
    defer { ui.close() }
    let session = ui.session
    session.sendKeys("2")
    try session.waitFor("AuthorizeSecurityG")
    session.sendKeys("Enter")
    try session.waitFor("\"requestParameters\"")
    session.sendKeys("T")
    let screen = try session.waitFor("Timeline AWS::EC2::SecurityGroup sg-0abc1234 (web)")
    let text = screen.joined(separator: "\n")
    #expect(text.contains("2024-03-01 11:00:00 ResourceDiscovered"), "\(text)")
    #expect(
      text.contains("▸ caused by AuthorizeSecurityGroupIngress · 2024-03-01 12:04:58 · alice"), "\(text)")
    #expect(screen.contains { $0.hasPrefix("+ configuration.ipPermissions[0]") }, "\(text)")
    session.sendKeys("Enter")
    try session.waitFor("\"sourceIPAddress\": \"203.0.113.7\"")
    session.sendKeys("Escape")
    try session.waitFor("Item 2 of 2")
    session.sendKeys("Escape")
    try session.waitFor("\"requestParameters\"")
    session.sendKeys("Escape")
    try session.waitFor("Filter ReadOnly=false")
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }
}
