import Foundation
import Testing

@testable import TrailCore

/// CreateChannel … DeleteChannel (spec §9.1): shapes, rules and every exception they raise here.
@Suite("Channel operations")
struct ChannelOperationsTests {
  typealias F = LakeFixture

  @Test func createGetListUpdateDelete() throws {
    let fixture = try LakeFixture()
    let first = try fixture.createIntegrationStore("okta-events")
    let second = try fixture.createIntegrationStore("more-events")
    let created = try fixture.createChannel(
      "okta", source: "OktaSystemLogEvents", stores: [first], tags: [TrailCore.Tag(key: "team", value: "sec")]
    )
    let arn = try #require(created.channelArn)
    #expect(arn.hasPrefix("arn:aws:cloudtrail:us-east-1:\(F.management):channel/"))
    #expect(created.name == "okta" && created.source == "OktaSystemLogEvents")
    #expect(created.destinations == [Destination(type: "EVENT_DATA_STORE", location: first)])
    #expect(created.tags == [TrailCore.Tag(key: "team", value: "sec")])

    let services = try fixture.services()
    let id = String(arn.split(separator: "/").last!)
    for reference in [arn, id] {
      let got = try GetChannel.perform(GetChannelRequest(channel: reference), with: services)
      #expect(got.channelArn == arn && got.name == "okta" && got.source == "OktaSystemLogEvents")
      #expect(got.ingestionStatus == IngestionStatus())
    }
    let tagged = try ListTags.perform(ListTagsRequest(resourceIdList: [arn]), with: services)
    #expect(tagged.resourceTagList?.first?.tagsList == [TrailCore.Tag(key: "team", value: "sec")])

    let updated = try UpdateChannel.perform(
      UpdateChannelRequest(
        channel: arn, destinations: [Destination(type: "EVENT_DATA_STORE", location: second)],
        name: "okta-logs"),
      with: services)
    #expect(updated.name == "okta-logs" && updated.source == "OktaSystemLogEvents")
    #expect(updated.destinations?.map(\.location) == [second])
    let listed = try ListChannels.perform(ListChannelsRequest(), with: services)
    #expect(listed.channels == [ChannelSummary(channelArn: arn, name: "okta-logs")])
    // Another account or region sees none.
    #expect(
      try ListChannels.perform(ListChannelsRequest(), with: fixture.services(account: F.member)).channels
        == [])
    #expect(
      fixture.exception {
        _ = try GetChannel.perform(GetChannelRequest(channel: arn), with: fixture.services(account: F.member))
      }
        == "ChannelNotFoundException")

    _ = try DeleteChannel.perform(DeleteChannelRequest(channel: arn), with: services)
    #expect(try ListChannels.perform(ListChannelsRequest(), with: services).channels == [])
    #expect(
      fixture.exception { _ = try GetChannel.perform(GetChannelRequest(channel: arn), with: services) }
        == "ChannelNotFoundException")
    #expect(
      fixture.exception {
        _ = try GetChannel.perform(
          GetChannelRequest(channel: "arn:aws:cloudtrail:us-east-1:1:channel/x"), with: services)
      }
        == "ChannelARNInvalidException")
  }

  @Test func createRefusesWhatCloudTrailRefuses() throws {
    let fixture = try LakeFixture()
    let audit = try fixture.createIntegrationStore("audit")
    let management = try #require(try fixture.create("mgmt").eventDataStoreArn)
    let multiRegion = try #require(
      try fixture.create("everywhere") {
        $0.advancedEventSelectors = [
          AdvancedEventSelector(fieldSelectors: [
            AdvancedFieldSelector(field: "eventCategory", equals: ["ActivityAuditLog"])
          ])
        ]
      }.eventDataStoreArn)
    func code(_ name: String, source: String = "Custom", stores: [String]) -> String? {
      fixture.exception { try fixture.createChannel(name, source: source, stores: stores) }
    }
    #expect(code("ab", stores: [audit]) == "InvalidParameterException")
    #expect(code("my channel", stores: [audit]) == "InvalidParameterException")
    #expect(code("app", source: "Nobody", stores: [audit]) == "InvalidSourceException")
    #expect(code("app", stores: []) == "InvalidParameterException")
    #expect(code("app", stores: [management]) == "InvalidEventDataStoreCategoryException")
    #expect(code("app", stores: [multiRegion]) == "InvalidEventDataStoreCategoryException")
    #expect(
      code(
        "app",
        stores: [
          "arn:aws:cloudtrail:us-east-1:\(F.management):eventdatastore/0f0e0d0c-1111-2222-3333-444455556666"
        ])
        == "EventDataStoreNotFoundException")
    #expect(code("app", stores: ["not-an-arn"]) == "EventDataStoreARNInvalidException")
    #expect(
      fixture.exception {
        _ = try CreateChannel.perform(
          CreateChannelRequest(
            name: "svc", source: "Custom",
            destinations: [Destination(type: "AWS_SERVICE", location: "config")]),
          with: fixture.services())
      } == "InvalidParameterException")
    let app = try #require(try fixture.createChannel("app", stores: [audit]).channelArn)
    #expect(code("app", stores: [audit]) == "ChannelAlreadyExistsException")
    try fixture.createChannel("other-app", stores: [audit])
    #expect(
      fixture.exception {
        _ = try UpdateChannel.perform(
          UpdateChannelRequest(channel: app, name: "other-app"), with: fixture.services())
      } == "ChannelAlreadyExistsException")
    try fixture.createChannel("github", source: "GitHub", stores: [audit])
    #expect(code("github2", source: "GitHub", stores: [audit]) == "ChannelAlreadyExistsException")
    // Custom integrations may be many, up to 25 channels in all.
    for n in 4...25 { try fixture.createChannel("custom-\(n)", stores: [audit]) }
    #expect(code("one-more", stores: [audit]) == "ChannelMaxLimitExceededException")
  }

  @Test func aStoreWithAChannelCannotBeDeleted() throws {
    let fixture = try LakeFixture()
    let audit = try fixture.createIntegrationStore("audit")
    let services = try fixture.services()
    _ = try UpdateEventDataStore.perform(
      UpdateEventDataStoreRequest(eventDataStore: audit, terminationProtectionEnabled: false), with: services)
    let channel = try #require(try fixture.createChannel("app", stores: [audit]).channelArn)
    #expect(
      fixture.exception {
        _ = try DeleteEventDataStore.perform(
          DeleteEventDataStoreRequest(eventDataStore: audit), with: services)
      }
        == "ChannelExistsForEDSException")
    _ = try DeleteChannel.perform(DeleteChannelRequest(channel: channel), with: services)
    _ = try DeleteEventDataStore.perform(DeleteEventDataStoreRequest(eventDataStore: audit), with: services)
  }
}
