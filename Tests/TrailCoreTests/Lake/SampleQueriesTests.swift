import Foundation
import Testing

@testable import TrailCore

/// Every sample query is accepted by the engine and runs, so the pane never offers a statement Lake
/// would refuse.
@Suite struct SampleQueriesTests {
  @Test(arguments: SampleQuery.all.map(\.name))
  func sampleRuns(_ name: String) throws {
    let sample = try #require(SampleQuery.all.first { $0.name == name })
    let lake = try LakeTestStore()
    let sql = sample.sql(forStore: "eds1")
    #expect(lake.refusal(sql) == nil)
    _ = try lake.output(sql)
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
