import Foundation
import Testing

@testable import TrailCore

/// The demo organization's service-linked channel: Security Lake has CloudTrail make one in the
/// management account's `us-east-1`, logged as the guide's `CreateServiceLinkedChannel` record, and the
/// loader makes the channel that record names.
@Suite("Demo service-linked channel")
struct ServiceLinkedChannelDemoTests {
  static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  static func simulator(seed: UInt64 = 5, hours: Double = 2) -> DemoSimulator {
    DemoSimulator(
      configuration: DemoConfiguration(
        seed: seed, start: start, duration: hours * 3600, accounts: 2, regions: 2, eventsPerAccountDay: 2000))
  }

  static func creationRecords(_ simulator: DemoSimulator) -> [DemoRecord] {
    simulator.records(in: simulator.configuration.span).filter {
      String(decoding: $0.json, as: UTF8.self).contains(#""eventName":"CreateServiceLinkedChannel""#)
    }
  }

  @Test func theRecordIsTheGuidesExample() throws {
    let simulator = Self.simulator()
    let records = Self.creationRecords(simulator)
    let record = try #require(records.first)
    #expect(records.count == 1)
    let creation = try #require(simulator.serviceLinkedChannels.creations.first)
    let owner = simulator.accountIds[0]
    #expect(record.accountId == owner && record.awsRegion == "us-east-1")
    #expect(record.eventTime == creation.time)
    #expect(creation.time >= Int64(Self.start.timeIntervalSince1970) + 600)
    #expect(creation.time < Int64(Self.start.timeIntervalSince1970) + 2400)

    let parsed = try JSONValue(parsing: String(decoding: record.json, as: UTF8.self))
    guard case .object(let members) = parsed else {
      Issue.record("not an object")
      return
    }
    // The guide's fields, in the guide's order.
    #expect(
      members.map(\.key) == [
        "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion",
        "sourceIPAddress",
        "userAgent", "requestParameters", "responseElements", "requestID", "eventID", "readOnly", "resources",
        "eventType", "managementEvent", "recipientAccountId", "eventCategory",
      ])
    #expect(
      parsed["userIdentity"]
        == .object([("accountId", .string(owner)), ("invokedBy", .string("AWS Internal"))]))
    #expect(parsed["eventTime"] == .string(ISO8601Time.format(creation.time)))
    #expect(parsed["eventSource"] == .string("cloudtrail.amazonaws.com"))
    #expect(parsed["sourceIPAddress"] == .string("AWS Internal"))
    #expect(parsed["userAgent"] == .string("AWS Internal"))
    #expect(parsed["requestParameters"] == .null && parsed["responseElements"] == .null)
    #expect(parsed["readOnly"] == .bool(false) && parsed["managementEvent"] == .bool(true))
    #expect(parsed["eventType"] == .string("AwsServiceEvent"))
    #expect(parsed["eventCategory"] == .string("Management"))
    #expect(parsed["recipientAccountId"] == .string(owner))
    #expect(
      parsed["resources"]
        == .array([
          .object([
            ("accountId", .string(owner)), ("type", .string("AWS::CloudTrail::Channel")),
            ("ARN", .string(creation.arn)),
          ])
        ]))
    #expect(creation.arn.hasPrefix("arn:aws:cloudtrail:us-east-1:\(owner):channel/"))
    // Same configuration, same bytes; a slice holding the moment writes the record as the whole span does.
    #expect(Self.creationRecords(Self.simulator()) == records)
    let moment = Date(timeIntervalSince1970: Double(creation.time))
    let slice = simulator.records(in: DateInterval(start: moment, duration: 60))
    #expect(slice.contains(record))
  }

  /// Demos last an hour at least, so every demo has the channel; a shorter span (the plan alone) has
  /// neither channel nor record.
  @Test func aSpanEndingBeforeTheMomentHasNoChannel() {
    let start = Int64(Self.start.timeIntervalSince1970)
    let account = DemoAccount(seed: 5, index: 0, id: "123456789012", regionCount: 1)
    let short = ServiceLinkedChannelPlan(
      seed: 5, span: (start, start + 300), accounts: [account], regionNames: ["us-east-1"])
    #expect(short.creations.isEmpty && short.records(from: start, to: start + 300).isEmpty)
    let long = ServiceLinkedChannelPlan(
      seed: 5, span: (start, start + 3600), accounts: [account], regionNames: ["us-east-1"])
    #expect(long.creations.count == 1)
  }

  @Test func theLoaderMakesTheChannelTheRecordNames() throws {
    let store = try TestStore()
    let simulator = Self.simulator()
    let clock = FixedClock(simulator.configuration.span.end)
    let loader = try DemoLoader(databasePath: store.dbPath, clock: clock)
    #expect(try loader.seed(simulator).rejected == 0)
    let creation = try #require(simulator.serviceLinkedChannels.creations.first)
    let services = try StoreServices(
      StoreContext(
        databasePath: store.dbPath, clock: clock, account: simulator.accountIds[0], region: "us-east-1"))
    let listed = try ListChannels.perform(ListChannelsRequest(), with: services)
    #expect(
      listed.channels == [
        ChannelSummary(channelArn: creation.arn, name: "aws-service-channel/securitylake/management-events")
      ])
    let got = try GetChannel.perform(GetChannelRequest(channel: creation.arn), with: services)
    #expect(got.source == "CloudTrail")
    #expect(got.destinations == [Destination(type: "AWS_SERVICE", location: "securitylake")])
    #expect(got.sourceConfig == ServiceLinkedChannelPlan.sourceConfig)
    let channel = try ChannelService(services).find(creation.arn)
    #expect(channel.createdTimestamp == Date(timeIntervalSince1970: Double(creation.time)))
    // Event history shows the service event, as it shows every management event.
    let found = try LookupEvents.perform(
      LookupEventsRequest(
        lookupAttributes: [LookupAttribute(.eventName, "CreateServiceLinkedChannel")],
        startTime: simulator.configuration.span.start, endTime: simulator.configuration.span.end),
      with: services)
    #expect(found.events?.count == 1)
    #expect(found.events?.first?.resources?.first?.resourceType == "AWS::CloudTrail::Channel")
    #expect(found.events?.first?.cloudTrailEvent?.contains(#""ARN":"\#(creation.arn)""#) == true)
    // A second seed of the same store leaves the channel as it was.
    _ = try DemoLoader(databasePath: store.dbPath, clock: clock).seed(simulator)
    #expect(try ListChannels.perform(ListChannelsRequest(), with: services).channels == listed.channels)
  }
}
