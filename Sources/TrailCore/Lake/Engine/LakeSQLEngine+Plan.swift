import Foundation
import LakeSQL

extension LakeSQLEngine {
  /// The SQLite statement `statement` translates to and SQLite's query plan for it, one line per
  /// step: what `traildeck-bench lake --sql` prints, so that a slow query shows where its time goes.
  ///
  /// - Throws: `ServiceError` `InvalidQueryStatementException` as `prepare` does; `SQLiteError`.
  public func plan(_ statement: String, connection: SQLiteConnection, context: StoreContext) throws
    -> (sql: String, steps: [String])
  {
    guard
      let prepared = try prepare(statement, parameters: [], connection: connection, context: context)
        as? LakePreparedStatement
    else { return ("", []) }
    // The plan needs the lake_* functions to exist, not to run.
    let functions = try LakeFunctions(connection: connection)
    let explain = try connection.prepare("EXPLAIN QUERY PLAN " + prepared.translated.sql)
    var steps: [String] = []
    while try explain.step() { steps.append(explain.text(3) ?? "") }
    withExtendedLifetime(functions) {}
    return (prepared.translated.sql, steps)
  }
}
