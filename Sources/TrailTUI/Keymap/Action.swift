/// Something a key can ask for. Bindings map keys to actions; `update` performs them.
public enum Action: Hashable, Sendable {
  case quit
  case back
  case help
  case commandLine
  case search
  case searchNext
  case searchPrevious
  case showPane(PaneID)
  case nextPane
  case previousPane
  case moveUp
  case moveDown
  case pageUp
  case pageDown
  case home
  case end
  case open
  case editFilter
  case editTimeRange
  case chooseColumns
  case download
  case cancelDownload
  case clearFilter
  case refresh
  case toggleFold
  case foldAll
  case unfoldAll
  case pivot(Pivot)
  case toggleMark
  case clearMarks
  case compare
  case scrollLeft
  case scrollRight
  case toggleDifferences
  case nextTile
  case previousTile
  case toggleLogging
  case newTrail
  case editTrail
  case editSelectors
  case compoundFilter
  case editQuery
  case runQuery
  case sampleQueries
  case savedQueries
  case saveQuery
  case queryHistory
  case sortColumn
  case exportResults
  case nextStore
  case lakeDashboards
  case earlierPeriod
  case laterPeriod
  case zoomIn
  case zoomOut
  case fitPeriod
  case relatedEvents
  /// The resource's AWS Config items over time (`T`).
  case resourceTimeline
  /// Event detail: open the event that caused this one (`EventChains`).
  case causedBy
  /// Event detail: list the events this one caused.
  case caused
}

/// A one-key jump from an event to the history of something it names.
public enum Pivot: String, CaseIterable, Hashable, Sendable {
  case user
  case accessKey
  case eventName
  case resource
  /// Not a LookupEvents attribute: TrailDeck shows the event's user and highlights rows from this IP.
  case sourceIP
}

/// Where a binding applies. Pane scopes are tried before `global`.
public enum Scope: String, CaseIterable, Hashable, Sendable {
  case global
  case dashboard
  case history
  case detail
  case trails
  case compare
  case lake
  case insights
  /// The resource timeline, over the pane it was opened from.
  case timeline
}
