/// Basic event selectors that need nothing but the event's stored columns: management events of some
/// read/write type, no data resources, no excluded sources — the default selectors, and most trails'.
///
/// Delivery decides such selectors from `events.category` and `events.read_only` instead of parsing
/// each record for `SelectorSet` (a quarter of a day's delivery time in `traildeck-bench deliver`).
/// Its answers equal `SelectorSet`'s for these selectors (`ColumnSelectorTests`).
struct ColumnSelector {
  private let acceptsRead: Bool
  private let acceptsWrite: Bool
  /// An event without `readOnly` matches only `ReadWriteType: All` (as `SelectorSet` decides).
  private let acceptsUnknown: Bool

  /// Nil when `configuration` needs the record (advanced selectors, data resources, exclusions).
  init?(_ configuration: EventSelectorConfiguration) {
    guard case .basic(let selectors) = configuration else { return nil }
    var read = false
    var write = false
    var unknown = false
    for selector in selectors {
      guard (selector.dataResources ?? []).isEmpty, (selector.excludeManagementEventSources ?? []).isEmpty
      else { return nil }
      guard selector.includeManagementEvents ?? true else { continue }
      switch selector.readWriteType ?? .all {
      case .all:
        (read, write, unknown) = (true, true, true)
      case .readOnly: read = true
      case .writeOnly: write = true
      default: continue
      }
    }
    acceptsRead = read
    acceptsWrite = write
    acceptsUnknown = unknown
  }

  /// Whether the selectors select an event of `category` whose `readOnly` is `readOnly`.
  func matches(category: EventCategory, readOnly: Bool?) -> Bool {
    guard category == .management else { return false }
    switch readOnly {
    case true?: return acceptsRead
    case false?: return acceptsWrite
    case nil: return acceptsUnknown
    }
  }
}
