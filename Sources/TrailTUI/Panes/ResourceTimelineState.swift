import TrailCore

/// The resource timeline (`T` in an event's detail or on a Lake result row): the resource's AWS
/// Config items over time, the selected one's changes and the events that caused it.
///
/// It belongs to the pane it was opened from (`origin`) and is drawn instead of that pane's content;
/// opening a causing event shows it in Event history's detail, and esc there comes back here.
public struct ResourceTimelineState: Equatable, Sendable {
  public var query: ResourceQuery
  public var origin: PaneID
  /// The load in flight or answered; older answers are dropped.
  public var requestID: Int
  /// nil while loading.
  public var timeline: ResourceTimeline?
  public var error: Diagnostic?
  /// Over `timeline.entries` (oldest first); a load selects the newest.
  public var scroll = ScrollState()
  /// The first line of the changes drawn (PgUp/PgDn).
  public var changesOffset = 0
  /// Which causing event of the selected item Enter opens (h/l).
  public var causeIndex = 0
  /// A causing event is open in Event history's detail (esc comes back).
  public var isShowingEvent = false
  /// The detail Event history showed before a causing event replaced it; put back on return.
  public var returnDetail: EventDetailState?

  public init(query: ResourceQuery, origin: PaneID, requestID: Int) {
    self.query = query
    self.origin = origin
    self.requestID = requestID
  }

  public var entries: [ResourceTimeline.Entry] { timeline?.entries ?? [] }

  public var selectedEntry: ResourceTimeline.Entry? {
    entries.indices.contains(scroll.selected) ? entries[scroll.selected] : nil
  }

  public var selectedCause: CausingEvent? {
    guard let causes = selectedEntry?.causes, causes.indices.contains(causeIndex) else { return nil }
    return causes[causeIndex]
  }
}
