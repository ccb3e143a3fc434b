extension InsightRollups {
  /// The rollups of one subject's API: `load`'s series (write calls, all calls, failures by error code)
  /// for that API only, so a timeline over 97 days keeps one API's minutes rather than every API's.
  ///
  /// `failures` holds the subject's error code only (none for call rate). Nil when the store has never
  /// seen one of the subject's names: no event of it was ever counted.
  static func load(
    from connection: SQLiteConnection, minutes: ClosedRange<Int64>, subject: InsightSubject
  ) throws -> (rollups: InsightRollups, api: API, error: Int64?)? {
    guard let ids = try ids(of: subject, in: connection) else { return nil }
    var out = InsightRollups()
    try out.append(from: connection, minutes: minutes, categories: [subject.category], only: ids)
    return (out, ids.api, ids.error)
  }
}
