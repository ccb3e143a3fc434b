import Foundation

/// Stores the checked events of PutAuditEvents calls, committing the calls that arrive together in
/// one transaction per channel (group commit): a call returns once its events are committed, so an
/// acknowledged eventID is always in the store, and 50 concurrent callers do not make 50 write
/// transactions that wait on each other.
///
/// The first waiting call that finds no write in progress writes everything queued (its own and
/// others'); the rest wait for it. One writer connection, opened at first use, serves every call.
public final class AuditEventWriter: @unchecked Sendable {
  /// One call's events, ready to store.
  struct Work {
    var channel: ChannelRecord
    var records: [[UInt8]]
    var lastEventID: String?
    var failedCode: String?
  }

  private let databasePath: String
  private let clock: any Clock
  /// Guards everything below.
  private let condition = NSCondition()
  private var queued: [(ticket: Int, work: Work)] = []
  private var outcomes: [Int: Result<Void, any Error>] = [:]
  private var nextTicket = 0
  private var isWriting = false
  /// Used by the call that writes only (under `isWriting`).
  private var intake: RecordIntake?

  /// A writer into the store at `databasePath`; `clock` stamps the journal.
  public init(databasePath: String, clock: any Clock) {
    self.databasePath = databasePath
    self.clock = clock
  }

  /// Stores `work`, returning when it is committed.
  func store(_ work: Work) throws {
    condition.lock()
    nextTicket += 1
    let ticket = nextTicket
    queued.append((ticket, work))
    while true {
      if let outcome = outcomes.removeValue(forKey: ticket) {
        condition.unlock()
        return try outcome.get()
      }
      if !isWriting {
        isWriting = true
        let batch = queued
        queued = []
        condition.unlock()
        let results = write(batch)
        condition.lock()
        for (ticket, result) in results { outcomes[ticket] = result }
        isWriting = false
        condition.broadcast()
        continue
      }
      condition.wait()
    }
  }

  /// Writes the queued calls, one transaction per channel; returns each call's outcome.
  private func write(_ batch: [(ticket: Int, work: Work)]) -> [(Int, Result<Void, any Error>)] {
    var results: [(Int, Result<Void, any Error>)] = []
    var channels: [Int64: [(ticket: Int, work: Work)]] = [:]
    var order: [Int64] = []
    for item in batch {
      if channels[item.work.channel.rowID] == nil { order.append(item.work.channel.rowID) }
      channels[item.work.channel.rowID, default: []].append(item)
    }
    for rowID in order {
      let items = channels[rowID]!
      do {
        try write(items.map(\.work))
        results += items.map { ($0.ticket, .success(())) }
      } catch {
        results += items.map { ($0.ticket, .failure(error)) }
      }
    }
    return results
  }

  private func write(_ works: [Work]) throws {
    let intake = try self.intake ?? RecordIntake(databasePath: databasePath, clock: clock)
    self.intake = intake
    let channel = works[0].channel
    let now = clock.now()
    let records = works.flatMap(\.records)
    if !records.isEmpty {
      let stores = try destinations(of: channel, connection: intake.connection, now: now)
      let source = "channel:\(channel.id)/\(ISO8601Time.format(now))/\(UUID().uuidString.lowercased())"
      var problems: [String] = []
      let summary = try intake.append(
        [RecordIntake.Batch(source: source, records: records)], intoStores: stores
      ) { problems.append($0.description) }
      guard summary.eventsLoaded == records.count else {
        throw ServiceError(
          "InternalFailure",
          "Stored \(summary.eventsLoaded) of \(records.count) audit events: \(problems.joined(separator: "; "))"
        )
      }
    }
    for work in works {
      try ChannelCatalog.noteIngestion(
        channelRowID: channel.rowID, at: now, lastEventID: work.lastEventID, errorCode: work.failedCode,
        connection: intake.connection)
    }
  }

  /// The channel's destinations that collect now (active stores), with their retention.
  private func destinations(of channel: ChannelRecord, connection: SQLiteConnection, now: Date) throws
    -> [EventDataStoreDestination]
  {
    try channel.storeARNs.compactMap { arn in
      guard let store = try EventDataStoreCatalog.find(arn, connection: connection), store.isIngesting else {
        return nil
      }
      return EventDataStoreDestination(
        storeRowID: store.rowID,
        oldestEventTime: Int64(now.timeIntervalSince1970) - Int64(store.retentionPeriod) * 86_400,
        alsoCollectsLive: false)
    }
  }

  /// Merges the eventID runs and checkpoints (when the server stops).
  public func finish() {
    condition.lock()
    defer { condition.unlock() }
    intake?.finish()
  }
}
