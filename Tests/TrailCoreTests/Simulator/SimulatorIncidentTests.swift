import Foundation
import Testing

@testable import TrailCore

private typealias F = SimulatorFixture

@Suite("DemoSimulator incidents")
struct SimulatorIncidentTests {
  @Test func allFourIncidentsFallInsideTheSpanInOrder() {
    let span = F.configuration().span
    let classic = F.simulator.incidents.filter { $0.eventSource == nil }
    #expect(
      classic.map(\.kind) == [
        .iamWriteBurst, .accessDeniedStorm, .consoleLoginNewIP, .keyUsedFromTwoCountries,
      ])
    #expect(zip(F.simulator.incidents, F.simulator.incidents.dropFirst()).allSatisfy { $0.start < $1.start })
    for incident in classic {
      #expect(span.contains(incident.start) && incident.end <= span.end)
      #expect(incident.accountId == F.simulator.accountIds[0] && incident.region == "us-east-1")
      #expect(F.records(incident).count >= incident.eventCount)
    }
  }

  @Test func iamWriteBurstHasManyWritesByOnePrincipalInTenMinutes() throws {
    let incident = try #require(F.incident(.iamWriteBurst))
    #expect(incident.end.timeIntervalSince(incident.start) <= 600)
    let writes = F.records(incident).filter {
      $0.eventSource == "iam.amazonaws.com" && $0.readOnly == false && $0.arn == incident.principalArn
    }
    #expect(writes.count == incident.eventCount)
    #expect(writes.count >= 20)
    let names = Set(writes.map(\.eventName))
    #expect(names.isSuperset(of: ["CreateUser", "AttachUserPolicy", "CreateAccessKey", "PutUserPolicy"]))
  }

  @Test func accessDeniedStormHasManyDenialsForOnePrincipal() throws {
    let incident = try #require(F.incident(.accessDeniedStorm))
    #expect(incident.end.timeIntervalSince(incident.start) <= 900)
    let denied: Set = ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation"]
    let denials = F.records(incident).filter {
      $0.arn == incident.principalArn && denied.contains($0.errorCode ?? "")
    }
    #expect(denials.count == incident.eventCount)
    #expect(denials.count >= 50)
  }

  @Test func consoleLoginComesFromAnAddressTheUserNeverUsedBefore() throws {
    let incident = try #require(F.incident(.consoleLoginNewIP))
    let ip = try #require(incident.sourceIPs.first)
    let user = try #require(incident.userName)
    let logins = F.records(incident).filter { $0.eventName == "ConsoleLogin" && $0.userName == user }
    let success = try #require(logins.last)
    #expect(success.consoleLogin == "Success" && success.sourceIP == ip)
    #expect(logins.dropLast().allSatisfy { $0.consoleLogin == "Failure" })
    let before = F.valid.filter { $0.epoch < Int64(incident.start.timeIntervalSince1970) }
    let usersRecords = before.filter {
      $0.userName == user || ($0.arn ?? "").hasSuffix("/\(user)@acme.example")
    }
    #expect(usersRecords.count > 5, "the user should have history before the incident")
    #expect(!usersRecords.contains { $0.sourceIP == ip })
    #expect(!usersRecords.map(\.sourceIP).isEmpty)
  }

  @Test func accessKeyIsUsedFromTwoCountries() throws {
    let incident = try #require(F.incident(.keyUsedFromTwoCountries))
    let key = try #require(incident.accessKeyId)
    #expect(incident.sourceIPs.count == 2 && Set(incident.sourceIPs).count == 2)
    #expect(incident.countries.count == 2 && incident.countries[0] != incident.countries[1])
    #expect(incident.end.timeIntervalSince(incident.start) <= 20 * 60)
    let uses = F.records(incident).filter { $0.accessKeyId == key }
    #expect(Set(uses.map(\.sourceIP)).isSuperset(of: incident.sourceIPs))
    let foreign = incident.sourceIPs[1]
    #expect(!F.valid.contains { $0.sourceIP == foreign && $0.accessKeyId != key })
  }

  // MARK: Live mode

  @Test func liveRecordsAreUniqueInsideTheirSliceAndRepeatable() {
    let from = F.end.addingTimeInterval(0.4)
    let mid = from.addingTimeInterval(5)
    let to = from.addingTimeInterval(10)
    let live = F.simulator.liveRecords(from: from, to: to, rate: 40)
    #expect((300...500).contains(live.count), "\(live.count) live records for 10 s at 40/s")
    #expect(
      live.allSatisfy {
        Double($0.eventTime) >= from.timeIntervalSince1970 && Double($0.eventTime) < to.timeIntervalSince1970
      })
    let pieces =
      F.simulator.liveRecords(from: from, to: mid, rate: 40)
      + F.simulator.liveRecords(from: mid, to: to, rate: 40)
    #expect(pieces == live)
    let ids = live.compactMap(ParsedRecord.init).map(\.eventID)
    #expect(ids.count == live.count && Set(ids).count == ids.count)
    let historical = Set(F.valid.map(\.eventID))
    #expect(historical.isDisjoint(with: ids))
    #expect(ids.allSatisfy { "ab".contains($0[$0.index($0.startIndex, offsetBy: 19)]) })
  }

  @Test func liveModeWithZeroRateIsEmpty() {
    #expect(F.simulator.liveRecords(from: F.end, to: F.end.addingTimeInterval(60), rate: 0).isEmpty)
  }
}
