import Foundation

/// The rules of Lake dashboards: who sees which dashboard, names, widgets whose statements the Lake
/// engine accepts, refresh schedules, termination protection, and the managed Highlights dashboard,
/// read-only to users. Every dashboard operation goes through here; refreshes are `+Refresh`.
///
/// A dashboard is a resource of its account and region, found (by name or ARN) and listed there only.
struct LakeDashboards {
  let stores: EventDataStoreService
  let services: StoreServices

  init(_ services: StoreServices) throws {
    self.services = services
    stores = try EventDataStoreService(services)
  }

  var connection: SQLiteConnection { stores.connection }
  var account: String { stores.account }
  var region: String { stores.region }
  var context: StoreContext { services.context }

  // MARK: Finding

  /// The dashboard `idOrARN` (its name or ARN) names, as the caller sees it.
  /// - Throws: `ResourceNotFoundException`.
  func find(_ idOrARN: String) throws -> DashboardRecord {
    let name =
      idOrARN.hasPrefix("arn:")
      ? DashboardARN(idOrARN).flatMap { arn in
        arn.account == account && arn.region == region ? arn.name : nil
      } : idOrARN
    guard let name, let found = try visibleDashboards().first(where: { $0.name == name }) else {
      throw ServiceError("ResourceNotFoundException", "The dashboard \(idOrARN) was not found in \(region).")
    }
    return found
  }

  /// The caller's dashboards in its region, in creation order.
  func visibleDashboards() throws -> [DashboardRecord] {
    try DashboardCatalog.all(account: account, region: region, connection: connection)
  }

  // MARK: Changing

  func create(_ request: CreateDashboardRequest) throws -> DashboardRecord {
    try DashboardRules.checkName(request.name)
    let highlights = request.name == DashboardRules.highlightsName
    let tags = request.tagsList ?? []
    do { try TrailRules.checkTags(tags) } catch {
      throw ServiceError("InvalidTagParameterException", error.message)
    }
    try DashboardRules.checkSchedule(request.refreshSchedule, highlights: highlights)
    if highlights, let widgets = request.widgets, !widgets.isEmpty {
      throw ServiceError(
        "InvalidParameterException",
        "The Highlights dashboard's widgets are CloudTrail's: create it without Widgets.")
    }
    if try visibleDashboards().contains(where: { $0.name == request.name }) {
      throw ServiceError(
        "ConflictException", "A dashboard named \(request.name) already exists in \(region).")
    }
    let widgets =
      highlights ? HighlightsDashboard.widgets : try checkedWidgets(request.widgets ?? [], name: request.name)
    let now = stores.now
    var dashboard = DashboardRecord(
      rowID: 0, name: request.name,
      arn: DashboardARN(region: region, account: account, name: request.name).text, account: account,
      region: region, type: highlights ? DashboardRules.managedType : DashboardRules.customType,
      widgets: widgets, refreshSchedule: request.refreshSchedule,
      terminationProtectionEnabled: request.terminationProtectionEnabled ?? false, createdTimestamp: now,
      updatedTimestamp: now, status: "CREATED", lastScheduledRefresh: now)
    try connection.transaction {
      dashboard.rowID = try DashboardCatalog.save(dashboard, connection: connection)
      try stores.trails.store.setTags(tags, on: dashboard.arn)
    }
    return dashboard
  }

  /// Widgets replace the list (the model: pass the ones to keep), the schedule and termination
  /// protection change when given.
  /// - Throws: as `find`; `UnsupportedOperationException` for the managed Highlights dashboard; the
  ///   widget and schedule rules of `create`.
  func update(_ request: UpdateDashboardRequest) throws -> DashboardRecord {
    var dashboard = try find(request.dashboardId)
    try requireCustom(dashboard, "updated")
    if let widgets = request.widgets { dashboard.widgets = try checkedWidgets(widgets, name: dashboard.name) }
    if let schedule = request.refreshSchedule {
      try DashboardRules.checkSchedule(schedule, highlights: false)
      dashboard.refreshSchedule = schedule
      // A schedule counts from when it was set, as a new dashboard's does.
      dashboard.lastScheduledRefresh = stores.now
    }
    if let protection = request.terminationProtectionEnabled {
      dashboard.terminationProtectionEnabled = protection
    }
    dashboard.updatedTimestamp = stores.now
    dashboard.status = "UPDATED"
    try DashboardCatalog.save(dashboard, connection: connection)
    return dashboard
  }

  /// - Throws: as `find`; `UnsupportedOperationException` for Highlights; `ConflictException` while
  ///   termination protection is on.
  func delete(_ idOrARN: String) throws {
    let dashboard = try find(idOrARN)
    try requireCustom(dashboard, "deleted")
    guard !dashboard.terminationProtectionEnabled else {
      throw ServiceError(
        "ConflictException",
        "Dashboard \(dashboard.arn) has termination protection enabled; disable it with update-dashboard --no-termination-protection-enabled first."
      )
    }
    try DashboardCatalog.delete(dashboard, connection: connection)
  }

  /// The managed Highlights dashboard is CloudTrail's to change.
  func requireCustom(_ dashboard: DashboardRecord, _ verb: String) throws {
    guard !dashboard.isManaged else {
      throw ServiceError(
        "UnsupportedOperationException",
        "\(dashboard.name) is a managed dashboard: CloudTrail keeps its widgets and schedule, and it cannot be \(verb)."
      )
    }
  }

  /// The widgets checked (shapes, then each statement through the Lake engine with placeholder
  /// values) and given their aliases.
  /// - Throws: `ServiceQuotaExceededException`, `InvalidParameterException`,
  ///   `InvalidQueryStatementException` (naming the token), `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException`.
  func checkedWidgets(_ widgets: [DashboardRequestWidget], name: String) throws -> [DashboardWidget] {
    try DashboardRules.checkWidgets(widgets)
    let engine = LakeQueryHost.host(for: context.databasePath).engine
    return try widgets.enumerated().map { index, widget in
      let values = try DashboardStatement.values(
        for: widget.queryParameters ?? [], given: [:], now: context.clock.now())
      let statement = DashboardStatement.splicing(values, into: widget.queryStatement)
      do {
        _ = try engine.prepare(statement, parameters: [], connection: services.connection, context: context)
      } catch let error as ServiceError where error.exceptionName == "InvalidQueryStatementException" {
        throw ServiceError(error.exceptionName, "Widget \(index + 1): \(error.message)")
      }
      return DashboardWidget(
        queryAlias: Self.alias(dashboard: name, widget: index), queryStatement: widget.queryStatement,
        queryParameters: widget.queryParameters, viewProperties: widget.viewProperties)
    }
  }

  /// `NAME-WidgetN` (N from 1), behind `Dashboard-` when the name does not begin with a letter (the
  /// model's QueryAlias must).
  static func alias(dashboard name: String, widget index: Int) -> String {
    let head = name.first.map { $0.isLetter && $0.isASCII } == true ? name : "Dashboard-" + name
    return "\(head)-Widget\(index + 1)"
  }

  // MARK: Queries by alias

  /// The widget whose QueryAlias is `alias` among the caller's dashboards, with its dashboard.
  func widget(alias: String) throws -> (DashboardRecord, DashboardWidget)? {
    for dashboard in try visibleDashboards() {
      if let widget = dashboard.widgets.first(where: { $0.queryAlias == alias }) {
        return (dashboard, widget)
      }
    }
    return nil
  }

  /// StartQuery by QueryAlias: the widget's statement with its `'?'`s as the engine's `?` (the
  /// request's QueryParameters fill them); a Highlights widget reads the default event data store.
  /// - Throws: `InvalidParameterException` when no widget of the caller has that alias.
  static func aliasedStatement(_ alias: String, services: StoreServices) throws -> String {
    let dashboards = try LakeDashboards(services)
    guard let (dashboard, widget) = try dashboards.widget(alias: alias), let statement = widget.queryStatement
    else {
      throw ServiceError.invalidParameter(
        "QueryAlias '\(alias)' names no widget of your dashboards in \(dashboards.region); get-dashboard lists each widget's QueryAlias."
      )
    }
    var text = DashboardStatement.unquotingPlaceholders(statement)
    if dashboard.isManaged {
      text = text.replacingOccurrences(
        of: DashboardRules.storePlaceholder, with: try dashboards.highlightsStore(given: nil).id)
    }
    return text
  }

  /// DescribeQuery by QueryAlias: the query widget `alias` ran as in refresh `refreshID` (the latest
  /// refresh when nil).
  /// - Throws: `InvalidParameterException` when no widget has that alias (as StartQuery),
  ///   `QueryIdNotFoundException` when the widget ran no query in that refresh.
  static func queryID(alias: String, refreshID: String?, services: StoreServices) throws -> String {
    let dashboards = try LakeDashboards(services)
    guard let (dashboard, _) = try dashboards.widget(alias: alias) else {
      throw ServiceError.invalidParameter(
        "QueryAlias '\(alias)' names no widget of your dashboards in \(dashboards.region); get-dashboard lists each widget's QueryAlias."
      )
    }
    guard
      let id = try DashboardCatalog.queryID(
        alias: alias, dashboard: dashboard.rowID, refreshID: refreshID, connection: dashboards.connection)
    else {
      throw ServiceError(
        "QueryIdNotFoundException",
        "No query ran for QueryAlias '\(alias)'\(refreshID.map { " in refresh \($0)" } ?? "") of your dashboards."
      )
    }
    return id
  }
}

extension LakeDashboards {
  /// The dashboard a tag operation names, when `resourceId` is a dashboard ARN (nil otherwise).
  /// - Throws: `ResourceNotFoundException`.
  static func tagged(_ resourceId: String, with services: StoreServices) throws -> DashboardRecord? {
    guard resourceId.hasPrefix("arn:"), resourceId.contains(":dashboard/") else { return nil }
    return try LakeDashboards(services).find(resourceId)
  }
}
