import Foundation

/// A Lake dashboard as the UI draws it: its widgets with the rows of their latest refresh.
public struct LakeDashboardBoard: Equatable, Sendable {
  public var name: String
  /// `CUSTOM` or `MANAGED`.
  public var type: String
  public var lastRefreshId: String?
  public var tiles: [LakeDashboardTile]

  public init(name: String, type: String, lastRefreshId: String?, tiles: [LakeDashboardTile]) {
    self.name = name
    self.type = type
    self.lastRefreshId = lastRefreshId
    self.tiles = tiles
  }
}

/// One widget and what its query of the last refresh answered.
public struct LakeDashboardTile: Equatable, Sendable {
  public var alias: String
  /// ViewProperties `Title` (the alias when there is none).
  public var title: String
  /// ViewProperties `View`: `Table`, `BarChart`, `PieChart`, `LineChart`, or TrailDeck's `Number`.
  public var view: String?
  /// The statement as the last refresh ran it, else the widget's own.
  public var statement: String
  /// QueryStatus of the last refresh's query; nil before any refresh.
  public var status: String?
  public var columns: [String]
  /// At most `LakeDashboardBoard.rowLimit` rows.
  public var rows: [[String?]]
  public var errorMessage: String?

  public init(
    alias: String, title: String, view: String?, statement: String, status: String?, columns: [String],
    rows: [[String?]], errorMessage: String? = nil
  ) {
    self.alias = alias
    self.title = title
    self.view = view
    self.statement = statement
    self.status = status
    self.columns = columns
    self.rows = rows
    self.errorMessage = errorMessage
  }
}

/// The Lake pane's dashboards: read the boards, start a refresh.
public protocol LakeDashboardReading: AnyObject {
  /// The caller's dashboards with their widgets' latest rows, in creation order.
  func lakeDashboardBoards() throws -> [LakeDashboardBoard]
  /// Starts a refresh of dashboard `name` (StartDashboardRefresh); returns its RefreshId.
  func refreshLakeDashboard(_ name: String) throws -> String
}

extension LakeDashboardBoard {
  /// Rows a tile keeps: enough for any tile a terminal shows.
  public static let rowLimit = 50
}

extension StoreServices: LakeDashboardReading {
  public func lakeDashboardBoards() throws -> [LakeDashboardBoard] {
    let dashboards = try LakeDashboards(self)
    let queries = LakeQueries(context: context, reader: connection)
    return try dashboards.visibleDashboards().map { dashboard in
      let tiles = try dashboard.widgets.enumerated().map { index, widget in
        let alias = widget.queryAlias ?? LakeDashboards.alias(dashboard: dashboard.name, widget: index)
        var tile = LakeDashboardTile(
          alias: alias, title: widget.viewProperties?["Title"] ?? alias, view: widget.viewProperties?["View"],
          statement: widget.queryStatement ?? "", status: nil, columns: [], rows: [])
        guard let refresh = dashboard.lastRefreshId,
          let id = try DashboardCatalog.queryID(
            alias: alias, dashboard: dashboard.rowID, refreshID: refresh, connection: dashboards.connection)
        else { return tile }
        do {
          let described = try queries.describe(DescribeQueryRequest(queryId: id))
          tile.statement = described.queryString ?? tile.statement
          tile.status = described.queryStatus
          tile.errorMessage = described.errorMessage
          let results = try queries.results(
            GetQueryResultsRequest(queryId: id, maxQueryResults: LakeDashboardBoard.rowLimit))
          let rows = results.queryResultRows ?? []
          tile.columns = rows.first?.map(\.name) ?? []
          tile.rows = rows.map { $0.map(\.value) }
        } catch let error as ServiceError where error.exceptionName == "QueryIdNotFoundException" {
          // The refresh's queries were purged (7 days): the tile waits for the next refresh.
        }
        return tile
      }
      return LakeDashboardBoard(
        name: dashboard.name, type: dashboard.type, lastRefreshId: dashboard.lastRefreshId, tiles: tiles)
    }
  }

  public func refreshLakeDashboard(_ name: String) throws -> String {
    try LakeDashboards(self).refresh(name, values: [:]).id
  }
}
