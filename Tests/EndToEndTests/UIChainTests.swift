import Foundation
import Testing

/// Service chains against the real binary: a CloudFormation stack's calls, made by the service with
/// the caller's key (`invokedBy`), are ingested with the `CreateStack` that caused them; `b` in a
/// stack call's detail opens the `CreateStack`, `c` there lists both calls in time order, Enter opens
/// one and esc walks back.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(3)))
struct UIChainTests {
  static let now = "2024-03-01T13:00:00Z"

  /// A management call by alice's access key at `time`; `invokedBy` makes it a service's call for her.
  static func call(
    _ name: String, source: String, at time: String, id: String, invokedBy: String? = nil,
    requestParameters: String
  ) -> String {
    let invoked = invokedBy.map { #","invokedBy":"\#($0)""# } ?? ""
    return #"""
      {"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDAALICE",\#
      "arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","accessKeyId":"AKIAALICECHAIN",\#
      "userName":"alice"\#(invoked)},"eventTime":"\#(time)","eventSource":"\#(source)",\#
      "eventName":"\#(name)","awsRegion":"us-east-1","sourceIPAddress":"\#(invokedBy ?? "203.0.113.7")",\#
      "userAgent":"\#(invokedBy ?? "aws-cli/2.15.0")","requestParameters":\#(requestParameters),\#
      "responseElements":null,"requestID":"req-\#(id)","eventID":"\#(id)","readOnly":false,\#
      "eventType":"AwsApiCall","managementEvent":true,"recipientAccountId":"111122223333",\#
      "eventCategory":"Management"}
      """#
  }

  static let lines = [
    call(
      "CreateStack", source: "cloudformation.amazonaws.com", at: "2024-03-01T12:00:00Z",
      id: "aaaaaaaa-1111-4000-8000-000000000001", requestParameters: #"{"stackName":"web-stack"}"#),
    call(
      "CreateSecurityGroup", source: "ec2.amazonaws.com", at: "2024-03-01T12:00:20Z",
      id: "aaaaaaaa-1111-4000-8000-000000000002", invokedBy: "cloudformation.amazonaws.com",
      requestParameters: #"{"groupName":"web-sg"}"#),
    call(
      "RunInstances", source: "ec2.amazonaws.com", at: "2024-03-01T12:00:40Z",
      id: "aaaaaaaa-1111-4000-8000-000000000003", invokedBy: "cloudformation.amazonaws.com",
      requestParameters: #"{"instanceType":"t3.micro"}"#),
  ]

  @Test func bOpensTheCauseAndCListsWhatItCaused() throws {
    let ui = try UIHarness.ingested(Self.lines, now: Self.now)
    defer { ui.close() }
    let session = ui.session
    session.sendKeys("2")
    try session.waitFor("CreateStack")
    // Newest first: RunInstances is the first row.
    session.sendKeys("Enter")
    try session.waitFor("Event RunInstances · 2024-03-01 12:00:40")
    session.sendKeys("b")
    try session.waitFor("Event CreateStack · 2024-03-01 12:00:00")
    session.sendKeys("c")
    let screen = try session.waitFor("Caused 2 (enter opens, esc closes)")
    let text = screen.joined(separator: "\n")
    // In time order, as the stack made them.
    let first = screen.firstIndex { $0.contains("12:00:20  CreateSecurityGroup  alice  us-east-1") }
    let second = screen.firstIndex { $0.contains("12:00:40  RunInstances  alice  us-east-1") }
    #expect(first != nil && second == first.map { $0 + 1 }, "\(text)")
    session.sendKeys("j")
    session.sendKeys("Enter")
    try session.waitFor("Event RunInstances · 2024-03-01 12:00:40")
    try session.waitFor("\"instanceType\": \"t3.micro\"")
    // esc walks back to the cause, then to the detail b left.
    session.sendKeys("Escape")
    try session.waitFor("Event CreateStack · 2024-03-01 12:00:00")
    session.sendKeys("Escape")
    try session.waitFor("Event RunInstances · 2024-03-01 12:00:40")
    session.sendKeys("Escape")
    try session.waitFor("Filter ReadOnly=false")
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }
}
