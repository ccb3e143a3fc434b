import Foundation

/// Where an import (or `traildeck ingest --event-data-store`) copies events: every event it reads,
/// new or already stored, becomes a member unless older than the store's retention.
public struct EventDataStoreDestination: Sendable, Equatable {
  /// `event_data_stores.id`.
  public var storeRowID: Int64
  /// Events whose eventTime (seconds since 1970) is before this are skipped (the store's retention).
  public var oldestEventTime: Int64
  /// Whether the stores that collect arriving events collect these too: yes for `traildeck ingest`,
  /// no for `StartImport` (CloudTrail copies imported events into the destination only).
  public var alsoCollectsLive: Bool
  /// Whether the store holds AWS Config configuration items (then only they join it) rather than
  /// CloudTrail events (then configuration items and evidence never do).
  public var holdsConfigurationItems: Bool

  public init(
    storeRowID: Int64, oldestEventTime: Int64, alsoCollectsLive: Bool, holdsConfigurationItems: Bool = false
  ) {
    self.storeRowID = storeRowID
    self.oldestEventTime = oldestEventTime
    self.alsoCollectsLive = alsoCollectsLive
    self.holdsConfigurationItems = holdsConfigurationItems
  }

  /// Whether an event of `category` read for this destination joins it.
  func takes(_ category: EventCategory) -> Bool {
    holdsConfigurationItems
      ? category == .configurationItem : category != .configurationItem && category != .evidence
  }
}

/// Files the events the writer inserts into the event data stores that collect them, inside the
/// writer's transaction (so events and membership commit together).
///
/// Cost on ingest: one query per transaction for the collecting stores; with none (and no
/// destination) nothing else. With some, each inserted event is decided per store from the fields the
/// writer already has (category, readOnly, name, source, type, error code, resource types, region,
/// account), memoized per file and combination of values, and a matching event costs one row of
/// `event_data_store_events`, written in (store, event) order at the end of the transaction. Only a
/// store whose selectors read fields the writer does not have (`resources.ARN`, `userIdentity.arn`,
/// `sessionCredentialFromConsole`, `vpcEndpointId`) has its candidates (the events its other conditions
/// select) read back and parsed, as trail delivery reads them.
final class EventDataStoreCollector {
  /// A store that collects arriving events, compiled for this transaction.
  struct Target {
    var rowID: Int64
    /// nil: every region.
    var region: String?
    var accounts: Set<String>
    var selectors: SelectorSet
    var needsRecord: Bool
    /// For a store that needs whole records: its selectors without the conditions on fields the writer
    /// lacks, which select a superset (nil when a selector would be left with none: everything passes).
    var prefilter: SelectorSet?
    var readsResourceTypes: Bool
    var oldestEventTime: Int64
  }

  /// What one record offers for the decision (its values as indices into its file's `values`).
  struct MemoKey: Hashable {
    var file: Int32
    var category: Int8
    var readOnly: Int8
    var name: Int32
    var source: Int32
    var type: Int32
    var error: Int32
    var region: Int32
    var account: Int32
  }

  private let connection: SQLiteConnection
  private let selectStores: SQLiteStatement
  private let insertMember: SQLiteStatement
  /// Set for the duration of an import's writes.
  var destination: EventDataStoreDestination?
  /// Set for the duration of a channel's writes (PutAuditEvents): the event data stores its events
  /// go to. Events from outside AWS join these only, never a store by its selectors.
  var channelStores: [EventDataStoreDestination] = []
  /// Events filed into `destination` by committed transactions (an import's EventsCompleted).
  private(set) var destinationEvents = 0
  private var pendingDestinationEvents = 0
  private var targets: [Target] = []
  /// Per target: decisions by record values (records with resources are decided without).
  private var memo: [[MemoKey: Bool]] = []
  private var members: [(store: Int64, event: Int64)] = []
  /// Per target that needs the record: row ids that passed everything the writer can check.
  private var candidates: [[Int64]] = []

  init(connection: SQLiteConnection) throws {
    self.connection = connection
    selectStores = try connection.prepare(
      "SELECT COUNT(*) FROM event_data_stores WHERE status = '\(EventDataStoreStatus.enabled)'")
    insertMember = try connection.prepare(
      "INSERT OR IGNORE INTO event_data_store_events (store, event) VALUES (?, ?)")
  }

  /// Whether any event of this transaction may be filed (set by `begin`).
  private(set) var isActive = false
  /// Whether live stores are consulted in this transaction.
  private(set) var collectsLive = false

  /// Loads the collecting stores, inside the writer's transaction (so a store created meanwhile by
  /// another process is seen by the next transaction).
  func begin(now: Date) throws {
    targets = []
    memo = []
    candidates = []
    members.removeAll(keepingCapacity: true)
    pendingDestinationEvents = 0
    collectsLive = channelStores.isEmpty && (destination?.alsoCollectsLive ?? true)
    if collectsLive {
      selectStores.reset()
      defer { selectStores.reset() }
      let count = try selectStores.step() ? selectStores.int64(0) : 0
      if count > 0 { try loadTargets(now: now) }
    }
    isActive = !targets.isEmpty || destination != nil || !channelStores.isEmpty
  }

  private func loadTargets(now: Date) throws {
    let stores = try EventDataStoreCatalog.ingesting(connection: connection)
    let organization =
      try stores.contains(where: \.organizationEnabled) ? OrganizationInfo.read(connection) : nil
    let cheapFields: Set<String> = [
      "eventCategory", "readOnly", "eventSource", "eventName", "eventType", "errorCode", "resources.type",
    ]
    for store in stores {
      var accounts: Set<String> = [store.account]
      if store.organizationEnabled, let organization, organization.managementAccount == store.account {
        accounts.formUnion(organization.accounts)
      }
      let fields = Set(store.advancedEventSelectors.flatMap { $0.fieldSelectors.map(\.field) })
      let reduced = store.advancedEventSelectors.map { selector in
        AdvancedEventSelector(
          name: selector.name,
          fieldSelectors: selector.fieldSelectors.filter { cheapFields.contains($0.field) })
      }
      targets.append(
        Target(
          rowID: store.rowID, region: store.multiRegionEnabled ? nil : store.region, accounts: accounts,
          selectors: SelectorSet(advanced: store.advancedEventSelectors),
          needsRecord: !fields.isSubset(of: cheapFields),
          prefilter: reduced.contains { $0.fieldSelectors.isEmpty } ? nil : SelectorSet(advanced: reduced),
          readsResourceTypes: fields.contains("resources.type"),
          oldestEventTime: Int64(now.timeIntervalSince1970) - Int64(store.retentionPeriod) * 86_400))
    }
    memo = Array(repeating: [:], count: targets.count)
    candidates = Array(repeating: [], count: targets.count)
  }

  /// Files a newly inserted event (record `record` of file number `file`).
  func add(
    event rowID: Int64, record: ParsedRecord, file: Int32, values: borrowing ValueTable,
    resources: borrowing [ResourceKey]
  ) {
    if let destination, record.eventTime >= destination.oldestEventTime, destination.takes(record.category) {
      members.append((destination.storeRowID, rowID))
      pendingDestinationEvents += 1
    }
    for store in channelStores where record.eventTime >= store.oldestEventTime {
      members.append((store.storeRowID, rowID))
    }
    // ActivityAuditLog events reach the stores their channel names, never others by selectors.
    guard collectsLive, record.category != .activityAuditLog else { return }
    let keys = record.keys.values
    for t in targets.indices where record.eventTime >= targets[t].oldestEventTime {
      let target = targets[t]
      let key = MemoKey(
        file: file, category: Int8(record.category.rawValue),
        readOnly: record.readOnly.map { $0 ? 1 : 0 } ?? 2,
        name: keys.eventName, source: keys.eventSource, type: keys.eventType, error: keys.errorCode,
        region: keys.awsRegion, account: keys.accountId)
      let hasResources = target.readsResourceTypes && !record.keys.resourceRange.isEmpty
      var decision: Bool
      if !hasResources, let known = memo[t][key] {
        decision = known
      } else {
        decision = decide(target, record: record, values: values, resources: resources)
        if !hasResources { memo[t][key] = decision }
      }
      guard decision else { continue }
      if target.needsRecord {
        candidates[t].append(rowID)
      } else {
        members.append((target.rowID, rowID))
      }
    }
  }

  /// Files an event the store already had (an import's duplicate): it joins the destination only.
  func addDuplicate(event rowID: Int64, eventTime: Int64, category: EventCategory) {
    guard let destination, eventTime >= destination.oldestEventTime, destination.takes(category) else {
      return
    }
    members.append((destination.storeRowID, rowID))
    pendingDestinationEvents += 1
  }

  /// Scope and selectors on the writer's fields. For a target that needs the record, `true` means
  /// "a candidate": its conditions on fields the writer lacks are left to `finish`.
  private func decide(
    _ target: Target, record: ParsedRecord, values: borrowing ValueTable, resources: borrowing [ResourceKey]
  ) -> Bool {
    let keys = record.keys.values
    if let region = target.region, values.strings[Int(keys.awsRegion)] != region { return false }
    guard target.accounts.contains(values.strings[Int(keys.accountId)]) else { return false }
    if target.needsRecord && target.prefilter == nil { return true }
    func text(_ index: Int32) -> String? { index == 0 ? nil : values.strings[Int(index)] }
    var resourceList: [SelectableEvent.Resource] = []
    for index in record.keys.resourceRange {
      resourceList.append(.init(type: text(resources[Int(index)].type), arn: nil))
    }
    let event = SelectableEvent(
      eventCategory: record.category.recordValue, readOnly: record.readOnly,
      eventSource: text(keys.eventSource),
      eventName: text(keys.eventName), eventType: text(keys.eventType), errorCode: text(keys.errorCode),
      resources: resourceList)
    return (target.needsRecord ? target.prefilter! : target.selectors).matches(event)
  }

  /// Checks the candidates of stores that need whole records, then writes the transaction's members.
  func finish() throws {
    guard isActive else { return }
    for t in targets.indices where !candidates[t].isEmpty {
      let target = targets[t]
      try RecordScanner(connection: connection).scan(rowIDs: candidates[t]) { stored in
        guard let event = try? SelectableEvent(recordJSON: stored.bytes) else { return }
        if target.selectors.matches(event) { members.append((target.rowID, stored.rowID)) }
      }
    }
    guard !members.isEmpty else { return }
    // Counted now: the writer commits right after (a failed commit only leaves the count high).
    destinationEvents += pendingDestinationEvents
    pendingDestinationEvents = 0
    members.sort { ($0.store, $0.event) < ($1.store, $1.event) }
    let s = insertMember
    defer { s.reset() }
    for member in members {
      s.reset()
      s.bindInt(1, member.store)
      s.bindInt(2, member.event)
      try s.step()
    }
    members.removeAll(keepingCapacity: true)
  }

  /// Forgets the transaction's work after a rollback.
  func discard() {
    members.removeAll(keepingCapacity: true)
    candidates = Array(repeating: [], count: targets.count)
  }
}

extension EventDataStoreDestination {
  /// The destination for copying log files into the caller's store named `reference` (its name, ARN
  /// or ID), as an import would copy them: the store must be active and hold CloudTrail events — or,
  /// with `acceptsConfigurationItems` (`traildeck ingest` of AWS Config files), configuration items.
  ///
  /// - Throws: `ServiceError` `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException`, `InvalidEventDataStoreCategoryException`.
  public static func resolve(
    _ reference: String, with services: StoreServices, alsoCollectsLive: Bool,
    acceptsConfigurationItems: Bool = false
  ) throws -> EventDataStoreDestination {
    let imports = try ImportService(services)
    let named = try imports.stores.visibleStores().first { $0.name == reference }
    let found = try imports.stores.find(named?.arn ?? reference)
    let holdsItems = EventDataStoreRules.schema(of: found) == .configurationItem
    let store: EventDataStoreRecord
    if acceptsConfigurationItems && holdsItems {
      try imports.stores.requireActive(found)
      store = found
    } else {
      store = try imports.destination(found.arn)
    }
    let now = Int64(services.context.clock.now().timeIntervalSince1970)
    return EventDataStoreDestination(
      storeRowID: store.rowID, oldestEventTime: now - Int64(store.retentionPeriod) * 86_400,
      alsoCollectsLive: alsoCollectsLive, holdsConfigurationItems: holdsItems)
  }
}
