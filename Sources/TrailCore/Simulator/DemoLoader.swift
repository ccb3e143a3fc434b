import Foundation

/// Puts the simulator's records into the store through `RecordIntake`, the entry every source that is
/// not a log file uses.
///
/// Each simulated hour becomes one batch (`demo:seed=N/2026-11-01T05`), so seeding twice is a no-op and
/// a killed seed resumes where it stopped.
public final class DemoLoader {
  public let intake: RecordIntake
  public var databasePath: String { intake.databasePath }
  /// Stamps the journal and the demo's event data stores.
  let clock: any Clock

  /// A loader writing into `databasePath`; `clock` stamps the journal.
  public init(databasePath: String, clock: any Clock) throws {
    intake = try RecordIntake(databasePath: databasePath, clock: clock)
    self.clock = clock
  }

  /// Loads the simulator's whole span; `progress(eventsSoFar, fractionOfSpanDone)` after each transaction.
  /// The demo's accounts become an organization whose management account is the first.
  public func seed(_ simulator: DemoSimulator, progress: (Int, Double) -> Void = { _, _ in }) throws
    -> IngestSummary
  {
    let started = DispatchTime.now().uptimeNanoseconds
    var summary = IngestSummary()
    var pending: [RecordIntake.Batch] = []
    var pendingEvents = 0
    let span = simulator.configuration.span
    if let management = simulator.accountIds.first {
      try intake.setOrganization(
        OrganizationInfo(
          id: OrganizationInfo.demoID(seed: simulator.configuration.seed), managementAccount: management,
          accounts: simulator.accountIds))
    }
    // What enriched events read: the organization's resource tags, written before its events.
    try EventEnrichmentStore.setResourceTags(simulator.resourceTags, connection: intake.connection)
    // The stores that collect configuration items and evidence exist before the history is written.
    try createConfigStores(for: simulator)
    // The channels AWS services make during the span, as their records say they did.
    try createServiceLinkedChannels(for: simulator)
    func flush(upTo time: Int64) throws {
      let finishing = time >= Int64(span.end.timeIntervalSince1970)
      summary.add(try intake.append(pending, finishing: finishing))
      pending.removeAll()
      pendingEvents = 0
      let done = (Double(time) - span.start.timeIntervalSince1970) / max(1, span.duration)
      progress(summary.eventsLoaded, min(1, max(0, done)))
    }
    for batch in simulator.batches(of: 3600) {
      guard let first = batch.first else { continue }
      let name = "demo:seed=\(simulator.configuration.seed)/\(ISO8601Time.format(first.eventTime).prefix(13))"
      pending.append(RecordIntake.Batch(source: name, records: batch.map(\.json)))
      pendingEvents += batch.count
      if pendingEvents >= 20_000 { try flush(upTo: batch.last!.eventTime) }
    }
    try flush(upTo: Int64(span.end.timeIntervalSince1970))
    intake.finish()
    summary.elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    return summary
  }

  /// Loads the live records of `(from, to]` at `rate` events/s; returns how many were stored.
  @discardableResult
  public func appendLive(_ simulator: DemoSimulator, from: Date, to: Date, rate: Double) throws -> Int {
    let records = simulator.liveRecords(from: from, to: to, rate: rate)
    guard !records.isEmpty else { return 0 }
    let name =
      "demo-live:seed=\(simulator.configuration.seed)/\(ISO8601Time.format(from))-\(ISO8601Time.format(to))"
    return try intake.append([RecordIntake.Batch(source: name, records: records.map(\.json))]).eventsLoaded
  }
}

extension IngestSummary {
  /// Adds another run's counts (files, events, duplicates, rejects) to these.
  mutating func add(_ other: IngestSummary) {
    files += other.files
    alreadyIngested += other.alreadyIngested
    eventsLoaded += other.eventsLoaded
    duplicates += other.duplicates
    rejected += other.rejected
  }
}
