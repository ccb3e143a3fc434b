import Foundation
import TrailCore

/// The Lake pane's dashboards view (`d`): one page per Lake dashboard, its widgets as tiles.
public struct LakeBoard: Equatable, Sendable {
  /// nil until `.lakeDashboardsLoaded`.
  public var boards: [LakeDashboardBoard]?
  /// The dashboard shown (`[` / `]`).
  public var page = 0
  /// The tile Enter opens (arrows / hjkl).
  public var selectedTile = 0
  /// The load in flight; a newer one supersedes it.
  public var requestID = 0
  public var isLoading = false
  /// When the boards were last asked for (clock time): the view reloads every `reloadInterval`, so
  /// scheduled refreshes and a refresh's queries that end later show up.
  public var lastRequest: Date?
  public var error: Diagnostic?

  /// Seconds of the clock between reloads while the view is open.
  public static let reloadInterval: TimeInterval = 2

  public init() {}

  /// The dashboard on the page shown.
  public var board: LakeDashboardBoard? {
    guard let boards, boards.indices.contains(page) else { return nil }
    return boards[page]
  }
}

/// How a tile draws its widget, chosen from its ViewProperties `View` and the shape of its rows.
public enum LakeTileKind: Equatable, Sendable {
  /// One value: drawn large.
  case number
  /// Label and count per row: horizontal bars.
  case bars
  /// A series over time (`LineChart`): a sparkline of the last numeric column.
  case sparkline
  /// Anything else: the first rows as a small table.
  case table

  public init(_ tile: LakeDashboardTile) {
    let numeric = { (column: Int) in
      !tile.rows.isEmpty
        && tile.rows.allSatisfy { row in row.indices.contains(column) && Double(row[column] ?? "") != nil }
    }
    let last = tile.columns.count - 1
    let isPairs = tile.columns.count == 2 && numeric(1)
    if tile.columns.count == 1 && tile.rows.count == 1 && numeric(0) && tile.view != "Table" {
      self = .number
    } else if tile.view == "LineChart" && last >= 1 && numeric(last) {
      self = .sparkline
    } else if isPairs && tile.view != "Table" {
      // BarChart, PieChart (a terminal draws a pie as bars), or no View.
      self = .bars
    } else {
      self = .table
    }
  }
}
