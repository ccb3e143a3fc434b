import Foundation

// The event data store operations (spec §8.1, §8.2): each a thin translation between the API's
// shapes and `EventDataStoreService`, which holds the rules.

/// `CreateEventDataStore`: a store in the caller's region that collects, from now on, the arriving
/// events its selectors (default: management events) and scope select.
/// - Throws: `ServiceError` `EventDataStoreAlreadyExistsException`, `EventDataStoreMaxLimitExceededException`,
///   `InvalidEventSelectorsException`, `InvalidParameterException`, `InvalidTagParameterException`,
///   `InvalidKmsKeyIdException`, `KmsKeyNotFoundException`, `KmsException`, the organization exceptions.
public enum CreateEventDataStore: ServiceOperation {
  public static let name = "CreateEventDataStore"
  public static func perform(_ request: CreateEventDataStoreRequest, with services: StoreServices) throws
    -> CreateEventDataStoreResponse
  {
    let service = try EventDataStoreService(services)
    let store = try service.create(request)
    let tags = try service.trails.store.tags(of: store.arn)
    return CreateEventDataStoreResponse(
      eventDataStoreArn: store.arn, name: store.name, status: store.status,
      advancedEventSelectors: store.advancedEventSelectors, multiRegionEnabled: store.multiRegionEnabled,
      organizationEnabled: store.organizationEnabled, retentionPeriod: store.retentionPeriod,
      terminationProtectionEnabled: store.terminationProtectionEnabled, tagsList: tags,
      createdTimestamp: store.createdTimestamp, updatedTimestamp: store.updatedTimestamp,
      kmsKeyId: store.kmsKeyId, billingMode: store.billingMode)
  }
}

/// `GetEventDataStore`: one store by ARN or ID.
/// - Throws: `ServiceError` `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`.
public enum GetEventDataStore: ServiceOperation {
  public static let name = "GetEventDataStore"
  public static func perform(_ request: GetEventDataStoreRequest, with services: StoreServices) throws
    -> GetEventDataStoreResponse
  {
    let service = try EventDataStoreService(services)
    let store = try service.find(request.eventDataStore)
    let federation = try service.federation(of: store)
    return GetEventDataStoreResponse(
      eventDataStoreArn: store.arn, name: store.name, status: store.status,
      advancedEventSelectors: store.advancedEventSelectors, multiRegionEnabled: store.multiRegionEnabled,
      organizationEnabled: store.organizationEnabled, retentionPeriod: store.retentionPeriod,
      terminationProtectionEnabled: store.terminationProtectionEnabled,
      createdTimestamp: store.createdTimestamp, updatedTimestamp: store.updatedTimestamp,
      kmsKeyId: store.kmsKeyId, billingMode: store.billingMode, federationStatus: federation.status,
      federationRoleArn: federation.roleARN)
  }
}

/// `UpdateEventDataStore`: changes apply at once; a shorter retention drops older members.
/// - Throws: `ServiceError` as `CreateEventDataStore`, and `InactiveEventDataStoreException`,
///   `EventDataStoreHasOngoingImportException`, `ConflictException`.
public enum UpdateEventDataStore: ServiceOperation {
  public static let name = "UpdateEventDataStore"
  public static func perform(_ request: UpdateEventDataStoreRequest, with services: StoreServices) throws
    -> UpdateEventDataStoreResponse
  {
    let service = try EventDataStoreService(services)
    let store = try service.update(request)
    let federation = try service.federation(of: store)
    return UpdateEventDataStoreResponse(
      eventDataStoreArn: store.arn, name: store.name, status: store.status,
      advancedEventSelectors: store.advancedEventSelectors, multiRegionEnabled: store.multiRegionEnabled,
      organizationEnabled: store.organizationEnabled, retentionPeriod: store.retentionPeriod,
      terminationProtectionEnabled: store.terminationProtectionEnabled,
      createdTimestamp: store.createdTimestamp, updatedTimestamp: store.updatedTimestamp,
      kmsKeyId: store.kmsKeyId, billingMode: store.billingMode, federationStatus: federation.status,
      federationRoleArn: federation.roleARN)
  }
}

/// `ListEventDataStores`: the caller's stores in its region (pending deletion ones too), ARN and
/// name only, in creation order; `MaxResults` 1–1000 (default: all) and `NextToken` page.
/// - Throws: `ServiceError` `InvalidMaxResultsException`, `InvalidNextTokenException`.
public enum ListEventDataStores: ServiceOperation {
  public static let name = "ListEventDataStores"
  public static func perform(_ request: ListEventDataStoresRequest, with services: StoreServices) throws
    -> ListEventDataStoresResponse
  {
    let page = try LakePage(maxResults: request.maxResults, nextToken: request.nextToken, kind: "eds")
    let stores = try EventDataStoreService(services).visibleStores()
    let (items, next) = page.slice(stores)
    return ListEventDataStoresResponse(
      eventDataStores: items.map { EventDataStore(eventDataStoreArn: $0.arn, name: $0.name) }, nextToken: next
    )
  }
}

/// `DeleteEventDataStore`: the store goes to `PENDING_DELETION` for 7 days of the clock (no
/// collection, restorable), then is purged with its members.
/// - Throws: `ServiceError` `EventDataStoreTerminationProtectedException`,
///   `EventDataStoreHasOngoingImportException`, `EventDataStoreFederationEnabledException`,
///   `InactiveEventDataStoreException`, and `find`'s.
public enum DeleteEventDataStore: ServiceOperation {
  public static let name = "DeleteEventDataStore"
  public static func perform(_ request: DeleteEventDataStoreRequest, with services: StoreServices) throws
    -> DeleteEventDataStoreResponse
  {
    try EventDataStoreService(services).delete(request.eventDataStore)
    return DeleteEventDataStoreResponse()
  }
}

/// `RestoreEventDataStore`: a store pending deletion is `ENABLED` again.
/// - Throws: `ServiceError` `InvalidEventDataStoreStatusException`, `EventDataStoreMaxLimitExceededException`.
public enum RestoreEventDataStore: ServiceOperation {
  public static let name = "RestoreEventDataStore"
  public static func perform(_ request: RestoreEventDataStoreRequest, with services: StoreServices) throws
    -> RestoreEventDataStoreResponse
  {
    let store = try EventDataStoreService(services).restore(request.eventDataStore)
    return RestoreEventDataStoreResponse(
      eventDataStoreArn: store.arn, name: store.name, status: store.status,
      advancedEventSelectors: store.advancedEventSelectors, multiRegionEnabled: store.multiRegionEnabled,
      organizationEnabled: store.organizationEnabled, retentionPeriod: store.retentionPeriod,
      terminationProtectionEnabled: store.terminationProtectionEnabled,
      createdTimestamp: store.createdTimestamp, updatedTimestamp: store.updatedTimestamp,
      kmsKeyId: store.kmsKeyId, billingMode: store.billingMode)
  }
}

/// `StartEventDataStoreIngestion`: a `STOPPED_INGESTION` store collects arriving events again.
/// - Throws: `ServiceError` `InvalidEventDataStoreStatusException`, `InvalidEventDataStoreCategoryException`.
public enum StartEventDataStoreIngestion: ServiceOperation {
  public static let name = "StartEventDataStoreIngestion"
  public static func perform(_ request: StartEventDataStoreIngestionRequest, with services: StoreServices)
    throws -> StartEventDataStoreIngestionResponse
  {
    try EventDataStoreService(services).setIngestion(request.eventDataStore, on: true)
    return StartEventDataStoreIngestionResponse()
  }
}

/// `StopEventDataStoreIngestion`: an `ENABLED` store stops collecting (what it holds stays).
/// - Throws: `ServiceError` `InvalidEventDataStoreStatusException`, `InvalidEventDataStoreCategoryException`.
public enum StopEventDataStoreIngestion: ServiceOperation {
  public static let name = "StopEventDataStoreIngestion"
  public static func perform(_ request: StopEventDataStoreIngestionRequest, with services: StoreServices)
    throws -> StopEventDataStoreIngestionResponse
  {
    try EventDataStoreService(services).setIngestion(request.eventDataStore, on: false)
    return StopEventDataStoreIngestionResponse()
  }
}
