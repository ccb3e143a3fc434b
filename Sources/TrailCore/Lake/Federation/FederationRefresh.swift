import Foundation

/// Keeps federated stores' exports current (`EventDataStoreFederation`): every 5 minutes of the clock
/// — the cadence of CloudTrail's own deliveries — each federated store whose members (within its
/// retention) have changed since its folder was written is exported again, replacing the folder's
/// files (`EventDataStoreExport`).
///
/// Scheduled by the long-running fronts (`traildeck serve`, the UI's live feed) beside trail delivery
/// and Insights; state is in the store, so another process or a restart continues where it stopped.
public final class FederationRefresh {
  /// Every 5 minutes of the clock.
  public static let interval: TimeInterval = 300

  let context: StoreContext
  /// Stores refreshed so far (what tests and logs read).
  public private(set) var refreshed = 0

  public init(context: StoreContext) { self.context = context }

  /// Registers the refresh on `scheduler`, every 5 minutes of the clock after `start`.
  public func schedule(on scheduler: Scheduler, startingAfter start: Date) {
    scheduler.every(Self.interval, startingAfter: start, name: "federation refresh") { [self] _ in
      try refreshAll()
    }
  }

  /// Exports again every federated store that has changed; returns how many were.
  @discardableResult
  public func refreshAll() throws -> Int {
    let services = try StoreServices(context)
    let connection = try services.trails().store.connection
    var count = 0
    for rowID in try EventDataStoreFederation.federatedStores(connection: connection) {
      guard
        let store = try EventDataStoreCatalog.all(connection: connection).first(where: { $0.rowID == rowID }),
        store.status != EventDataStoreStatus.pendingDeletion,
        var federation = try EventDataStoreFederation.read(store: rowID, connection: connection)
      else { continue }
      let members = ExportMembers(
        connection: services.reader.connection, store: store, now: context.clock.now(), startTime: nil,
        endTime: nil)
      let (total, newest) = try members.fingerprint()
      guard total != federation.exportedCount || newest != federation.exportedNewest else { continue }
      try Self.export(store, federation: &federation, services: services, onlyChangedDays: true)
      try connection.transaction {
        // DisableFederation may have run meanwhile (another request of `traildeck serve`): its folder
        // is then taken back rather than left behind without a federation.
        guard try EventDataStoreFederation.read(store: rowID, connection: connection) != nil else {
          try? FileManager.default.removeItem(
            atPath: EventDataStoreFederation.folder(storeID: store.id, context: context))
          return
        }
        try EventDataStoreFederation.write(federation, store: rowID, connection: connection)
      }
      count += 1
    }
    refreshed += count
    return count
  }

  /// Writes `store`'s hive export into its federation folder, with the tables' statements naming the
  /// folder's S3 URI, and records what it holds in `federation`.
  ///
  /// With `onlyChangedDays`, a complete previous export keeps its days whose event counts still match
  /// the store's, and only the others are written again (new events land in the newest days; the
  /// retention trims the oldest): a refresh costs the days that changed, not the store.
  static func export(
    _ store: EventDataStoreRecord, federation: inout EventDataStoreFederation, services: StoreServices,
    onlyChangedDays: Bool = false
  ) throws {
    let context = services.context
    let folder = EventDataStoreFederation.folder(storeID: store.id, context: context)
    let members = ExportMembers(
      connection: services.reader.connection, store: store, now: context.clock.now(), startTime: nil,
      endTime: nil)
    let (total, newest) = try members.fingerprint()
    var days: [Int64]?
    if onlyChangedDays, let previous = try? ExportFolder(folder).manifest(storeID: store.id),
      previous.isComplete,
      previous.layout == .hive
    {
      let current = try members.eventsPerDay()
      let exported = previous.eventsPerDay
      days = Set(current.keys).union(exported.keys).filter { current[$0] != exported[$0] }.sorted()
    }
    _ = try EventDataStoreExport.export(
      store, request: EventDataStoreExportRequest(eventDataStore: store.arn, folder: folder, layout: .hive),
      services: services, tablesLocation: EventDataStoreFederation.location(storeID: store.id), days: days,
      progress: { _ in })
    federation.exportedCount = total
    federation.exportedNewest = newest
  }
}
