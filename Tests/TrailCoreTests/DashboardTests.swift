import Foundation
import Testing

@testable import TrailCore

/// The dashboard's figures for the hour up to the clock, from the rollups and short event reads.
@Suite("Dashboard snapshot")
struct DashboardTests {
  /// "now" for these tests: 2024-03-01T13:00:30Z.
  static let now = TestTime.base + 3600 + 30

  static func records() -> [TestRecord] {
    var records: [TestRecord] = []
    // Five events a minute apart in the last five minutes; alice reads, bob writes once and fails once.
    for n in 0..<5 {
      records.append(
        TestRecord(TestRecord.id(n), at: now - Int64(n) * 60).with {
          $0.eventName = n == 0 ? "PutObject" : "GetObject"
          $0.readOnly = n != 0
          if n == 0 { $0.identity = TestRecord.iamUser("bob", key: "AKIABOB") }
          if n == 1 { $0.patches["errorCode"] = #""AccessDenied""# }
        })
    }
    // Outside the hour: counted nowhere in the snapshot.
    records.append(TestRecord(TestRecord.id(10), at: now - 2 * 3600).with { $0.eventName = "Old" })
    // Console sign-ins within the day: one success, one failure.
    records.append(
      TestRecord(TestRecord.id(20), at: now - 600).with {
        $0.eventName = "ConsoleLogin"
        $0.eventSource = "signin.amazonaws.com"
        $0.patches["responseElements"] = #"{"ConsoleLogin":"Success"}"#
        $0.patches["additionalEventData"] = #"{"MFAUsed":"Yes"}"#
      })
    records.append(
      TestRecord(TestRecord.id(21), at: now - 900).with {
        $0.eventName = "ConsoleLogin"
        $0.eventSource = "signin.amazonaws.com"
        $0.identity = TestRecord.iamUser("mallory", key: "")
        $0.patches["responseElements"] = #"{"ConsoleLogin":"Failure"}"#
        $0.patches["errorMessage"] = #""Failed authentication""#
      })
    return records
  }

  @Test func countsTopsSignInsAndErrorsComeFromTheLastHour() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records())
    _ = try store.ingest()
    let dashboard = try store.history(now: Self.now).dashboard(region: nil)

    #expect(dashboard.eventsPerMinute.count == 60)
    #expect(dashboard.eventsPerMinute.suffix(5) == [1, 1, 1, 1, 1])
    #expect(dashboard.total == 7)
    #expect(dashboard.readCount == 6)
    #expect(dashboard.writeCount == 1)
    #expect(dashboard.errorCount == 1)
    #expect(dashboard.topEventNames.first == RankedValue("GetObject", 4))
    #expect(!dashboard.topEventNames.contains { $0.value == "Old" })
    #expect(dashboard.topUsers.map(\.value).sorted() == ["alice", "bob", "mallory"])
    #expect(dashboard.topSourceIPs == [RankedValue("203.0.113.7", 7)])
    #expect(dashboard.eventsPerRegion == [RankedValue("us-east-1", 7)])
    #expect(dashboard.recentSignIns.map(\.username) == ["alice", "mallory"])
    #expect(dashboard.recentSignIns.map(\.isSuccess) == [true, false])
    #expect(dashboard.recentSignIns.map(\.mfaUsed) == [true, nil])
    #expect(dashboard.recentErrors.map(\.eventId) == [TestRecord.id(1)])
  }

  @Test func aRegionWithNoEventsGivesAnEmptyDashboard() throws {
    let store = try TestStore()
    try store.write("a.json", records: Self.records())
    _ = try store.ingest()
    let dashboard = try store.history(now: Self.now).dashboard(region: "eu-west-1")
    #expect(dashboard.total == 0)
    #expect(dashboard.recentSignIns.isEmpty)
    #expect(dashboard.eventsPerMinute == Array(repeating: 0, count: 60))
  }
}
