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
  /// detection extends its series a minute at a time instead of reading 7 days again).
  mutating func append(
    from connection: SQLiteConnection, minutes: ClosedRange<Int64>, categories: Set<EventCategory>
  ) throws {
    let first = try connection.prepare("SELECT MIN(id) FROM rollup_packs")
    if try first.step(), !first.isNull(0) { historyStart = Rollups.minute(of: first.int64(0)) }
    let wanted = Set(categories.map { Int64($0.rawValue) })
    // Each minute's keys come in several rows; a series is summed as it goes (same minute, same key).
    try Rollups.forEach(in: connection, minutes: minutes) { key, count in
      guard wanted.contains(key.category), key.source != 0, key.name != 0 else { return }
      let api = API(
        category: key.category, account: key.account, region: key.region, source: key.source, name: key.name)
      calls[api, default: MinuteSeries()].add(minute: key.minute, count: count)
      if key.readOnly == 0 { writes[api, default: MinuteSeries()].add(minute: key.minute, count: count) }
      if key.error != 0 {
        failures[Failure(api: api, error: key.error), default: MinuteSeries()].add(
          minute: key.minute, count: count)
      }
    }
  }
}
