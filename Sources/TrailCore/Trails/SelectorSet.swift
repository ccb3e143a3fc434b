/// A trail's or an event data store's event selectors compiled once into a matcher: the one place that
/// decides whether an event is logged.
///
/// An event is selected when it matches **any** selector (SM:PutEventSelectors); see
/// ``BasicSelectorMatcher`` and ``AdvancedSelectorMatcher`` for what matching one selector means. The set
/// does not validate: give it selectors that `EventSelectorValidation` accepted. What it cannot make sense
/// of anyway leans toward selecting less: an unknown `ReadWriteType` selects nothing, an unknown field has
/// no value (so only `Not*` operators pass on it), an advanced selector without field selectors selects
/// nothing.
///
/// Insights events are never selected by basic selectors; they are produced from Insights selectors. An
/// advanced selector can select them only with `eventCategory` `Insight`, which validation allows for event
/// data stores (Insights stores) and refuses for trails.
public struct SelectorSet: Sendable, Equatable {
  enum Matchers: Sendable, Equatable {
    case basic([BasicSelectorMatcher])
    case advanced([AdvancedSelectorMatcher])
  }
  let matchers: Matchers

  /// Basic selectors (trails only).
  public init(basic selectors: [EventSelector]) {
    matchers = .basic(selectors.map(BasicSelectorMatcher.init))
  }

  /// Advanced selectors (trails and event data stores).
  public init(advanced selectors: [AdvancedEventSelector]) {
    matchers = .advanced(selectors.map(AdvancedSelectorMatcher.init))
  }

  /// A trail's current selectors, whichever kind they are.
  public init(_ configuration: EventSelectorConfiguration) {
    switch configuration {
    case .basic(let selectors): self.init(basic: selectors)
    case .advanced(let selectors): self.init(advanced: selectors)
    }
  }

  /// Whether any selector selects `event`. An empty set selects nothing.
  public func matches(_ event: SelectableEvent) -> Bool {
    switch matchers {
    case .basic(let selectors): selectors.contains { $0.matches(event) }
    case .advanced(let selectors): selectors.contains { $0.matches(event) }
    }
  }
}
