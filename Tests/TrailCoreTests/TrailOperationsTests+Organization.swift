import Foundation
import Testing

@testable import TrailCore

// Organization trails, delegated administrators, tags and selectors: the rest of the trail
// operations' tests (the suite and its `Fixture` are in TrailOperationsTests.swift).
extension TrailOperationsTests {
  @Test func organizationTrailsAreSeenByMembersAndChangedByAdministrators() throws {
    let fixture = try Fixture()
    #expect(
      fixture.exception {
        try fixture.create(
          CreateTrailRequest(name: "org", s3BucketName: "logs", isOrganizationTrail: true),
          account: Self.member)
      } == "NotOrganizationMasterAccountException")
    try fixture.create(
      CreateTrailRequest(
        name: "org", s3BucketName: "logs", isMultiRegionTrail: true, isOrganizationTrail: true))
    let member = try fixture.services(account: Self.member)
    let seen = try GetTrail.perform(GetTrailRequest(name: "org"), with: member)
    #expect(seen.trail?.trailARN == "arn:aws:cloudtrail:us-east-1:111111111111:trail/org")
    #expect(
      fixture.exception { _ = try StopLogging.perform(StopLoggingRequest(name: "org"), with: member) }
        == "NotOrganizationMasterAccountException")
    #expect(
      fixture.exception {
        _ = try GetTrail.perform(GetTrailRequest(name: "org"), with: fixture.services(account: Self.outsider))
      }
        == "TrailNotFoundException")
    _ = try RegisterOrganizationDelegatedAdmin.perform(
      RegisterOrganizationDelegatedAdminRequest(memberAccountId: Self.member), with: fixture.services())
    _ = try StartLogging.perform(StartLoggingRequest(name: "org"), with: member)
    #expect(try GetTrailStatus.perform(GetTrailStatusRequest(name: "org"), with: member).isLogging == true)
  }

  @Test func delegatedAdministrators() throws {
    let fixture = try Fixture()
    let services = try fixture.services()
    func register(_ account: String, as caller: String = TrailOperationsTests.management) -> String? {
      fixture.exception {
        _ = try RegisterOrganizationDelegatedAdmin.perform(
          RegisterOrganizationDelegatedAdminRequest(memberAccountId: account),
          with: fixture.services(account: caller))
      }
    }
    #expect(register(Self.management) == "CannotDelegateManagementAccountException")
    #expect(register(Self.outsider) == "AccountNotFoundException")
    #expect(register(Self.member, as: Self.member) == "NotOrganizationManagementAccountException")
    #expect(register(Self.member) == nil)
    #expect(register(Self.member) == "AccountRegisteredException")
    _ = try DeregisterOrganizationDelegatedAdmin.perform(
      DeregisterOrganizationDelegatedAdminRequest(delegatedAdminAccountId: Self.member), with: services)
    #expect(
      fixture.exception {
        _ = try DeregisterOrganizationDelegatedAdmin.perform(
          DeregisterOrganizationDelegatedAdminRequest(delegatedAdminAccountId: Self.member), with: services)
      } == "AccountNotRegisteredException")
  }

  @Test func delegatedAdministratorsAreAtMostThree() throws {
    let fixture = try Fixture(organization: false)
    let intake = try RecordIntake(databasePath: fixture.store.dbPath, clock: FixedClock(Self.now))
    let accounts = (1...5).map { String(repeating: String($0), count: 12) }
    try intake.setOrganization(
      OrganizationInfo(id: "o-abcdefghij", managementAccount: accounts[0], accounts: accounts))
    for account in accounts[1...3] {
      _ = try RegisterOrganizationDelegatedAdmin.perform(
        RegisterOrganizationDelegatedAdminRequest(memberAccountId: account),
        with: fixture.services(account: accounts[0]))
    }
    #expect(
      fixture.exception {
        _ = try RegisterOrganizationDelegatedAdmin.perform(
          RegisterOrganizationDelegatedAdminRequest(memberAccountId: accounts[4]),
          with: fixture.services(account: accounts[0]))
      } == "DelegatedAdminAccountLimitExceededException")
  }

  @Test func withoutAnOrganization() throws {
    let fixture = try Fixture(organization: false)
    #expect(
      fixture.exception {
        try fixture.create(CreateTrailRequest(name: "org", s3BucketName: "logs", isOrganizationTrail: true))
      }
        == "OrganizationsNotInUseException")
    #expect(
      fixture.exception {
        _ = try RegisterOrganizationDelegatedAdmin.perform(
          RegisterOrganizationDelegatedAdminRequest(memberAccountId: Self.member), with: fixture.services())
      } == "OrganizationsNotInUseException")
  }

  @Test func tags() throws {
    let fixture = try Fixture()
    try fixture.create(
      CreateTrailRequest(name: "main", s3BucketName: "logs", tagsList: [Tag(key: "team", value: "red")]))
    let arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main"
    let services = try fixture.services()
    _ = try AddTags.perform(
      AddTagsRequest(
        resourceId: arn, tagsList: [Tag(key: "env", value: "prod"), Tag(key: "team", value: "blue")]),
      with: services)
    var listed = try ListTags.perform(ListTagsRequest(resourceIdList: [arn]), with: services)
    #expect(
      listed.resourceTagList?.first?.tagsList == [
        Tag(key: "env", value: "prod"), Tag(key: "team", value: "blue"),
      ])
    _ = try RemoveTags.perform(
      RemoveTagsRequest(resourceId: arn, tagsList: [Tag(key: "env")]), with: services)
    listed = try ListTags.perform(ListTagsRequest(resourceIdList: [arn]), with: services)
    #expect(listed.resourceTagList?.first?.tagsList == [Tag(key: "team", value: "blue")])
    #expect(
      fixture.exception {
        _ = try ListTags.perform(ListTagsRequest(resourceIdList: [arn + "x"]), with: services)
      }
        == "ResourceNotFoundException")
    #expect(
      fixture.exception {
        _ = try ListTags.perform(
          ListTagsRequest(resourceIdList: ["arn:aws:cloudtrail:us-east-1:111111111111:channel/x"]),
          with: services)
      } == "ChannelARNInvalidException")
    #expect(
      fixture.exception {
        _ = try AddTags.perform(AddTagsRequest(resourceId: "main", tagsList: []), with: services)
      }
        == "CloudTrailARNInvalidException")
    let many = (1...50).map { Tag(key: "k\($0)", value: "v") }
    #expect(
      fixture.exception {
        _ = try AddTags.perform(AddTagsRequest(resourceId: arn, tagsList: many), with: services)
      }
        == "TagsLimitExceededException")
  }

  @Test func selectorsAreStoredAndAnswered() throws {
    let fixture = try Fixture()
    try fixture.create(CreateTrailRequest(name: "main", s3BucketName: "logs", isMultiRegionTrail: true))
    let services = try fixture.services()
    let initial = try GetEventSelectors.perform(GetEventSelectorsRequest(trailName: "main"), with: services)
    #expect(initial.eventSelectors == [.newTrailDefault])
    let advanced = [
      AdvancedEventSelector(
        name: "writes",
        fieldSelectors: [
          AdvancedFieldSelector(field: "eventCategory", equals: ["Management"]),
          AdvancedFieldSelector(field: "readOnly", equals: ["false"]),
        ])
    ]
    let put = try PutEventSelectors.perform(
      PutEventSelectorsRequest(trailName: "main", advancedEventSelectors: advanced), with: services)
    #expect(put.advancedEventSelectors == advanced && put.eventSelectors == nil)
    #expect(
      try GetTrail.perform(GetTrailRequest(name: "main"), with: services).trail?.hasCustomEventSelectors
        == true)
    // Another region sees the selectors of the multi-region trail but cannot change them.
    let west = try fixture.services(region: "us-west-2")
    #expect(
      try GetEventSelectors.perform(GetEventSelectorsRequest(trailName: put.trailARN!), with: west)
        .advancedEventSelectors == advanced)
    #expect(
      fixture.exception {
        _ = try PutEventSelectors.perform(
          PutEventSelectorsRequest(trailName: "main", eventSelectors: [.newTrailDefault]), with: west)
      } == "InvalidHomeRegionException")
    #expect(
      fixture.exception {
        _ = try PutEventSelectors.perform(PutEventSelectorsRequest(trailName: "main"), with: services)
      } == "InvalidEventSelectorsException")
    #expect(
      fixture.exception {
        _ = try GetInsightSelectors.perform(GetInsightSelectorsRequest(trailName: "main"), with: services)
      }
        == "InsightNotEnabledException")
    let insights = [InsightSelector(insightType: .apiErrorRateInsight)]
    _ = try PutInsightSelectors.perform(
      PutInsightSelectorsRequest(trailName: "main", insightSelectors: insights), with: services)
    #expect(
      try GetInsightSelectors.perform(GetInsightSelectorsRequest(trailName: "main"), with: services)
        .insightSelectors == insights)
    _ = try PutInsightSelectors.perform(
      PutInsightSelectorsRequest(trailName: "main", insightSelectors: []), with: services)
    #expect(
      try GetTrail.perform(GetTrailRequest(name: "main"), with: services).trail?.hasInsightSelectors == false)
  }

}
