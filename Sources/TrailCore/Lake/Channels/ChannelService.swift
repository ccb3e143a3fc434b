import Foundation

/// The rules of channels (spec §9.1): who sees which channel, the limit of 25, one channel per
/// partner source, destinations that are active ActivityAuditLog event data stores of the caller's. Every
/// channel operation goes through here.
///
/// A channel is a resource of its account and region, found and listed there only.
struct ChannelService {
  let stores: EventDataStoreService

  init(_ services: StoreServices) throws {
    stores = try EventDataStoreService(services)
  }

  var connection: SQLiteConnection { stores.connection }
  var account: String { stores.account }
  var region: String { stores.region }

  /// The channel named by `idOrARN` as the caller sees it.
  /// - Throws: `ChannelARNInvalidException`, `ChannelNotFoundException`.
  func find(_ idOrARN: String) throws -> ChannelRecord {
    if idOrARN.hasPrefix("arn:") ? ChannelARN(idOrARN) == nil : !EventDataStoreARN.isID(idOrARN) {
      throw ServiceError(
        "ChannelARNInvalidException",
        "The specified channel ARN is not valid: '\(idOrARN)' (expected arn:aws:cloudtrail:REGION:ACCOUNT:channel/ID or the ID)."
      )
    }
    guard let channel = try ChannelCatalog.find(idOrARN, connection: connection),
      channel.account == account, channel.region == region
    else {
      throw ServiceError("ChannelNotFoundException", "The specified channel \(idOrARN) was not found.")
    }
    return channel
  }

  /// The caller's channels in its region, in creation order.
  func visibleChannels() throws -> [ChannelRecord] {
    try ChannelCatalog.all(connection: connection).filter { $0.account == account && $0.region == region }
  }

  /// The destinations with each event data store named by its ARN, checked: the caller's, active,
  /// of category ActivityAuditLog, single-region and not an organization's (G:LCLI, SM).
  /// - Throws: `EventDataStoreARNInvalidException`, `EventDataStoreNotFoundException`,
  ///   `InactiveEventDataStoreException`, `InvalidEventDataStoreCategoryException`.
  func resolve(_ destinations: [Destination]) throws -> [Destination] {
    try ChannelRules.checkDestinations(destinations)
    return try destinations.map { destination in
      let store = try stores.find(destination.location)
      try stores.requireActive(store)
      guard EventDataStoreRules.categories(of: store.advancedEventSelectors) == ["ActivityAuditLog"] else {
        throw ServiceError(
          "InvalidEventDataStoreCategoryException",
          "Event data store \(store.arn) does not collect events from outside AWS: a channel's destination must select eventCategory = ActivityAuditLog."
        )
      }
      guard !store.multiRegionEnabled, !store.organizationEnabled else {
        throw ServiceError(
          "InvalidEventDataStoreCategoryException",
          "Event data store \(store.arn) is \(store.organizationEnabled ? "an organization store" : "multi-Region"): a channel's destination must be a single-Region store of one account."
        )
      }
      return Destination(type: ChannelRules.eventDataStoreType, location: store.arn)
    }
  }

  func create(_ request: CreateChannelRequest) throws -> ChannelRecord {
    try ChannelRules.checkName(request.name)
    try ChannelRules.checkSource(request.source)
    let tags = request.tags ?? []
    try TrailRules.checkTags(tags)
    let destinations = try resolve(request.destinations)
    let existing = try visibleChannels()
    if existing.contains(where: { $0.name == request.name }) {
      throw ServiceError(
        "ChannelAlreadyExistsException", "A channel named \(request.name) already exists in \(region).")
    }
    // One channel per partner source (G:INT); `Custom` integrations may be many, or the limit of 25
    // (G:LIM) could never be reached with the 16 sources there are.
    if request.source != ChannelRules.customSource,
      let same = existing.first(where: { $0.source == request.source })
    {
      throw ServiceError(
        "ChannelAlreadyExistsException",
        "Channel \(same.arn) already receives events from source \(request.source): one channel is allowed per source."
      )
    }
    // Service-linked channels are AWS services' and do not count against the 25 (G:LIM).
    guard existing.filter({ !$0.isServiceLinked }).count < ChannelRules.limit else {
      throw ServiceError(
        "ChannelMaxLimitExceededException",
        "Account \(account) already has \(ChannelRules.limit) channels in \(region).")
    }
    let id = UUID().uuidString.lowercased()
    var channel = ChannelRecord(
      rowID: 0, id: id, arn: ChannelARN(region: region, account: account, id: id).text, name: request.name,
      source: request.source, destinations: destinations, account: account, region: region,
      createdTimestamp: stores.now, ingestion: IngestionStatus())
    try connection.transaction {
      channel.rowID = try ChannelCatalog.save(channel, connection: connection)
      try stores.trails.store.setTags(tags, on: channel.arn)
    }
    return channel
  }

  /// Name and destinations change; the source never does.
  func update(_ request: UpdateChannelRequest) throws -> ChannelRecord {
    var channel = try find(request.channel)
    try ServiceLinkedChannels.refuseChange(of: channel, "update")
    if let name = request.name, name != channel.name {
      try ChannelRules.checkName(name)
      if try visibleChannels().contains(where: { $0.name == name }) {
        throw ServiceError(
          "ChannelAlreadyExistsException", "A channel named \(name) already exists in \(region).")
      }
      channel.name = name
    }
    if let destinations = request.destinations { channel.destinations = try resolve(destinations) }
    try ChannelCatalog.save(channel, connection: connection)
    return channel
  }

  func delete(_ idOrARN: String) throws {
    let channel = try find(idOrARN)
    try ServiceLinkedChannels.refuseChange(of: channel, "delete")
    try ChannelCatalog.delete(channel, connection: connection)
  }

  /// The channels that deliver to the store with ARN `storeARN` (DeleteEventDataStore refuses while
  /// any does).
  func channels(deliveringTo storeARN: String) throws -> [ChannelRecord] {
    try ChannelCatalog.all(connection: connection).filter { $0.storeARNs.contains(storeARN) }
  }
}

extension ChannelService {
  /// The channel a tag operation names, when `resourceId` is a channel ARN (nil otherwise).
  /// - Throws: `ChannelARNInvalidException`, `ChannelNotFoundException`.
  static func tagged(_ resourceId: String, with services: StoreServices) throws -> ChannelRecord? {
    guard resourceId.hasPrefix("arn:"), resourceId.contains(":channel/") else { return nil }
    return try ChannelService(services).find(resourceId)
  }
}
