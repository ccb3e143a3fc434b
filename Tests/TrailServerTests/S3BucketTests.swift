import Foundation
import Testing
import TrailCore

@testable import TrailServer

/// The bucket-level operations: list, create, delete, head, location and policies, their errors, and
/// their recording as management events.
@Suite("S3 buckets")
struct S3BucketTests {
  @Test func listBucketsNamesEachFolderWithItsOwner() async throws {
    let fixture = try S3Fixture(buckets: ["zeta", "alpha"])
    let response = await fixture.send("GET", "/")
    #expect(response.status == 200)
    #expect(response.values(of: "Name") == ["alpha", "zeta"])
    #expect(response.values(of: "ID") == [S3Fixture.account])
    #expect(response.text.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="#))
  }

  @Test func createBucketMakesTheFolderAndRefusesItTwice() async throws {
    let fixture = try S3Fixture(buckets: [])
    let body = Data(
      "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"
        .utf8)
    let created = await fixture.send("PUT", "/new-bucket", body: body)
    #expect(created.status == 200)
    #expect(created.header("Location") == "/new-bucket")
    #expect(FileManager.default.fileExists(atPath: fixture.buckets + "/new-bucket"))
    let again = await fixture.send("PUT", "/new-bucket")
    #expect(again.status == 409)
    #expect(again.values(of: "Code") == ["BucketAlreadyOwnedByYou"])
  }

  @Test(arguments: ["Upper", "ab", "a_b", "192.168.1.1"])
  func createBucketRefusesNamesS3Refuses(_ name: String) async throws {
    let fixture = try S3Fixture(buckets: [])
    let response = await fixture.send("PUT", "/" + name)
    #expect(response.status == 400)
    #expect(response.values(of: "Code") == ["InvalidBucketName"])
  }

  @Test func deleteBucketRefusesABucketWithObjects() async throws {
    let fixture = try S3Fixture()
    try fixture.store("x", at: "a/b")
    let refused = await fixture.send("DELETE", "/logs")
    #expect(refused.status == 409)
    #expect(refused.values(of: "Code") == ["BucketNotEmpty"])
    #expect(await fixture.send("DELETE", "/logs/a/b").status == 204)
    #expect(await fixture.send("DELETE", "/logs").status == 204)
    #expect(!FileManager.default.fileExists(atPath: fixture.buckets + "/logs"))
    #expect(await fixture.send("DELETE", "/logs").status == 404)
  }

  @Test func headBucketIs404WithoutABodyWhenMissing() async throws {
    let fixture = try S3Fixture()
    #expect(await fixture.send("HEAD", "/logs").status == 200)
    let missing = await fixture.send("HEAD", "/nowhere")
    #expect(missing.status == 404)
    #expect(missing.body.isEmpty)
    #expect(missing.header("x-amz-request-id") != nil)
  }

  @Test(arguments: [("us-east-1", ""), ("eu-west-1", "eu-west-1")])
  func getBucketLocationAnswersTheCallersRegion(_ region: String, _ constraint: String) async throws {
    let fixture = try S3Fixture()
    var caller = S3Fixture.caller
    caller.region = region
    let response = await fixture.send("GET", "/logs?location", caller: caller)
    #expect(
      response.text
        == #"<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        + constraint + "</LocationConstraint>")
  }

  @Test func policiesArePutReadAndDeleted() async throws {
    let fixture = try S3Fixture()
    let missing = await fixture.send("GET", "/logs?policy")
    #expect(missing.status == 404)
    #expect(missing.values(of: "Code") == ["NoSuchBucketPolicy"])
    let policy = #"{"Version":"2012-10-17","Statement":[]}"#
    #expect(await fixture.send("PUT", "/logs?policy", body: Data(policy.utf8)).status == 204)
    let read = await fixture.send("GET", "/logs?policy")
    #expect(read.text == policy)
    #expect(BucketPolicies(bucketsDirectory: fixture.buckets).policy(of: "logs") == policy)
    #expect(await fixture.send("DELETE", "/logs?policy").status == 204)
    #expect(await fixture.send("GET", "/logs?policy").status == 404)
  }

  @Test(arguments: ["not json", "[]", #"{"Version":"2012-10-17"}"#])
  func aPolicyWithoutStatementsIsMalformed(_ text: String) async throws {
    let fixture = try S3Fixture()
    let response = await fixture.send("PUT", "/logs?policy", body: Data(text.utf8))
    #expect(response.status == 400)
    #expect(response.values(of: "Code") == ["MalformedPolicy"])
  }

  @Test func unknownSubresourcesAreNotImplementedAndOddMethodsNotAllowed() async throws {
    let fixture = try S3Fixture()
    let acl = await fixture.send("GET", "/logs?acl")
    #expect(acl.status == 501)
    #expect(acl.values(of: "Code") == ["NotImplemented"])
    let post = await fixture.send("POST", "/logs/key")
    #expect(post.status == 405)
    #expect(post.values(of: "Code") == ["MethodNotAllowed"])
    #expect(await fixture.send("PUT", "/").status == 405)
  }

  @Test func bucketCallsAreRecordedAsManagementEventsAndObjectCallsAreNot() async throws {
    let fixture = try S3Fixture(buckets: [])
    let recorder = fixture.handler.environment.recorder
    recorder.start()
    _ = await fixture.send("PUT", "/made-here", headers: [("Host", "localhost:4566")])
    _ = await fixture.send("PUT", "/made-here/k", body: Data("x".utf8))
    _ = await fixture.send("GET", "/made-here?location")
    _ = await fixture.send("HEAD", "/gone")
    recorder.stop()
    let context = StoreContext(
      databasePath: fixture.folder + "/store.sqlite", clock: FixedClock(S3Fixture.now),
      bucketsDirectory: fixture.buckets, account: S3Fixture.account, region: "us-east-1")
    let events = try LookupEvents.perform(LookupEventsRequest(), with: StoreServices(context)).events ?? []
    #expect(Set(events.map { $0.eventName ?? "" }) == ["CreateBucket", "GetBucketLocation", "HeadBucket"])
    #expect(events.allSatisfy { $0.eventSource == "s3.amazonaws.com" })
    let create = try #require(events.first { $0.eventName == "CreateBucket" })
    #expect(create.readOnly == "false")
    let json = create.cloudTrailEvent ?? ""
    #expect(json.contains(#""requestParameters":{"bucketName":"made-here","Host":"localhost:4566"}"#))
    let head = try #require(events.first { $0.eventName == "HeadBucket" })
    #expect(head.cloudTrailEvent?.contains(#""errorCode":"NoSuchBucket""#) == true)
  }
}
