import Foundation
import Testing
import TrailCore

@testable import TrailServer

@Suite struct CloudTrailHandlerTests {
  @Test func aTrailIsCreatedAndReadBackThroughTheJSONProtocol() async throws {
    let fixture = try ServerFixture()
    try FileManager.default.createDirectory(
      atPath: fixture.folder + "/buckets/trail-bucket", withIntermediateDirectories: true)
    let handler = CloudTrailHandler(environment: fixture.environment)
    let created = await handler.handle(
      ServerFixture.cloudTrail("CreateTrail", #"{"Name":"main","S3BucketName":"trail-bucket"}"#),
      caller: fixture.caller(region: "eu-west-1"))
    #expect(created.status == 200, "\(created.text)")
    #expect(created.header("Content-Type") == "application/x-amz-json-1.1")
    #expect(created.header("x-amzn-RequestId") != nil)
    #expect(created.json?["TrailARN"] == .string("arn:aws:cloudtrail:eu-west-1:123456789012:trail/main"))
    // Members that were not set are omitted.
    #expect(created.json?["SnsTopicName"] == nil)

    let described = await handler.handle(
      ServerFixture.cloudTrail("DescribeTrails", #"{"trailNameList":["main"]}"#),
      caller: fixture.caller(region: "eu-west-1"))
    #expect(described.json?["trailList"]?.arrayValue?.count == 1)
  }

  @Test func errorsCarryTheExceptionNameAndMessage() async throws {
    let fixture = try ServerFixture()
    let handler = CloudTrailHandler(environment: fixture.environment)
    let cases: [(ServerRequest, String, String?)] = [
      (
        ServerFixture.cloudTrail("GetTrail", #"{"Name":"absent"}"#), "TrailNotFoundException",
        "Unknown trail: absent for the user: 123456789012"
      ),
      (
        ServerFixture.cloudTrail("GetTrail", #"{"Name":"ab"}"#), "InvalidTrailNameException",
        "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters."
      ),
      (ServerFixture.cloudTrail("GetTrail", "{"), "SerializationException", nil),
      (ServerFixture.cloudTrail("GetTrail", #"{"Name":7}"#), "SerializationException", nil),
      (
        ServerFixture.cloudTrail("GetTrail", "{}"), "ValidationException",
        "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
      ),
      (ServerFixture.cloudTrail("LookupEvents", #"{"MaxResults":51}"#), "InvalidMaxResultsException", nil),
      (ServerFixture.cloudTrail("FlyToTheMoon"), "UnknownOperationException", nil),
    ]
    for (request, name, message) in cases {
      let response = await handler.handle(request, caller: fixture.caller())
      #expect(response.status == 400, "\(response.text)")
      #expect(response.errorType == name, "\(response.text)")
      if let message { #expect(response.json?["message"] == .string(message)) }
    }
  }

  @Test func anOversizedBodyIsRefusedWithoutBeingRead() async throws {
    let fixture = try ServerFixture()
    let handler = CloudTrailHandler(environment: fixture.environment)
    var request = ServerFixture.cloudTrail("LookupEvents")
    request.body = Data(count: CloudTrailHandler.maximumBodyBytes + 1)
    let response = await handler.handle(request, caller: fixture.caller())
    #expect(response.status == 413)
    #expect(response.errorType == "ValidationException")
  }

  @Test func callsAreRecordedAsCloudTrailEventsOfTheCaller() async throws {
    let fixture = try ServerFixture()
    fixture.recorder.start()
    let handler = CloudTrailHandler(environment: fixture.environment)
    _ = await handler.handle(
      ServerFixture.cloudTrail("GetTrail", #"{"Name":"absent"}"#), caller: fixture.caller())
    _ = await handler.handle(ServerFixture.cloudTrail("DescribeTrails"), caller: fixture.caller())
    fixture.recorder.stop()
    let services = try StoreServices(fixture.environment.context(for: fixture.caller()))
    let page = try LookupEvents.perform(
      LookupEventsRequest(lookupAttributes: [LookupAttribute(.eventSource, "cloudtrail.amazonaws.com")]),
      with: services)
    let events = page.events ?? []
    #expect(Set(events.compactMap { $0.eventName }) == ["GetTrail", "DescribeTrails"])
    #expect(events.allSatisfy { $0.accessKeyId == "AKIDTEST" && $0.readOnly == "true" })
    let failed = events.first { $0.eventName == "GetTrail" }?.cloudTrailEvent ?? ""
    #expect(failed.contains(#""errorCode":"TrailNotFoundException""#))
    #expect(failed.contains(#""requestParameters":{"name":"absent"}"#))
    #expect(failed.contains(#""userAgent":"tests""#))
  }

  @Test func targetsAreReadInTheirShortAndLongForms() {
    #expect(CloudTrailHandler.operationName("CloudTrail_20131101.GetTrail") == "GetTrail")
    #expect(
      CloudTrailHandler.operationName("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents")
        == "LookupEvents")
    #expect(CloudTrailHandler.operationName("Other.GetTrail") == nil)
    #expect(CloudTrailHandler.operationName("CloudTrail_20131101.") == nil)
    #expect(CloudTrailHandler.operationName(nil) == nil)
  }
}
