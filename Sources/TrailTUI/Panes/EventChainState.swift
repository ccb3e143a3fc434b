import TrailCore

/// The event detail's walk along call chains: `b` opens the event that caused the one shown, `c` lists
/// the events it caused; `esc` walks back through the details opened so.
public struct EventChainState: Equatable, Sendable {
  /// The details left for a linked one, most recent last; `esc` reopens them in turn.
  public var previous: [EventDetailState] = []
  /// The row of the detail opened through a link. The walk back applies only while that detail is the
  /// one shown, so a detail opened from the history later starts afresh.
  public var linkedRowID: Int64?
  /// The request in flight: which detail asked, and for what.
  public var pending: Pending?
  /// The list `c` shows over the detail, when open.
  public var caused: CausedList?

  public init() {}

  public struct Pending: Equatable, Sendable {
    public var rowID: Int64
    public var isCausedBy: Bool
  }

  /// The events one detail caused, oldest first, with the list's selection.
  public struct CausedList: Equatable, Sendable {
    public var sourceRowID: Int64
    public var events: [EventSummary]
    public var scroll = ScrollState()
  }
}
