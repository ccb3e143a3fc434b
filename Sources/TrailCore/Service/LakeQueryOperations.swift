import Foundation

// The Lake query operations (spec §8.4): each a thin translation to `LakeQueries`, which holds the
// rules, run by the store's `LakeQueryHost` in this process.

extension StoreServices {
  /// The Lake query lifecycle for this caller, over this thread's reader.
  public var lakeQueries: LakeQueries { LakeQueries(context: context, reader: connection) }
}

/// `StartQuery`: checks the statement, queues the query and answers its QueryId at once; a worker of
/// this process runs it. (`traildeck start-query` waits for it to end before printing, since the
/// process would take the query with it.)
public enum StartQuery: ServiceOperation {
  public static let name = "StartQuery"
  public static func perform(_ request: StartQueryRequest, with services: StoreServices) throws
    -> StartQueryResponse
  {
    try services.lakeQueries.start(request)
  }
}

/// `DescribeQuery`: a query's statement, status, statistics and error.
public enum DescribeQuery: ServiceOperation {
  public static let name = "DescribeQuery"
  public static func perform(_ request: DescribeQueryRequest, with services: StoreServices) throws
    -> DescribeQueryResponse
  {
    try services.lakeQueries.describe(request)
  }
}

/// `GetQueryResults`: a page of a query's result rows.
public enum GetQueryResults: ServiceOperation {
  public static let name = "GetQueryResults"
  public static func perform(_ request: GetQueryResultsRequest, with services: StoreServices) throws
    -> GetQueryResultsResponse
  {
    try services.lakeQueries.results(request)
  }
}

/// `CancelQuery`: stops a QUEUED or RUNNING query.
public enum CancelQuery: ServiceOperation {
  public static let name = "CancelQuery"
  public static func perform(_ request: CancelQueryRequest, with services: StoreServices) throws
    -> CancelQueryResponse
  {
    try services.lakeQueries.cancel(request)
  }
}

/// `ListQueries`: the queries of an event data store from the last 7 days.
public enum ListQueries: ServiceOperation {
  public static let name = "ListQueries"
  public static func perform(_ request: ListQueriesRequest, with services: StoreServices) throws
    -> ListQueriesResponse
  {
    try services.lakeQueries.list(request)
  }
}
