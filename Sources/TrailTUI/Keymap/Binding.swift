/// One row of the key table: keys, the action, its help text and whether the footer shows it.
public struct Binding: Sendable {
  public var keys: [Key]
  public var action: Action
  public var help: String
  public var scope: Scope
  public var inFooter: Bool
  /// A shorter help for the footer, where space is scarce.
  public var short: String?

  public init(
    _ keys: [Key], _ action: Action, _ help: String, scope: Scope, inFooter: Bool = false,
    short: String? = nil
  ) {
    self.keys = keys
    self.action = action
    self.help = help
    self.scope = scope
    self.inFooter = inFooter
    self.short = short
  }

  /// The keys as the footer and help show them (`j/↓`), derived from `keys`.
  public var label: String { keys.map(\.label).joined(separator: "/") }
}

extension Key {
  /// How the key is written in hints and help.
  public var label: String {
    switch self {
    case .character(" "): "space"
    case .character(let c): String(c)
    case .control(let c): "^" + String(c).uppercased()
    case .enter: "enter"
    case .escape: "esc"
    case .tab: "tab"
    case .backTab: "S-tab"
    case .backspace: "bksp"
    case .delete: "del"
    case .up: "↑"
    case .down: "↓"
    case .left: "←"
    case .right: "→"
    case .pageUp: "PgUp"
    case .pageDown: "PgDn"
    case .home: "home"
    case .end: "end"
    case .function(let n): "F\(n)"
    }
  }
}

/// The one key table: dispatch, footer hints, the `?` overlay and the tests all read it.
public enum Keymap {
  private static func c(_ character: Character) -> Key { .character(character) }

  public static let bindings: [Binding] =
    global + dashboard + history + detail + trails + compare + lake + insights + timeline

  public static let global: [Binding] = [
    .init([c("1")], .showPane(.dashboard), "dashboard", scope: .global),
    .init([c("2")], .showPane(.history), "event history", scope: .global),
    .init([c("3")], .showPane(.trails), "trails", scope: .global),
    .init([c("4")], .showPane(.lake), "lake", scope: .global),
    .init([c("5")], .showPane(.insights), "insights", scope: .global),
    .init([.tab], .nextPane, "next pane", scope: .global),
    .init([.backTab], .previousPane, "previous pane", scope: .global),
    .init([c(":")], .commandLine, "command", scope: .global, inFooter: true),
    .init([c("/")], .search, "search", scope: .global, inFooter: true),
    .init([c("n")], .searchNext, "next match", scope: .global),
    .init([c("N")], .searchPrevious, "previous match", scope: .global),
    .init([c("?")], .help, "help", scope: .global, inFooter: true),
    .init([c("j"), .down], .moveDown, "down", scope: .global),
    .init([c("k"), .up], .moveUp, "up", scope: .global),
    .init([.pageDown, .control("f")], .pageDown, "page down", scope: .global),
    .init([.pageUp, .control("b")], .pageUp, "page up", scope: .global),
    .init([c("g"), .home], .home, "first (newest)", scope: .global),
    .init([c("G"), .end], .end, "last (oldest)", scope: .global),
    .init([.enter], .open, "open", scope: .global, inFooter: true),
    .init(
      [.escape, c("q")], .back, "back (quit at top level)", scope: .global, inFooter: true, short: "back"),
    .init([.control("c")], .quit, "quit", scope: .global),
    // Capital X: `x` clears the history's filter and esc backs out, and a running download shows
    // in every pane's status bar, so its cancel key has to mean the same everywhere.
    .init([c("X")], .cancelDownload, "cancel the running download", scope: .global),
  ]

  public static let dashboard: [Binding] = [
    .init([.tab, c("l"), .right], .nextTile, "next tile", scope: .dashboard, inFooter: true),
    .init([.backTab, c("h"), .left], .previousTile, "previous tile", scope: .dashboard),
    .init([c("r")], .refresh, "refresh now", scope: .dashboard),
  ]

  public static let history: [Binding] = [
    .init([c("f")], .editFilter, "lookup attribute filter", scope: .history, inFooter: true, short: "filter"),
    .init(
      [c("F")], .compoundFilter, "compound filter (AND / NOT over any fields, through Lake)", scope: .history),
    .init([c("t")], .editTimeRange, "time range", scope: .history, inFooter: true, short: "time"),
    .init([c("c")], .chooseColumns, "choose columns", scope: .history),
    .init([c("x")], .clearFilter, "clear the attribute filter", scope: .history),
    .init([c("d")], .download, "download CSV/JSON", scope: .history, inFooter: true, short: "download"),
    .init([c("r")], .refresh, "reload from the newest", scope: .history),
    .init([c("m"), c(" ")], .toggleMark, "mark/unmark to compare (up to 5)", scope: .history),
    .init([c("M")], .clearMarks, "unmark all", scope: .history),
    .init([c("C")], .compare, "compare the marked events", scope: .history),
    .init(
      [c("T")], .resourceTimeline, "AWS Config timeline of the row's resource",
      scope: .history, short: "timeline"),
  ]

  public static let detail: [Binding] = [
    .init([.enter, c(" ")], .toggleFold, "fold/unfold", scope: .detail, inFooter: true),
    .init([c("z")], .foldAll, "fold all", scope: .detail),
    .init([c("Z")], .unfoldAll, "unfold all", scope: .detail),
    .init([c("u")], .pivot(.user), "history of this user", scope: .detail, inFooter: true, short: "user"),
    .init([c("a")], .pivot(.accessKey), "history of this access key", scope: .detail),
    .init(
      [c("e")], .pivot(.eventName), "history of this event name", scope: .detail, inFooter: true,
      short: "event"),
    .init([c("r")], .pivot(.resource), "history of this resource", scope: .detail),
    .init(
      [c("i")], .pivot(.sourceIP), "this user's history, rows from this source IP highlighted", scope: .detail
    ),
    .init(
      [c("T")], .resourceTimeline,
      "AWS Config timeline of the resource under the cursor (else the event's first resource)",
      scope: .detail, short: "timeline"),
    .init([c("b")], .causedBy, "caused by: the call that led to this one", scope: .detail),
    .init([c("c")], .caused, "caused: the calls this one led to", scope: .detail),
  ]

  public static let trails: [Binding] = [
    .init([c("s")], .toggleLogging, "start/stop logging", scope: .trails, inFooter: true, short: "logging"),
    .init([c("n")], .newTrail, "new trail", scope: .trails, inFooter: true, short: "new"),
    .init([c("e")], .editTrail, "edit trail", scope: .trails, inFooter: true, short: "edit"),
    .init(
      [c("v")], .editSelectors, "event selectors, with a 24 h preview", scope: .trails, inFooter: true,
      short: "selectors"),
    .init([c("r")], .refresh, "refresh now", scope: .trails),
  ]

  public static let compare: [Binding] = [
    .init([.enter], .open, "every event's whole value of this field", scope: .compare),
    .init([c("h"), .left], .scrollLeft, "earlier event columns", scope: .compare),
    .init([c("l"), .right], .scrollRight, "later event columns", scope: .compare),
    .init(
      [c("d")], .toggleDifferences, "only the fields that differ / all fields", scope: .compare,
      inFooter: true, short: "differences"),
  ]

  /// The Lake pane's keys while the results have the focus (the editor takes every key but these:
  /// ctrl-r/F5 run, tab completes, esc cancels a run or leaves the editor).
  public static let lake: [Binding] = [
    .init([c("i"), .enter], .editQuery, "edit the SQL", scope: .lake, inFooter: true, short: "edit"),
    .init(
      [.control("r"), .function(5)], .runQuery, "run the statement", scope: .lake, inFooter: true,
      short: "run"),
    .init([c("p")], .sampleQueries, "sample queries", scope: .lake, inFooter: true, short: "samples"),
    .init([c("o")], .savedQueries, "open a saved query", scope: .lake, inFooter: true, short: "saved"),
    .init([c("w")], .saveQuery, "save the statement under a name", scope: .lake),
    .init([c("y")], .queryHistory, "recall a statement run before", scope: .lake, short: "history"),
    .init([c("s")], .sortColumn, "sort by the selected column (again: reverse)", scope: .lake, short: "sort"),
    .init([c("h"), .left], .scrollLeft, "previous result column", scope: .lake),
    .init([c("l"), .right], .scrollRight, "next result column", scope: .lake),
    .init([c("e")], .exportResults, "export the results as CSV", scope: .lake, inFooter: true, short: "csv"),
    .init([c("v")], .nextStore, "next event data store ($EDS_ID)", scope: .lake),
    .init(
      [c("d")], .lakeDashboards,
      "Lake dashboards as tiles (r refreshes, [ ] pages, enter opens a tile's query)",
      scope: .lake, inFooter: true, short: "dashboards"),
    .init(
      [c("T")], .resourceTimeline,
      "AWS Config timeline of the row's resource (the selected cell, else its first ARN or id)", scope: .lake,
      short: "timeline"),
  ]

  /// The resource timeline's keys: j/k, g/G move among the items (global keys).
  public static let timeline: [Binding] = [
    .init(
      [.enter], .open, "open the selected causing event (esc comes back)", scope: .timeline, inFooter: true,
      short: "event"),
    .init([c("h"), .left], .scrollLeft, "previous causing event of the item", scope: .timeline),
    .init([c("l"), .right], .scrollRight, "next causing event of the item", scope: .timeline),
    .init([.pageDown, .control("f")], .pageDown, "scroll the changes down", scope: .timeline),
    .init([.pageUp, .control("b")], .pageUp, "scroll the changes up", scope: .timeline),
    .init([c("r")], .refresh, "read the items again", scope: .timeline),
  ]

  /// The Insights pane's keys: the API list moves with the global keys (j/k, PgUp/PgDn, g/G).
  public static let insights: [Binding] = [
    .init(
      [c("[")], .earlierPeriod, "earlier Insights period of this API", scope: .insights,
      inFooter: true, short: "earlier"),
    .init(
      [c("]")], .laterPeriod, "later Insights period of this API", scope: .insights, inFooter: true,
      short: "later"),
    .init(
      [c("+"), c("=")], .zoomIn, "zoom in (90 days → week → day → hour)", scope: .insights, inFooter: true,
      short: "zoom"),
    .init([c("-")], .zoomOut, "zoom out (hour → day → week → 90 days)", scope: .insights),
    .init([c("h"), .left], .scrollLeft, "timeline earlier by half a window", scope: .insights),
    .init([c("l"), .right], .scrollRight, "timeline later by half a window", scope: .insights),
    .init([c("c")], .fitPeriod, "fit the timeline to the selected period", scope: .insights),
    .init(
      [c("e"), .enter], .relatedEvents,
      "history: the period's calls ±1 min, top user", scope: .insights, inFooter: true,
      short: "events"),
    .init(
      [c("d")], .download, "download the Insights events as CSV/JSON", scope: .insights, inFooter: true,
      short: "download"),
    .init([c("r")], .refresh, "reload the Insights events", scope: .insights),
  ]

  /// Bindings that apply in `scope`, the scope's own first.
  public static func bindings(for scope: Scope) -> [Binding] {
    scope == .global ? global : bindings.filter { $0.scope == scope } + global
  }

  /// The action `key` triggers in `scope`: the pane's table first, then the global one.
  public static func action(for key: Key, in scope: Scope) -> Action? {
    bindings(for: scope).first(where: { $0.keys.contains(key) })?.action
  }

  /// Hints for the status bar in `scope`.
  public static func footer(for scope: Scope) -> [(key: String, help: String)] {
    var seen: Set<Action> = []
    return bindings(for: scope).filter { $0.inFooter && seen.insert($0.action).inserted }.map {
      (key: $0.label, help: $0.short ?? $0.help)
    }
  }
}
