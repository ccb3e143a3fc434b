import Crypto
import Foundation

/// The queries GenerateQuery wrote, by QueryAlias, so `start-query --query-alias` runs one (migration
/// 21). Aliases belong to the caller's account and region, as queries do.
///
/// An alias is `generated-` and 16 hex digits of the SHA-256 of the statement: GenerateQuery is
/// idempotent in the model, and the same prompt at the same clock time gives the same statement, so
/// asking twice gives the same alias and one row.
enum GeneratedQueries {
  /// Migration 21's table.
  static let schema = """
    CREATE TABLE generated_queries (
      account TEXT NOT NULL,
      region TEXT NOT NULL,
      alias TEXT NOT NULL,
      prompt TEXT NOT NULL,
      statement TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (account, region, alias)
    );
    """

  /// The alias of `statement`.
  static func alias(of statement: String) -> String {
    "generated-" + SHA256.hash(data: Array(statement.utf8)).prefix(8).hex
  }

  /// Keeps `statement` (from `prompt`) under its alias for the caller of `context`; the alias.
  static func record(prompt: String, statement: String, context: StoreContext) throws -> String {
    let alias = alias(of: statement)
    let writer = try EventStore.openWriter(path: context.databasePath)
    let insert = try writer.prepare(
      """
      INSERT OR REPLACE INTO generated_queries (account, region, alias, prompt, statement, created_at)
      VALUES (?, ?, ?, ?, ?, ?)
      """)
    try insert.bind([
      .text(context.account), .text(context.callerRegion), .text(alias), .text(prompt), .text(statement),
      .int(Int64(context.clock.now().timeIntervalSince1970.rounded(.down))),
    ])
    try insert.step()
    return alias
  }

  /// The statement the caller's `alias` names, if GenerateQuery wrote one.
  static func statement(alias: String, context: StoreContext, connection: SQLiteConnection) throws -> String?
  {
    let select = try connection.prepare(
      "SELECT statement FROM generated_queries WHERE account = ? AND region = ? AND alias = ?")
    try select.bind([.text(context.account), .text(context.callerRegion), .text(alias)])
    return try select.step() ? select.text(0) : nil
  }
}
