import Crypto
import Foundation
import Synchronization
import Testing

@testable import TrailCore

/// PutAuditEvents (spec §9.3): per-event checks and codes, whole-request errors, the stored record,
/// where it goes, who may call, and Lake's integration schema over what was stored.
@Suite("PutAuditEvents")
struct PutAuditEventsTests {
  typealias F = LakeFixture

  struct Setup {
    var fixture: LakeFixture
    var store: String
    var other: String
    var management: String
    var channel: String
  }

  func setup() throws -> Setup {
    let fixture = try LakeFixture()
    let store = try fixture.createIntegrationStore("audit")
    let other = try fixture.createIntegrationStore("other-audit")
    let management = try #require(try fixture.create("mgmt").eventDataStoreArn)
    let channel = try #require(try fixture.createChannel("app", stores: [store]).channelArn)
    return Setup(fixture: fixture, store: store, other: other, management: management, channel: channel)
  }

  @Test func goodEventsAreStoredWithCloudTrailsFieldsAndBadOnesNamed() throws {
    let s = try setup()
    let good = F.eventData(uid: "u-1")
    let checksum = Data(SHA256.hash(data: Data(good.utf8))).base64EncodedString()
    func data(_ change: (inout [(String, JSONValue)]) -> Void) -> String { F.eventData(change) }
    let events = [
      AuditEvent(eventData: good, eventDataChecksum: checksum, id: "good-1"),
      AuditEvent(eventData: F.eventData(uid: "u-2"), id: "good-2"),
      AuditEvent(eventData: good, eventDataChecksum: "AAAA", id: "bad-checksum"),
      AuditEvent(eventData: "[1, 2]", id: "not-an-object"),
      AuditEvent(eventData: data { $0.removeAll { $0.0 == "eventName" } }, id: "no-name"),
      AuditEvent(eventData: data { $0.removeAll { $0.0 == "userIdentity" } }, id: "no-identity"),
      AuditEvent(
        eventData: data { $0.append(("errorCode", .string(String(repeating: "e", count: 257)))) },
        id: "long-error"),
      AuditEvent(
        eventData: data {
          $0.append(
            ("additionalEventData", .object([("blob", .string(String(repeating: "x", count: 29 * 1024)))])))
        },
        id: "big-additional"),
      AuditEvent(eventData: F.eventData(time: "yesterday"), id: "bad-time"),
      AuditEvent(eventData: data { F.set(&$0, "sourceIPAddress", .string("300.1.1.1")) }, id: "bad-ip"),
      AuditEvent(eventData: F.eventData(recipient: F.member), id: "other-recipient"),
      AuditEvent(eventData: data { F.set(&$0, "eventSource", .integer(3)) }, id: "number-source"),
    ]
    let response = try s.fixture.put(events, channel: s.channel)
    #expect(response.successful.map(\.id) == ["good-1", "good-2"])
    #expect(
      response.successful.allSatisfy {
        UUID(uuidString: $0.eventID) != nil && $0.eventID == $0.eventID.lowercased()
      })
    #expect(
      response.failed.map { "\($0.id)=\($0.errorCode)" } == [
        "bad-checksum=InvalidChecksum", "not-an-object=InvalidData", "no-name=FieldNotFound",
        "no-identity=FieldNotFound", "long-error=FieldTooLong", "big-additional=FieldTooLong",
        "bad-time=InvalidData",
        "bad-ip=InvalidData", "other-recipient=InvalidRecipient", "number-source=InvalidData",
      ])
    #expect(response.failed.allSatisfy { !$0.errorMessage.isEmpty })

    // Stored once, in the channel's destination only.
    #expect(try s.fixture.memberEventIDs(s.store) == response.successful.map(\.eventID).sorted())
    #expect(try s.fixture.members(s.other).isEmpty)
    #expect(try s.fixture.members(s.management).isEmpty)
    // The record: CloudTrail's fields around the source's eventData, as given.
    let rows = try s.fixture.members(s.store)
    var records: [JSONValue] = []
    try RecordScanner(databasePath: s.fixture.store.dbPath).scan(rowIDs: rows) {
      records.append(try JSONValue(parsing: $0.bytes))
    }
    let record = try #require(records.first { $0["eventData"]?["UID"] == .string("u-1") })
    #expect(
      record.keys == [
        "eventVersion", "eventCategory", "eventType", "eventID", "eventTime", "awsRegion",
        "recipientAccountId",
        "metadata", "eventData",
      ])
    #expect(record["eventCategory"] == .string("ActivityAuditLog"))
    #expect(record["eventType"] == .string("ActivityLog"))
    #expect(record["eventID"] == .string(response.successful[0].eventID))
    #expect(record["eventTime"] == .string("2026-01-01T00:00:00Z"))
    #expect(record["awsRegion"] == .string("us-east-1"))
    #expect(record["recipientAccountId"] == .string(F.management))
    #expect(record["metadata"]?["channelARN"] == .string(s.channel))
    #expect(record["metadata"]?["ingestionTime"] == .string(ISO8601Time.format(F.start)))
    #expect(record["eventData"] == (try JSONValue(parsing: good)))

    // The channel notes its latest ingestion.
    let status = try GetChannel.perform(GetChannelRequest(channel: s.channel), with: s.fixture.services())
      .ingestionStatus
    #expect(status?.latestIngestionSuccessEventID == response.successful.last?.eventID)
    #expect(status?.latestIngestionSuccessTime == F.start)
    #expect(status?.latestIngestionAttemptTime == F.start)
    #expect(status?.latestIngestionErrorCode == "InvalidData")
  }

  @Test func wholeRequestErrors() throws {
    let s = try setup()
    let event = AuditEvent(eventData: F.eventData(), id: "e1")
    func code(
      _ events: [AuditEvent], channel: String? = nil, account: String = F.management,
      externalId: String? = nil
    ) -> String? {
      s.fixture.exception {
        _ = try s.fixture.put(events, channel: channel ?? s.channel, account: account, externalId: externalId)
      }
    }
    #expect(code([event, event]) == "DuplicatedAuditEventId")
    #expect(code([]) == "ValidationException")
    #expect(
      code((0...100).map { AuditEvent(eventData: F.eventData(), id: "e\($0)") }) == "ValidationException")
    let big = String(repeating: "x", count: 90 * 1024)
    #expect(
      code(
        (0..<12).map {
          AuditEvent(eventData: F.eventData { F.set(&$0, "userAgent", .string(big)) }, id: "e\($0)")
        })
        == "ValidationException")
    #expect(code([event], channel: "channel/abc") == "InvalidChannelARN")
    #expect(
      code(
        [event],
        channel: "arn:aws:cloudtrail:us-east-1:\(F.management):channel/0f0e0d0c-1111-2222-3333-444455556666")
        == "ChannelNotFound")
    #expect(code([event], account: F.member) == "ChannelInsufficientPermission")
    #expect(code([event], externalId: "x") == "ValidationException")
    // Nothing of a refused call is stored.
    #expect(try s.fixture.members(s.store).isEmpty)
  }

  @Test func otherAccountsNeedTheResourcePolicyAndItsExternalId() throws {
    let s = try setup()
    let services = try s.fixture.services()
    _ = try PutResourcePolicy.perform(
      PutResourcePolicyRequest(
        resourceArn: s.channel,
        resourcePolicy: ResourcePolicyTests.policy(
          s.channel, principals: ["arn:aws:iam::\(F.member):root"], externalId: "partner-42")),
      with: services)
    func put(account: String, externalId: String?) -> String? {
      s.fixture.exception {
        _ = try s.fixture.put(
          [AuditEvent(eventData: F.eventData(), id: "e1")], channel: s.channel, account: account,
          externalId: externalId)
      }
    }
    #expect(put(account: F.member, externalId: nil) == "ChannelInsufficientPermission")
    #expect(put(account: F.member, externalId: "wrong-id") == "ChannelInsufficientPermission")
    #expect(put(account: F.member, externalId: "partner-42") == nil)
    #expect(put(account: "333333333333", externalId: "partner-42") == "ChannelInsufficientPermission")
    #expect(put(account: F.management, externalId: nil) == nil)
    // A Deny that names the owner shuts it out too.
    _ = try PutResourcePolicy.perform(
      PutResourcePolicyRequest(
        resourceArn: s.channel,
        resourcePolicy: ResourcePolicyTests.policy(s.channel, principals: [F.management], effect: "Deny")),
      with: services)
    #expect(put(account: F.management, externalId: nil) == "ChannelInsufficientPermission")
    #expect(try s.fixture.members(s.store).count == 2)
  }

  @Test func lakeQueriesReadTheIntegrationSchema() throws {
    let s = try setup()
    let response = try s.fixture.put(
      [
        AuditEvent(eventData: F.eventData(uid: "u-1", name: "UserLoggedIn"), id: "a"),
        AuditEvent(
          eventData: F.eventData(uid: "u-2", name: "UserLoggedOut", time: "2026-01-01T00:05:00"), id: "b"),
      ], channel: s.channel)
    let id = String(s.store.split(separator: "/").last!)
    let services = try s.fixture.services()
    let output = try LakeSQLEngine().prepare(
      """
      SELECT eventData.eventName, eventData.userIdentity.principalId, metadata.channelArn, eventCategory, eventType,
        eventTime, element_at(eventData.requestParameters, 'mfa') AS mfa, eventId
      FROM \(id) ORDER BY eventTime
      """, parameters: [], connection: services.connection, context: s.fixture.context
    ).run(on: services.connection, now: F.start, cancellation: LakeCancellation())
    #expect(
      output.rows == [
        [
          "UserLoggedIn", "alice", s.channel, "ActivityAuditLog", "ActivityLog", "2026-01-01 00:00:00.000",
          "true",
          response.successful[0].eventID,
        ],
        [
          "UserLoggedOut", "alice", s.channel, "ActivityAuditLog", "ActivityLog", "2026-01-01 00:05:00.000",
          "true",
          response.successful[1].eventID,
        ],
      ])
    // CloudTrail's columns are not an integration store's.
    #expect(
      s.fixture.exception {
        _ = try LakeSQLEngine().prepare(
          "SELECT eventName FROM \(id)", parameters: [], connection: services.connection,
          context: s.fixture.context)
      } == "InvalidQueryStatementException")
  }

  @Test func concurrentCallersLoseNothingAndStoreNothingTwice() throws {
    let s = try setup()
    let writer = AuditEventWriter(databasePath: s.fixture.store.dbPath, clock: s.fixture.clock)
    let acknowledged = Mutex<[String]>([])
    let failures = Mutex<[String]>([])
    let context = s.fixture.context
    let channel = s.channel
    DispatchQueue.concurrentPerform(iterations: 50) { caller in
      for call in 0..<4 {
        let events = (0..<10).map {
          AuditEvent(eventData: F.eventData(uid: "c\(caller)-\(call)-\($0)"), id: "e\($0)")
        }
        do {
          let services = try StoreServices(context)
          services.auditEventWriter = writer
          let response = try PutAuditEvents.perform(
            PutAuditEventsRequest(auditEvents: events, channelArn: channel), with: services)
          acknowledged.withLock { $0 += response.successful.map(\.eventID) }
        } catch {
          failures.withLock { $0.append("\(error)") }
        }
      }
    }
    writer.finish()
    #expect(failures.withLock { $0 } == [])
    let ids = acknowledged.withLock { $0 }
    #expect(ids.count == 2000)
    #expect(try s.fixture.memberEventIDs(s.store) == ids.sorted())
  }
}
