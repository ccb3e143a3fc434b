import Foundation

extension LakeQueries {
  /// DescribeQuery: the query's statement, status, statistics and error; by QueryId, or by a dashboard
  /// widget's QueryAlias with the RefreshId that ran it (the widget's latest refresh without one).
  ///
  /// - Throws: `ServiceError` `InvalidParameterException` (neither QueryId nor QueryAlias),
  ///   `QueryIdNotFoundException`.
  public func describe(_ request: DescribeQueryRequest) throws -> DescribeQueryResponse {
    if let eds = request.eventDataStore {
      _ = try LakeEventDataStores.checkedARN(eds, connection: reader, context: context)
    }
    let id: String
    if let queryID = request.queryId {
      id = queryID
    } else if let alias = request.queryAlias {
      id = try LakeDashboards.queryID(
        alias: alias, refreshID: request.refreshId, services: StoreServices(context))
    } else {
      throw ServiceError.invalidParameter("DescribeQuery needs QueryId, or QueryAlias with RefreshId.")
    }
    let (_, record) = try visibleRecord(id)
    return DescribeQueryResponse(
      queryId: record.id, queryString: record.statement, queryStatus: record.status.rawValue,
      queryStatistics: QueryStatisticsForDescribeQuery(
        eventsMatched: record.eventsMatched, eventsScanned: record.eventsScanned,
        bytesScanned: record.bytesScanned,
        executionTimeInMillis: record.executionMillis(now: context.clock.now()),
        creationTime: record.createdAt),
      errorMessage: record.errorMessage, deliveryS3Uri: record.deliveryS3Uri,
      deliveryStatus: record.deliveryStatus,
      eventDataStoreOwnerAccountId: record.ownerAccountId)
  }

  /// GetQueryResults: one page of the result rows (up to `MaxQueryResults`, default 1000), each row a
  /// list of `{column: value}` in select order. A query that has not ended, or ended without
  /// results, has no rows yet.
  ///
  /// - Throws: `ServiceError` `InvalidMaxResultsException`, `InvalidNextTokenException`,
  ///   `QueryIdNotFoundException`.
  public func results(_ request: GetQueryResultsRequest) throws -> GetQueryResultsResponse {
    let limit = request.maxQueryResults ?? 1000
    guard (1...1000).contains(limit) else {
      throw ServiceError.invalidMaxResults("MaxQueryResults must be from 1 to 1000; got \(limit).")
    }
    if let eds = request.eventDataStore {
      _ = try LakeEventDataStores.checkedARN(eds, connection: reader, context: context)
    }
    let (store, record) = try visibleRecord(request.queryId)
    let tokens = try LakeQueryTokens(connection: store.connection)
    var offset = 0
    if let token = request.nextToken {
      offset = try tokens.offset(token, boundTo: [record.id])
      guard offset <= record.resultCount else {
        throw ServiceError.invalidNextToken(
          "The NextToken points past the query's \(record.resultCount) results.")
      }
    }
    let rows = try store.rows(
      record.id, offset: offset, limit: limit, width: record.columns.count, rowsPerPage: record.rowsPerPage)
    let end = offset + rows.count
    return GetQueryResultsResponse(
      queryStatus: record.status.rawValue,
      queryStatistics: QueryStatistics(
        resultsCount: rows.count, totalResultsCount: record.resultCount, bytesScanned: record.bytesScanned),
      queryResultRows: rows.map { row in zip(record.columns, row).map { QueryResultColumn($0, $1) } },
      nextToken: end < record.resultCount ? tokens.make(offset: end, boundTo: [record.id]) : nil,
      errorMessage: record.errorMessage)
  }

  /// ListQueries: the caller's queries of one event data store created in the last 7 days of the clock
  /// (and inside StartTime…EndTime), newest first, optionally of one status.
  ///
  /// - Throws: `ServiceError` the event data store's (`LakeEventDataStores`), `InvalidDateRangeException`,
  ///   `InvalidQueryStatusException`, `InvalidMaxResultsException`, `InvalidNextTokenException`.
  public func list(_ request: ListQueriesRequest) throws -> ListQueriesResponse {
    let arn = try LakeEventDataStores.checkedARN(request.eventDataStore, connection: reader, context: context)
    let limit = request.maxResults ?? 1000
    guard (1...1000).contains(limit) else {
      throw ServiceError.invalidMaxResults("MaxResults must be from 1 to 1000; got \(limit).")
    }
    var status: LakeQueryStatus?
    if let text = request.queryStatus {
      guard let known = LakeQueryStatus(rawValue: text) else {
        throw ServiceError(
          "InvalidQueryStatusException",
          "'\(text)' is not a query status; use one of "
            + LakeQueryStatus.allCases.map(\.rawValue).joined(separator: ", ") + ".")
      }
      status = known
    }
    if let start = request.startTime, let end = request.endTime, start > end {
      throw ServiceError(
        "InvalidDateRangeException", "StartTime must not be later than EndTime.")
    }
    let now = context.clock.now()
    let lower = max(request.startTime ?? .distantPast, now.addingTimeInterval(-settings.retention))
    let upper = request.endTime ?? .distantFuture
    let store = try LakeQueryStore(databasePath: context.databasePath)
    try tidyIfNeeded(store, now: now)
    let records =
      lower <= upper
      ? try store.list(
        account: context.account, region: context.callerRegion, storeARN: arn, window: lower...upper,
        status: status)
      : []
    let binding = [
      arn, request.startTime.map { "\($0.timeIntervalSince1970)" } ?? "",
      request.endTime.map { "\($0.timeIntervalSince1970)" } ?? "",
      status?.rawValue ?? "",
    ]
    let tokens = try LakeQueryTokens(connection: store.connection)
    var offset = 0
    if let token = request.nextToken {
      offset = try tokens.offset(token, boundTo: binding)
      guard offset <= records.count else {
        throw ServiceError.invalidNextToken("The NextToken points past the end of the list.")
      }
    }
    let page = records[offset..<min(records.count, offset + limit)]
    let end = offset + page.count
    return ListQueriesResponse(
      queries: page.map {
        LakeQuerySummary(queryId: $0.id, queryStatus: $0.status.rawValue, creationTime: $0.createdAt)
      },
      nextToken: end < records.count ? tokens.make(offset: end, boundTo: binding) : nil)
  }
}
