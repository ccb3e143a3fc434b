import Foundation

/// The one way records that do not come from a log file enter the store: the simulator today, API
/// calls, Lake channels and Insights next.
///
/// Each `append` is one batch under a source name (`demo:seed=1/2026-11-01T05`, later
/// `channel:ID/…`), journaled like a file: the same batch appended twice is stored once, and a batch
/// commits whole or not at all. Records go through the same validation, de-duplication, compression
/// and rollups as log files; a bad record is reported as `SOURCE:line N` (record N of the batch) and
/// the others are still stored.
public final class RecordIntake {
  let writer: EventWriter
  let compression: RawCompressionStage
  public let databasePath: String

  /// Opens a writer on `databasePath` (creating the store if needed); `clock` stamps the journal.
  public init(databasePath: String, clock: any Clock) throws {
    self.databasePath = databasePath
    let connection = try EventStore.openWriter(path: databasePath)
    writer = try EventWriter(connection: connection, clock: clock)
    compression = RawCompressionStage(existing: try RawDictionary.newest(in: connection))
  }

  /// The schemes of the sources whose records entered the store live (`demo:…`, `demo-live:…`,
  /// later `api:…`, `channel:…`): trails deliver these, never events imported from log files.
  public static let liveSourceSchemes = ["demo", "demo-live", "api", "channel"]

  /// One batch of records for `append`: each record is one CloudTrail event's JSON object.
  public struct Batch: Sendable {
    /// The journal's name for the batch; with its content it makes the batch idempotent.
    public var source: String
    public var records: [[UInt8]]
    public init(source: String, records: [[UInt8]]) {
      self.source = source
      self.records = records
    }
  }

  /// Stores `batches` in one transaction (several small batches are cheaper together); returns what
  /// was loaded, skipped and rejected. Problems go to `report`.
  ///
  /// A store's first records are held back (not lost) to train its compression dictionary; pass
  /// `finishing: true` with the last batches of a run — or call `finish()` — to write them.
  @discardableResult
  public func append(
    _ batches: [Batch], finishing: Bool = true, report: (Diagnostic) -> Void = { _ in }
  ) throws -> IngestSummary {
    var summary = IngestSummary()
    var ready = batches.flatMap { compression.process(Self.parsed($0)) }
    if finishing { ready += compression.finish() }
    guard !ready.isEmpty else { return summary }
    let outcomes = try writer.write(ready)
    for (outcome, file) in zip(outcomes, ready) {
      summary.files += 1
      if outcome.wasAlreadyIngested {
        summary.alreadyIngested += 1
        continue
      }
      summary.eventsLoaded += outcome.loaded
      summary.duplicates += outcome.duplicates
      summary.rejected += file.problems.count
      file.problems.forEach(report)
    }
    return summary
  }

  /// Stores `batches` of a channel's events (PutAuditEvents) in one transaction, filing them into
  /// `stores` only: the channel's destinations. Nothing is held back, so each call's events are
  /// stored (or not) when it returns.
  @discardableResult
  public func append(
    _ batches: [Batch], intoStores stores: [EventDataStoreDestination],
    report: (Diagnostic) -> Void = { _ in }
  ) throws -> IngestSummary {
    writer.collector.channelStores = stores
    defer { writer.collector.channelStores = [] }
    return try append(batches, finishing: true, report: report)
  }

  /// The writer's connection, for bookkeeping that follows an append (a channel's ingestion status).
  var connection: SQLiteConnection { writer.connection }

  /// Merges the eventID runs into the index and checkpoints: call at the end of a long run.
  public func finish() {
    writer.consolidateEventIDs()
    writer.checkpoint()
  }

  /// Records the organization the records' accounts form (its management account becomes the
  /// store's), so organization trails and delegated administrators have one to belong to.
  public func setOrganization(_ organization: OrganizationInfo) throws {
    try organization.write(writer.connection)
  }

  /// A batch as the ingest pipeline's unit: its records, one a line, scanned as JSON Lines are, so the
  /// journal, the line numbers of problems and every rule are a log file's.
  static func parsed(_ batch: Batch) -> ParsedFile {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(batch.records.reduce(0) { $0 + $1.count + 1 })
    for record in batch.records {
      bytes += record
      bytes.append(0x0A)
    }
    return LogFileReader.parse(bytes: bytes, path: batch.source, hash: LogFileReader.contentHash(bytes))
  }
}
