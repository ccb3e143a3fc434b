extension InsightRollups {
  /// The rollups of one subject's API: `load`'s series (write calls, all calls, failures by error code)
  /// for that API only, so a timeline over 97 days keeps one API's minutes rather than every API's.
  ///
  /// `failures` holds the subject's error code only (none for call rate). Nil when the store has never
  /// seen one of the subject's names: no event of it was ever counted.
  static func load(
    from connection: SQLiteConnection, minutes: ClosedRange<Int64>, subject: InsightSubject
  ) throws -> (rollups: InsightRollups, api: API, error: Int64?)? {
    let select = try connection.prepare("SELECT id FROM strings WHERE value = ?")
    func id(_ value: String) throws -> Int64? {
      select.reset()
      select.bindText(1, value)
      return try select.step() ? select.int64(0) : nil
    }
    guard let account = try id(subject.accountId), let region = try id(subject.region),
      let source = try id(subject.eventSource), let name = try id(subject.eventName)
    else { return nil }
    var error: Int64?
    if let code = subject.errorCode {
      guard let found = try id(code) else { return nil }
      error = found
    }
    let api = API(
      category: Int64(subject.category.rawValue), account: account, region: region, source: source,
      name: name)
    var out = InsightRollups()
    let first = try connection.prepare("SELECT MIN(id) FROM rollup_packs")
    if try first.step(), !first.isNull(0) { out.historyStart = Rollups.minute(of: first.int64(0)) }
    // The same rules as `load`: write calls are readOnly 0, a failure is any non-zero error code.
    try Rollups.forEach(in: connection, minutes: minutes) { key, count in
      guard key.name == api.name, key.source == api.source, key.account == api.account,
        key.region == api.region, key.category == api.category
      else { return }
      out.calls[api, default: MinuteSeries()].add(minute: key.minute, count: count)
      if key.readOnly == 0 { out.writes[api, default: MinuteSeries()].add(minute: key.minute, count: count) }
      if let error, key.error == error {
        out.failures[Failure(api: api, error: error), default: MinuteSeries()].add(
          minute: key.minute, count: count)
      }
    }
    return (out, api, error)
  }
}
