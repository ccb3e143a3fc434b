import Foundation
import Testing

@testable import TrailCore

@Suite("Lake dashboards: operations and rules")
struct DashboardOperationsTests {
  @Test func createGetListUpdateDelete() throws {
    let lake = try LakeFixture()
    let store = try lake.createManagementStore()
    let created = try lake.createDashboard(
      "ops-overview", widgets: [lake.widget(String(format: LakeFixture.topNames, store))],
      schedule: RefreshSchedule(
        frequency: RefreshScheduleFrequency(unit: "HOURS", value: 6), status: "ENABLED"),
      protection: true)
    #expect(
      created.dashboardArn == "arn:aws:cloudtrail:us-east-1:\(LakeFixture.management):dashboard/ops-overview")
    #expect(created.type == "CUSTOM")
    #expect(created.widgets?.first?.queryAlias == "ops-overview-Widget1")

    let got = try GetDashboard.perform(
      GetDashboardRequest(dashboardId: "ops-overview"), with: lake.services())
    #expect(got.status == "CREATED")
    #expect(got.createdTimestamp == LakeFixture.start)
    #expect(got.terminationProtectionEnabled == true)
    #expect(got.lastRefreshId == nil)
    let byARN = try GetDashboard.perform(
      GetDashboardRequest(dashboardId: created.dashboardArn!), with: lake.services())
    #expect(byARN.dashboardArn == created.dashboardArn)

    // Termination protection holds the delete back.
    #expect(
      lake.exception {
        _ = try DeleteDashboard.perform(
          DeleteDashboardRequest(dashboardId: "ops-overview"), with: lake.services())
      } == "ConflictException")
    lake.clock.advance(by: 60)
    let updated = try UpdateDashboard.perform(
      UpdateDashboardRequest(dashboardId: "ops-overview", terminationProtectionEnabled: false),
      with: lake.services())
    #expect(updated.updatedTimestamp == LakeFixture.start.addingTimeInterval(60))
    #expect(updated.widgets?.count == 1)

    try lake.createDashboard("other", widgets: [])
    let list = try ListDashboards.perform(ListDashboardsRequest(namePrefix: "ops"), with: lake.services())
    #expect(list.dashboards?.map(\.dashboardArn) == [created.dashboardArn])
    let page = try ListDashboards.perform(ListDashboardsRequest(maxResults: 1), with: lake.services())
    #expect(page.dashboards?.count == 1)
    let next = try ListDashboards.perform(
      ListDashboardsRequest(nextToken: page.nextToken, maxResults: 1), with: lake.services())
    #expect(next.dashboards?.first?.dashboardArn?.hasSuffix("dashboard/other") == true)

    _ = try DeleteDashboard.perform(
      DeleteDashboardRequest(dashboardId: "ops-overview"), with: lake.services())
    #expect(
      lake.exception {
        _ = try GetDashboard.perform(GetDashboardRequest(dashboardId: "ops-overview"), with: lake.services())
      } == "ResourceNotFoundException")
    // Another account does not see the dashboard.
    #expect(
      lake.exception {
        _ = try GetDashboard.perform(
          GetDashboardRequest(dashboardId: "other"), with: lake.services(account: LakeFixture.member))
      } == "ResourceNotFoundException")
  }

  @Test(
    arguments: [
      ("ab", [], nil, "InvalidParameterException"),
      ("bad name", [], nil, "InvalidParameterException"),
      (
        "eleven", Array(repeating: "SELECT eventName FROM STORE", count: 11), nil,
        "ServiceQuotaExceededException"
      ),
      ("unknown-column", ["SELECT nosuchcolumn FROM STORE"], nil, "InvalidQueryStatementException"),
      ("not-select", ["DELETE FROM STORE"], nil, "InvalidQueryStatementException"),
      (
        "no-store", ["SELECT eventName FROM 00000000-0000-0000-0000-000000000000"], nil,
        "InvalidQueryStatementException"
      ),
      (
        "bad-frequency", [],
        RefreshSchedule(frequency: RefreshScheduleFrequency(unit: "HOURS", value: 5), status: "ENABLED"),
        "InvalidParameterException"
      ),
      (
        "bad-days", [],
        RefreshSchedule(frequency: RefreshScheduleFrequency(unit: "DAYS", value: 2), status: "ENABLED"),
        "InvalidParameterException"
      ),
      (
        "bad-unit", [],
        RefreshSchedule(frequency: RefreshScheduleFrequency(unit: "WEEKS", value: 1), status: "ENABLED"),
        "InvalidParameterException"
      ),
      (
        "bad-time", [],
        RefreshSchedule(
          frequency: RefreshScheduleFrequency(unit: "DAYS", value: 1), status: "ENABLED", timeOfDay: "25:00"),
        "InvalidParameterException"
      ),
      (
        "AWSCloudTrail-Highlights", [],
        RefreshSchedule(frequency: RefreshScheduleFrequency(unit: "HOURS", value: 1), status: "ENABLED"),
        "InvalidParameterException"
      ),
    ] as [(String, [String], RefreshSchedule?, String)])
  func createRefuses(name: String, statements: [String], schedule: RefreshSchedule?, exception: String) throws
  {
    let lake = try LakeFixture()
    let store = try lake.createManagementStore()
    let widgets = statements.map {
      lake.widget($0.replacingOccurrences(of: "STORE", with: store), parameters: nil)
    }
    #expect(
      lake.exception { try lake.createDashboard(name, widgets: widgets, schedule: schedule) } == exception)
  }

  @Test func invalidStatementNamesTheWidgetAndToken() throws {
    let lake = try LakeFixture()
    let store = try lake.createManagementStore()
    do {
      try lake.createDashboard(
        "broken",
        widgets: [
          lake.widget("SELECT eventName FROM \(store)", parameters: nil),
          lake.widget("SELECT eventNam FROM \(store)", parameters: nil),
        ])
      Issue.record("created")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "InvalidQueryStatementException")
      #expect(error.message.hasPrefix("Widget 2: "))
      #expect(error.message.contains("eventNam"))
    }
  }

  @Test func nameIsUniqueAndWidgetParametersAreKnown() throws {
    let lake = try LakeFixture()
    let store = try lake.createManagementStore()
    try lake.createDashboard("twice", widgets: [])
    #expect(lake.exception { try lake.createDashboard("twice", widgets: []) } == "ConflictException")
    #expect(
      lake.exception {
        try lake.createDashboard(
          "params",
          widgets: [lake.widget(String(format: LakeFixture.topNames, store), parameters: ["$Other$"])])
      } == "InvalidParameterException")
  }

  @Test func highlightsIsManagedAndReadOnly() throws {
    let lake = try LakeFixture()
    _ = try lake.createManagementStore()
    let six = RefreshSchedule(frequency: RefreshScheduleFrequency(unit: "HOURS", value: 6), status: "ENABLED")
    let created = try lake.createDashboard("AWSCloudTrail-Highlights", widgets: [], schedule: six)
    #expect(created.type == "MANAGED")
    #expect(created.widgets?.map(\.queryAlias) == HighlightsDashboard.widgets.map(\.queryAlias))
    #expect(
      lake.exception {
        _ = try UpdateDashboard.perform(
          UpdateDashboardRequest(dashboardId: "AWSCloudTrail-Highlights", terminationProtectionEnabled: true),
          with: lake.services())
      } == "UnsupportedOperationException")
    #expect(
      lake.exception {
        _ = try DeleteDashboard.perform(
          DeleteDashboardRequest(dashboardId: "AWSCloudTrail-Highlights"), with: lake.services())
      } == "UnsupportedOperationException")
    let managed = try ListDashboards.perform(ListDashboardsRequest(type: "MANAGED"), with: lake.services())
    #expect(managed.dashboards?.map(\.type) == ["MANAGED"])
  }

  @Test func tagsAndResourcePolicyReachDashboards() throws {
    let lake = try LakeFixture()
    let arn = try #require(try lake.createDashboard("tagged", widgets: []).dashboardArn)
    _ = try AddTags.perform(
      AddTagsRequest(resourceId: arn, tagsList: [Tag(key: "team", value: "sec")]), with: lake.services())
    let listed = try ListTags.perform(ListTagsRequest(resourceIdList: [arn]), with: lake.services())
    #expect(listed.resourceTagList?.first?.tagsList == [Tag(key: "team", value: "sec")])
    _ = try RemoveTags.perform(
      RemoveTagsRequest(resourceId: arn, tagsList: [Tag(key: "team")]), with: lake.services())
    #expect(
      try ListTags.perform(ListTagsRequest(resourceIdList: [arn]), with: lake.services())
        .resourceTagList?.first?.tagsList == [])
    let policy = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"\(LakeFixture.member)"},"Action":"cloudtrail:StartDashboardRefresh","Resource":"\(arn)"}]}
      """
    let put = try PutResourcePolicy.perform(
      PutResourcePolicyRequest(resourceArn: arn, resourcePolicy: policy), with: lake.services())
    #expect(put.resourceArn == arn)
    #expect(
      lake.exception {
        _ = try GetResourcePolicy.perform(
          GetResourcePolicyRequest(resourceArn: arn + "x"), with: lake.services())
      } == "ResourceNotFoundException")
  }
}
