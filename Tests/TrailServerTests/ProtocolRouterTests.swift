import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// Answers with the service it was mounted for and the caller it was given.
private struct EchoHandler: ProtocolHandler {
  var service: String
  func handle(_ request: ServerRequest, caller: Caller) async -> ServerResponse {
    .text(
      "\(service) \(caller.account) \(caller.region) \(caller.userName ?? "-")", contentType: "text/plain")
  }
}

@Suite struct ProtocolRouterTests {
  static let handlers: [String: any ProtocolHandler] = Dictionary(
    uniqueKeysWithValues: ["cloudtrail", "cloudtrail-data", "s3", "sns"].map {
      ($0, EchoHandler(service: $0))
    })

  func router(credentials: CredentialsFile? = nil) -> ProtocolRouter {
    ProtocolRouter(handlers: Self.handlers, credentials: credentials, defaultAccount: "123456789012")
  }

  @Test func theSignaturesScopeChoosesTheServiceAndRegion() async {
    let response = await router().respond(SignatureV4Tests.cloudTrailRequest)
    #expect(response.text == "cloudtrail 123456789012 eu-west-1 -")
    let s3 = await router().respond(SignatureV4Tests.s3Request)
    #expect(s3.text == "s3 123456789012 us-east-1 -")
  }

  @Test func unsignedRequestsAreToldByTheirShape() async {
    let cases: [(ServerRequest, String)] = [
      (ServerFixture.cloudTrail("LookupEvents"), "cloudtrail"),
      (
        ServerRequest(method: "POST", rawPath: "/PutAuditEvents", rawQuery: "channelArn=x"), "cloudtrail-data"
      ),
      (
        ServerRequest(method: "POST", rawPath: "/", body: Data("Action=ListTopics&Version=2010-03-31".utf8)),
        "sns"
      ),
      (ServerRequest(method: "GET", rawPath: "/bucket", rawQuery: "list-type=2"), "s3"),
      (ServerRequest(method: "GET", rawPath: "/"), "s3"),
    ]
    for (request, service) in cases {
      let response = await router().respond(request)
      #expect(response.text == "\(service) 123456789012 us-east-1 -")
    }
  }

  @Test func withCredentialsAKnownKeyGivesItsIdentity() async throws {
    let credentials = CredentialsFile(entries: [
      "AKIDEXAMPLE": .init(secret: SignatureV4Tests.secret, account: "111122223333", userName: "alice")
    ])
    let response = await router(credentials: credentials).respond(SignatureV4Tests.cloudTrailRequest)
    #expect(response.text == "cloudtrail 111122223333 eu-west-1 alice")
  }

  @Test func withCredentialsBadRequestsAreRefusedInEachProtocolsWords() async throws {
    let wrongSecret = CredentialsFile(entries: [
      "AKIDEXAMPLE": .init(secret: "wrong", account: "111122223333", userName: nil)
    ])
    let otherKey = CredentialsFile(entries: [
      "AKIDOTHER": .init(secret: "x", account: "111122223333", userName: nil)
    ])
    let mismatch = await router(credentials: wrongSecret).respond(SignatureV4Tests.cloudTrailRequest)
    #expect(mismatch.errorType == "InvalidSignatureException")
    let unknown = await router(credentials: otherKey).respond(SignatureV4Tests.cloudTrailRequest)
    #expect(unknown.errorType == "UnrecognizedClientException")
    let unsigned = await router(credentials: otherKey).respond(ServerFixture.cloudTrail("LookupEvents"))
    #expect(unsigned.errorType == "MissingAuthenticationTokenException")
    #expect(unsigned.status == 403)
    var malformed = ServerFixture.cloudTrail("LookupEvents")
    malformed.headers.append((name: "authorization", value: "AWS4-HMAC-SHA256 Signature=00"))
    let incomplete = await router(credentials: otherKey).respond(malformed)
    #expect(incomplete.errorType == "IncompleteSignatureException")

    let s3 = await router(credentials: wrongSecret).respond(SignatureV4Tests.s3Request)
    #expect(s3.status == 403)
    #expect(s3.text.contains("<Code>SignatureDoesNotMatch</Code>"))
    let s3Unknown = await router(credentials: otherKey).respond(SignatureV4Tests.s3Request)
    #expect(s3Unknown.text.contains("<Code>InvalidAccessKeyId</Code>"))
  }

  @Test func aServiceWithoutAHandlerIsNamed() async {
    let router = ProtocolRouter(
      handlers: ["cloudtrail": EchoHandler(service: "cloudtrail")], credentials: nil, defaultAccount: "1")
    let response = await router.respond(ServerRequest(method: "GET", rawPath: "/"))
    #expect(response.errorType == "UnknownServiceException")
    #expect(response.text.contains("'s3'"))
  }
}

@Suite struct CloudTrailDataHandlerTests {
  func answer(_ query: String, _ body: String = #"{"auditEvents":[]}"#) async throws -> ServerResponse {
    let fixture = try ServerFixture()
    let handler = CloudTrailDataHandler(environment: fixture.environment)
    return await handler.handle(
      ServerRequest(method: "POST", rawPath: "/PutAuditEvents", rawQuery: query, body: Data(body.utf8)),
      caller: fixture.caller())
  }

  @Test func anUnknownChannelIsNotFound() async throws {
    let response = try await answer(
      "channelArn=arn%3Aaws%3Acloudtrail%3Aus-east-1%3A123456789012%3Achannel%2F"
        + "0f0e0d0c-1111-2222-3333-444455556666",
      #"{"auditEvents":[{"id":"a","eventData":"{}"}]}"#)
    #expect(response.status == 404)
    #expect(response.header("x-amzn-ErrorType") == "ChannelNotFound")
    #expect(response.errorType == "ChannelNotFound")
  }

  @Test func malformedRequestsAreNamed() async throws {
    #expect(try await answer("").header("x-amzn-ErrorType") == "ValidationException")
    #expect(try await answer("channelArn=abc", "[]").header("x-amzn-ErrorType") == "ValidationException")
    #expect(
      try await answer("channelArn=arn%3Aaws%3As3%3A%3A%3Ab").header("x-amzn-ErrorType")
        == "InvalidChannelARN")
  }
}
