import Foundation

@testable import TrailCore

/// Two weeks of 3 accounts in 3 regions at the default volume: room for four bursts and four storms
/// after a week of baseline.
enum InsightsFixture {
  static let end = SimulatorFixture.end
  static let seeds: [UInt64] = [1, 7, 42]

  static func configuration(seed: UInt64) -> DemoConfiguration {
    DemoConfiguration(seed: seed, days: 14, accounts: 3, regions: 3, end: end)
  }

  static func simulator(seed: UInt64) -> DemoSimulator {
    DemoSimulator(configuration: configuration(seed: seed))
  }

  static func insights(_ simulator: DemoSimulator, _ kind: DemoIncidentKind) -> [DemoIncident] {
    simulator.incidents.filter { $0.kind == kind }
  }

  /// The parsed records of `incident`'s API in its account and region, from `before` seconds before its
  /// start to its end.
  static func calls(_ records: [DemoRecord], of incident: DemoIncident) -> [ParsedRecord] {
    calls(
      records, account: incident.accountId, region: incident.region, source: incident.eventSource ?? "",
      name: incident.eventName ?? "")
  }

  static func calls(_ records: [DemoRecord], account: String, region: String, source: String, name: String)
    -> [ParsedRecord]
  {
    let needle = Data(#""eventName":"\#(name)""#.utf8)
    return records.filter { $0.accountId == account && $0.awsRegion == region }
      .filter { $0.data.range(of: needle) != nil }
      .compactMap(ParsedRecord.init).filter { $0.eventSource == source && $0.eventName == name }
  }

  static func history(_ simulator: DemoSimulator, of incident: DemoIncident, before: TimeInterval = 0)
    -> [ParsedRecord]
  {
    let window = DateInterval(start: incident.start.addingTimeInterval(-before), end: incident.end)
    return calls(simulator.records(in: window), of: incident)
  }

  /// Epoch minutes from the incident's first call to its last.
  static func minutes(_ incident: DemoIncident) -> ClosedRange<Int64> {
    Int64(incident.start.timeIntervalSince1970) / 60...(Int64(incident.end.timeIntervalSince1970) - 1) / 60
  }

  /// Counts per epoch minute.
  static func perMinute(_ calls: [ParsedRecord]) -> [Int64: Int] {
    calls.reduce(into: [:]) { $0[$1.epoch / 60, default: 0] += 1 }
  }
}
