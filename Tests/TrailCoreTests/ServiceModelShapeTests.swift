import Foundation
import Testing

@testable import TrailCore

/// Our request and response types against CloudTrail's service model: every member, its JSON type, and
/// the model's member order (which is the aws CLI's output order).
@Suite("Service model shapes")
struct ServiceModelShapeTests {
  @Test func lookupEvents() throws {
    try ServiceModel.check(
      "LookupEvents", request: LookupEventsRequest.self, response: LookupEventsResponse.self)
  }

  @Test func listPublicKeys() throws {
    try ServiceModel.check(
      "ListPublicKeys", request: ListPublicKeysRequest.self, response: ListPublicKeysResponse.self)
  }

  // The check itself must catch each kind of mistake it is there for.

  struct MisspeltResource: Codable {
    var resourceType: String?
    var resourceName: String?
    enum CodingKeys: String, CodingKey {
      case resourceType = "ResourceType"
      case resourceName = "ResourseName"
    }
  }

  struct ReorderedResource: Codable {
    var resourceName: String?
    var resourceType: String?
    enum CodingKeys: String, CodingKey {
      case resourceName = "ResourceName"
      case resourceType = "ResourceType"
    }
  }

  struct MistypedRequest: Codable {
    var maxResults: Double?
    enum CodingKeys: String, CodingKey { case maxResults = "MaxResults" }
  }

  struct StrictAttribute: Codable {
    var attributeKey: String
    var attributeValue: Int
    enum CodingKeys: String, CodingKey {
      case attributeKey = "AttributeKey"
      case attributeValue = "AttributeValue"
    }
  }

  @Test func checkCatchesMisspeltReorderedAndMistypedMembers() throws {
    let misspelt = try ServiceModel.problems(shape: "Resource", type: MisspeltResource.self)
    #expect(misspelt.contains { $0.contains("Resource.ResourceName is lost") })
    let reordered = try ServiceModel.problems(shape: "Resource", type: ReorderedResource.self)
    #expect(
      reordered.count == 1 && reordered[0].contains("model's order is [\"ResourceType\", \"ResourceName\"]"))
    let mistyped = try ServiceModel.problems(shape: "LookupEventsRequest", type: MistypedRequest.self)
    #expect(mistyped.contains { $0.contains("LookupEventsRequest.MaxResults is 1.0") })
    #expect(mistyped.contains { $0.contains("LookupEventsRequest.LookupAttributes is lost") })
    let unreadable = try ServiceModel.problems(shape: "LookupAttribute", type: StrictAttribute.self)
    #expect(unreadable.count == 1 && unreadable[0].contains("cannot read"))
  }

  @Test func maximalInstanceOfLookupEventsRequest() throws {
    let shapes = try #require(try ServiceModel.model.get()["shapes"])
    let instance = ServiceModel.maximalInstance(of: "LookupEventsRequest", shapes: shapes, enclosing: [])
    #expect(
      instance?.compactText()
        == #"{"LookupAttributes":[{"AttributeKey":"EventId","AttributeValue":"x"}],"StartTime":1709294400,"#
        + #""EndTime":1709294400,"EventCategory":"insight","MaxResults":1,"NextToken":"x"}"#)
  }
}
