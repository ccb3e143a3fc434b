import Foundation

/// The rules of event data stores (spec §8.1, §8.2): who sees which store, the limit of 10, billing
/// modes and retention, the KMS key that is set once, termination protection, pending deletion and
/// restore. Every event data store operation goes through here.
///
/// Choices (README "Event data stores"):
/// - Stores go straight to `ENABLED` (or `STOPPED_INGESTION` with `StartIngestion` false), and
///   start/stop ingestion straight to `ENABLED` / `STOPPED_INGESTION`: TrailDeck has nothing to wait
///   for, so the transient statuses are never seen.
/// - A store is a resource of its account and region: it is found and listed there only (an
///   organization store also by the organization's delegated administrators).
/// - Stores pending deletion are purged by the first Lake operation after their 7 days have passed.
struct EventDataStoreService {
  let trails: TrailService

  init(_ services: StoreServices) throws {
    trails = try services.trails()
    try purgeExpired()
  }

  var connection: SQLiteConnection { trails.store.connection }
  var account: String { trails.account }
  var region: String { trails.region }
  /// The clock's now to the millisecond, as stores keep their times (so a response and a later read of
  /// the same time agree).
  var now: Date { EventDataStoreCatalog.date(EventDataStoreCatalog.milliseconds(trails.now)) }

  // MARK: Finding

  /// The store named by `idOrARN` as the caller sees it.
  ///
  /// - Throws: `EventDataStoreARNInvalidException` for text that is neither a store's ARN nor an ID,
  ///   `EventDataStoreNotFoundException`.
  func find(_ idOrARN: String) throws -> EventDataStoreRecord {
    if idOrARN.hasPrefix("arn:") ? EventDataStoreARN(idOrARN) == nil : !EventDataStoreARN.isID(idOrARN) {
      throw ServiceError(
        "EventDataStoreARNInvalidException",
        "The specified event data store ARN is not valid or does not map to an event data store in your account: '\(idOrARN)' (expected arn:aws:cloudtrail:REGION:ACCOUNT:eventdatastore/ID or the ID)."
      )
    }
    guard let store = try EventDataStoreCatalog.find(idOrARN, connection: connection), try isVisible(store)
    else {
      throw ServiceError(
        "EventDataStoreNotFoundException", "The specified event data store \(idOrARN) was not found.")
    }
    return store
  }

  /// The caller's stores in its region, in creation order.
  func visibleStores() throws -> [EventDataStoreRecord] {
    try EventDataStoreCatalog.all(connection: connection).filter { try isVisible($0) }
  }

  func isVisible(_ store: EventDataStoreRecord) throws -> Bool {
    guard store.region == region else { return false }
    if store.account == account { return true }
    guard store.organizationEnabled else { return false }
    return try trails.store.delegatedAdmins().contains(account)
  }

  // MARK: Lifecycle

  /// Removes the stores whose 7 days of pending deletion the clock has passed, with their members.
  func purgeExpired() throws {
    let cutoff = now.addingTimeInterval(-Double(EventDataStoreRules.pendingDeletionDays) * 86_400)
    let expired = try EventDataStoreCatalog.select(
      "WHERE status = ? AND deleted_ms <= ?",
      [.text(EventDataStoreStatus.pendingDeletion), .int(EventDataStoreCatalog.milliseconds(cutoff))],
      connection: connection)
    guard !expired.isEmpty else { return }
    try connection.transaction {
      for store in expired {
        try execute("DELETE FROM event_data_store_events WHERE store = ?", [.int(store.rowID)])
        try execute("DELETE FROM event_data_stores WHERE id = ?", [.int(store.rowID)])
        try execute("DELETE FROM resource_tags WHERE resource_arn = ?", [.text(store.arn)])
      }
    }
  }

  /// Stores that count against the limit in the caller's account and region.
  func countingStores(account: String) throws -> Int {
    try EventDataStoreCatalog.all(connection: connection).filter {
      $0.account == account && $0.region == region && $0.status != EventDataStoreStatus.pendingDeletion
    }.count
  }

  func checkLimit(account: String) throws {
    guard try countingStores(account: account) < EventDataStoreRules.limit else {
      throw ServiceError(
        "EventDataStoreMaxLimitExceededException",
        "Account \(account) already has \(EventDataStoreRules.limit) event data stores in \(region) (stores pending deletion do not count)."
      )
    }
  }

  func requireActive(_ store: EventDataStoreRecord) throws {
    guard store.status != EventDataStoreStatus.pendingDeletion else {
      throw ServiceError(
        "InactiveEventDataStoreException",
        "Event data store \(store.arn) is pending deletion; restore it with restore-event-data-store first.")
    }
  }

  /// An import into the store that is still running.
  func requireNoOngoingImport(_ store: EventDataStoreRecord) throws {
    if try ImportStore(connection).ongoing(destination: store.arn) != nil {
      throw ServiceError(
        "EventDataStoreHasOngoingImportException",
        "Event data store \(store.arn) has an import in progress; wait for it or stop it (stop-import).")
    }
  }

  /// The organization, when the caller may create or convert organization stores.
  func requireOrganizationManagement() throws -> OrganizationInfo {
    guard let organization = try trails.store.organization() else {
      throw ServiceError(
        "OrganizationsNotInUseException",
        "Account \(account) is not in an organization (TrailDeck's demo organization comes with `traildeck demo`)."
      )
    }
    let delegated = try trails.store.delegatedAdmins()
    guard organization.managementAccount == account || delegated.contains(account) else {
      throw ServiceError(
        "NotOrganizationMasterAccountException",
        "Account \(account) is neither the management account (\(organization.managementAccount)) nor a delegated administrator of organization \(organization.id)."
      )
    }
    try trails.checkOrganizationTrailsAllowed(in: organization)
    return organization
  }

  // MARK: Writing

  func execute(_ sql: String, _ bindings: [SQLiteValue]) throws {
    let statement = try connection.prepare(sql)
    try statement.bind(bindings)
    try statement.step()
  }

  /// Writes `store` whole (a new one when its `rowID` is 0); returns its row id.
  @discardableResult
  func save(_ store: EventDataStoreRecord) throws -> Int64 {
    let selectors = try ShapeEncoder(.epochSeconds).encode(store.advancedEventSelectors).compactText()
    let values: [SQLiteValue] = [
      .text(store.id), .text(store.arn), .text(store.name), .text(store.account), .text(store.region),
      .text(store.status), .text(selectors), .int(store.multiRegionEnabled ? 1 : 0),
      .int(store.organizationEnabled ? 1 : 0), .int(Int64(store.retentionPeriod)), .text(store.billingMode),
      .int(store.terminationProtectionEnabled ? 1 : 0), store.kmsKeyId.map { .text($0) } ?? .null,
      .int(EventDataStoreCatalog.milliseconds(store.createdTimestamp)),
      .int(EventDataStoreCatalog.milliseconds(store.updatedTimestamp)),
      store.deletedTimestamp.map { .int(EventDataStoreCatalog.milliseconds($0)) } ?? .null,
    ]
    if store.rowID == 0 {
      try execute(
        """
        INSERT INTO event_data_stores (uuid, arn, name, account, region, status, advanced_event_selectors,
          multi_region, organization, retention_days, billing_mode, termination_protection, kms_key_id,
          created_ms, updated_ms, deleted_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, values)
      return connection.lastInsertRowID
    }
    try execute(
      """
      UPDATE event_data_stores SET uuid = ?, arn = ?, name = ?, account = ?, region = ?, status = ?,
        advanced_event_selectors = ?, multi_region = ?, organization = ?, retention_days = ?,
        billing_mode = ?, termination_protection = ?, kms_key_id = ?, created_ms = ?, updated_ms = ?,
        deleted_ms = ?
      WHERE id = ?
      """, values + [.int(store.rowID)])
    return store.rowID
  }

  /// Drops the store's members whose eventTime is older than its retention period, as of now.
  func dropMembersOutsideRetention(_ store: EventDataStoreRecord) throws {
    let oldest = Int64(now.timeIntervalSince1970) - Int64(store.retentionPeriod) * 86_400
    try execute(
      "DELETE FROM event_data_store_events WHERE store = ? AND event < ?",
      [.int(store.rowID), .int(EventKey.firstRowID(atOrAfter: oldest))])
  }
}

extension EventDataStoreService {
  /// The store a tag operation names, when `resourceId` is an event data store ARN (nil otherwise, for
  /// the trail rules to judge); tags change on active stores only.
  /// - Throws: `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException`.
  static func tagged(_ resourceId: String, with services: StoreServices) throws -> EventDataStoreRecord? {
    guard resourceId.hasPrefix("arn:"), resourceId.contains(":eventdatastore/") else { return nil }
    let service = try EventDataStoreService(services)
    let store = try service.find(resourceId)
    try service.requireActive(store)
    return store
  }
}
