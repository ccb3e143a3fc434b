/// The words an editor offers and colours: Lake's keywords and function names, from the same tables
/// the parser and translator use, so completion never suggests what the engine would refuse.
extension LakeSQL {
  /// Reserved words and the clause keywords an editor colours, upper case.
  public static let keywords: Set<String> = Keywords.reserved.union([
    "ASC", "DESC", "LIMIT", "OFFSET", "INTERVAL", "OVER", "PARTITION", "ROWS", "RANGE", "FILTER", "ALL",
    "ANY", "SOME", "NULLS", "FIRST", "LAST", "TIMESTAMP", "DATE", "ROW", "ARRAY", "MAP", "VARCHAR", "BIGINT",
    "DOUBLE", "BOOLEAN", "TRY_CAST", "AT", "ZONE", "DAY", "HOUR", "MINUTE", "SECOND", "MONTH", "YEAR",
  ])

  /// Every function name the translator accepts, lower case and sorted.
  public static let functionNames: [String] = Array(
    LakeTranslator.aggregates.union(LakeTranslator.windowOnly).union(LakeTranslator.scalars.keys).union([
      "transform", "filter", "any_match", "all_match", "none_match", "now", "current_date", "coalesce", "if",
      "nullif", "greatest", "least", "concat", "typeof", "element_at", "contains", "array_position",
      "from_unixtime", "to_unixtime", "date_trunc", "date_add", "date_diff", "cast", "try_cast",
    ])
  ).sorted()
}
