/// The per-minute series Insights judge, read from the rollups (never from the events): per API of an
/// account and region, its write calls (call rate), all its calls and its failures per error code
/// (error rate). Keys are the store's interned ids; `InsightDetector` names what it reports.
struct InsightRollups {
  struct API: Hashable {
    var category: Int64
    var account: Int64
    var region: Int64
    var source: Int64
    var name: Int64
  }

  struct Failure: Hashable {
    var api: API
    var error: Int64
  }

  var writes: [API: MinuteSeries] = [:]
  var calls: [API: MinuteSeries] = [:]
  var failures: [Failure: MinuteSeries] = [:]
  /// The store's first minute with any count: baselines never reach before it.
  var historyStart: Int64 = .max

  /// The series of `minutes` of the categories in `categories` (management, data).
  static func load(
    from connection: SQLiteConnection, minutes: ClosedRange<Int64>, categories: Set<EventCategory>
  ) throws -> InsightRollups {
    var out = InsightRollups()
    try out.append(from: connection, minutes: minutes, categories: categories)
    return out
  }

  /// Adds the counts of `minutes`, which must all come after the minutes already loaded (live
  /// detection extends its series a minute at a time instead of reading 7 days again). With `only`,
  /// just that API's series, and of its failures those with `only.error` (none when it is nil).
  mutating func append(
    from connection: SQLiteConnection, minutes: ClosedRange<Int64>, categories: Set<EventCategory>,
    only: (api: API, error: Int64?)? = nil
  ) throws {
    let first = try connection.prepare("SELECT MIN(id) FROM rollup_packs")
    if try first.step(), !first.isNull(0) { historyStart = Rollups.minute(of: first.int64(0)) }
    let wanted = Set(categories.map { Int64($0.rawValue) })
    // Each minute's keys come in several rows; a series is summed as it goes (same minute, same key).
    try Rollups.forEach(in: connection, minutes: minutes) { key, count in
      guard wanted.contains(key.category), key.source != 0, key.name != 0 else { return }
      let api = API(
        category: key.category, account: key.account, region: key.region, source: key.source, name: key.name)
      if let only, api != only.api { return }
      calls[api, default: MinuteSeries()].add(minute: key.minute, count: count)
      if key.readOnly == 0 { writes[api, default: MinuteSeries()].add(minute: key.minute, count: count) }
      if key.error != 0, only.map({ $0.error == key.error }) ?? true {
        failures[Failure(api: api, error: key.error), default: MinuteSeries()].add(
          minute: key.minute, count: count)
      }
    }
  }

  /// The interned ids of `subject`'s API and error code; nil when the store has never seen one of its
  /// names (no event of it was ever counted).
  static func ids(of subject: InsightSubject, in connection: SQLiteConnection) throws -> (
    api: API, error: Int64?
  )? {
    let select = try connection.prepare("SELECT id FROM strings WHERE value = ?")
    func id(_ value: String) throws -> Int64? {
      select.reset()
      defer { select.reset() }
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
      category: Int64(subject.category.rawValue), account: account, region: region, source: source, name: name
    )
    return (api, error)
  }
}
