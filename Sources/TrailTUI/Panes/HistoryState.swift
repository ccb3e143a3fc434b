import TrailCore

/// Which page a history request fetches, so its answer lands in the right place.
public enum HistoryPageKind: Equatable, Sendable {
  /// The newest page; replaces the window (new filter, `g`, `r`).
  case newest
  /// The newest page again after live events; keeps the selected row and marks new rows.
  case refreshNewest
  /// The page below the window.
  case older
  /// The page above the window.
  case newer
  /// The oldest page of the filter (`G`).
  case oldest
}

/// The request in flight for the history, by ID.
public struct PendingPage: Equatable, Sendable {
  public var requestID: Int
  public var kind: HistoryPageKind
}

/// The Event history: filter, a window of loaded rows over a possibly huge result, and the detail view.
public struct HistoryState: Sendable {
  /// Rows asked for per request.
  public static let pageSize = 100
  /// Most rows kept at once; pages beyond it push rows out at the far end.
  public static let maxWindow = 500
  /// How close to a window edge the selection gets before the next page is asked for.
  public static let prefetchMargin = 20
  /// Ticks a newly arrived row wears the `new` role.
  public static let newRowTicks = 5
  /// Most events compared at once, as in the console.
  public static let maxMarked = 5

  public var attribute: LookupAttribute?
  /// The compound filter (`F`), run through Lake; while set it replaces `attribute` and the time range.
  public var compound: CompoundFilter?
  /// The compound filter's form, when open (it takes every key).
  public var compoundForm: CompoundFilterForm?
  public var timeRange: TimeRange = .last(.days90)
  /// The loaded window, newest first.
  public var rows: [EventSummary] = []
  public var scroll = ScrollState()
  /// The window starts at the newest matching event.
  public var isAtNewest = true
  /// Events may exist below the window's last row.
  public var hasOlder = false
  public var hasLoaded = false
  public var pending: PendingPage?
  public var hiddenColumns: Set<HistoryColumn> = HistoryColumn.hiddenByDefault
  /// Rows that arrived live, with the tick until which they are marked.
  public var newRows: [Int64: Int] = [:]
  /// Live events not yet shown because the table is scrolled away from the top.
  public var unseenNew = 0
  /// Rows from this source IP wear `match` (the `i` pivot; IP is not a LookupEvents attribute).
  public var highlightIP: String?
  public var search: String?
  public var detail: EventDetailState?
  /// "Caused by" / "caused" from the detail: the details it came from and the caused list.
  public var chain = EventChainState()
  /// Events marked for comparison (`m`), in the order they were marked. Marks outlive a new filter
  /// or pivot, so events found through different lookups can be compared.
  public var marked: [EventSummary] = []
  /// The comparison of the marked events (`C`), drawn instead of the table while open.
  public var compare: EventCompareState?
  public var error: Diagnostic?

  public init(attribute: LookupAttribute? = nil) {
    self.attribute = attribute
  }

  /// Columns shown, in their fixed order.
  public var visibleColumns: [HistoryColumn] { HistoryColumn.allCases.filter { !hiddenColumns.contains($0) } }

  public var selectedEvent: EventSummary? {
    rows.indices.contains(scroll.selected) ? rows[scroll.selected] : nil
  }

  /// The 1-based position of the event among the marked ones, which is its column in the comparison.
  public func markNumber(of rowID: Int64) -> Int? {
    marked.firstIndex(where: { $0.rowID == rowID }).map { $0 + 1 }
  }

  /// Whether the newest row is selected, so live rows can be shown without moving the user.
  public var isShowingTop: Bool { isAtNewest && scroll.selected == 0 }
}

/// The event detail: the record as foldable, pretty-printed JSON.
public struct EventDetailState: Equatable, Sendable {
  public var rowID: Int64
  /// The row the detail was opened from; `nil` when opened from the dashboard by ID only.
  public var summary: EventSummary?
  public var document: JSONDocument?
  public var folded: Set<Int> = []
  public var scroll = ScrollState()
  public var search: String?
  public var error: Diagnostic?

  public init(rowID: Int64, summary: EventSummary?) {
    self.rowID = rowID
    self.summary = summary
  }

  public var lines: [StyledLine] { document?.lines(folded: folded) ?? [] }
}
