import ArgumentParser
import Foundation
import TrailCore

// The operations that start Lake queries, which `OperationCommand` runs in the foreground.

extension StartQuery {
  static let startsQueries = true
  static let waitingNote = """
    TrailDeck runs the query before it prints the QueryId, so describe-query shows it FINISHED (or \
    FAILED, CANCELLED, TIMED_OUT) afterwards; the timeout is an hour of the clock, or \
    \(LakeQueryTimeout.variable) seconds. Ctrl-C cancels the query. For reading rows at a terminal, see \
    `traildeck query`.
    """
  static func startedQueries(of response: StartQueryResponse, with services: StoreServices) throws -> [String]
  {
    response.queryId.map { [$0] } ?? []
  }
}

extension StartDashboardRefresh {
  static let startsQueries = true
  static let waitingNote = """
    QueryParameterValues fill the widgets' $StartTime$, $EndTime$ (ISO 8601 or epoch seconds; default: \
    the day up to the clock's minute) and $Period$ (default hour); the Highlights dashboard also takes \
    $EventDataStoreId$. TrailDeck runs the widgets' queries before it prints the RefreshId; \
    describe-query --query-alias A --refresh-id R and get-query-results then read them.
    """
  static func startedQueries(of response: StartDashboardRefreshResponse, with services: StoreServices) throws
    -> [String]
  {
    guard let id = response.refreshId else { return [] }
    return try StartDashboardRefresh.queryIDs(ofRefresh: id, with: services)
  }
}
