import Foundation
import Testing

@testable import TrailCore

/// EnableFederation and DisableFederation (spec §8.4, README "Federation"): statuses in
/// Get/UpdateEventDataStore, the exception names, the federation folder kept current every 5 minutes
/// of the clock, and deletion refused while federated.
@Suite("Lake query federation")
struct FederationTests {
  typealias F = LakeFixture
  static let role = "arn:aws:iam::\(F.management):role/federation"

  static func fixture() throws -> (LakeFixture, arn: String, id: String) {
    let (fixture, arn, id) = try EventDataStoreExportTests.fixture()
    return (fixture, arn, id)
  }

  /// A file's inode: a file renamed over it has another.
  static func inode(_ path: String) throws -> UInt64? {
    (try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.uint64Value
  }

  static func folder(_ fixture: LakeFixture, _ id: String) -> String {
    fixture.buckets + "/aws-cloudtrail-lake-federation/" + id
  }

  @Test func enablingExportsTheStoreAndGetShowsIt() throws {
    let (fixture, arn, id) = try Self.fixture()
    let services = try fixture.services()
    let before = try GetEventDataStore.perform(GetEventDataStoreRequest(eventDataStore: id), with: services)
    #expect(before.federationStatus == "DISABLED" && before.federationRoleArn == nil)
    let enabled = try EnableFederation.perform(
      EnableFederationRequest(eventDataStore: id, federationRoleArn: Self.role), with: services)
    #expect(
      enabled
        == EnableFederationResponse(
          eventDataStoreArn: arn, federationStatus: "ENABLED", federationRoleArn: Self.role))
    let got = try GetEventDataStore.perform(GetEventDataStoreRequest(eventDataStore: arn), with: services)
    #expect(got.federationStatus == "ENABLED" && got.federationRoleArn == Self.role)
    let updated = try UpdateEventDataStore.perform(
      UpdateEventDataStoreRequest(eventDataStore: arn, retentionPeriod: 400), with: services)
    #expect(updated.federationStatus == "ENABLED" && updated.federationRoleArn == Self.role)
    // The hive export, its manifest and the tables' statements naming the S3 view of the folder.
    let folder = Self.folder(fixture, id)
    let manifest = try #require(try ExportFolder(folder).manifest(storeID: id))
    #expect(manifest.layout == .hive && manifest.events == 4 && manifest.isComplete)
    let tables = try String(contentsOfFile: folder + "/_traildeck_tables_\(id).sql", encoding: .utf8)
    #expect(tables.contains("LOCATION 's3://aws-cloudtrail-lake-federation/\(id)/'"))
  }

  @Test func theRulesAndTheirExceptions() throws {
    let (fixture, arn, _) = try Self.fixture()
    let services = try fixture.services()
    func enable(_ role: String = Self.role, _ store: String = arn) -> String? {
      fixture.exception {
        _ = try EnableFederation.perform(
          EnableFederationRequest(eventDataStore: store, federationRoleArn: role), with: services)
      }
    }
    #expect(enable("arn:aws:iam::\(F.management):user/bob") == "InvalidParameterException")
    #expect(enable("role/federation") == "InvalidParameterException")
    #expect(enable(Self.role, "not an arn") == "EventDataStoreARNInvalidException")
    #expect(enable() == nil)
    #expect(enable() == "EventDataStoreFederationEnabledException")
    // Deletion waits for federation to be off (spec §8.2).
    #expect(
      fixture.exception {
        _ = try DeleteEventDataStore.perform(DeleteEventDataStoreRequest(eventDataStore: arn), with: services)
      } == "EventDataStoreFederationEnabledException")
    let disabled = try DisableFederation.perform(
      DisableFederationRequest(eventDataStore: arn), with: services)
    #expect(disabled == DisableFederationResponse(eventDataStoreArn: arn, federationStatus: "DISABLED"))
    // Disabling again changes nothing; then the store can go.
    _ = try DisableFederation.perform(DisableFederationRequest(eventDataStore: arn), with: services)
    _ = try DeleteEventDataStore.perform(DeleteEventDataStoreRequest(eventDataStore: arn), with: services)
    #expect(enable() == "InactiveEventDataStoreException")
  }

  @Test func disablingRemovesTheFolderButNotTheEvents() throws {
    let (fixture, arn, id) = try Self.fixture()
    let services = try fixture.services()
    _ = try EnableFederation.perform(
      EnableFederationRequest(eventDataStore: arn, federationRoleArn: Self.role), with: services)
    #expect(FileManager.default.fileExists(atPath: Self.folder(fixture, id)))
    _ = try DisableFederation.perform(DisableFederationRequest(eventDataStore: arn), with: services)
    #expect(!FileManager.default.fileExists(atPath: Self.folder(fixture, id)))
    #expect(try fixture.members(arn).count == 4)
    let got = try GetEventDataStore.perform(GetEventDataStoreRequest(eventDataStore: arn), with: services)
    #expect(got.federationStatus == "DISABLED" && got.federationRoleArn == nil)
  }

  @Test func theRefreshRewritesAChangedStoreEveryFiveMinutesOfTheClock() throws {
    let (fixture, arn, id) = try Self.fixture()
    _ = try EnableFederation.perform(
      EnableFederationRequest(eventDataStore: arn, federationRoleArn: Self.role), with: try fixture.services()
    )
    let folder = Self.folder(fixture, id)
    let older = folder + "/region=us-east-1/date=2025-12-30/part-0.json.gz"
    let olderFile = try #require(try Self.inode(older))
    let refresh = FederationRefresh(context: fixture.context)
    let scheduler = Scheduler()
    refresh.schedule(on: scheduler, startingAfter: fixture.clock.now())
    // Nothing changed: the folder stays as it is.
    fixture.clock.advance(by: 300)
    try scheduler.runDue(upTo: fixture.clock.now())
    #expect(refresh.refreshed == 0)
    try fixture.appendLive([
      EventDataStoreExportTests.event(
        5, region: "ap-south-1", at: Int64(fixture.clock.now().timeIntervalSince1970))
    ])
    // Not before the next 5 minutes of the clock.
    fixture.clock.advance(by: 299)
    try scheduler.runDue(upTo: fixture.clock.now())
    #expect(refresh.refreshed == 0)
    fixture.clock.advance(by: 1)
    try scheduler.runDue(upTo: fixture.clock.now())
    #expect(refresh.refreshed == 1)
    let manifest = try #require(try ExportFolder(folder).manifest(storeID: id))
    #expect(manifest.events == 5 && manifest.files.count == 4)
    #expect(manifest.files.contains { $0.path == "region=ap-south-1/date=2026-01-01/part-0.json.gz" })
    // Only the day that changed was written again: an unchanged day's file is the same file.
    #expect(try Self.inode(older) == olderFile)
    let added = try EventDataStoreExportTests.rows(
      folder + "/region=ap-south-1/date=2026-01-01/part-0.json.gz")
    #expect(added.map { $0["eventid"] } == [.string(TestRecord.id(5))])
    #expect(try refresh.refreshAll() == 0)
  }
}
