import Foundation

// PutEventConfiguration and GetEventConfiguration (spec §8.4, SM): on event data stores, MaxEventSize
// and up to two context key selectors whose keys enriched events carry in `eventContext`; on trails,
// AggregationConfigurations, the templates of aggregated data events (`TrailEventConfiguration`).

/// Exactly one of TrailName and EventDataStore.
/// - Throws: `InvalidParameterCombinationException`.
private func requireOneTarget(trailName: String?, eventDataStore: String?) throws {
  guard (trailName == nil) != (eventDataStore == nil) else {
    throw ServiceError(
      "InvalidParameterCombinationException", "Give exactly one of TrailName and EventDataStore.")
  }
}

/// The event data store an event configuration operation names.
/// - Throws: the store lookup's errors, `InactiveEventDataStoreException`,
///   `InvalidEventDataStoreCategoryException`.
private func configuredStore(_ eventDataStore: String, _ services: StoreServices) throws
  -> EventDataStoreRecord
{
  let stores = try EventDataStoreService(services)
  let store = try stores.find(eventDataStore)
  try stores.requireActive(store)
  let categories = EventDataStoreRules.categories(of: store.advancedEventSelectors)
  guard categories.isSubset(of: ["Management", "Data"]) else {
    throw ServiceError(
      "InvalidEventDataStoreCategoryException",
      "Event data store \(store.arn) holds \(categories.sorted().joined(separator: ", ")) events: enrichment applies to management and data events only."
    )
  }
  return store
}

/// `PutEventConfiguration`: sets a store's MaxEventSize (`Standard` or `Large`) and context key
/// selectors (at most one TagContext and one RequestContext, 1–50 keys each; they need `Large`), or a
/// trail's AggregationConfigurations (`TrailEventConfiguration.put`). Members not given keep their
/// value.
public enum PutEventConfiguration: ServiceOperation {
  public static let name = "PutEventConfiguration"
  public static func perform(_ request: PutEventConfigurationRequest, with services: StoreServices) throws
    -> PutEventConfigurationResponse
  {
    try requireOneTarget(trailName: request.trailName, eventDataStore: request.eventDataStore)
    guard let eventDataStore = request.eventDataStore else {
      return try TrailEventConfiguration.put(request, with: services)
    }
    let store = try configuredStore(eventDataStore, services)
    if request.aggregationConfigurations != nil {
      throw ServiceError(
        "InvalidParameterCombinationException",
        "AggregationConfigurations are for trails, not event data stores.")
    }
    let connection = try services.trails().store.connection
    var configuration = try EventEnrichmentStore.configuration(store: store.rowID, connection: connection)
    if let size = request.maxEventSize {
      guard size == "Standard" || size == "Large" else {
        throw ServiceError(
          "InvalidParameterException", "MaxEventSize '\(size)' is not valid: use Standard or Large.")
      }
      configuration.maxEventSize = size
    }
    if let selectors = request.contextKeySelectors {
      configuration.contextKeySelectors = try checked(selectors)
    }
    if !configuration.contextKeySelectors.isEmpty && configuration.maxEventSize != "Large" {
      throw ServiceError(
        "InvalidParameterCombinationException",
        "Context key selectors make events larger: MaxEventSize must be Large to use them.")
    }
    try EventEnrichmentStore.save(configuration, store: store.rowID, connection: connection)
    return PutEventConfigurationResponse(
      eventDataStoreArn: store.arn, maxEventSize: configuration.maxEventSize,
      contextKeySelectors: configuration.contextKeySelectors)
  }

  static func checked(_ selectors: [ContextKeySelector]) throws -> [ContextKeySelector] {
    guard selectors.count <= 2, Set(selectors.map(\.type)).count == selectors.count else {
      throw ServiceError(
        "InvalidParameterException", "Give at most two context key selectors, one of each Type.")
    }
    for selector in selectors {
      guard selector.type == "TagContext" || selector.type == "RequestContext" else {
        throw ServiceError(
          "InvalidParameterException",
          "Context key selector Type '\(selector.type)' is not valid: use TagContext or RequestContext.")
      }
      guard (1...50).contains(selector.equals.count) else {
        throw ServiceError(
          "InvalidParameterException",
          "A context key selector lists 1 to 50 keys; got \(selector.equals.count).")
      }
      for key in selector.equals {
        guard (1...128).contains(key.count) else {
          throw ServiceError(
            "InvalidParameterException", "Context key '\(key)' is not valid: 1 to 128 characters.")
        }
        if selector.type == "RequestContext", !EventContext.isRequestKey(key) {
          throw ServiceError(
            "InvalidParameterException",
            "'\(key)' is not a global condition key TrailDeck can add: use aws:PrincipalTag/KEY or one of "
              + EventContext.requestKeys.keys.sorted().joined(separator: ", ") + ".")
        }
      }
    }
    return selectors
  }
}

/// `GetEventConfiguration`: a store's MaxEventSize (`Standard` until put) and context key selectors,
/// or a trail's AggregationConfigurations (`TrailEventConfiguration.get`).
public enum GetEventConfiguration: ServiceOperation {
  public static let name = "GetEventConfiguration"
  public static func perform(_ request: GetEventConfigurationRequest, with services: StoreServices) throws
    -> GetEventConfigurationResponse
  {
    try requireOneTarget(trailName: request.trailName, eventDataStore: request.eventDataStore)
    guard let eventDataStore = request.eventDataStore else {
      return try TrailEventConfiguration.get(request, with: services)
    }
    let store = try configuredStore(eventDataStore, services)
    let configuration = try EventEnrichmentStore.configuration(
      store: store.rowID, connection: services.connection)
    return GetEventConfigurationResponse(
      eventDataStoreArn: store.arn, maxEventSize: configuration.maxEventSize,
      contextKeySelectors: configuration.contextKeySelectors)
  }
}
