import Foundation
import Testing
import TrailCore

@testable import TrailServer

@Suite struct RecordedCallTests {
  let caller = Caller(
    accessKeyID: "AKIDEXAMPLE", account: "111122223333", userName: "alice", region: "eu-west-1",
    sourceIPAddress: "127.0.0.1", userAgent: "aws-cli/1.45")

  @Test func aWriteIsRecordedAsAnIAMUsersManagementEvent() throws {
    let call = RecordedCall(
      eventSource: "cloudtrail.amazonaws.com", eventName: "CreateTrail", caller: caller,
      time: Date(timeIntervalSince1970: 1_764_806_400), requestID: "r-1",
      requestParameters: .object([("name", .string("t"))]), readOnly: false)
    let text = call.record(eventID: "e-1").compactText()
    #expect(text.contains(#""type":"IAMUser""#))
    #expect(text.contains(#""arn":"arn:aws:iam::111122223333:user/alice""#))
    #expect(text.contains(#""accessKeyId":"AKIDEXAMPLE""#))
    #expect(text.contains(#""eventTime":"2025-12-04T00:00:00Z""#))
    #expect(text.contains(#""awsRegion":"eu-west-1""#))
    #expect(text.contains(#""requestParameters":{"name":"t"}"#))
    #expect(text.contains(#""responseElements":null"#))
    #expect(text.contains(#""readOnly":false"#))
    #expect(text.contains(#""recipientAccountId":"111122223333""#))
  }

  @Test func aCallWithoutAUserIsTheAccountsRoot() {
    var root = caller
    root.userName = nil
    let text = RecordedCall(
      eventSource: "cloudtrail.amazonaws.com", eventName: "LookupEvents", caller: root, time: Date(),
      requestID: "r", errorCode: "InvalidTimeRangeException", errorMessage: "m", readOnly: true
    ).record().compactText()
    #expect(text.contains(#""type":"Root""#))
    #expect(text.contains(#""errorCode":"InvalidTimeRangeException""#))
    #expect(!text.contains("userName"))
  }

  @Test func readOnlyFollowsTheVerb() {
    for name in ["LookupEvents", "GetTrail", "DescribeTrails", "ListTags", "GetEventSelectors"] {
      #expect(RecordedCall.isReadOnly(name), "\(name)")
    }
    for name in ["CreateTrail", "PutEventSelectors", "StartLogging", "AddTags", "DeleteTrail"] {
      #expect(!RecordedCall.isReadOnly(name), "\(name)")
    }
  }

  @Test func principalIDsAreStablePerUser() {
    let a = RecordedCall.principalID(account: "1", user: "alice")
    #expect(a == RecordedCall.principalID(account: "1", user: "alice"))
    #expect(a != RecordedCall.principalID(account: "1", user: "bob"))
    #expect(a.hasPrefix("AIDA") && a.count == 21)
  }
}

@Suite struct CallRecorderTests {
  /// Delivery reads `writtenThrough`: it must not pass a call still being answered, and must move on
  /// once the call is stored.
  @Test func writtenThroughWaitsForCallsInFlight() async throws {
    let fixture = try ServerFixture()
    let clock = ManualClock(Date(timeIntervalSince1970: 1_796_400_000))
    let recorder = CallRecorder(databasePath: fixture.environment.databasePath, clock: clock, interval: 0.01)
    recorder.start()
    let (ticket, arrived) = recorder.begin()
    clock.advance(by: 60)
    try await Task.sleep(for: .milliseconds(100))
    #expect(recorder.writtenThrough <= arrived)
    recorder.record(
      RecordedCall(
        eventSource: "cloudtrail.amazonaws.com", eventName: "DescribeTrails", caller: fixture.caller(),
        time: arrived, requestID: "r", readOnly: true), ticket: ticket)
    var waited = 0
    while recorder.writtenThrough < clock.now(), waited < 200 {
      try await Task.sleep(for: .milliseconds(10))
      waited += 1
    }
    recorder.stop()
    #expect(recorder.writtenThrough == clock.now())
  }
}
