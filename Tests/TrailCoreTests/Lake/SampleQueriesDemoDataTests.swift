import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// The sample queries over configuration items and evidence find rows in the demo's stores
/// (`demo-config-items`, `demo-audit-evidence`; the join also reads a store of CloudTrail events), so
/// the Lake pane never offers a sample that answers nothing on the demo.
@Suite("Sample queries on the demo's stores", .serialized)
struct SampleQueriesDemoDataTests {
  @Test(arguments: (SampleQuery.configurationItems + SampleQuery.evidence).map(\.name))
  func sampleReturnsRowsOnTheDemosStoreOfItsKind(_ name: String) throws {
    let demo = try DemoLakeStores.shared.get()
    let sample = try #require(SampleQuery.all.first { $0.name == name })
    let sql = sample.sql(forStore: demo.table(sample.storeKind), cloudTrailStore: demo.table(.cloudTrail))
    let rows = try demo.rows(sql)
    #expect(!rows.isEmpty, "\(name) found nothing:\n\(sql)")
  }

  /// The join answers who made a resource non-compliant: every row names a principal and a call.
  @Test func theComplianceJoinNamesTheCallAndItsCaller() throws {
    let demo = try DemoLakeStores.shared.get()
    let join = try #require(SampleQuery.configurationItems.first { $0.needsCloudTrailStore })
    let rows = try demo.rows(
      join.sql(forStore: demo.table(.configurationItem), cloudTrailStore: demo.table(.cloudTrail)))
    #expect(!rows.isEmpty)
    // The calls that can break the demo's controls: versioning, key rotation, SSH from anywhere
    // (a resource created without them is non-compliant from its creation).
    let breaking: Set<String> = [
      "CreateBucket", "PutBucketVersioning", "CreateKey", "DisableKeyRotation", "CreateSecurityGroup",
      "AuthorizeSecurityGroupIngress",
    ]
    for row in rows {
      #expect(row[1] == "NON_COMPLIANT")
      #expect(breaking.contains(row[3] ?? ""), "\(row)")
      #expect(row[4] != nil, "\(row)")
    }
  }

  /// A sample of one kind over a store of another fails on an unknown column: why the pane offers
  /// each store only its own kind's samples.
  @Test func aCloudTrailSampleFailsOnAConfigurationItemStore() throws {
    let demo = try DemoLakeStores.shared.get()
    let sample = SampleQuery.cloudTrailEvents[0]
    #expect(throws: (any Error).self) { try demo.rows(sample.sql(forStore: demo.table(.configurationItem))) }
  }
}
