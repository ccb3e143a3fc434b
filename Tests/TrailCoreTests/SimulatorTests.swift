import Foundation
import Testing

@testable import TrailCore

private typealias F = SimulatorFixture

@Suite("DemoSimulator")
struct SimulatorTests {
  // MARK: Determinism

  @Test func sameSeedGivesIdenticalBytes() {
    let day = DateInterval(start: F.end.addingTimeInterval(-86_400), duration: 6 * 3600)
    let a = DemoSimulator(configuration: F.configuration()).records(in: day)
    let b = DemoSimulator(configuration: F.configuration()).records(in: day)
    #expect(!a.isEmpty)
    #expect(a == b)
  }

  @Test func differentSeedGivesDifferentRecords() {
    let day = DateInterval(start: F.end.addingTimeInterval(-86_400), duration: 3600)
    let a = DemoSimulator(configuration: F.configuration(seed: 1)).records(in: day)
    let b = DemoSimulator(configuration: F.configuration(seed: 2)).records(in: day)
    #expect(a != b)
    #expect(F.configuration(seed: 1).accountIds != F.configuration(seed: 2).accountIds)
  }

  @Test func slicingAnywhereGivesTheSameRecords() {
    let start = F.end.addingTimeInterval(-30_000.5)
    let whole = F.simulator.records(in: DateInterval(start: start, duration: 3600))
    let cut = start.addingTimeInterval(1234.3)  // mid-minute, mid-second
    let halves =
      F.simulator.records(in: DateInterval(start: start, end: cut))
      + F.simulator.records(in: DateInterval(start: cut, end: start.addingTimeInterval(3600)))
    #expect(whole == halves)
  }

  @Test func configurationDerivesAccountsAndRegions() {
    let config = DemoConfiguration(seed: 9, days: 30, accounts: 3, regions: 4, end: F.end)
    #expect(config.regionNames == ["us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1"])
    #expect(config.accountIds.count == 3)
    #expect(Set(config.accountIds).count == 3)
    #expect(config.accountIds.allSatisfy { $0.count == 12 && $0.allSatisfy(\.isNumber) })
    #expect(config.span.duration == 30 * 86_400)
  }

  // MARK: Record shape

  @Test func everyRecordParsesWithTheRequiredFields() throws {
    #expect(F.records.count > 5000)
    // Configuration items and Audit Manager evidence are Lake records, not CloudTrail events: they have
    // no userIdentity (ConfigActivityTests checks their schema).
    let lakeOnly = [#""eventCategory":"ConfigurationItem""#, #""eventCategory":"Evidence""#].map {
      Array($0.utf8)
    }
    let trail = F.records.indices.filter { i in
      !lakeOnly.contains { F.records[i].json.prefix(120).firstRange(of: $0) != nil }
    }
    let invalid = trail.filter { F.parsed[$0] == nil }
    #expect(invalid.isEmpty, "records that do not parse: \(invalid.prefix(3))")
    let common: Set = [
      "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress",
      "eventID", "eventType", "recipientAccountId", "eventCategory",
    ]
    // Network activity events carry no request, response or managementEvent (see
    // NetworkActivityComposer); the other categories always do.
    let required: [String: Set<String>] = [
      "Management": common.union(["requestParameters", "responseElements", "managementEvent"]),
      "Data": common.union([
        "requestParameters", "responseElements", "managementEvent", "resources", "readOnly",
      ]),
      "NetworkActivity": common.union(["requestID", "sharedEventID", "vpcEndpointId", "vpcEndpointAccountId"]
      ),
    ]
    let timePattern = try Regex(#"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#)
    let uuidPattern = try Regex(#"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"#)
    let versions: Set = ["1.08", "1.09", "1.10", "1.11"]
    for (record, parsed) in trail.compactMap({ i in F.parsed[i].map { (F.records[i], $0) } }) {
      let missing = required[parsed.eventCategory, default: ["a known eventCategory"]].subtracting(
        parsed.keys)
      #expect(missing.isEmpty, "\(parsed.eventName) (\(parsed.eventCategory)) lacks \(missing)")
      #expect(parsed.eventTime.wholeMatch(of: timePattern) != nil, "\(parsed.eventTime)")
      #expect(parsed.eventID.wholeMatch(of: uuidPattern) != nil, "\(parsed.eventID)")
      #expect(versions.contains(parsed.eventVersion))
      switch parsed.eventCategory {
      case "Management": #expect(parsed.managementEvent == true)
      case "Data": #expect(parsed.managementEvent == false && parsed.eventType == "AwsApiCall")
      default: #expect(parsed.managementEvent == nil && parsed.eventType == "AwsVpceEvent")
      }
      #expect(parsed.recipientAccountId == record.accountId && parsed.awsRegion == record.awsRegion)
      // Service events name only the invoking service, as AWS's RotateKey example does.
      #expect(!parsed.identityType.isEmpty || parsed.eventType == "AwsServiceEvent")
      if let date = parsed.creationDate { #expect(date.wholeMatch(of: timePattern) != nil) }
      if let mfa = parsed.mfaAuthenticated { #expect(mfa == "true" || mfa == "false") }
    }
  }

  @Test func eventTimeFieldMatchesTheExposedEpoch() {
    let formatter = ISO8601DateFormatter()
    for parsed in F.valid.prefix(2000) {
      #expect(formatter.date(from: parsed.eventTime)?.timeIntervalSince1970 == Double(parsed.epoch))
    }
  }

  @Test func eventIDsAreUnique() {
    let ids = F.valid.map(\.eventID)
    #expect(Set(ids).count == ids.count)
  }

  @Test func timesAreSortedAndInsideTheSpan() {
    let span = F.configuration().span
    let times = F.records.map(\.eventTime)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
    #expect(Double(times.first ?? 0) >= span.start.timeIntervalSince1970)
    #expect(Double(times.last ?? .max) < span.end.timeIntervalSince1970)
  }

  @Test func errorRateIsRealistic() {
    let errors = F.management.filter { $0.errorCode != nil || $0.errorMessage != nil }.count
    let rate = Double(errors) / Double(F.management.count)
    #expect(rate > 0.01 && rate < 0.06, "error rate \(rate)")
  }

  @Test func readOnlyIsAboutSeventyPercent() {
    let flagged = F.management.compactMap(\.readOnly)
    let share = Double(flagged.filter { $0 }.count) / Double(flagged.count)
    #expect(share > 0.6 && share < 0.8, "readOnly share \(share)")
  }

  @Test func globalServicesAreOnlyInUsEast1() {
    let global: Set = ["iam.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com"]
    let misplaced = F.valid.filter { global.contains($0.eventSource) && $0.awsRegion != "us-east-1" }
    #expect(
      misplaced.isEmpty, "\(misplaced.count) global events elsewhere, e.g. \(misplaced.first?.eventID ?? "")")
    #expect(Set(F.valid.map(\.awsRegion)) == ["us-east-1", "eu-west-1", "us-west-2"])
  }

  @Test func generatedIdentifiersDoNotRepeatTheirTails() {
    let keys = Set(F.valid.compactMap(\.accessKeyId).filter { $0.hasPrefix("ASIA") })
    let tails = Set(keys.map { $0.suffix(4) })
    #expect(keys.count > 100)
    #expect(tails.count > keys.count / 2, "\(tails.count) distinct tails for \(keys.count) keys")
  }

  @Test func identitiesCoverTheUsualTypes() {
    let types = Set(F.valid.map(\.identityType))
    #expect(types.isSuperset(of: ["IAMUser", "AssumedRole", "AWSService", "Root"]))
  }

  @Test func consoleSignInsHaveTheirOwnShape() {
    let logins = F.valid.filter { $0.eventName == "ConsoleLogin" }
    #expect(!logins.isEmpty)
    for login in logins {
      #expect(login.eventType == "AwsConsoleSignIn" && login.eventSource == "signin.amazonaws.com")
      #expect(login.consoleLogin == (login.errorMessage == nil ? "Success" : "Failure"))
      #expect(login.errorCode == nil)
      if login.errorMessage != nil { #expect(login.errorMessage == "Failed authentication") }
    }
  }

  @Test func someDisplayValuesAreNotASCII() {
    let text = F.records.prefix(20_000).lazy.map { String(decoding: $0.json, as: UTF8.self) }
    #expect(text.contains { $0.contains("José") || $0.contains("山田") || $0.contains("Zoë") })
  }

  @Test func defaultVolumeIsWithinTheTargetPerAccountDay() {
    let config = DemoConfiguration(seed: 3, days: 7, accounts: 1, regions: 1, end: F.end)
    let sim = DemoSimulator(configuration: config)
    let weekday = DateInterval(start: F.end.addingTimeInterval(-2 * 86_400), duration: 86_400)
    let count = sim.records(in: weekday).count
    #expect((5000...20_000).contains(count), "\(count) events on one day")
  }

  // MARK: Writer

  @Test(arguments: ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "\u{01}\u{1f}", "José 山田 🎉"])
  func writerEscapesStrings(_ text: String) throws {
    var w = RecordWriter()
    w.beginObject()
    w.field("value", text)
    w.key("list")
    w.beginArray()
    w.int(-12)
    w.bool(true)
    w.null()
    w.endArray()
    w.endObject()
    let object = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any]
    #expect(object?["value"] as? String == text)
    #expect((object?["list"] as? [Any])?.count == 3)
  }

  @Test func civilTimeMatchesFoundation() {
    let formatter = ISO8601DateFormatter()
    for epoch: Int64 in [0, 951_782_400, 1_709_164_800, 4_102_444_799, 1_710_506_096] {
      var w = RecordWriter()
      w.timeField("t", epoch)
      let text = String(decoding: w.bytes.dropFirst(5).dropLast(), as: UTF8.self)
      #expect(formatter.date(from: text)?.timeIntervalSince1970 == Double(epoch), "\(text)")
    }
  }
}
