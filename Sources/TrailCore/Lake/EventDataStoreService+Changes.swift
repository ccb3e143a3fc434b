import Foundation

// Create, update, delete, restore, and ingestion on/off (spec §8.1, §8.2).
extension EventDataStoreService {
  func create(_ request: CreateEventDataStoreRequest) throws -> EventDataStoreRecord {
    // One reading of the clock per change: created and updated times of one call agree.
    let now = self.now
    try EventDataStoreRules.checkName(request.name)
    let billingMode = request.billingMode ?? EventDataStoreRules.extendable
    try EventDataStoreRules.checkBillingMode(billingMode)
    let retention = request.retentionPeriod ?? EventDataStoreRules.retention(for: billingMode).defaultDays
    try EventDataStoreRules.checkRetention(retention, billingMode: billingMode)
    let selectors = request.advancedEventSelectors ?? EventDataStoreRules.defaultSelectors
    try EventSelectorValidation.validate(advanced: selectors, for: .eventDataStore)
    try EventDataStoreRules.checkCategoriesAlone(selectors)
    try EventDataStoreRules.checkTags(request.tagsList ?? [])
    var owner = account
    if request.organizationEnabled == true { owner = try requireOrganizationManagement().managementAccount }
    let kmsKey = try request.kmsKeyId.map { key throws(ServiceError) in
      try TrailRules.checkKmsKey(key, in: trails.context)
    }
    let id = UUID().uuidString.lowercased()
    var store = EventDataStoreRecord(
      rowID: 0, id: id, arn: EventDataStoreARN(region: region, account: owner, id: id).text,
      name: request.name,
      status: request.startIngestion == false
        ? EventDataStoreStatus.stoppedIngestion : EventDataStoreStatus.enabled,
      retentionPeriod: retention, multiRegionEnabled: request.multiRegionEnabled ?? true,
      organizationEnabled: request.organizationEnabled ?? false, createdTimestamp: now, account: owner,
      region: region, advancedEventSelectors: selectors, billingMode: billingMode,
      terminationProtectionEnabled: request.terminationProtectionEnabled ?? true, kmsKeyId: kmsKey,
      updatedTimestamp: now, deletedTimestamp: nil)
    try connection.transaction {
      try checkNameFree(store.name, account: owner, except: nil)
      try checkLimit(account: owner)
      store.rowID = try save(store)
      try trails.store.setTags(request.tagsList ?? [], on: store.arn)
    }
    return store
  }

  func checkNameFree(_ name: String, account: String, except rowID: Int64?) throws {
    let taken = try EventDataStoreCatalog.all(connection: connection).contains {
      $0.name == name && $0.account == account && $0.region == region && $0.rowID != rowID
    }
    if taken {
      throw ServiceError(
        "EventDataStoreAlreadyExistsException",
        "An event data store named \(name) already exists in account \(account) in \(region).")
    }
  }

  func update(_ request: UpdateEventDataStoreRequest) throws -> EventDataStoreRecord {
    // One reading of the clock per change: created and updated times of one call agree.
    let now = self.now
    let original = try find(request.eventDataStore)
    let changesSomething =
      request.name != nil || request.advancedEventSelectors != nil || request.multiRegionEnabled != nil
      || request.organizationEnabled != nil || request.retentionPeriod != nil
      || request.terminationProtectionEnabled != nil || request.kmsKeyId != nil || request.billingMode != nil
    guard changesSomething else {
      throw ServiceError(
        "InvalidParameterException", "UpdateEventDataStore needs at least one parameter to change.")
    }
    try requireActive(original)
    try requireNoOngoingImport(original)
    var store = original
    if let name = request.name {
      try EventDataStoreRules.checkName(name)
      store.name = name
    }
    if let mode = request.billingMode {
      try EventDataStoreRules.checkBillingMode(mode)
      if store.billingMode == EventDataStoreRules.extendable && mode == EventDataStoreRules.fixed {
        throw ServiceError(
          "InvalidParameterException",
          "An event data store cannot change from \(EventDataStoreRules.extendable) to \(EventDataStoreRules.fixed)."
        )
      }
      store.billingMode = mode
    }
    if let days = request.retentionPeriod { store.retentionPeriod = days }
    try EventDataStoreRules.checkRetention(store.retentionPeriod, billingMode: store.billingMode)
    if let selectors = request.advancedEventSelectors {
      try EventSelectorValidation.validate(advanced: selectors, for: .eventDataStore)
      try EventDataStoreRules.checkCategoriesAlone(selectors)
      try EventDataStoreRules.checkSameKind(store.advancedEventSelectors, becoming: selectors)
      store.advancedEventSelectors = selectors
    }
    if let multi = request.multiRegionEnabled { store.multiRegionEnabled = multi }
    if let protection = request.terminationProtectionEnabled {
      store.terminationProtectionEnabled = protection
    }
    if let organization = request.organizationEnabled, organization != store.organizationEnabled {
      // Only the management account converts a store either way (spec §8.1).
      let info = try requireOrganizationManagement()
      guard info.managementAccount == account else {
        throw ServiceError(
          "NotOrganizationMasterAccountException",
          "Only the management account (\(info.managementAccount)) can turn an event data store into an organization store or back."
        )
      }
      store.organizationEnabled = organization
    }
    if let key = request.kmsKeyId {
      let resolved = key.isEmpty ? nil : try TrailRules.checkKmsKey(key, in: trails.context)
      if let current = store.kmsKeyId, resolved != current {
        throw ServiceError(
          "InvalidParameterException",
          "Event data store \(store.arn) is encrypted with \(current); its KMS key cannot be changed or removed."
        )
      }
      store.kmsKeyId = resolved
    }
    store.updatedTimestamp = now
    let updated = store
    try connection.transaction {
      guard try EventDataStoreCatalog.find(original.id, connection: connection) == original else {
        throw ServiceError(
          "ConflictException",
          "Event data store \(original.arn) was changed by another request while this one ran; get it again and retry."
        )
      }
      try checkNameFree(updated.name, account: updated.account, except: updated.rowID)
      try save(updated)
      if updated.retentionPeriod < original.retentionPeriod { try dropMembersOutsideRetention(updated) }
    }
    return updated
  }

  func delete(_ idOrARN: String) throws {
    // One reading of the clock per change: created and updated times of one call agree.
    let now = self.now
    var store = try find(idOrARN)
    try requireActive(store)
    guard !store.terminationProtectionEnabled else {
      throw ServiceError(
        "EventDataStoreTerminationProtectedException",
        "Event data store \(store.arn) has termination protection; turn it off first (update-event-data-store --no-termination-protection-enabled)."
      )
    }
    try requireNoOngoingImport(store)
    try requireFederationDisabled(store)
    if let channel = try ChannelCatalog.all(connection: connection).first(where: {
      $0.storeARNs.contains(store.arn)
    }) {
      throw ServiceError(
        "ChannelExistsForEDSException",
        "Channel \(channel.arn) (\(channel.name)) delivers to event data store \(store.arn); delete the channel or change its destinations first."
      )
    }
    store.status = EventDataStoreStatus.pendingDeletion
    store.deletedTimestamp = now
    store.updatedTimestamp = now
    try save(store)
  }

  func restore(_ idOrARN: String) throws -> EventDataStoreRecord {
    // One reading of the clock per change: created and updated times of one call agree.
    let now = self.now
    var store = try find(idOrARN)
    guard store.status == EventDataStoreStatus.pendingDeletion else {
      throw ServiceError(
        "InvalidEventDataStoreStatusException",
        "Event data store \(store.arn) is \(store.status); only a store pending deletion can be restored.")
    }
    try connection.transaction {
      try checkLimit(account: store.account)
      store.status = EventDataStoreStatus.enabled
      store.deletedTimestamp = nil
      store.updatedTimestamp = now
      try save(store)
    }
    return store
  }

  /// Starts (`on`) or stops collecting arriving events.
  func setIngestion(_ idOrARN: String, on: Bool) throws {
    // One reading of the clock per change: created and updated times of one call agree.
    let now = self.now
    var store = try find(idOrARN)
    let unsupported = EventDataStoreRules.categories(of: store.advancedEventSelectors)
      .subtracting(EventDataStoreRules.ingestionCategories)
    if let category = unsupported.sorted().first {
      throw ServiceError(
        "InvalidEventDataStoreCategoryException",
        "Event data store \(store.arn) holds \(category) events; only stores of Management, Data, NetworkActivity or ConfigurationItem events start and stop ingestion."
      )
    }
    let required = on ? EventDataStoreStatus.stoppedIngestion : EventDataStoreStatus.enabled
    guard store.status == required else {
      throw ServiceError(
        "InvalidEventDataStoreStatusException",
        "Event data store \(store.arn) is \(store.status); \(on ? "starting" : "stopping") ingestion needs \(required)."
      )
    }
    store.status = on ? EventDataStoreStatus.enabled : EventDataStoreStatus.stoppedIngestion
    store.updatedTimestamp = now
    try save(store)
  }
}
