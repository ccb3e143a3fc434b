import Foundation
import TrailCore

/// How the status bar shows time: a running clock, or "as of" for a fixed `--now`.
public enum ClockMode: Equatable, Sendable {
  case live
  case asOf
}

/// A transient line in the status bar.
public struct StatusMessage: Equatable, Sendable {
  public var text: String
  public var role: Role
  /// The tick after which it disappears.
  public var untilTick: Int
}

/// A running or finished download.
public struct DownloadState: Equatable, Sendable {
  public var path: String
  public var done: Int
  public var total: Int?
  public var isFinished: Bool
  /// A cancel was asked for and the job has not answered yet.
  public var isCancelling = false

  /// Whether a job is still writing (so a second download is refused and `X` has something to stop).
  public var isRunning: Bool { !isFinished }
}

/// The whole UI state. `update` changes it, `render` draws it; nothing else does either.
public struct AppState: Sendable {
  public var size: Size
  public var databasePath: String
  /// `nil` means every region.
  public var region: String?
  public var clockMode: ClockMode
  /// The latest `.tick`; `nil` before the first one.
  public var now: Date?
  public var tickCount: Int = 0
  public var eventCount: Int?
  public var pane: PaneID
  public var history: HistoryState
  public var dashboard: DashboardState
  public var trails = TrailsState()
  public var lake = LakeState()
  public var insights = InsightsState()
  /// The resource timeline (`T`), drawn over the pane it was opened from.
  public var timeline: ResourceTimelineState?
  public var overlay: Overlay?
  public var themeName: String
  /// Theme names `:theme` accepts; empty means "do not check, let the runtime decide".
  public var availableThemes: [String]
  public var message: StatusMessage?
  public var download: DownloadState?
  public var isQuitting = false
  var nextRequestID = 1

  /// - Parameters:
  ///   - databasePath: shown in the status bar.
  ///   - size: the terminal size at start.
  ///   - region: the region to show (`nil`: all).
  ///   - clockMode: `.asOf` when the clock is pinned (`--now`).
  ///   - pane: the first pane.
  ///   - initialAttribute: the history's starting lookup attribute. The console starts with
  ///     `ReadOnly=false` (hides reads); pass `nil` to show everything.
  ///   - themeName: the theme the runtime painted with at start.
  ///   - availableThemes: names from `ThemeCatalog.names()`, for `:theme` suggestions.
  public init(
    databasePath: String, size: Size, region: String? = nil, clockMode: ClockMode = .live,
    pane: PaneID = .dashboard, initialAttribute: LookupAttribute? = LookupAttribute(.readOnly, "false"),
    themeName: String = "default", availableThemes: [String] = []
  ) {
    self.databasePath = databasePath
    self.size = size
    self.region = region
    self.clockMode = clockMode
    self.pane = pane
    self.history = HistoryState(attribute: initialAttribute)
    self.dashboard = DashboardState()
    self.themeName = themeName
    self.availableThemes = availableThemes
  }

  /// The key scope of what is on screen.
  public var scope: Scope {
    if isShowingTimeline(self) { return .timeline }
    return switch pane {
    case .dashboard: .dashboard
    case .history:
      if history.compare != nil { .compare } else if history.detail != nil { .detail } else { .history }
    case .trails: .trails
    case .lake: .lake
    case .insights: .insights
    }
  }

  /// The filter the history pane queries with, its time range resolved against the last tick.
  public var historyFilter: HistoryFilter {
    let (start, end) = history.timeRange.bounds(now: now)
    return HistoryFilter(attribute: history.attribute, startTime: start, endTime: end, region: region)
  }

  mutating func takeRequestID() -> Int {
    defer { nextRequestID += 1 }
    return nextRequestID
  }

  mutating func show(_ text: String, role: Role = .normal, ticks: Int = 5) {
    message = StatusMessage(text: text, role: role, untilTick: tickCount + ticks)
  }
}

/// What sits on top of the pane and takes the keys.
public enum Overlay: Equatable, Sendable {
  case help(ScrollState)
  case commandLine(InputLine)
  case search(InputLine)
  case attributePicker(ScrollState)
  case attributeValue(LookupAttributeKey, InputLine)
  case timeRangePicker(ScrollState)
  case customRange(from: InputLine, to: InputLine, editingTo: Bool, error: String?)
  case columnChooser(ScrollState)
  case downloadPrompt(format: DownloadFormat, path: InputLine, error: String?)
  case downloadProgress
  /// Every event's whole value of the comparison's selected field (their columns cut values short).
  case fieldValues(ScrollState)
}
