import Foundation

// CreateDashboard, GetDashboard, UpdateDashboard, DeleteDashboard, ListDashboards,
// StartDashboardRefresh (spec §8.4): Lake dashboards of widgets backed by queries, refreshed by hand
// or on a schedule of the clock, and the managed Highlights dashboard.

/// `CreateDashboard`: a custom dashboard of up to 10 widgets, or the Highlights dashboard (name
/// `AWSCloudTrail-Highlights`, no widgets, refreshed every 6 hours).
/// - Throws: `ServiceError` `ConflictException` (the name is taken), `ServiceQuotaExceededException`
///   (more than 10 widgets), `InvalidQueryStatementException`, `EventDataStoreNotFoundException`,
///   `InactiveEventDataStoreException`, `InvalidTagParameterException`, `InvalidParameterException`.
public enum CreateDashboard: ServiceOperation {
  public static let name = "CreateDashboard"
  public static func perform(_ request: CreateDashboardRequest, with services: StoreServices) throws
    -> CreateDashboardResponse
  {
    let dashboard = try LakeDashboards(services).create(request)
    return CreateDashboardResponse(
      dashboardArn: dashboard.arn, name: dashboard.name, type: dashboard.type, widgets: dashboard.widgets,
      tagsList: request.tagsList, refreshSchedule: dashboard.refreshSchedule,
      terminationProtectionEnabled: dashboard.terminationProtectionEnabled)
  }
}

/// `GetDashboard`: the dashboard by name or ARN, with its widgets (each with its QueryAlias) and its
/// last refresh.
/// - Throws: `ServiceError` `ResourceNotFoundException`.
public enum GetDashboard: ServiceOperation {
  public static let name = "GetDashboard"
  public static func perform(_ request: GetDashboardRequest, with services: StoreServices) throws
    -> GetDashboardResponse
  {
    let dashboard = try LakeDashboards(services).find(request.dashboardId)
    return GetDashboardResponse(
      dashboardArn: dashboard.arn, type: dashboard.type, status: dashboard.status, widgets: dashboard.widgets,
      refreshSchedule: dashboard.refreshSchedule, createdTimestamp: dashboard.createdTimestamp,
      updatedTimestamp: dashboard.updatedTimestamp, lastRefreshId: dashboard.lastRefreshId,
      lastRefreshFailureReason: dashboard.lastRefreshFailureReason,
      terminationProtectionEnabled: dashboard.terminationProtectionEnabled)
  }
}

/// `UpdateDashboard`: new widgets (the whole list), schedule or termination protection.
/// - Throws: `ServiceError` as `GetDashboard` and `CreateDashboard`; `UnsupportedOperationException`
///   for the managed Highlights dashboard.
public enum UpdateDashboard: ServiceOperation {
  public static let name = "UpdateDashboard"
  public static func perform(_ request: UpdateDashboardRequest, with services: StoreServices) throws
    -> UpdateDashboardResponse
  {
    let dashboard = try LakeDashboards(services).update(request)
    return UpdateDashboardResponse(
      dashboardArn: dashboard.arn, name: dashboard.name, type: dashboard.type, widgets: dashboard.widgets,
      refreshSchedule: dashboard.refreshSchedule,
      terminationProtectionEnabled: dashboard.terminationProtectionEnabled,
      createdTimestamp: dashboard.createdTimestamp, updatedTimestamp: dashboard.updatedTimestamp)
  }
}

/// `DeleteDashboard`: the dashboard goes with its tags and policy; its widgets' queries stay for
/// their 7 days, as any query does.
/// - Throws: `ServiceError` as `GetDashboard`; `ConflictException` while termination protection is
///   on; `UnsupportedOperationException` for the managed Highlights dashboard.
public enum DeleteDashboard: ServiceOperation {
  public static let name = "DeleteDashboard"
  public static func perform(_ request: DeleteDashboardRequest, with services: StoreServices) throws
    -> DeleteDashboardResponse
  {
    try LakeDashboards(services).delete(request.dashboardId)
    return DeleteDashboardResponse()
  }
}

/// `ListDashboards`: the caller's dashboards in its region in creation order, by `NamePrefix` and
/// `Type`; `MaxResults` 1–1000 and `NextToken` page.
/// - Throws: `ServiceError` `InvalidParameterException` (a Type other than CUSTOM or MANAGED),
///   `InvalidMaxResultsException`, `InvalidNextTokenException`.
public enum ListDashboards: ServiceOperation {
  public static let name = "ListDashboards"
  public static func perform(_ request: ListDashboardsRequest, with services: StoreServices) throws
    -> ListDashboardsResponse
  {
    if let type = request.type, type != DashboardRules.customType, type != DashboardRules.managedType {
      throw ServiceError("InvalidParameterException", "Type '\(type)' is not valid: use CUSTOM or MANAGED.")
    }
    let page = try LakePage(maxResults: request.maxResults, nextToken: request.nextToken, kind: "dashboard")
    let matching = try LakeDashboards(services).visibleDashboards().filter { dashboard in
      (request.namePrefix.map { dashboard.name.hasPrefix($0) } ?? true)
        && (request.type.map { dashboard.type == $0 } ?? true)
    }
    let (items, next) = page.slice(matching)
    return ListDashboardsResponse(
      dashboards: items.map { LakeDashboardDetail(dashboardArn: $0.arn, type: $0.type) }, nextToken: next)
  }
}

/// `StartDashboardRefresh`: one Lake query per widget, answered at once with the RefreshId;
/// DescribeQuery with a widget's QueryAlias and this RefreshId finds its query.
/// - Throws: `ServiceError` `ResourceNotFoundException`, `EventDataStoreNotFoundException`,
///   `InactiveEventDataStoreException`, `ServiceQuotaExceededException`, `InvalidParameterException`.
public enum StartDashboardRefresh: ServiceOperation {
  public static let name = "StartDashboardRefresh"
  public static func perform(_ request: StartDashboardRefreshRequest, with services: StoreServices) throws
    -> StartDashboardRefreshResponse
  {
    let refresh = try LakeDashboards(services).refresh(
      request.dashboardId, values: request.queryParameterValues ?? [:])
    return StartDashboardRefreshResponse(refreshId: refresh.id)
  }
}

extension StartDashboardRefresh {
  /// The QueryIds refresh `refreshID` started (the CLI waits for them: a query runs inside the
  /// process that started it).
  public static func queryIDs(ofRefresh refreshID: String, with services: StoreServices) throws -> [String] {
    try DashboardCatalog.queryIDs(refreshID: refreshID, connection: services.connection)
  }
}
