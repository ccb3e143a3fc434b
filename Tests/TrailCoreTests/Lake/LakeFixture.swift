import Foundation

@testable import TrailCore

/// A store with an organization of two accounts, a bucket `logs` and a settable clock, for the Lake
/// operations' tests.
final class LakeFixture {
  static let management = "111111111111"
  static let member = "222222222222"
  static let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  let store: TestStore
  let buckets: String
  let clock: ManualClock

  init(organization: Bool = true) throws {
    store = try TestStore()
    buckets = store.folder + "/buckets"
    clock = ManualClock(Self.start)
    try FileManager.default.createDirectory(atPath: buckets + "/logs", withIntermediateDirectories: true)
    let intake = try RecordIntake(databasePath: store.dbPath, clock: clock)
    if organization {
      try intake.setOrganization(
        OrganizationInfo(
          id: "o-abcdefghij", managementAccount: Self.management, accounts: [Self.management, Self.member]))
    }
  }

  var context: StoreContext { context() }

  func context(account: String = LakeFixture.management, region: String = "us-east-1") -> StoreContext {
    StoreContext(
      databasePath: store.dbPath, clock: clock, bucketsDirectory: buckets, account: account, region: region)
  }

  func services(account: String = LakeFixture.management, region: String = "us-east-1") throws
    -> StoreServices
  {
    try StoreServices(context(account: account, region: region))
  }

  func advance(days: Double) { clock.advance(by: days * 86_400) }

  @discardableResult
  func create(
    _ name: String, account: String = LakeFixture.management, region: String = "us-east-1",
    _ change: (inout CreateEventDataStoreRequest) -> Void = { _ in }
  ) throws -> CreateEventDataStoreResponse {
    var request = CreateEventDataStoreRequest(name: name)
    change(&request)
    return try CreateEventDataStore.perform(request, with: services(account: account, region: region))
  }

  /// The exception name `body` throws, or nil.
  func exception(_ body: () throws -> Void) -> String? {
    do {
      try body()
      return nil
    } catch let error as ServiceError {
      return error.exceptionName
    } catch {
      return "unexpected \(error)"
    }
  }

  /// The row ids of the events store `arn` holds.
  func members(_ arn: String) throws -> [Int64] {
    let connection = try EventStore.openReader(path: store.dbPath)
    guard let record = try EventDataStoreCatalog.find(arn, connection: connection) else { return [] }
    let statement = try connection.prepare(
      "SELECT event FROM event_data_store_events WHERE store = ? ORDER BY event")
    statement.bindInt(1, record.rowID)
    var rows: [Int64] = []
    while try statement.step() { rows.append(statement.int64(0)) }
    return rows
  }

  /// The eventIDs of the events store `arn` holds, sorted.
  func memberEventIDs(_ arn: String) throws -> [String] {
    let rows = try members(arn)
    var ids: [String] = []
    try RecordScanner(databasePath: store.dbPath).scan(rowIDs: rows) { record in
      if case .string(let id)? = try? JSONValue(parsing: record.bytes)["eventID"] { ids.append(id) }
    }
    return ids.sorted()
  }

  /// Appends records as live events (`api:` source) at the clock's now.
  func appendLive(_ records: [TestRecord], source: String = "api:test") throws {
    let intake = try RecordIntake(databasePath: store.dbPath, clock: clock)
    try intake.append([
      RecordIntake.Batch(source: source + "/\(UUID())", records: records.map { Array($0.json.utf8) })
    ])
  }
}
