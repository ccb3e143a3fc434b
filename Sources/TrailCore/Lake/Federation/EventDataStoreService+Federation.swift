import Foundation

// EnableFederation and DisableFederation (spec §8.4): the rules, and the export that stands for
// CloudTrail's Glue table (`EventDataStoreFederation`).
extension EventDataStoreService {
  /// The store's `FederationStatus` and `FederationRoleArn`, as Get/UpdateEventDataStore show them.
  func federation(of store: EventDataStoreRecord) throws -> (status: String, roleARN: String?) {
    guard let federation = try EventDataStoreFederation.read(store: store.rowID, connection: connection)
    else {
      return (EventDataStoreFederation.disabled, nil)
    }
    return (EventDataStoreFederation.enabled, federation.roleARN)
  }

  /// Turns federation on: the store's hive export is written at once into its federation folder, and
  /// kept current by `FederationRefresh`.
  ///
  /// - Throws: `ServiceError` `InvalidParameterException` (a role ARN that is not an IAM role's),
  ///   `EventDataStoreFederationEnabledException`, `InactiveEventDataStoreException`,
  ///   `NotOrganizationMasterAccountException`, and `find`'s; a `Diagnostic` when the folder cannot
  ///   be written (federation then stays off).
  func enableFederation(_ request: EnableFederationRequest, services: StoreServices) throws
    -> EventDataStoreRecord
  {
    let store = try find(request.eventDataStore)
    try requireActive(store)
    try requireFederationOwner(store)
    guard Self.isRoleARN(request.federationRoleArn) else {
      throw ServiceError(
        "InvalidParameterException",
        "FederationRoleArn '\(request.federationRoleArn)' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)."
      )
    }
    if try EventDataStoreFederation.read(store: store.rowID, connection: connection) != nil {
      throw ServiceError(
        "EventDataStoreFederationEnabledException",
        "Lake query federation is already enabled on event data store \(store.arn); disable it first to change its role."
      )
    }
    var federation = EventDataStoreFederation(roleARN: request.federationRoleArn)
    try FederationRefresh.export(store, federation: &federation, services: services)
    try EventDataStoreFederation.write(federation, store: store.rowID, connection: connection)
    return store
  }

  /// Turns federation off: the federation folder is removed (the store's events stay, as CloudTrail
  /// keeps the data when it drops the Glue table). Disabling a store that is not federated changes
  /// nothing.
  ///
  /// - Throws: `ServiceError` `InactiveEventDataStoreException`, `NotOrganizationMasterAccountException`,
  ///   and `find`'s.
  func disableFederation(_ request: DisableFederationRequest, services: StoreServices) throws
    -> EventDataStoreRecord
  {
    let store = try find(request.eventDataStore)
    try requireActive(store)
    try requireFederationOwner(store)
    try EventDataStoreFederation.write(nil, store: store.rowID, connection: connection)
    try? FileManager.default.removeItem(
      atPath: EventDataStoreFederation.folder(storeID: store.id, context: services.context))
    return store
  }

  /// DeleteEventDataStore needs federation `DISABLED` (spec §8.2).
  func requireFederationDisabled(_ store: EventDataStoreRecord) throws {
    if try EventDataStoreFederation.read(store: store.rowID, connection: connection) != nil {
      throw ServiceError(
        "EventDataStoreFederationEnabledException",
        "Event data store \(store.arn) has Lake query federation enabled; disable it first (disable-federation)."
      )
    }
  }

  /// An organization store's federation is the management account's to change.
  private func requireFederationOwner(_ store: EventDataStoreRecord) throws {
    guard store.organizationEnabled, store.account != account else { return }
    throw ServiceError(
      "NotOrganizationMasterAccountException",
      "Only the management account (\(store.account)) can change Lake query federation of organization event data store \(store.arn)."
    )
  }

  /// `arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME`.
  static func isRoleARN(_ text: String) -> Bool {
    let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "iam", parts[3].isEmpty,
      parts[4].count == 12, parts[4].allSatisfy({ $0.isASCII && $0.isNumber }), parts[5].hasPrefix("role/"),
      parts[5].count > 5
    else { return false }
    return true
  }
}
