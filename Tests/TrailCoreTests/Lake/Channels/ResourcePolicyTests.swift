import Foundation
import Testing

@testable import TrailCore

/// PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy (spec §9.2): what a policy may say,
/// on which resources.
@Suite("Resource policies")
struct ResourcePolicyTests {
  typealias F = LakeFixture

  static func policy(
    _ resource: String, action: String = "cloudtrail-data:PutAuditEvents",
    principals: [String] = ["arn:aws:iam::222222222222:root"],
    effect: String = "Allow", externalId: String? = nil, statements: Int = 1
  ) -> String {
    var statement: [(key: String, value: JSONValue)] = [
      ("Sid", .string("ChannelPolicy")), ("Effect", .string(effect)),
      ("Principal", .object([("AWS", .array(principals.map { .string($0) }))])), ("Action", .string(action)),
      ("Resource", .string(resource)),
    ]
    if let externalId {
      statement.append(
        ("Condition", .object([("StringEquals", .object([("cloudtrail:ExternalId", .string(externalId))]))])))
    }
    return JSONValue.object([
      ("Version", .string("2012-10-17")),
      ("Statement", .array(Array(repeating: .object(statement), count: statements))),
    ]).compactText()
  }

  @Test func putGetDeleteOnAChannelAndAStore() throws {
    let fixture = try LakeFixture()
    let store = try fixture.createIntegrationStore("audit")
    let channel = try #require(try fixture.createChannel("app", stores: [store]).channelArn)
    let services = try fixture.services()
    for (arn, action) in [(channel, "cloudtrail-data:PutAuditEvents"), (store, "cloudtrail:StartQuery")] {
      #expect(
        fixture.exception {
          _ = try GetResourcePolicy.perform(GetResourcePolicyRequest(resourceArn: arn), with: services)
        }
          == "ResourcePolicyNotFoundException")
      let text = Self.policy(arn, action: action)
      let put = try PutResourcePolicy.perform(
        PutResourcePolicyRequest(resourceArn: arn, resourcePolicy: text), with: services)
      #expect(put.resourceArn == arn && put.resourcePolicy == text)
      #expect(
        try GetResourcePolicy.perform(GetResourcePolicyRequest(resourceArn: arn), with: services)
          .resourcePolicy == text)
      _ = try DeleteResourcePolicy.perform(DeleteResourcePolicyRequest(resourceArn: arn), with: services)
      #expect(
        fixture.exception {
          _ = try DeleteResourcePolicy.perform(DeleteResourcePolicyRequest(resourceArn: arn), with: services)
        }
          == "ResourcePolicyNotFoundException")
    }
  }

  @Test func invalidPoliciesAndResourcesAreNamed() throws {
    let fixture = try LakeFixture()
    let store = try fixture.createIntegrationStore("audit")
    let channel = try #require(try fixture.createChannel("app", stores: [store]).channelArn)
    let services = try fixture.services()
    func code(_ arn: String, _ policy: String) -> String? {
      fixture.exception {
        _ = try PutResourcePolicy.perform(
          PutResourcePolicyRequest(resourceArn: arn, resourcePolicy: policy), with: services)
      }
    }
    let invalid = "ResourcePolicyNotValidException"
    #expect(code(channel, "not json") == invalid)
    #expect(code(channel, Self.policy(channel, action: "cloudtrail:StartQuery")) == invalid)
    #expect(code(channel, Self.policy(store)) == invalid)
    #expect(code(channel, Self.policy(channel, statements: 21)) == invalid)
    #expect(code(channel, Self.policy(channel, principals: [])) == invalid)
    #expect(
      code(channel, Self.policy(channel, principals: (0..<51).map { String(format: "%012d", $0) })) == invalid
    )
    #expect(code(channel, Self.policy(channel, principals: ["alice"])) == invalid)
    #expect(code(channel, Self.policy(channel, effect: "Maybe")) == invalid)
    #expect(code(channel, Self.policy(channel, principals: ["222222222222", "*"], externalId: "x-1")) == nil)
    // The guide's dashboard policy: CloudTrail itself as the principal, with conditions (kept as written);
    // a channel's policy names accounts only.
    let servicePolicy = { (resource: String, action: String) in
      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"\#(action)","Resource":"\#(resource)","Condition":{"StringEquals":{"AWS:SourceAccount":"\#(F.management)"}}}]}"#
    }
    #expect(code(store, servicePolicy(store, "cloudtrail:StartQuery")) == nil)
    #expect(code(channel, servicePolicy(channel, "cloudtrail-data:PutAuditEvents")) == invalid)
    #expect(
      code("arn:aws:cloudtrail:us-east-1:\(F.management):trail/t", "{}")
        == "ResourceTypeNotSupportedException")
    #expect(code("trail", "{}") == "ResourceARNNotValidException")
    #expect(
      code(
        "arn:aws:cloudtrail:us-east-1:\(F.management):channel/0f0e0d0c-1111-2222-3333-444455556666",
        Self.policy(channel))
        == "ResourceNotFoundException")
    #expect(
      code("arn:aws:cloudtrail:us-east-1:\(F.management):dashboard/d", "{}") == "ResourceNotFoundException")
  }
}
