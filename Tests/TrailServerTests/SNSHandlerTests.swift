import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// SNS's query protocol through `SNSHandler.handle`: form bodies in, SNS's XML out, each call
/// recorded as an `sns.amazonaws.com` event.
@Suite struct SNSHandlerTests {
  static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
  static let caller = Caller(
    accessKeyID: "AKIDEXAMPLE", account: "111122223333", region: "us-east-1", userAgent: "Boto3/1.43")
  static let namespace = "http://sns.amazonaws.com/doc/2010-03-31/"

  /// A store and buckets folder in a temporary folder, removed when the test ends.
  final class Fixture {
    let folder = NSTemporaryDirectory() + "traildeck-sns-" + UUID().uuidString
    let environment: ServerEnvironment
    let handler: SNSHandler

    init() throws {
      try FileManager.default.createDirectory(atPath: folder + "/buckets", withIntermediateDirectories: true)
      let clock = FixedClock(SNSHandlerTests.now)
      environment = ServerEnvironment(
        databasePath: folder + "/store.db", bucketsDirectory: folder + "/buckets", clock: clock,
        defaultAccount: "111122223333", work: BlockingWork(threads: 2),
        recorder: CallRecorder(databasePath: folder + "/store.db", clock: clock))
      handler = SNSHandler(environment: environment)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// POSTs `form` as botocore does, returning the status and the body as text.
    func call(_ form: String, caller: Caller = SNSHandlerTests.caller) async -> (status: Int, body: String) {
      let request = ServerRequest(
        method: "POST", rawPath: "/",
        headers: [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")],
        body: Data(form.utf8))
      let response = await handler.handle(request, caller: caller)
      #expect(response.header("Content-Type") == "text/xml")
      #expect(response.header("x-amzn-RequestId")?.count == 36)
      return (response.status, String(decoding: response.body, as: UTF8.self))
    }
  }

  /// `body` with its request id replaced by `RID`, for pinning whole documents.
  static func pinned(_ body: String) -> String {
    body.replacingOccurrences(
      of: #"<RequestId>[0-9a-f-]{36}</RequestId>"#, with: "<RequestId>RID</RequestId>",
      options: .regularExpression)
  }

  @Test func createTopicAnswersItsARNAndIsIdempotent() async throws {
    let fixture = try Fixture()
    let first = await fixture.call("Action=CreateTopic&Name=trail-topic&Version=2010-03-31")
    #expect(first.status == 200)
    #expect(
      Self.pinned(first.body)
        == "<?xml version=\"1.0\"?>\n<CreateTopicResponse xmlns=\"\(Self.namespace)\"><CreateTopicResult>"
        + "<TopicArn>arn:aws:sns:us-east-1:111122223333:trail-topic</TopicArn></CreateTopicResult>"
        + "<ResponseMetadata><RequestId>RID</RequestId></ResponseMetadata></CreateTopicResponse>")
    let again = await fixture.call("Action=CreateTopic&Name=trail-topic&Version=2010-03-31")
    #expect(Self.pinned(again.body) == Self.pinned(first.body))
    // The CLI and trails see the same topic.
    #expect(
      SnsTopics(fixture.environment.context(for: Self.caller)).exists(
        arn: "arn:aws:sns:us-east-1:111122223333:trail-topic"))
  }

  @Test func createTopicTakesAttributesAsAMap() async throws {
    let fixture = try Fixture()
    let form =
      "Action=CreateTopic&Name=t&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Trail+%26+Co&Version=2010-03-31"
    #expect(await fixture.call(form).status == 200)
    let got = await fixture.call(
      "Action=GetTopicAttributes&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3At")
    #expect(got.status == 200)
    #expect(
      got.body.contains("<entry><key>DisplayName</key><value>Trail &amp; Co</value></entry>"), "\(got.body)")
    #expect(got.body.contains("<entry><key>Owner</key><value>111122223333</value></entry>"))
    #expect(got.body.contains("<entry><key>SubscriptionsConfirmed</key><value>0</value></entry>"))
    #expect(
      got.body.contains("<key>Policy</key><value>{&quot;Version&quot;:&quot;2008-10-17&quot;"), "\(got.body)")
    #expect(got.body.contains("<GetTopicAttributesResult><Attributes><entry>"))
  }

  @Test func listTopicsIsTheCallersAccountAndRegionSorted() async throws {
    let fixture = try Fixture()
    for name in ["b", "a"] { _ = await fixture.call("Action=CreateTopic&Name=\(name)") }
    var west = Self.caller
    west.region = "us-west-2"
    _ = await fixture.call("Action=CreateTopic&Name=w", caller: west)
    let listed = await fixture.call("Action=ListTopics&Version=2010-03-31")
    #expect(
      Self.pinned(listed.body)
        == "<?xml version=\"1.0\"?>\n<ListTopicsResponse xmlns=\"\(Self.namespace)\"><ListTopicsResult><Topics>"
        + "<member><TopicArn>arn:aws:sns:us-east-1:111122223333:a</TopicArn></member>"
        + "<member><TopicArn>arn:aws:sns:us-east-1:111122223333:b</TopicArn></member></Topics></ListTopicsResult>"
        + "<ResponseMetadata><RequestId>RID</RequestId></ResponseMetadata></ListTopicsResponse>")
  }

  @Test func listTopicsPagesByAHundred() async throws {
    let fixture = try Fixture()
    let topics = SnsTopics(fixture.environment.context(for: Self.caller))
    for index in 0..<105 {
      try topics.create(
        name: String(format: "t%03d", index), account: "111122223333", region: "us-east-1", at: Self.now)
    }
    let first = await fixture.call("Action=ListTopics")
    #expect(first.body.components(separatedBy: "<member>").count - 1 == 100)
    let token = try #require(
      first.body.range(of: #"(?<=<NextToken>)[^<]+"#, options: .regularExpression).map {
        String(first.body[$0])
      })
    let encoded = token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token
    let second = await fixture.call("Action=ListTopics&NextToken=\(encoded)")
    #expect(second.body.components(separatedBy: "<member>").count - 1 == 5)
    #expect(second.body.contains(":t100<") && !second.body.contains("NextToken"), "\(second.body)")
    #expect(await fixture.call("Action=ListTopics&NextToken=junk").status == 400)
  }

  @Test func deleteTopicIsIdempotentAndMissingTopicsAreNotFound() async throws {
    let fixture = try Fixture()
    _ = await fixture.call("Action=CreateTopic&Name=t")
    let arn = "arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3At"
    let deleted = await fixture.call("Action=DeleteTopic&TopicArn=\(arn)")
    #expect(deleted.status == 200)
    #expect(
      Self.pinned(deleted.body)
        == "<?xml version=\"1.0\"?>\n<DeleteTopicResponse xmlns=\"\(Self.namespace)\">"
        + "<ResponseMetadata><RequestId>RID</RequestId></ResponseMetadata></DeleteTopicResponse>")
    #expect(await fixture.call("Action=DeleteTopic&TopicArn=\(arn)").status == 200)
    let missing = await fixture.call("Action=GetTopicAttributes&TopicArn=\(arn)")
    #expect(missing.status == 404)
    #expect(
      Self.pinned(missing.body)
        == "<?xml version=\"1.0\"?>\n<ErrorResponse xmlns=\"\(Self.namespace)\"><Error><Type>Sender</Type>"
        + "<Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>RID</RequestId></ErrorResponse>"
    )
  }

  @Test(arguments: [
    ("Action=CreateTopic&Name=no+spaces", 400, "InvalidParameter", "Invalid parameter: Topic Name"),
    (
      "Action=CreateTopic", 400, "ValidationError",
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null"
    ),
    ("Action=DeleteTopic&TopicArn=nope", 400, "InvalidParameter", "Invalid parameter: TopicArn"),
    (
      "Action=Publish&TopicArn=x", 400, "InvalidAction",
      "The action Publish is not valid for this web service."
    ),
    ("Version=2010-03-31", 400, "InvalidAction", "The action  is not valid for this web service."),
  ])
  func errorsCarrySNSsCodeAndStatus(form: String, status: Int, code: String, message: String) async throws {
    let fixture = try Fixture()
    let answer = await fixture.call(form)
    #expect(answer.status == status)
    #expect(answer.body.contains("<Code>\(code)</Code><Message>\(message)</Message>"), "\(answer.body)")
  }

  @Test func callsAreRecordedAsSNSEvents() async throws {
    let fixture = try Fixture()
    fixture.environment.recorder.start()
    _ = await fixture.call("Action=CreateTopic&Name=t")
    _ = await fixture.call(
      "Action=GetTopicAttributes&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A111122223333%3Aabsent")
    _ = await fixture.call("Action=Publish")
    fixture.environment.recorder.stop()
    let services = try StoreServices(
      StoreContext(databasePath: fixture.environment.databasePath, clock: FixedClock(Self.now)))
    let events =
      try LookupEvents.perform(
        LookupEventsRequest(lookupAttributes: [LookupAttribute(.eventSource, "sns.amazonaws.com")]),
        with: services
      ).events ?? []
    #expect(events.compactMap(\.eventName).sorted() == ["CreateTopic", "GetTopicAttributes"])
    let created = try #require(events.first { $0.eventName == "CreateTopic" }?.cloudTrailEvent)
    #expect(created.contains(#""requestParameters":{"name":"t"}"#), "\(created)")
    #expect(created.contains(#""responseElements":{"topicArn":"arn:aws:sns:us-east-1:111122223333:t"}"#))
    #expect(created.contains(#""readOnly":false"#))
    let failed = try #require(events.first { $0.eventName == "GetTopicAttributes" }?.cloudTrailEvent)
    #expect(failed.contains(#""errorCode":"NotFound""#) && failed.contains(#""readOnly":true"#), "\(failed)")
  }
}
