import Foundation
import Testing

@testable import TrailCore

@Suite("Rollup shape")
struct RollupShapeTests {
  @Test func readsTheShape() throws {
    let shape = try #require(
      RollupShape(
        "SELECT eventSource, count(*) AS n FROM abc WHERE eventTime > '2025-12-31 06:00:30' AND eventTime <= '2025-12-31 18:20:10' AND (errorCode IS NOT NULL) GROUP BY eventSource ORDER BY n DESC, eventSource LIMIT 7"
      ))
    #expect(shape.dimension == .eventSource)
    #expect(shape.columns == ["eventSource", "n"])
    #expect(shape.table == "abc")
    #expect(shape.lower == 1_767_160_831)
    #expect(shape.upper == 1_767_205_211)
    #expect(shape.notNull == [.errorCode])
    #expect(shape.limit == 7)
    #expect(
      RollupShape("SELECT eventName, COUNT(*) FROM t GROUP BY eventName ORDER BY COUNT(*) DESC LIMIT 3")?
        .columns == ["eventName", "_col1"])
  }

  @Test(arguments: [
    "SELECT eventName, COUNT(*) AS n FROM t WHERE readOnly = true GROUP BY eventName ORDER BY n DESC LIMIT 5",
    "SELECT eventName, COUNT(*) AS n FROM t WHERE eventName = 'a' OR eventName = 'b' GROUP BY eventName ORDER BY n DESC LIMIT 5",
    "SELECT eventName, COUNT(*) AS n FROM t GROUP BY eventName ORDER BY n ASC LIMIT 5",
    "SELECT eventName, COUNT(*) AS n FROM t GROUP BY eventSource ORDER BY n DESC LIMIT 5",
    "SELECT eventName, COUNT(*) AS n FROM t WHERE eventTime > '2025-12-31 06:00:30.5' GROUP BY eventName ORDER BY n DESC LIMIT 5",
    "SELECT eventName, COUNT(*) AS n FROM t GROUP BY eventName ORDER BY n DESC",
    // The ARN rollup counts by ARN and category alone, and only userIdentity.arn among the identity's fields.
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t WHERE eventName = 'ConsoleLogin' GROUP BY userIdentity.arn ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t WHERE errorCode IS NOT NULL GROUP BY userIdentity.arn ORDER BY n DESC LIMIT 5",
    "SELECT eventName, COUNT(*) AS n FROM t WHERE userIdentity.arn IS NOT NULL GROUP BY eventName ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t WHERE userIdentity.arn = 'arn:aws:iam::1:user/a' GROUP BY userIdentity.arn ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t WHERE userIdentity.arn IS NULL GROUP BY userIdentity.arn ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t WHERE userIdentity.arn IS NOT NULL OR eventTime > '2025-12-31' GROUP BY userIdentity.arn ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.type, COUNT(*) AS n FROM t GROUP BY userIdentity.type ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t GROUP BY userIdentity.principalId ORDER BY n DESC LIMIT 5",
    "SELECT userIdentity.arn, COUNT(*) AS n FROM t GROUP BY userIdentity.arn ORDER BY n DESC, eventName LIMIT 5",
    "SELECT useridentity_arn, COUNT(*) AS n FROM t GROUP BY useridentity_arn ORDER BY n DESC LIMIT 5",
  ])
  func refusesOtherShapes(statement: String) {
    #expect(RollupShape(statement) == nil)
  }
}
