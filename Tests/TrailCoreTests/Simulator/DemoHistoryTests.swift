import Foundation
import Testing

@testable import TrailCore

/// Event history is management events only, as CloudTrail's is, however many data and network activity
/// events a demo store holds; statistics count every category.
@Suite("Demo store history")
struct DemoHistoryTests {
  static let end = Date(timeIntervalSince1970: TimeInterval(TestTime.base))

  @Test func lookupEventsNeverReturnsDataOrNetworkActivityEvents() throws {
    let store = try TestStore()
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 11, days: 1, accounts: 1, regions: 1, end: Self.end, eventsPerAccountDay: 1500))
    let clock = FixedClock(Self.end)
    let summary = try DemoLoader(databasePath: store.dbPath, clock: clock).seed(simulator)
    #expect(summary.rejected == 0)

    let statistics = try store.statistics()
    let byCategory = Dictionary(
      uniqueKeysWithValues: statistics.eventsByCategory.map { ($0.value, $0.count) })
    let management = try #require(byCategory["Management"])
    #expect((byCategory["Data"] ?? 0) > 100, "\(byCategory)")
    #expect((byCategory["NetworkActivity"] ?? 0) > 10, "\(byCategory)")
    #expect(statistics.events == summary.eventsLoaded)

    let services = try StoreServices(databasePath: store.dbPath, clock: clock)
    let all = try Self.lookUpAll(LookupEventsRequest(), services)
    #expect(all.count == management)
    for event in all {
      let record = try #require(event.cloudTrailEvent)
      #expect(record.contains(#""eventCategory":"Management""#), "\(event.eventName ?? "")")
    }
    // Asked for them by name, source or resource type, history still has none of them.
    let probes: [LookupAttribute] = [
      LookupAttribute(.eventName, "GetObject"), LookupAttribute(.eventName, "Invoke"),
      LookupAttribute(.eventName, "GetItem"), LookupAttribute(.resourceType, "AWS::S3::Object"),
      LookupAttribute(.resourceType, "AWS::Lambda::Function"),
    ]
    for probe in probes {
      let found = try Self.lookUpAll(LookupEventsRequest(lookupAttributes: [probe]), services)
      #expect(found.isEmpty, "\(probe.key.rawValue)=\(probe.value) found \(found.count)")
    }
    // S3's events in history are its management calls only.
    let s3 = try Self.lookUpAll(
      LookupEventsRequest(lookupAttributes: [LookupAttribute(.eventSource, "s3.amazonaws.com")]), services)
    #expect(!s3.isEmpty && s3.allSatisfy { $0.eventName?.hasSuffix("Object") == false })
  }

  /// Every page of a LookupEvents request, through the operation as fronts call it.
  static func lookUpAll(_ request: LookupEventsRequest, _ services: StoreServices) throws -> [TrailEvent] {
    var request = request
    var events: [TrailEvent] = []
    repeat {
      let page = try LookupEvents.perform(request, with: services)
      events += page.events ?? []
      request.nextToken = page.nextToken
    } while request.nextToken != nil
    return events
  }
}
