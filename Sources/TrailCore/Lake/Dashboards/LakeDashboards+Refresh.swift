import Foundation

extension LakeDashboards {
  /// A refresh: one Lake query per widget, started through the query lifecycle (so DescribeQuery by
  /// QueryAlias and RefreshId, GetQueryResults and ListQueries see them), each answered from the
  /// rollups where `RollupAnswer` can prove the same rows.
  struct Refresh: Sendable {
    /// The RefreshId: 10–20 digits (the model's pattern) — the clock's milliseconds and 4 random digits.
    var id: String
    /// QueryAlias → QueryId, in widget order.
    var queries: [(alias: String, queryID: String)]
  }

  /// StartDashboardRefresh: resolves `$StartTime$`/`$EndTime$`/`$Period$` (and, for Highlights,
  /// `$EventDataStoreId$`), starts the widgets' queries and records the refresh as the dashboard's last.
  ///
  /// - Throws: as `find`; `InvalidParameterException` for a parameter that is not one of the
  ///   dashboard's or a value that is not valid; `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException` for a store a widget reads; `ServiceQuotaExceededException`
  ///   when the widgets' queries would pass the concurrent-query limit.
  func refresh(_ idOrARN: String, values given: [String: String]) throws -> Refresh {
    try refresh(find(idOrARN), values: given)
  }

  func refresh(_ dashboard: DashboardRecord, values given: [String: String], scheduledFor: Date? = nil) throws
    -> Refresh
  {
    let allowed = DashboardRules.placeholders + (dashboard.isManaged ? [DashboardRules.storePlaceholder] : [])
    for (key, value) in given {
      guard allowed.contains(key) else {
        throw ServiceError(
          "InvalidParameterException",
          "Query parameter '\(key)' is not valid for \(dashboard.type == DashboardRules.managedType ? "a managed" : "a custom") dashboard: use \(allowed.joined(separator: ", "))."
        )
      }
      guard (1...128).contains(value.count),
        value.range(of: #"^[a-zA-Z0-9._/\-:]+$"#, options: .regularExpression) != nil
      else {
        throw ServiceError(
          "InvalidParameterException",
          "Query parameter \(key) = '\(value)' is not valid: use 1 to 128 letters, digits and . _ / - :.")
      }
    }
    let store = dashboard.isManaged ? try highlightsStore(given: given[DashboardRules.storePlaceholder]) : nil
    let now = context.clock.now()
    let queries = LakeQueries(context: context, reader: services.connection)
    let engine = queries.host.engine
    // Every statement is checked before any query starts: a refresh runs whole or not at all.
    var planned: [(alias: String, statement: String, prepared: any PreparedLakeQuery)] = []
    for (index, widget) in dashboard.widgets.enumerated() {
      let values = try DashboardStatement.values(for: widget.queryParameters ?? [], given: given, now: now)
      var statement = DashboardStatement.splicing(values, into: widget.queryStatement ?? "")
      if let store {
        statement = statement.replacingOccurrences(of: DashboardRules.storePlaceholder, with: store.id)
      }
      let prepared = try engine.prepare(
        statement, parameters: [], connection: services.connection, context: context)
      let alias = widget.queryAlias ?? Self.alias(dashboard: dashboard.name, widget: index)
      planned.append((alias, statement, try rollupAnswer(statement, prepared) ?? prepared))
    }
    let active = try LakeQueryStore(databasePath: context.databasePath).activeCount(
      account: account, region: region)
    guard active + planned.count <= queries.settings.maxConcurrentQueries else {
      throw ServiceError(
        "ServiceQuotaExceededException",
        "Refreshing \(dashboard.name) starts \(planned.count) queries and \(active) are running; at most \(queries.settings.maxConcurrentQueries) may run at once. Try again when some have ended."
      )
    }
    let refreshID =
      String(Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) % 10_000_000_000_000)
      + String(format: "%04d", Int.random(in: 0..<10_000))
    var started: [(alias: String, queryID: String)] = []
    for plan in planned {
      let queryID = try queries.start(plan.statement, prepared: plan.prepared)
      try DashboardCatalog.noteQuery(
        refreshID: refreshID, alias: plan.alias, dashboard: dashboard.rowID, queryID: queryID, at: now,
        connection: connection)
      started.append((plan.alias, queryID))
    }
    var updated = dashboard
    updated.lastRefreshId = refreshID
    if let scheduledFor {
      updated.lastScheduledRefresh = scheduledFor
      updated.lastRefreshFailureReason = nil
    }
    try DashboardCatalog.save(updated, connection: connection)
    return Refresh(id: refreshID, queries: started)
  }

  /// `prepared` wrapped to answer from the rollups when `statement` is their shape over one store
  /// collecting all management events (the run proves the rest); nil otherwise.
  func rollupAnswer(_ statement: String, _ prepared: any PreparedLakeQuery) throws -> RollupAnswer? {
    guard let shape = RollupShape(statement), prepared.eventDataStoreARNs.count == 1,
      let store = try? stores.find(prepared.eventDataStoreARNs[0]),
      Self.collectsAllManagementEvents(store), try !hasImports(store)
    else { return nil }
    return RollupAnswer(
      shape: shape, storeRowID: store.rowID, retentionDays: store.retentionPeriod, fallback: prepared)
  }

  /// One selector, `eventCategory = Management` and nothing else: every management event.
  static func collectsAllManagementEvents(_ store: EventDataStoreRecord) -> Bool {
    guard store.advancedEventSelectors.count == 1 else { return false }
    let fields = store.advancedEventSelectors[0].fieldSelectors
    return fields.count == 1 && fields[0].field == "eventCategory" && fields[0].equals == ["Management"]
      && fields[0].notEquals == nil && fields[0].startsWith == nil && fields[0].endsWith == nil
      && fields[0].notStartsWith == nil && fields[0].notEndsWith == nil
  }

  func hasImports(_ store: EventDataStoreRecord) throws -> Bool {
    try connection.scalarInt("SELECT COUNT(*) FROM imports WHERE destination = ?", [.text(store.arn)]) > 0
  }

  /// The event data store a Highlights refresh reads: `$EventDataStoreId$` when given, else the caller's
  /// first enabled store collecting all management events, else its first enabled store.
  /// - Throws: `EventDataStoreNotFoundException` when there is none, the store checks of `find`.
  func highlightsStore(given: String?) throws -> EventDataStoreRecord {
    if let given {
      let store = try stores.find(given)
      try stores.requireActive(store)
      return store
    }
    let enabled = try stores.visibleStores().filter { $0.status == EventDataStoreStatus.enabled }
    guard let store = enabled.first(where: Self.collectsAllManagementEvents) ?? enabled.first else {
      throw ServiceError(
        "EventDataStoreNotFoundException",
        "The Highlights dashboard reads an event data store and \(account) has none enabled in \(region): create one, or pass $EventDataStoreId$."
      )
    }
    return store
  }

  /// Scheduled refreshes due at `now` (clock time): every dashboard of every account whose ENABLED
  /// schedule has passed an occurrence since its last scheduled refresh. A refresh that cannot start
  /// keeps its reason in LastRefreshFailureReason; the others go on.
  /// - Returns: the dashboards refreshed.
  @discardableResult
  static func runScheduled(at now: Date, databasePath: String, clock: any Clock) throws -> [String] {
    let base = StoreContext(databasePath: databasePath, clock: clock)
    let all = try DashboardCatalog.all(connection: StoreServices(base).connection)
    var refreshed: [String] = []
    for dashboard in all {
      guard let schedule = DashboardSchedule(dashboard.refreshSchedule),
        let occurrence = schedule.dueOccurrence(
          now: now, last: dashboard.lastScheduledRefresh ?? dashboard.createdTimestamp)
      else { continue }
      var context = base
      context.account = dashboard.account
      context.region = dashboard.region
      let dashboards = try LakeDashboards(StoreServices(context))
      do {
        _ = try dashboards.refresh(dashboard, values: [:], scheduledFor: occurrence)
        refreshed.append(dashboard.arn)
      } catch let error as ServiceError {
        var failed = dashboard
        failed.lastScheduledRefresh = occurrence
        failed.lastRefreshFailureReason = LakeQueryRun.errorMessage(error.description)
        try DashboardCatalog.save(failed, connection: dashboards.connection)
      }
    }
    return refreshed
  }
}
