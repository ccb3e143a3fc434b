import Foundation
import LakeSQL
import TrailCore

/// Everything the Lake pane (and the history's compound filter) asks of CloudTrail Lake, behind one
/// seam: the runtime implements it over the store, tests over fixed answers.
///
/// Calls may be slow (a run scans events), so the runtime makes them off the UI loop.
public protocol LakeQuerying: Sendable {
  /// The event data stores, as ListEventDataStores lists them.
  func eventDataStores() throws -> [EventDataStoreRow]
  /// Runs one statement (its `?`s bound to `parameters` in order), stopping when `cancellation` is set.
  ///
  /// - Throws: `LakeRunError` (refused statement with its position, failure while running, cancelled).
  func run(_ statement: String, parameters: [String], cancellation: LakeCancellation) throws -> LakeResult
  /// The ready-made queries offered one key away.
  var sampleQueries: [SampleQuery] { get }
}

/// One event data store as the pane lists it.
public struct EventDataStoreRow: Equatable, Sendable {
  public var id: String
  public var arn: String
  public var name: String
  /// `ENABLED`, `STOPPED_INGESTION`, `PENDING_DELETION`, …
  public var status: String
  public var retentionDays: Int
  /// Events in the store, when known.
  public var eventCount: Int?
  /// The store's table in Lake's SQL, and so the kind of events it holds (CloudTrail events,
  /// configuration items, evidence, events from outside AWS): which sample queries and generator
  /// questions fit it.
  public var tableSchema: LakeTableSchema

  public init(
    id: String, arn: String, name: String, status: String, retentionDays: Int, eventCount: Int?,
    tableSchema: LakeTableSchema = .cloudTrail
  ) {
    self.id = id
    self.arn = arn
    self.name = name
    self.status = status
    self.retentionDays = retentionDays
    self.eventCount = eventCount
    self.tableSchema = tableSchema
  }
}

/// A finished statement: columns, rows of printed values (nil is NULL) and QueryStatistics.
public struct LakeResult: Equatable, Sendable {
  public var columns: [String]
  public var rows: [[String?]]
  public var eventsScanned: Int64
  public var bytesScanned: Int64
  /// Seconds from start to finish, read off the store's clock.
  public var elapsed: TimeInterval
  /// The QueryId when the statement ran as a Lake query (StartQuery), so `describe-query` and
  /// `list-queries` find it; nil when it ran in place (`all_events`).
  public var queryId: String?

  public init(
    columns: [String], rows: [[String?]], eventsScanned: Int64 = 0, bytesScanned: Int64 = 0,
    elapsed: TimeInterval = 0, queryId: String? = nil
  ) {
    self.columns = columns
    self.rows = rows
    self.eventsScanned = eventsScanned
    self.bytesScanned = bytesScanned
    self.elapsed = elapsed
    self.queryId = queryId
  }
}

/// Why a statement produced no result: refused (with the position Lake's message names), failed
/// while running, or cancelled.
public struct LakeRunError: Error, Equatable, Sendable {
  public var message: String
  /// 1-based line and column of a refused statement's offending token, when the message names them.
  public var line: Int?
  public var column: Int?
  public var isCancelled: Bool

  public init(message: String, line: Int? = nil, column: Int? = nil, isCancelled: Bool = false) {
    self.message = message
    self.line = line
    self.column = column
    self.isCancelled = isCancelled
  }

  /// A refusal, its position read from Lake's `line L:C: …` prefix.
  public static func refused(_ message: String) -> LakeRunError {
    let (line, column) = position(in: message)
    return LakeRunError(message: message, line: line, column: column)
  }

  /// The `L` and `C` of a message starting `line L:C:` (Trino's, and so Lake's, way to name a position).
  public static func position(in message: String) -> (line: Int?, column: Int?) {
    guard let range = message.range(of: "line ") else { return (nil, nil) }
    let rest = message[range.upperBound...]
    let digits = rest.prefix { $0.isNumber || $0 == ":" }
    let parts = digits.split(separator: ":")
    guard parts.count >= 2, let line = Int(parts[0]), let column = Int(parts[1]) else { return (nil, nil) }
    return (line, column)
  }

  /// What the pane shows for it.
  public static let cancelled = LakeRunError(message: "Query cancelled", isCancelled: true)
}
