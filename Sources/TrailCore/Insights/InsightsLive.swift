import Foundation

/// Insights as events arrive: once a minute of the clock, the detector judges the newest minutes of
/// the APIs where Insights are on (`InsightsScope`: trails with Insights selectors, 36 hours after
/// they turned them on; event data stores, 7 days after) and writes each period's Start when it
/// opens and its End when it closes. A destination event data store collects them as it collects any
/// arriving event of its category (`Insight`).
///
/// The series grow a minute at a time from the rollups (the 7-day baseline is read once, at the first
/// tick); only complete minutes are judged — those before `writtenThrough` — so a count never changes
/// after it was judged. Events go into the store as source `insights-live:…`, where Event history
/// shows them and trail delivery puts them in the trails' `CloudTrail-Insight` folders.
///
/// A period is followed while it is open, however long; after a restart, periods that began in the
/// last `window` minutes are found again with the same ids (the store keeps each event once).
public final class InsightsLive {
  public let context: StoreContext
  public var model = InsightModel()
  /// A scope that does not come from trails (the demo's organization); nil reads the trails each tick.
  public var fixedScope: InsightsScope?
  /// How far events are in the store when a writer in this process lags the clock.
  public var writtenThrough: (() -> Date)?
  /// Events written so far (Start and End).
  public private(set) var eventsWritten = 0
  /// Minutes looked back at each tick for periods to follow.
  public var window: Int64 = 180

  /// Detection runs once a minute of the clock.
  public static let interval: TimeInterval = 60

  private let reader: SQLiteConnection
  private let trails: TrailStore
  private let names: StringNames
  private var intake: RecordIntake?
  private var rollups = InsightRollups()
  private var categories: Set<EventCategory> = []
  private var loadedThrough: Int64?
  private var covered: [InsightRollups.API: Bool] = [:]
  private var written: Set<String> = []
  /// Open periods: their subject's start minute, so the next tick looks back far enough.
  private var open: [InsightSubject: Int64] = [:]

  public init(context: StoreContext) throws {
    self.context = context
    reader = try EventStore.openReader(path: context.databasePath)
    trails = try TrailStore(databasePath: context.databasePath)
    names = try StringNames(reader)
  }

  /// Registers detection on `scheduler`, once a minute of the clock after `start`.
  public func schedule(on scheduler: Scheduler, startingAfter start: Date) {
    scheduler.every(Self.interval, startingAfter: start, name: "insights") { [self] time in
      try detect(at: time)
    }
  }

  /// One tick: the Start and End events written now.
  @discardableResult
  public func detect(at time: Date) throws -> [[UInt8]] {
    let scope =
      try fixedScope ?? InsightsScope.current(trails)
    guard !scope.isEmpty else { return [] }
    let upTo = min(time, writtenThrough?() ?? time)
    let endMinute = Int64((upTo.timeIntervalSince1970 / 60).rounded(.down))
    try load(through: endMinute - 1, categories: scope.categories)
    let lower = min(endMinute - window, open.values.min() ?? endMinute)
    guard lower < endMinute else { return [] }
    let detector = InsightDetector(model: model)
    let periods = try detector.periods(
      in: rollups, minutes: lower..<endMinute, types: scope.types,
      wanted: { [self] api in isCovered(api, scope) },
      name: names.value
    ).filter { period in
      // A group that begins at the window's edge may have begun before it: only a known open one counts.
      scope.allows(period.subject, startingAt: period.start)
        && (period.startMinute > lower || open[period.subject] == period.startMinute)
    }
    var fresh: [InsightPeriod] = []
    for period in periods {
      let needsStart = !written.contains(InsightRecord.eventID(period, state: .start))
      let needsEnd = period.isClosed && !written.contains(InsightRecord.eventID(period, state: .end))
      if needsStart || needsEnd { fresh.append(period) }
      if period.isClosed { open[period.subject] = nil } else { open[period.subject] = period.startMinute }
    }
    let events = try InsightsScan.events(of: fresh, reader: reader).filter { event in
      guard let id = Self.eventID(of: event) else { return false }
      return written.insert(id).inserted
    }
    guard !events.isEmpty else { return [] }
    if intake == nil { intake = try RecordIntake(databasePath: context.databasePath, clock: context.clock) }
    let source = "insights-live:\(ISO8601Time.format(time))"
    eventsWritten += try intake!.append([RecordIntake.Batch(source: source, records: events)]).eventsLoaded
    return events
  }

  /// Extends the series through `lastMinute`: the whole baseline at the first tick, then what is new.
  private func load(through lastMinute: Int64, categories wanted: Set<EventCategory>) throws {
    if wanted != categories {
      // A trail began judging data events: read again with them.
      rollups = InsightRollups()
      loadedThrough = nil
      categories = wanted
    }
    let first = loadedThrough.map { $0 + 1 } ?? (lastMinute - model.baselineMinutes - window)
    guard first <= lastMinute else { return }
    try reader.reading {
      try rollups.append(from: reader, minutes: first...lastMinute, categories: wanted)
    }
    loadedThrough = lastMinute
  }

  private func isCovered(_ api: InsightRollups.API, _ scope: InsightsScope) -> Bool {
    if fixedScope != nil, let known = covered[api] { return known }
    let answer =
      (try? scope.covers(account: names.value(api.account), region: names.value(api.region))) ?? false
    if fixedScope != nil { covered[api] = answer }
    return answer
  }

  /// The `eventID` of an event `InsightRecord` wrote (its fourth member).
  static func eventID(of event: [UInt8]) -> String? {
    guard case .string(let id)? = (try? JSONValue(parsing: event))?["eventID"] else { return nil }
    return id
  }
}
