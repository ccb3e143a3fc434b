import Foundation

// Lake query federation (spec §8.4): each operation a thin translation to `EventDataStoreService`,
// which holds the rules (`EventDataStoreService+Federation.swift`).

/// `EnableFederation`: the store's events are kept, as Lake's table in a Hive-partitioned JSON export,
/// in `aws-cloudtrail-lake-federation/STOREID/` of the buckets folder, for Athena, Trino or DuckDB.
/// - Throws: `ServiceError` `EventDataStoreFederationEnabledException`, `InvalidParameterException`,
///   `InactiveEventDataStoreException`, `NotOrganizationMasterAccountException`,
///   `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`.
public enum EnableFederation: ServiceOperation {
  public static let name = "EnableFederation"
  public static func perform(_ request: EnableFederationRequest, with services: StoreServices) throws
    -> EnableFederationResponse
  {
    let store = try EventDataStoreService(services).enableFederation(request, services: services)
    return EnableFederationResponse(
      eventDataStoreArn: store.arn, federationStatus: EventDataStoreFederation.enabled,
      federationRoleArn: request.federationRoleArn)
  }
}

/// `DisableFederation`: the federation folder is removed; the store and its events stay.
/// - Throws: `ServiceError` `InactiveEventDataStoreException`, `NotOrganizationMasterAccountException`,
///   `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`.
public enum DisableFederation: ServiceOperation {
  public static let name = "DisableFederation"
  public static func perform(_ request: DisableFederationRequest, with services: StoreServices) throws
    -> DisableFederationResponse
  {
    let store = try EventDataStoreService(services).disableFederation(request, services: services)
    return DisableFederationResponse(
      eventDataStoreArn: store.arn, federationStatus: EventDataStoreFederation.disabled)
  }
}
