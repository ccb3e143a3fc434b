/// A trail's event selectors: basic or advanced, never both (applying one kind replaces the other,
/// SM:PutEventSelectors).
public enum EventSelectorConfiguration: Hashable, Sendable {
  /// `EventSelectors`, stored with every member present (see ``EventSelector/filled``), as
  /// GetEventSelectors returns them.
  case basic([EventSelector])
  /// `AdvancedEventSelectors`, stored as given.
  case advanced([AdvancedEventSelector])

  /// A new trail's selectors (spec §4.4): all read and write management events, no data events.
  ///
  /// CONFLICT in the sources (§12.13): the guide shows a console-created trail answering an advanced
  /// "Management events selector"; the model implies basic selectors. TrailDeck creates trails through
  /// the API, so it answers the basic form, as API-created trails do (inferred).
  public static let newTrail = EventSelectorConfiguration.basic([.newTrailDefault])

  /// The configuration a valid PutEventSelectors request sets: its basic selectors with defaults filled
  /// in, or its advanced selectors. Throws what ``EventSelectorValidation/validate(_:)`` throws.
  public init(validating request: PutEventSelectorsRequest) throws(ServiceError) {
    try EventSelectorValidation.validate(request)
    if let advanced = request.advancedEventSelectors {
      self = .advanced(advanced)
    } else {
      self = .basic((request.eventSelectors ?? []).map(\.filled))
    }
  }

  /// `HasCustomEventSelectors` of the trail's `Trail` shape: whether the selectors differ from
  /// ``newTrail``. Inferred (SM:Trail says only "custom"): basic selectors equal to the default once their
  /// defaults are filled in are not custom; any advanced selectors are, even ones selecting the same events,
  /// because they are not the default's form.
  public var hasCustomEventSelectors: Bool {
    switch self {
    case .basic(let selectors): selectors.map(\.filled) != [.newTrailDefault]
    case .advanced: true
    }
  }

  /// The PutEventSelectors/GetEventSelectors response for a trail with these selectors: only the member
  /// of the configured kind is present.
  public func response(trailARN: String) -> GetEventSelectorsResponse {
    switch self {
    case .basic(let selectors): GetEventSelectorsResponse(trailARN: trailARN, eventSelectors: selectors)
    case .advanced(let selectors):
      GetEventSelectorsResponse(trailARN: trailARN, advancedEventSelectors: selectors)
    }
  }
}

extension EventSelector {
  /// A new trail's one selector: `{ReadWriteType: All, IncludeManagementEvents: true, DataResources: [],
  /// ExcludeManagementEventSources: []}` (spec §4.4).
  public static let newTrailDefault = EventSelector(
    readWriteType: .all, includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [])

  /// This selector with absent members set to their defaults (`All`, `true`, `[]`, `[]`), as
  /// GetEventSelectors prints a selector that was put with members left out (G:ME examples).
  public var filled: EventSelector {
    EventSelector(
      readWriteType: readWriteType ?? .all, includeManagementEvents: includeManagementEvents ?? true,
      dataResources: (dataResources ?? []).map { DataResource(type: $0.type, values: $0.values ?? []) },
      excludeManagementEventSources: excludeManagementEventSources ?? [])
  }
}
