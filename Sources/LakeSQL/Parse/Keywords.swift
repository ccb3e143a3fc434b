/// Trino's reserved words: they cannot be bare identifiers (column, alias, field or function names)
/// and must be double-quoted to be used so. Every other word — `year`, `date`, `type`, `filter`,
/// `format`, `position`, `first`, `last`, `row`, `limit`… — is a keyword only where the grammar
/// expects it, and a name elsewhere, which is what lets Lake's fields (`type`, `arn`, `resources`)
/// be written bare.
enum Keywords {
  static let reserved: Set<String> = [
    "ALTER", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CONSTRAINT", "CREATE", "CROSS", "CUBE",
    "CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_PATH", "CURRENT_ROLE", "CURRENT_SCHEMA", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "CURRENT_USER", "DEALLOCATE", "DELETE", "DESCRIBE", "DISTINCT", "DROP", "ELSE",
    "END", "ESCAPE", "EXCEPT", "EXECUTE", "EXISTS", "EXTRACT", "FALSE", "FOR", "FROM", "FULL", "GROUP",
    "GROUPING", "HAVING", "IN", "INNER", "INSERT", "INTERSECT", "INTO", "IS", "JOIN", "JSON_ARRAY",
    "JSON_EXISTS", "JSON_OBJECT", "JSON_QUERY", "JSON_TABLE", "JSON_VALUE", "LEFT", "LIKE", "LISTAGG",
    "LOCALTIME", "LOCALTIMESTAMP", "NATURAL", "NORMALIZE", "NOT", "NULL", "ON", "OR", "ORDER", "OUTER",
    "PREPARE", "RECURSIVE", "RIGHT", "ROLLUP", "SELECT", "SKIP", "TABLE", "THEN", "TRIM", "TRUE",
    "UESCAPE", "UNION", "UNNEST", "USING", "VALUES", "WHEN", "WHERE", "WITH",
  ]

  /// Words that open a statement other than a query: Lake runs queries only, so a statement starting
  /// with one is refused as a whole rather than with a token-level "mismatched input".
  static let otherStatements: Set<String> = [
    "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "DROP", "ALTER", "TRUNCATE", "COMMENT", "GRANT",
    "REVOKE", "DENY", "CALL", "EXPLAIN", "ANALYZE", "SHOW", "DESCRIBE", "DESC", "USE", "SET", "RESET",
    "PREPARE", "EXECUTE", "DEALLOCATE", "START", "COMMIT", "ROLLBACK", "REFRESH", "VALUES", "TABLE",
  ]

  /// The `CURRENT_…`/`LOCAL…` values written without parentheses, which the tree holds as calls.
  static let niladicFunctions: Set<String> = [
    "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
  ]

  static func isReserved(_ word: String) -> Bool { reserved.contains(word.uppercased()) }
}
