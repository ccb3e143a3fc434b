import Foundation

/// A store's enriched events' `eventContext` for whole records (exports): its context key selectors,
/// read once, and resource tags cached by ARN.
final class EventContextReader {
  private let selectors: [ContextKeySelector]
  private let connection: SQLiteConnection
  private var tags: [String: [String: String]] = [:]

  /// nil when `store` has no context key selectors.
  init?(store: EventDataStoreRecord, connection: SQLiteConnection) throws {
    selectors = try EventEnrichmentStore.configuration(store: store.rowID, connection: connection)
      .contextKeySelectors
    self.connection = connection
    if selectors.isEmpty { return nil }
  }

  /// The eventContext of `record` (nil when nothing applies).
  func context(_ record: JSONValue) throws -> JSONValue? {
    try EventContext.of(record, selectors: selectors) { arn in
      if let known = tags[arn] { return known }
      let found = try EventEnrichmentStore.resourceTags(arn, connection: connection)
      tags[arn] = found
      return found
    }
  }
}
