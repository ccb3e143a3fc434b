/// The panes, in tab order. Add a case (and its number and title) to add a pane; `isAvailable` keeps
/// unbuilt panes out of the tab row so their digit explains itself instead of showing an empty screen.
public enum PaneID: String, CaseIterable, Hashable, Sendable {
  case dashboard
  case history
  case trails
  case lake
  case insights

  /// The digit that shows the pane.
  public var number: Int { (PaneID.allCases.firstIndex(of: self) ?? 0) + 1 }

  public var title: String {
    switch self {
    case .dashboard: "Dashboard"
    case .history: "Event history"
    case .trails: "Trails"
    case .lake: "Lake"
    case .insights: "Insights"
    }
  }

  public var isAvailable: Bool {
    switch self {
    case .dashboard, .history, .trails, .lake, .insights: true
    }
  }

  /// Panes shown as tabs.
  public static var available: [PaneID] { allCases.filter(\.isAvailable) }
}
