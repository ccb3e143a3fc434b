import ArgumentParser
import Foundation
import TrailCore

struct LookupBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup",
    abstract:
      "Time 50-row LookupEvents pages for each attribute on a store; print p50/p99 (ms) per attribute.")

  @Option(help: "The TrailDeck database to query (e.g. filled by `traildeck ingest`).") var db: String
  @Option(help: "Lookups per attribute (values sampled from stored events).") var samples = 300
  @Option(
    help: """
      Ask as a caller in this region (values sampled from its events), as LookupEvents over the API \
      does; every region when not given.
      """)
  var region: String?

  func run() throws {
    let clock = FixedClock(
      try StoreStatistics.newestEventTime(EventStore.openReader(path: db)) ?? SystemClock().now())
    let service = try StoreServices(databasePath: db, clock: clock)
    report("store: \(try service.eventCount()) events, clock as of \(ISO8601Time.format(clock.now()))")
    let pool = try Self.samplePool(service, region: region)
    report("attribute       p50 ms   p99 ms   rows/page (median)")
    for key in [nil] + LookupAttributeKey.allCases {
      var times: [Double] = []
      var rows: [Double] = []
      // Sample only events that have the attribute, so every lookup searches for a stored value.
      let candidates = pool.filter { row in
        switch key {
        case .resourceType?, .resourceName?: !row.resources.isEmpty
        case .username?: row.username != nil
        case .accessKeyId?: row.accessKeyId != nil
        default: true
        }
      }
      guard !candidates.isEmpty else { continue }
      for n in 0..<samples {
        let row = candidates[(n * 7919) % candidates.count]
        let attribute = key.map { LookupAttribute($0, Self.value(of: $0, in: row)) }
        let request = LookupRequest(
          lookupAttributes: attribute.map { [$0] } ?? [], maxResults: 50, region: region)
        let started = DispatchTime.now().uptimeNanoseconds
        let page = try service.lookupEvents(request)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        rows.append(Double(page.events.count))
      }
      let name = key?.rawValue ?? "(none)"
      report(
        name.padding(toLength: 14, withPad: " ", startingAt: 0)
          + String(format: "  %7.3f  %7.3f   %.0f", median(times), percentile(times, 0.99), median(rows)))
    }
    report("target: p99 < 10 ms with 10 million events stored")
  }

  /// Events spread over the whole window, whose attribute values the lookups search for.
  static func samplePool(_ service: StoreServices, region: String? = nil) throws -> [EventSummary] {
    var pool: [EventSummary] = []
    let now = service.clock.now()
    for day in stride(from: 0, to: 89, by: 3) {
      let filter = HistoryFilter(endTime: now.addingTimeInterval(-Double(day) * 86_400), region: region)
      pool += try service.summaries(filter, from: nil, direction: .older, limit: 40)
    }
    guard !pool.isEmpty else {
      throw ValidationError("The store holds no management events in its 90-day window.")
    }
    return pool
  }

  static func value(of key: LookupAttributeKey, in row: EventSummary) -> String {
    switch key {
    case .eventId: row.eventId
    case .eventName: row.eventName
    case .eventSource: row.eventSource
    case .readOnly: row.readOnly == false ? "false" : "true"
    case .username: row.username ?? "root"
    case .accessKeyId: row.accessKeyId ?? "none"
    case .resourceType: row.resources.first?.type ?? "AWS::IAM::Role"
    case .resourceName: row.resources.first?.name ?? "none"
    }
  }
}
