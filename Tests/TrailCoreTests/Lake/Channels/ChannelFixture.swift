import Foundation
import Testing

@testable import TrailCore

/// A `LakeFixture` with an ActivityAuditLog event data store and helpers for channels and
/// PutAuditEvents.
extension LakeFixture {
  /// Creates a single-region ActivityAuditLog store (what a channel may deliver to); returns its ARN.
  func createIntegrationStore(_ name: String, account: String = LakeFixture.management) throws -> String {
    let created = try create(name, account: account) {
      $0.advancedEventSelectors = [
        AdvancedEventSelector(
          name: "Events from outside AWS",
          fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["ActivityAuditLog"])])
      ]
      $0.multiRegionEnabled = false
    }
    return try #require(created.eventDataStoreArn)
  }

  @discardableResult
  func createChannel(
    _ name: String, source: String = "Custom", stores: [String], account: String = LakeFixture.management,
    tags: [TrailCore.Tag]? = nil
  ) throws -> CreateChannelResponse {
    try CreateChannel.perform(
      CreateChannelRequest(
        name: name, source: source,
        destinations: stores.map { Destination(type: "EVENT_DATA_STORE", location: $0) }, tags: tags),
      with: services(account: account))
  }

  /// An event's `eventData` text as a source sends it (G:IES), with `change` applied to its members.
  static func eventData(
    uid: String = "uid-1", name: String = "UserLoggedIn", time: String = "2026-01-01T00:00:00",
    recipient: String = LakeFixture.management, _ change: (inout [(String, JSONValue)]) -> Void = { _ in }
  ) -> String {
    var members: [(String, JSONValue)] = [
      ("version", .string("1.0")),
      (
        "userIdentity",
        .object([
          ("type", .string("CustomUser")), ("principalId", .string("alice")),
          ("details", .object([("team", .string("payments"))])),
        ])
      ),
      ("userAgent", .string("okta/2.0")), ("eventSource", .string("myapp.example.com")),
      ("eventName", .string(name)), ("eventTime", .string(time)), ("UID", .string(uid)),
      ("requestParameters", .object([("user", .string("alice")), ("mfa", .bool(true))])),
      ("sourceIPAddress", .string("192.0.2.10")), ("recipientAccountId", .string(recipient)),
    ]
    change(&members)
    return JSONValue.object(members.map { (key: $0.0, value: $0.1) }).compactText()
  }

  /// Sets member `key` of `members` to `value` (replacing it where it is, else appending it).
  static func set(_ members: inout [(String, JSONValue)], _ key: String, _ value: JSONValue) {
    if let index = members.firstIndex(where: { $0.0 == key }) {
      members[index].1 = value
    } else {
      members.append((key, value))
    }
  }

  func put(
    _ events: [AuditEvent], channel: String, account: String = LakeFixture.management,
    externalId: String? = nil,
    writer: AuditEventWriter? = nil
  ) throws -> PutAuditEventsResponse {
    let services = try services(account: account)
    services.auditEventWriter = writer
    return try PutAuditEvents.perform(
      PutAuditEventsRequest(auditEvents: events, channelArn: channel, externalId: externalId), with: services)
  }
}
