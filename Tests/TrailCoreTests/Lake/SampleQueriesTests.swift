import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// Every sample query over CloudTrail events is accepted by the engine and runs, so the pane never
/// offers a statement Lake would refuse (the samples of other kinds run on the demo's stores:
/// SampleQueriesDemoDataTests).
@Suite struct SampleQueriesTests {
  @Test(arguments: SampleQuery.cloudTrailEvents.map(\.name))
  func sampleRuns(_ name: String) throws {
    let sample = try #require(SampleQuery.cloudTrailEvents.first { $0.name == name })
    let lake = try LakeTestStore()
    let sql = sample.sql(forStore: "eds1")
    #expect(lake.refusal(sql) == nil)
    _ = try lake.output(sql)
  }

  @Test func everySampleSaysItsKindAndOnlyJoinsNeedASecondStore() {
    #expect(SampleQuery.all.filter { $0.storeKind == .cloudTrail } == SampleQuery.cloudTrailEvents)
    #expect(SampleQuery.configurationItems.allSatisfy { $0.storeKind == .configurationItem })
    #expect(SampleQuery.evidence.allSatisfy { $0.storeKind == .evidence })
    let joins = SampleQuery.all.filter { $0.needsCloudTrailStore }.map { $0.name }
    #expect(joins == ["Who made resources non-compliant"])
    #expect(Set(SampleQuery.all.map(\.name)).count == SampleQuery.all.count)
  }

  @Test func aStoreIsOfferedTheSamplesOfItsKind() {
    let items = SampleQuery.offered(for: .configurationItem, hasCloudTrailStore: true)
    #expect(items == SampleQuery.configurationItems)
    // Without a store of CloudTrail events there is nothing to join: the join is left out.
    let alone = SampleQuery.offered(for: .configurationItem, hasCloudTrailStore: false)
    #expect(alone == SampleQuery.configurationItems.filter { !$0.needsCloudTrailStore })
    #expect(alone.count == SampleQuery.configurationItems.count - 1)
    #expect(SampleQuery.offered(for: .evidence, hasCloudTrailStore: false) == SampleQuery.evidence)
    #expect(SampleQuery.offered(for: .cloudTrail, hasCloudTrailStore: true) == SampleQuery.cloudTrailEvents)
    #expect(SampleQuery.offered(for: .integration, hasCloudTrailStore: true).isEmpty)
  }

  @Test func bothPlaceholdersAreSubstituted() throws {
    let join = try #require(SampleQuery.all.first { $0.needsCloudTrailStore })
    let sql = join.sql(forStore: "config-id", cloudTrailStore: "trail-id")
    #expect(sql.contains("FROM config-id AS compliance"))
    #expect(sql.contains("JOIN config-id AS resource"))
    #expect(sql.contains("JOIN trail-id AS cloudtrail"))
    #expect(!sql.contains("$"))
    // Without a CloudTrail store the second placeholder stays, as SearchSampleQueries shows it.
    #expect(join.sql(forStore: "config-id").contains("JOIN $CLOUDTRAIL_EDS_ID AS cloudtrail"))
  }

  @Test func theStoreIsSubstitutedEverywhere() {
    let sql = SampleQuery.all[0].sql(forStore: "EXAMPLE-id")
    #expect(sql.contains("FROM EXAMPLE-id"))
    #expect(!sql.contains(SampleQuery.storePlaceholder))
  }

  /// The history's compound filter (TrailTUI's `CompoundFilter.statement`) in the shape it sends:
  /// conditions bound as parameters, a negated one keeping events without the field.
  @Test func compoundFilterShapeRuns() throws {
    let lake = try LakeTestStore()
    let sql = """
      SELECT eventId FROM eds1
      WHERE eventSource = ?
        AND NOT coalesce(errorCode = ?, false)
        AND NOT coalesce(any_match(resources, r -> r.arn = ?), false)
        AND readOnly = false
      ORDER BY eventTime DESC
      LIMIT 500
      """
    let rows = try lake.rows(sql, parameters: ["s3.amazonaws.com", "AccessDenied", "arn:aws:s3:::nothing"])
    #expect(!rows.isEmpty)
  }
}
