import Foundation

/// The engine TrailDeck runs Lake queries with.
///
/// Placeholder on the `queries` branch only, so the query lifecycle compiles and its fronts can be
/// tried: it refuses every statement. The SQL engine's branch replaces this file at merge.
public struct LakeSQLEngine: LakeQueryEngine {
  public init() {}

  /// Refuses `statement`: the SQL engine is not part of this branch.
  public func prepare(
    _ statement: String, parameters: [String], connection: SQLiteConnection, context: StoreContext
  )
    throws -> any PreparedLakeQuery
  {
    throw ServiceError("InvalidQueryStatementException", "the Lake SQL engine is not built yet")
  }
}
