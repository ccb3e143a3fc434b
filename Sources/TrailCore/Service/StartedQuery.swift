import Foundation

/// A Lake query a front started through StartQuery for someone waiting on its rows (`traildeck query`,
/// the Lake pane), followed to its end: wait for it (cancelling it as CancelQuery does when asked),
/// then read its status and statistics (DescribeQuery) and its rows (GetQueryResults, page by page).
///
/// Going through the operations rather than running the statement in place is what makes such a query
/// one like any other: ListQueries lists it, DescribeQuery and CancelQuery reach it from any process,
/// and it has CloudTrail's timeout and limit of concurrent queries.
public struct StartedQuery {
  /// The QueryId.
  public let id: String
  /// The services the operations run with (this thread's reader).
  public let services: StoreServices

  /// Query `id` of `services`' store, started before.
  public init(id: String, services: StoreServices) {
    self.id = id
    self.services = services
  }

  /// Starts `statement` (StartQuery with `QueryStatement`); a worker of this process runs it.
  ///
  /// - Throws: StartQuery's `ServiceError`s: a refused statement is `InvalidQueryStatementException`
  ///   whose message starts `line L:C:` where Lake names a position.
  public static func start(_ statement: String, with services: StoreServices) throws -> StartedQuery {
    let response = try StartQuery.perform(StartQueryRequest(queryStatement: statement), with: services)
    guard let id = response.queryId else { preconditionFailure("StartQuery answered without a QueryId") }
    return StartedQuery(id: id, services: services)
  }

  /// Blocks until the query has ended (at once when this process does not run it).
  ///
  /// Every `interval` real seconds while it runs, `whileRunning` is called; once `cancellation` is set
  /// (before or during the wait), the query is cancelled through CancelQuery, so it ends CANCELLED — or
  /// as it had ended, when it ended first.
  public func waitUntilEnded(
    cancellation: LakeCancellation? = nil, checkingEvery interval: TimeInterval = 0.1,
    whileRunning: () -> Void = {}
  ) {
    let host = services.lakeQueries.host
    var hasCancelled = false
    while true {
      if !hasCancelled, cancellation?.isCancelled == true { hasCancelled = cancel() }
      if host.waitUntilEnded(id, atMost: interval) { return }
      whileRunning()
    }
  }

  /// CancelQuery; false when it should be tried again (the store was busy).
  private func cancel() -> Bool {
    do {
      _ = try CancelQuery.perform(CancelQueryRequest(queryId: id), with: services)
    } catch is ServiceError {
      // InactiveQueryException: it ended before the cancel reached it, which is an answer too.
    } catch {
      return false
    }
    return true
  }

  /// DescribeQuery: the query's status, statistics and error.
  /// - Throws: DescribeQuery's `ServiceError`s.
  public func describe() throws -> DescribeQueryResponse {
    try DescribeQuery.perform(DescribeQueryRequest(queryId: id), with: services)
  }

  /// The first `maxRows` result rows (all of them by default), read page by page with GetQueryResults.
  ///
  /// A query that ended without rows still has its column names (GetQueryResults has none to give,
  /// since it names columns in each row; they are read from the query's record instead).
  /// - Throws: GetQueryResults' `ServiceError`s.
  public func results(upTo maxRows: Int = .max) throws -> Results {
    precondition(maxRows >= 1, "results(upTo: \(maxRows)): at least one row must be asked for")
    var results = Results(columns: [], rows: [], totalCount: 0)
    var token: String?
    repeat {
      let page = try GetQueryResults.perform(
        GetQueryResultsRequest(
          queryId: id, nextToken: token, maxQueryResults: min(1000, maxRows - results.rows.count)),
        with: services)
      for row in page.queryResultRows ?? [] {
        if results.columns.isEmpty { results.columns = row.map(\.name) }
        results.rows.append(row.map(\.value))
      }
      results.totalCount = page.queryStatistics?.totalResultsCount ?? results.rows.count
      token = page.nextToken
    } while token != nil && results.rows.count < maxRows
    if results.columns.isEmpty { results.columns = try services.lakeQueries.visibleRecord(id).1.columns }
    return results
  }

  /// Result rows as GetQueryResults gives them.
  public struct Results: Equatable, Sendable {
    /// Column names in select order.
    public var columns: [String]
    /// Values as Lake prints them; nil is NULL.
    public var rows: [[String?]]
    /// Rows of the whole result (`TotalResultsCount`), which may be more than `rows` holds.
    public var totalCount: Int
  }
}
