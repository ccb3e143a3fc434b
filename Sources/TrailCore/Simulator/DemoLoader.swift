import Foundation

/// Puts the simulator's records into the store through the same validation and writer as log files.
///
/// Each simulated hour becomes one journal entry (`demo:seed=N/2026-11-01T05`), written like a JSON Lines
/// file, so seeding twice is a no-op and a killed seed resumes where it stopped.
public final class DemoLoader {
  let writer: EventWriter
  let compression: RawCompressionStage
  public let databasePath: String

  public init(databasePath: String) throws {
    self.databasePath = databasePath
    let connection = try EventStore.openWriter(path: databasePath)
    writer = try EventWriter(connection: connection)
    compression = RawCompressionStage(existing: try RawDictionary.newest(in: connection))
  }

  /// Writes files once the compression stage lets them go (it holds the first ones to train on).
  private func write(_ files: [ParsedFile], finishing: Bool, into summary: inout IngestSummary) throws {
    var ready = files.flatMap { compression.process($0) }
    if finishing { ready += compression.finish() }
    guard !ready.isEmpty else { return }
    add(try writer.write(ready), ready, to: &summary)
  }

  /// Loads the simulator's whole span; `progress(eventsSoFar, fractionOfSpanDone)` after each transaction.
  public func seed(_ simulator: DemoSimulator, progress: (Int, Double) -> Void = { _, _ in }) throws
    -> IngestSummary
  {
    let started = Date()
    var summary = IngestSummary()
    var pending: [ParsedFile] = []
    var pendingEvents = 0
    let span = simulator.configuration.span
    func flush(upTo time: Int64) throws {
      try write(pending, finishing: time >= Int64(span.end.timeIntervalSince1970), into: &summary)
      pending.removeAll()
      pendingEvents = 0
      let done = (Double(time) - span.start.timeIntervalSince1970) / max(1, span.duration)
      progress(summary.eventsLoaded, min(1, max(0, done)))
    }
    for batch in simulator.batches(of: 3600) {
      guard let first = batch.first else { continue }
      let name = "demo:seed=\(simulator.configuration.seed)/\(ISO8601Time.format(first.eventTime).prefix(13))"
      pending.append(Self.parsed(batch, name: name))
      pendingEvents += batch.count
      if pendingEvents >= 20_000 { try flush(upTo: batch.last!.eventTime) }
    }
    try flush(upTo: Int64(span.end.timeIntervalSince1970))
    writer.consolidateEventIDs()
    writer.checkpoint()
    summary.elapsed = Date().timeIntervalSince(started)
    return summary
  }

  /// Loads the live records of `(from, to]` at `rate` events/s; returns how many were stored.
  @discardableResult
  public func appendLive(_ simulator: DemoSimulator, from: Date, to: Date, rate: Double) throws -> Int {
    let records = simulator.liveRecords(from: from, to: to, rate: rate)
    guard !records.isEmpty else { return 0 }
    let name =
      "demo-live:seed=\(simulator.configuration.seed)/\(ISO8601Time.format(from))-\(ISO8601Time.format(to))"
    var summary = IngestSummary()
    try write([Self.parsed(records, name: name)], finishing: true, into: &summary)
    return summary.eventsLoaded
  }

  static func parsed(_ records: [DemoRecord], name: String) -> ParsedFile {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(records.reduce(0) { $0 + $1.json.count + 1 })
    for record in records {
      bytes += record.json
      bytes.append(0x0A)
    }
    return LogFileReader.parse(bytes: bytes, path: name, hash: LogFileReader.contentHash(bytes))
  }

  private func add(_ outcomes: [FileOutcome], _ files: [ParsedFile], to summary: inout IngestSummary) {
    for (outcome, file) in zip(outcomes, files) {
      summary.files += 1
      if outcome.wasAlreadyIngested {
        summary.alreadyIngested += 1
        continue
      }
      summary.eventsLoaded += outcome.loaded
      summary.duplicates += outcome.duplicates
      summary.rejected += file.problems.count
    }
  }
}
