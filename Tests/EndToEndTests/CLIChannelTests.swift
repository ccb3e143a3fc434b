import Foundation
import Testing

/// Channels, resource policies and put-audit-events through the binary: aws CLI names and flags
/// (`aws cloudtrail-data put-audit-events --channel-arn --audit-events`), JSON output, 254 with the
/// aws CLI's line, and a Lake query over what was put.
@Suite("CLI channels")
struct CLIChannelTests {
  static let now = ["--now", "2026-01-01T00:10:00Z"]

  static func json(_ result: CLIResult) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
  }

  @Test func putAuditEventsIntoAChannelAndQueryThem() throws {
    let scratch = try CLIScratch()
    let store = try Self.json(
      try scratch.run(
        [
          "create-event-data-store", "--name", "myapp-events", "--no-multi-region-enabled",
          "--advanced-event-selectors",
          #"[{"Name":"outside AWS","FieldSelectors":[{"Field":"eventCategory","Equals":["ActivityAuditLog"]}]}]"#,
        ] + Self.now))
    let storeARN = try #require(store["EventDataStoreArn"] as? String)
    let created = try scratch.run(
      [
        "create-channel", "--name", "myapp", "--source", "Custom", "--destinations",
        "Type=EVENT_DATA_STORE,Location=\(storeARN)",
      ] + Self.now)
    let channel = try #require(try Self.json(created)["ChannelArn"] as? String)
    let eventData =
      #"{"version":"1.0","userIdentity":{"type":"CustomUser","principalId":"alice"},"eventSource":"myapp.example.com","eventName":"Login","eventTime":"2026-01-01T00:05:00","UID":"u-1","recipientAccountId":"123456789012"}"#
    let events: [[String: String]] = [
      ["id": "one", "eventData": eventData],
      ["id": "two", "eventData": eventData.replacingOccurrences(of: "123456789012", with: "999999999999")],
    ]
    let file = try scratch.write(
      "events.json", String(decoding: try JSONSerialization.data(withJSONObject: events), as: UTF8.self))
    let put = try scratch.run(
      ["put-audit-events", "--channel-arn", channel, "--audit-events", "file://\(file)"] + Self.now)
    #expect(put.status == 0, "\(put)")
    let answer = try Self.json(put)
    let successful = try #require(answer["successful"] as? [[String: String]])
    let failed = try #require(answer["failed"] as? [[String: String]])
    #expect(successful.map { $0["id"] } == ["one"])
    #expect(failed.map { $0["id"] } == ["two"] && failed.first?["errorCode"] == "InvalidRecipient")
    let eventID = try #require(successful.first?["eventID"])

    let got = try Self.json(try scratch.run(["get-channel", "--channel", channel]))
    let status = try #require(got["IngestionStatus"] as? [String: Any])
    #expect(status["LatestIngestionSuccessEventID"] as? String == eventID)
    #expect(status["LatestIngestionSuccessTime"] as? String == "2026-01-01T00:10:00+00:00")

    let id = String(storeARN.split(separator: "/").last!)
    let query = try scratch.run(
      [
        "query",
        "SELECT eventData.eventName, eventData.userIdentity.principalId, metadata.channelArn, eventId FROM \(id)",
        "--output", "csv",
      ] + Self.now)
    #expect(query.stdout.contains("Login,alice,\(channel),\(eventID)"), "\(query)")

    // Another account may not put events without a resource policy.
    let denied = try scratch.run(
      [
        "put-audit-events", "--channel-arn", channel, "--audit-events", "file://\(file)", "--account",
        "999999999999",
      ]
        + Self.now)
    #expect(denied.status == 254)
    #expect(
      denied.stderr.contains(
        "An error occurred (ChannelInsufficientPermission) when calling the PutAuditEvents operation: "),
      "\(denied)")

    let policy =
      #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::999999999999:root"]},"Action":"cloudtrail-data:PutAuditEvents","Resource":"\#(channel)"}]}"#
    let putPolicy = try scratch.run([
      "put-resource-policy", "--resource-arn", channel, "--resource-policy", policy,
    ])
    #expect(putPolicy.status == 0, "\(putPolicy)")
    #expect(
      try Self.json(try scratch.run(["get-resource-policy", "--resource-arn", channel]))["ResourcePolicy"]
        as? String == policy)

    let protectedStore = try scratch.run(["delete-event-data-store", "--event-data-store", storeARN])
    #expect(protectedStore.status == 254)
    let deleted = try scratch.run(["delete-channel", "--channel", channel])
    #expect(deleted.status == 0 && deleted.stdout.isEmpty, "\(deleted)")
    #expect(try Self.json(try scratch.run(["list-channels"]))["Channels"] as? [Any] != nil)
  }
}
