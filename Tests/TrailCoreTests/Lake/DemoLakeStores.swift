import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// The demo's Lake stores on a small organization, seeded once: `demo-config-items`,
/// `demo-audit-evidence`, and a store of the main account's management events created before the
/// seed (the demo makes none), for statements that must find rows in the simulator's data.
///
/// Read-only after `init`, so tests may share it.
final class DemoLakeStores: @unchecked Sendable {
  typealias F = LakeFixture

  let fixture: LakeFixture
  let account: String
  /// The stores' ARNs.
  let configItemsARN: String
  let evidenceARN: String
  let cloudTrailARN: String

  /// Seeded once for all the tests that read it.
  static let shared = Result { try DemoLakeStores() }

  init() throws {
    fixture = try LakeFixture(organization: false)
    let simulator = DemoSimulator(
      configuration: DemoConfiguration(
        seed: 5, days: 5, accounts: 1, regions: 2, end: F.start, eventsPerAccountDay: 300))
    account = try #require(simulator.accountIds.first)
    cloudTrailARN = try #require(try fixture.create("management-events", account: account).eventDataStoreArn)
    _ = try DemoLoader(databasePath: fixture.store.dbPath, clock: fixture.clock).seed(simulator)
    let services = try fixture.services(account: account)
    func arn(of name: String) throws -> String {
      let lookup = try services.connection.prepare("SELECT arn FROM event_data_stores WHERE name = ?")
      lookup.bindText(1, name)
      #expect(try lookup.step(), "the demo made no store \(name)")
      return try #require(lookup.text(0))
    }
    configItemsARN = try arn(of: "demo-config-items")
    evidenceARN = try arn(of: "demo-audit-evidence")
  }

  /// The table name (the store's id) of the store of `kind`.
  func table(_ kind: LakeTableSchema) -> String {
    switch kind {
    case .configurationItem: F.table(configItemsARN)
    case .evidence: F.table(evidenceARN)
    default: F.table(cloudTrailARN)
    }
  }

  func services() throws -> StoreServices { try fixture.services(account: account) }

  /// The rows of `sql` run by the Lake engine at the demo's end.
  func rows(_ sql: String) throws -> [[String?]] {
    let services = try services()
    return try LakeSQLEngine().prepare(
      sql, parameters: [], connection: services.connection, context: services.context
    )
    .run(on: services.connection, now: fixture.clock.now(), cancellation: LakeCancellation()).rows
  }
}
