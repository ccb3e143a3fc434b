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
    let (statement, parameters) = try statement(of: request)
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
    let prepared = try host.engine.prepare(
      statement, parameters: parameters, connection: reader, context: context)
    let id = try start(
      statement, prepared: prepared, deliveryS3Uri: request.deliveryS3Uri,
      ownerAccountId: request.eventDataStoreOwnerAccountId, store: store)
    return StartQueryResponse(queryId: id, eventDataStoreOwnerAccountId: request.eventDataStoreOwnerAccountId)
  }

  /// Queues `prepared` (the engine's, or a dashboard widget's rollup answer) as a query of the
  /// caller with QueryString `statement`; returns its id.
  /// - Throws: `MaxConcurrentQueriesException`.
  func start(
    _ statement: String, prepared: any PreparedLakeQuery, deliveryS3Uri: String? = nil,
    ownerAccountId: String? = nil, store: LakeQueryStore? = nil
  ) throws -> String {
    let store = try store ?? LakeQueryStore(databasePath: context.databasePath)
    let now = context.clock.now()
    let record = LakeQueryRecord(
      id: UUID().uuidString.lowercased(), account: context.account, region: context.callerRegion,
      statement: statement, status: .queued, eventDataStoreARNs: prepared.eventDataStoreARNs,
      deliveryS3Uri: deliveryS3Uri, deliveryStatus: deliveryS3Uri == nil ? nil : "PENDING",
      ownerAccountId: ownerAccountId, createdAt: now, ownerPID: LakeQueryOwner.pid,
      ownerHost: LakeQueryOwner.host, heartbeatAt: settings.wallClock.now())
    // One write transaction: two processes starting the tenth query at once cannot both get it.
    try store.connection.transaction {
      try checkLimit(store, now: now)
      try store.insert(record)
    }
    host.submit(
      LakeQueryJob(id: record.id, prepared: prepared, context: context, deliveryS3Uri: record.deliveryS3Uri))
    return record.id
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

  /// The statement StartQuery runs and the values of its `?`s: `QueryStatement`, or what `QueryAlias`
  /// names — a query GenerateQuery kept (its values written in), else a dashboard widget's statement
  /// with `QueryParameters` (`LakeDashboards.aliasedStatement`).
  func statement(of request: StartQueryRequest) throws -> (String, [String]) {
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
      return (statement, [])
    case (_?, _?):
      throw ServiceError.invalidParameter("Give either QueryStatement or QueryAlias, not both.")
    case (nil, let alias?):
      let parameters = request.queryParameters ?? []
      if parameters.count > 10 {
        throw ServiceError.invalidParameter(
          "QueryParameters has \(parameters.count) values; at most 10 are allowed.")
      }
      let generated: String?
      do {
        generated = try GeneratedQueries.statement(alias: alias, context: context, connection: reader)
      } catch {
        throw ServiceError.invalidParameter("The generated queries cannot be read: \(error)")
      }
      if let generated {
        // A generated statement has its values written in; there is nothing to bind.
        guard parameters.isEmpty else {
          throw ServiceError.invalidParameter(
            "QueryAlias '\(alias)' is a generated query with its values in place; it takes no QueryParameters."
          )
        }
        return (generated, [])
      }
      return (try LakeDashboards.aliasedStatement(alias, services: StoreServices(context)), parameters)
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
