import CSQLite
import Foundation

/// The Lake query lifecycle of one caller: StartQuery, DescribeQuery, GetQueryResults, CancelQuery and
/// ListQueries over the store of `context`, run by `host`.
///
/// Everything a query is (statement, status, statistics, error, results) lives in the store, so any
/// process answers for any other's queries; only running them belongs to the process that started them.
public struct LakeQueries {
  public let context: StoreContext
  public let host: LakeQueryHost
  /// The connection the engine checks statements on (the caller's reader).
  let reader: SQLiteConnection

  /// The lifecycle over `reader`'s store, run by the host of that store in this process.
  public init(context: StoreContext, reader: SQLiteConnection, host: LakeQueryHost? = nil) {
    self.context = context
    self.reader = reader
    self.host = host ?? LakeQueryHost.host(for: context.databasePath)
  }

  var settings: LakeQuerySettings { host.settings }

  /// StartQuery: checks the request and the statement, then queues the query and answers its id at
  /// once; a worker thread runs it (`host.waitUntilEnded` waits for it).
  ///
  /// - Throws: `ServiceError` `InvalidParameterException`, `InvalidQueryStatementException` (and the
  ///   engine's other refusals), the delivery bucket's exceptions (`LakeDeliveryURI`),
  ///   `MaxConcurrentQueriesException`.
  public func start(_ request: StartQueryRequest) throws -> StartQueryResponse {
    let statement = try statement(of: request)
    if let uri = request.deliveryS3Uri { try LakeDeliveryURI.check(uri, context: context) }
    if let owner = request.eventDataStoreOwnerAccountId,
      !(12...16).contains(owner.count) || !owner.allSatisfy({ ("0"..."9").contains($0) })
    {
      throw ServiceError.invalidParameter(
        "EventDataStoreOwnerAccountId '\(owner)' is not an account ID (12 to 16 digits).")
    }
    // A first look at the limit before the statement is checked, so a caller at the limit hears so
    // whatever the statement; the count that holds is the one inside the insert's transaction.
    let store = try LakeQueryStore(databasePath: context.databasePath)
    try checkLimit(store, now: context.clock.now())
    let prepared = try host.engine.prepare(statement, parameters: [], connection: reader, context: context)
    let now = context.clock.now()
    let record = LakeQueryRecord(
      id: UUID().uuidString.lowercased(), account: context.account, region: context.callerRegion,
      statement: statement, status: .queued, eventDataStoreARNs: prepared.eventDataStoreARNs,
      deliveryS3Uri: request.deliveryS3Uri, deliveryStatus: request.deliveryS3Uri == nil ? nil : "PENDING",
      ownerAccountId: request.eventDataStoreOwnerAccountId, createdAt: now, ownerPID: LakeQueryOwner.pid,
      ownerHost: LakeQueryOwner.host, heartbeatAt: settings.wallClock.now())
    // One write transaction: two processes starting the tenth query at once cannot both get it.
    try store.connection.transaction {
      try checkLimit(store, now: now)
      try store.insert(record)
    }
    host.submit(
      LakeQueryJob(id: record.id, prepared: prepared, context: context, deliveryS3Uri: record.deliveryS3Uri))
    return StartQueryResponse(
      queryId: record.id, eventDataStoreOwnerAccountId: request.eventDataStoreOwnerAccountId)
  }

  /// - Throws: `MaxConcurrentQueriesException` when the caller has the most QUEUED and RUNNING queries
  ///   (after queries of dead processes are failed).
  func checkLimit(_ store: LakeQueryStore, now: Date) throws {
    try tidyIfNeeded(store, now: now)
    guard
      try store.activeCount(account: context.account, region: context.callerRegion)
        < settings.maxConcurrentQueries
    else { throw ServiceError.maxConcurrentQueries(settings.maxConcurrentQueries) }
  }

  /// The statement StartQuery runs: `QueryStatement`, or the query GenerateQuery kept under
  /// `QueryAlias` (TrailDeck has no dashboards, whose queries CloudTrail also names by alias).
  func statement(of request: StartQueryRequest) throws(ServiceError) -> String {
    switch (request.queryStatement, request.queryAlias) {
    case (let statement?, nil):
      guard request.queryParameters == nil else {
        throw ServiceError.invalidParameter(
          "QueryParameters go with QueryAlias; put the values into QueryStatement instead.")
      }
      guard (1...10_000).contains(statement.count) else {
        throw ServiceError.invalidQueryStatement(
          "The query statement is \(statement.count) characters long; it must have 1 to 10000.")
      }
      return statement
    case (_?, _?):
      throw ServiceError.invalidParameter("Give either QueryStatement or QueryAlias, not both.")
    case (nil, let alias?):
      if let parameters = request.queryParameters, parameters.count > 10 {
        throw ServiceError.invalidParameter(
          "QueryParameters has \(parameters.count) values; at most 10 are allowed.")
      }
      let generated: String?
      do {
        generated = try GeneratedQueries.statement(alias: alias, context: context, connection: reader)
      } catch {
        throw ServiceError.invalidParameter("The generated queries cannot be read: \(error)")
      }
      guard let generated else {
        throw ServiceError.invalidParameter(
          "QueryAlias '\(alias)' names no query of this account and region: TrailDeck knows the aliases generate-query answered (it has no dashboards); pass the SQL as QueryStatement."
        )
      }
      // A generated statement has its values written in; there is nothing to bind.
      guard request.queryParameters?.isEmpty ?? true else {
        throw ServiceError.invalidParameter(
          "QueryAlias '\(alias)' is a generated query with its values in place; it takes no QueryParameters.")
      }
      return generated
    case (nil, nil):
      throw ServiceError.invalidParameter(
        "StartQuery needs QueryStatement (or QueryAlias with QueryParameters).")
    }
  }

  /// CancelQuery: a QUEUED or RUNNING query becomes CANCELLED at once; the process running it stops it
  /// (this one now, another at its next heartbeat).
  ///
  /// - Throws: `ServiceError` `QueryIdNotFoundException`, `InactiveQueryException`.
  public func cancel(_ request: CancelQueryRequest) throws -> CancelQueryResponse {
    if let eds = request.eventDataStore {
      _ = try LakeEventDataStores.checkedARN(eds, connection: reader, context: context)
    }
    let (store, record) = try visibleRecord(request.queryId)
    guard !record.status.isTerminal else { throw ServiceError.inactiveQuery(record.id, record.status) }
    guard try store.cancel(record.id, at: context.clock.now()) else {
      let status = try store.status(record.id) ?? .finished
      throw ServiceError.inactiveQuery(record.id, status)
    }
    host.cancelLocally(record.id)
    return CancelQueryResponse(
      queryId: record.id, queryStatus: LakeQueryStatus.cancelled.rawValue,
      eventDataStoreOwnerAccountId: request.eventDataStoreOwnerAccountId)
  }

  /// The ID of event data store `idOrARN` (`traildeck query --event-data-store` puts it in for
  /// `$EDS_ID`).
  /// - Throws: `ServiceError` as `LakeEventDataStores.checkedARN` does.
  public func eventDataStoreID(_ idOrARN: String) throws -> String {
    LakeEventDataStores.id(
      ofARN: try LakeEventDataStores.checkedARN(idOrARN, connection: reader, context: context))
  }

  /// Forgets queries that ended more than the retention ago, and fails those whose process is gone.
  func tidy(_ store: LakeQueryStore, now: Date) throws {
    try store.purge(endedBefore: now.addingTimeInterval(-settings.retention))
    try store.failStaleQueries(settings: settings, now: now)
  }

  /// `tidy` in a write transaction of its own, taken only when there is something to do: reads
  /// (DescribeQuery, GetQueryResults' pages) must not queue behind the ingest writer for nothing.
  func tidyIfNeeded(_ store: LakeQueryStore, now: Date) throws {
    guard try store.needsTidying(before: now.addingTimeInterval(-settings.retention), settings: settings)
    else {
      return
    }
    try store.writing { try tidy(store, now: now) }
  }

  /// Query `id` of this caller, after tidying, with its store's writer.
  ///
  /// - Throws: `QueryIdNotFoundException` for an id that is not the caller's (account and region) or
  ///   was forgotten; the event data store checks of `LakeEventDataStores` for the stores it read.
  func visibleRecord(_ id: String) throws -> (LakeQueryStore, LakeQueryRecord) {
    let store = try LakeQueryStore(databasePath: context.databasePath)
    let now = context.clock.now()
    try tidyIfNeeded(store, now: now)
    guard let record = try store.record(id.lowercased()), record.account == context.account,
      record.region == context.callerRegion
    else { throw ServiceError.queryIdNotFound(id) }
    for arn in record.eventDataStoreARNs {
      _ = try LakeEventDataStores.checkedARN(arn, connection: reader, context: context)
    }
    return (store, record)
  }
}

extension LakeQueryStore {
  /// Whether a write transaction is open on the connection (a nested `transaction` would fail).
  var isInTransaction: Bool { sqlite3_get_autocommit(connection.handle) == 0 }
}
