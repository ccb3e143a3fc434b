import Foundation

/// The seam between Lake's query lifecycle (StartQuery … ListQueries, `traildeck query`, the Lake
/// pane) and the SQL engine that runs one statement.
///
/// The lifecycle owns statuses, threads, limits, timeouts and stored results; the engine owns parsing,
/// checking and executing. `LakeSQLEngine` is the engine TrailDeck runs; tests of the lifecycle may
/// hand it another conformer.
public protocol LakeQueryEngine: Sendable {
  /// Parses and checks `statement` (with `parameters` replacing its `?`s in order) against the
  /// event data stores of `connection`'s store, as StartQuery does before answering.
  ///
  /// - Throws: `ServiceError` — `InvalidQueryStatementException` (anything but one SELECT, an unknown
  ///   column, function or store, with line and column), `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException`, `InvalidParameterException`.
  func prepare(_ statement: String, parameters: [String], connection: SQLiteConnection, context: StoreContext)
    throws -> any PreparedLakeQuery
}

/// A statement the engine accepted, ready to run once.
public protocol PreparedLakeQuery: Sendable {
  /// The ARNs of the event data stores the statement reads (ListQueries lists a query under each).
  var eventDataStoreARNs: [String] { get }

  /// Runs the statement on `connection` with "now" at `now`, checking `cancellation` often (at least
  /// every few thousand rows), and returns every result row.
  ///
  /// - Throws: `LakeQueryCancelled` when `cancellation` was set; `LakeQueryFailure` for a failure
  ///   while running (a division by zero, a bad cast), which the lifecycle records as FAILED with the
  ///   message; other errors are failures too.
  func run(on connection: SQLiteConnection, now: Date, cancellation: LakeCancellation) throws
    -> LakeQueryOutput
}

/// What a finished statement produced.
public struct LakeQueryOutput: Sendable, Equatable {
  /// Result column names in select order (`_col0`, `_col1`, … for unnamed expressions).
  public var columns: [String]
  /// Rows of values already formatted as Lake prints them (`2023-01-22 10:00:00.000`, `true`, JSON text
  /// for maps, rows and arrays); nil is SQL NULL.
  public var rows: [[String?]]
  /// Events read from the stores' storage (QueryStatistics.EventsScanned).
  public var eventsScanned: Int64
  /// Events that passed the statement's filters (QueryStatistics.EventsMatched).
  public var eventsMatched: Int64
  /// Bytes Lake would bill for the scan (QueryStatistics.BytesScanned).
  public var bytesScanned: Int64

  public init(
    columns: [String], rows: [[String?]], eventsScanned: Int64 = 0, eventsMatched: Int64 = 0,
    bytesScanned: Int64 = 0
  ) {
    self.columns = columns
    self.rows = rows
    self.eventsScanned = eventsScanned
    self.eventsMatched = eventsMatched
    self.bytesScanned = bytesScanned
  }
}

/// Set from any thread to stop a running statement (CancelQuery, the pane's Esc, a timeout).
public final class LakeCancellation: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false

  public init() {}

  public func cancel() { lock.withLock { cancelled = true } }
  public var isCancelled: Bool { lock.withLock { cancelled } }
}

/// A statement stopped because its `LakeCancellation` was set.
public struct LakeQueryCancelled: Error, Sendable {
  /// The rows found before the stop, when the engine has them: a query stopped by the timeout keeps
  /// them as its (partial) results. Nil when there are none or the engine does not say.
  public var partial: LakeQueryOutput?

  public init(partial: LakeQueryOutput? = nil) { self.partial = partial }
}

/// A statement that failed while running: the message becomes DescribeQuery's ErrorMessage.
public struct LakeQueryFailure: Error, Sendable, CustomStringConvertible {
  public var message: String
  public init(_ message: String) { self.message = message }
  public var description: String { message }
}
