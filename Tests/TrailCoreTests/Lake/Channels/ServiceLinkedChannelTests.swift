import Foundation
import Testing

@testable import TrailCore

/// Service-linked channels (spec §9.1, G:SLC): made by an AWS service through
/// `ServiceLinkedChannels.create`, listed and read like other channels, outside the 25, and refused
/// to every operation that would change or feed them.
@Suite("Service-linked channels")
struct ServiceLinkedChannelTests {
  typealias F = LakeFixture
  static let id = "0b7c6f1e-2d3a-4c5b-8e9f-a1b2c3d4e5f6"
  static let arn = "arn:aws:cloudtrail:us-east-1:\(F.management):channel/\(id)"
  static let name = "aws-service-channel/securitylake/management-events"
  static let selectors = [
    AdvancedEventSelector(
      name: "Management events",
      fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["Management"])])
  ]

  static func request(
    service: String = "securitylake", suffix: String = "management-events",
    selectors: [AdvancedEventSelector] = selectors, allRegions: Bool? = false, id: String? = id
  ) -> ServiceLinkedChannelRequest {
    ServiceLinkedChannelRequest(
      service: service, suffix: suffix,
      sourceConfig: SourceConfig(applyToAllRegions: allRegions, advancedEventSelectors: selectors),
      channelID: id)
  }

  @Test func listedAndReadLikeTheGuidesExample() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    let created = try ServiceLinkedChannels.create(Self.request(), with: services)
    #expect(created.arn == Self.arn && created.isServiceLinked && created.managingService == "securitylake")

    let listed = try ListChannels.perform(ListChannelsRequest(), with: services)
    #expect(listed.channels == [ChannelSummary(channelArn: Self.arn, name: Self.name)])
    for reference in [Self.arn, Self.id] {
      let got = try GetChannel.perform(GetChannelRequest(channel: reference), with: services)
      #expect(
        got
          == GetChannelResponse(
            channelArn: Self.arn, name: Self.name, source: "CloudTrail",
            sourceConfig: SourceConfig(applyToAllRegions: false, advancedEventSelectors: Self.selectors),
            destinations: [Destination(type: "AWS_SERVICE", location: "securitylake")],
            ingestionStatus: IngestionStatus()))
    }
    // The wire shape: the model's member names, as the guide prints them.
    let wire = try ShapeEncoder(.epochSeconds).encode(
      GetChannel.perform(GetChannelRequest(channel: Self.id), with: services)
    ).compactText()
    #expect(
      wire
        == #"{"ChannelArn":"\#(Self.arn)","Name":"\#(Self.name)","Source":"CloudTrail","SourceConfig":{"ApplyToAllRegions":false,"AdvancedEventSelectors":[{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]},"Destinations":[{"Type":"AWS_SERVICE","Location":"securitylake"}],"IngestionStatus":{}}"#
    )
    // A channel of the owner's account and region: others do not see it.
    #expect(
      try ListChannels.perform(ListChannelsRequest(), with: fixture.services(account: F.member)).channels
        == [])
    #expect(
      try ListChannels.perform(ListChannelsRequest(), with: fixture.services(region: "eu-west-1")).channels
        == [])
  }

  @Test func notCountedInTheTwentyFive() throws {
    let fixture = try LakeFixture()
    try ServiceLinkedChannels.create(Self.request(), with: fixture.services())
    try ServiceLinkedChannels.create(
      Self.request(service: "config", suffix: "recorder", id: nil), with: fixture.services())
    let audit = try fixture.createIntegrationStore("audit")
    for n in 1...25 { try fixture.createChannel("custom-\(n)", stores: [audit]) }
    #expect(
      fixture.exception { try fixture.createChannel("one-more", stores: [audit]) }
        == "ChannelMaxLimitExceededException")
    let listed = try ListChannels.perform(ListChannelsRequest(), with: fixture.services())
    #expect(listed.channels?.count == 27)
  }

  /// Every change a user may try, with the exception and message it gets; the channel is as it was.
  @Test func changesAreRefusedNamingTheService() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    let channel = try ServiceLinkedChannels.create(Self.request(), with: services)
    let audit = try fixture.createIntegrationStore("audit")
    let policy = """
      {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["\(F.member)"]},\
      "Action":"cloudtrail-data:PutAuditEvents","Resource":"\(Self.arn)"}]}
      """
    let managed = "Channel \(Self.name) (\(Self.arn)) is a service-linked channel managed by securitylake"
    let cases: [(String, () throws -> Void, String)] = [
      (
        "UpdateChannel",
        {
          _ = try UpdateChannel.perform(UpdateChannelRequest(channel: Self.arn, name: "mine"), with: services)
        },
        "\(managed): only securitylake can update it."
      ),
      (
        "UpdateChannel destinations",
        {
          _ = try UpdateChannel.perform(
            UpdateChannelRequest(
              channel: Self.id, destinations: [Destination(type: "EVENT_DATA_STORE", location: audit)]),
            with: services)
        },
        "\(managed): only securitylake can update it."
      ),
      (
        "DeleteChannel",
        { _ = try DeleteChannel.perform(DeleteChannelRequest(channel: Self.id), with: services) },
        "\(managed): only securitylake can delete it."
      ),
      (
        "PutResourcePolicy",
        {
          _ = try PutResourcePolicy.perform(
            PutResourcePolicyRequest(resourceArn: Self.arn, resourcePolicy: policy), with: services)
        },
        "\(managed): only securitylake can put a resource policy on it."
      ),
      (
        "DeleteResourcePolicy",
        {
          _ = try DeleteResourcePolicy.perform(
            DeleteResourcePolicyRequest(resourceArn: Self.arn), with: services)
        },
        "\(managed): only securitylake can delete the resource policy of it."
      ),
    ]
    for (operation, call, message) in cases {
      do {
        try call()
        Issue.record("\(operation) was not refused")
      } catch let error as ServiceError {
        #expect(error == ServiceError("OperationNotPermittedException", message), "\(operation)")
      }
    }
    // Reading its (absent) policy is allowed and answers as for any channel without one.
    #expect(
      fixture.exception {
        _ = try GetResourcePolicy.perform(GetResourcePolicyRequest(resourceArn: Self.arn), with: services)
      } == "ResourcePolicyNotFoundException")
    let stored = try ChannelService(services).find(Self.arn)
    #expect(stored == channel)
  }

  @Test func putAuditEventsAnswersUnsupportedSchemaAndStoresNothing() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    try ServiceLinkedChannels.create(Self.request(), with: services)
    let before = try fixture.store.statistics().events
    let event = AuditEvent(eventData: F.eventData(), id: "one")
    for reference in [Self.arn, Self.id] {
      do {
        _ = try fixture.put([event], channel: reference)
        Issue.record("PutAuditEvents to a service-linked channel was not refused")
      } catch let error as ServiceError {
        #expect(
          error
            == ServiceError(
              "ChannelUnsupportedSchema",
              "Channel \(Self.arn) is a service-linked channel managed by securitylake: it receives CloudTrail events, not audit events from PutAuditEvents."
            ))
      }
    }
    // Another account is refused for want of permission first, and learns nothing of the channel.
    #expect(
      fixture.exception { _ = try fixture.put([event], channel: Self.arn, account: F.member) }
        == "ChannelInsufficientPermission")
    #expect(try fixture.store.statistics().events == before)
    let got = try GetChannel.perform(GetChannelRequest(channel: Self.arn), with: services)
    #expect(got.ingestionStatus == IngestionStatus())
  }

  @Test func creationChecksWhatTheServiceAsksFor() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    func code(_ request: ServiceLinkedChannelRequest) -> String? {
      fixture.exception { try ServiceLinkedChannels.create(request, with: services) }
    }
    #expect(code(Self.request(service: "Security Lake")) == "InvalidParameterException")
    #expect(code(Self.request(suffix: "a/b")) == "InvalidParameterException")
    #expect(code(Self.request(suffix: String(repeating: "x", count: 120))) == "InvalidParameterException")
    #expect(code(Self.request(id: "not-a-uuid")) == "InvalidParameterException")
    #expect(code(Self.request(selectors: [])) == "InvalidEventSelectorsException")
    #expect(
      code(
        Self.request(selectors: [
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["Bogus"])
          ])
        ])) == "InvalidEventSelectorsException")
    #expect(code(Self.request()) == nil)
    #expect(code(Self.request()) == "ChannelAlreadyExistsException")
    #expect(code(Self.request(suffix: "other")) == "ChannelAlreadyExistsException")
    #expect(code(Self.request(id: nil)) == "ChannelAlreadyExistsException")
  }

  @Test func selectsWithTheSharedEvaluatorInItsRegions() throws {
    let fixture = try LakeFixture()
    let regional = try ServiceLinkedChannels.create(Self.request(), with: fixture.services())
    let everywhere = try ServiceLinkedChannels.create(
      Self.request(service: "config", allRegions: true, id: nil), with: fixture.services())
    let management = SelectableEvent(eventCategory: "Management", eventSource: "iam.amazonaws.com")
    let data = SelectableEvent(eventCategory: "Data", eventSource: "s3.amazonaws.com")
    #expect(regional.selects(management, in: "us-east-1"))
    #expect(!regional.selects(management, in: "eu-west-1"))
    #expect(!regional.selects(data, in: "us-east-1"))
    #expect(everywhere.selects(management, in: "eu-west-1"))
    // A channel users create selects no CloudTrail events: it takes audit events.
    let audit = try fixture.createIntegrationStore("audit")
    let custom = try #require(try fixture.createChannel("app", stores: [audit]).channelArn)
    #expect(try !ChannelService(fixture.services()).find(custom).selects(management, in: "us-east-1"))
  }
}
