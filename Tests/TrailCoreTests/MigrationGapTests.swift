import Foundation
import Testing

@testable import TrailCore

/// Migrations whose numbers have a gap (branches that each added one): the store remembers the number
/// it skipped, and a later binary that has it runs it then.
@Suite("Migration gaps")
struct MigrationGapTests {
  static func migration(_ version: Int, _ table: String) -> Migrations.Migration {
    Migrations.Migration(version: version, name: "test-\(version)", sql: "CREATE TABLE \(table) (x);")
  }

  @Test func aSkippedNumberRunsWhenItArrivesAndOnlyThen() throws {
    let store = try TestStore()
    let db = try SQLiteConnection(path: store.dbPath)
    let first = Migrations.all[0]
    try Migrations.migrate(db, migrations: [first, Self.migration(3, "three")])
    #expect(try db.scalarInt("PRAGMA user_version") == 3)
    #expect(try Migrations.skippedVersions(db) == [2])

    try Migrations.migrate(db, migrations: [first, Self.migration(2, "two"), Self.migration(3, "three")])
    #expect(try db.scalarInt("PRAGMA user_version") == 3)
    #expect(try Migrations.skippedVersions(db) == [])
    #expect(try db.scalarInt("SELECT count(*) FROM sqlite_master WHERE name = 'two'") == 1)
    // Nothing runs twice.
    try Migrations.migrate(db, migrations: [first, Self.migration(2, "two"), Self.migration(3, "three")])
  }

  @Test func aFreshStoreRemembersExactlyTheNumbersThisBinaryLacks() throws {
    let store = try TestStore()
    let db = try EventStore.openWriter(path: store.dbPath)
    let known = Set(Migrations.all.map(\.version))
    let missing = Set(1...Migrations.latestVersion).subtracting(known)
    #expect(try Migrations.skippedVersions(db) == missing)
    #expect(try db.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
  }
}
