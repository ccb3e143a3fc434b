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

  @Test func trails() throws {
    try ServiceModel.check(
      "CreateTrail", request: CreateTrailRequest.self, response: CreateTrailResponse.self)
    try ServiceModel.check(
      "UpdateTrail", request: UpdateTrailRequest.self, response: UpdateTrailResponse.self)
    try ServiceModel.check(
      "DeleteTrail", request: DeleteTrailRequest.self, response: DeleteTrailResponse.self)
    try ServiceModel.check("GetTrail", request: GetTrailRequest.self, response: GetTrailResponse.self)
    try ServiceModel.check(
      "DescribeTrails", request: DescribeTrailsRequest.self, response: DescribeTrailsResponse.self)
    try ServiceModel.check("ListTrails", request: ListTrailsRequest.self, response: ListTrailsResponse.self)
    try ServiceModel.check(
      "GetTrailStatus", request: GetTrailStatusRequest.self, response: GetTrailStatusResponse.self)
    try ServiceModel.check(
      "StartLogging", request: StartLoggingRequest.self, response: StartLoggingResponse.self)
    try ServiceModel.check(
      "StopLogging", request: StopLoggingRequest.self, response: StopLoggingResponse.self)
  }

  @Test func tagsAndDelegatedAdministrators() throws {
    try ServiceModel.check("AddTags", request: AddTagsRequest.self, response: AddTagsResponse.self)
    try ServiceModel.check("RemoveTags", request: RemoveTagsRequest.self, response: RemoveTagsResponse.self)
    try ServiceModel.check("ListTags", request: ListTagsRequest.self, response: ListTagsResponse.self)
    try ServiceModel.check(
      "RegisterOrganizationDelegatedAdmin", request: RegisterOrganizationDelegatedAdminRequest.self,
      response: RegisterOrganizationDelegatedAdminResponse.self)
    try ServiceModel.check(
      "DeregisterOrganizationDelegatedAdmin", request: DeregisterOrganizationDelegatedAdminRequest.self,
      response: DeregisterOrganizationDelegatedAdminResponse.self)
  }

  @Test func channelsResourcePoliciesAndAuditEvents() throws {
    try ServiceModel.check(
      "CreateChannel", request: CreateChannelRequest.self, response: CreateChannelResponse.self)
    try ServiceModel.check("GetChannel", request: GetChannelRequest.self, response: GetChannelResponse.self)
    try ServiceModel.check(
      "ListChannels", request: ListChannelsRequest.self, response: ListChannelsResponse.self)
    try ServiceModel.check(
      "UpdateChannel", request: UpdateChannelRequest.self, response: UpdateChannelResponse.self)
    try ServiceModel.check(
      "DeleteChannel", request: DeleteChannelRequest.self, response: DeleteChannelResponse.self)
    try ServiceModel.check(
      "PutResourcePolicy", request: PutResourcePolicyRequest.self, response: PutResourcePolicyResponse.self)
    try ServiceModel.check(
      "GetResourcePolicy", request: GetResourcePolicyRequest.self, response: GetResourcePolicyResponse.self)
    try ServiceModel.check(
      "DeleteResourcePolicy", request: DeleteResourcePolicyRequest.self,
      response: DeleteResourcePolicyResponse.self)
    try ServiceModel.check(
      "PutEventConfiguration", request: PutEventConfigurationRequest.self,
      response: PutEventConfigurationResponse.self)
    try ServiceModel.check(
      "GetEventConfiguration", request: GetEventConfigurationRequest.self,
      response: GetEventConfigurationResponse.self)
    try ServiceModel.check(
      "PutAuditEvents", request: PutAuditEventsRequest.self, response: PutAuditEventsResponse.self,
      service: "cloudtrail-data")
  }

  @Test func lakeDashboards() throws {
    try ServiceModel.check(
      "CreateDashboard", request: CreateDashboardRequest.self, response: CreateDashboardResponse.self)
    try ServiceModel.check(
      "GetDashboard", request: GetDashboardRequest.self, response: GetDashboardResponse.self)
    try ServiceModel.check(
      "UpdateDashboard", request: UpdateDashboardRequest.self, response: UpdateDashboardResponse.self)
    try ServiceModel.check(
      "DeleteDashboard", request: DeleteDashboardRequest.self, response: DeleteDashboardResponse.self)
    try ServiceModel.check(
      "ListDashboards", request: ListDashboardsRequest.self, response: ListDashboardsResponse.self)
    try ServiceModel.check(
      "StartDashboardRefresh", request: StartDashboardRefreshRequest.self,
      response: StartDashboardRefreshResponse.self)
  }

  @Test func eventSelectors() throws {
    try ServiceModel.check(
      "PutEventSelectors", request: PutEventSelectorsRequest.self, response: PutEventSelectorsResponse.self)
    try ServiceModel.check(
      "GetEventSelectors", request: GetEventSelectorsRequest.self, response: GetEventSelectorsResponse.self)
  }

  @Test func federation() throws {
    try ServiceModel.check(
      "EnableFederation", request: EnableFederationRequest.self, response: EnableFederationResponse.self)
    try ServiceModel.check(
      "DisableFederation", request: DisableFederationRequest.self, response: DisableFederationResponse.self)
  }

  @Test func insightSelectors() throws {
    try ServiceModel.check(
      "PutInsightSelectors", request: PutInsightSelectorsRequest.self,
      response: PutInsightSelectorsResponse.self)
    try ServiceModel.check(
      "GetInsightSelectors", request: GetInsightSelectorsRequest.self,
      response: GetInsightSelectorsResponse.self)
  }

  @Test func insightsData() throws {
    try ServiceModel.check(
      "ListInsightsMetricData", request: ListInsightsMetricDataRequest.self,
      response: ListInsightsMetricDataResponse.self)
    try ServiceModel.check(
      "ListInsightsData", request: ListInsightsDataRequest.self, response: ListInsightsDataResponse.self)
  }

  @Test func listPublicKeys() throws {
    try ServiceModel.check(
      "ListPublicKeys", request: ListPublicKeysRequest.self, response: ListPublicKeysResponse.self)
  }

  @Test func queryGenerator() throws {
    try ServiceModel.check(
      "GenerateQuery", request: GenerateQueryRequest.self, response: GenerateQueryResponse.self)
    try ServiceModel.check(
      "SearchSampleQueries", request: SearchSampleQueriesRequest.self,
      response: SearchSampleQueriesResponse.self)
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
