import Foundation

/// Detection over stored history: the Insights periods of a time range, and their Start and End events
/// written into the store (where Event history's `insight` category, Lake and trails find them).
///
/// `traildeck insights scan --from … --to …` is this over an imported period ("was anything unusual?");
/// live detection runs the same over the last hours as the clock advances.
public struct InsightsScan {
  public let context: StoreContext
  public var model = InsightModel()
  /// The insight types looked for.
  public var types: Set<InsightType> = Set(InsightType.allKnown)
  /// Management events, and data events for trails that ask for them.
  public var categories: Set<EventCategory> = [.management]

  public init(context: StoreContext) { self.context = context }

  /// What a scan found and wrote.
  public struct Result: Sendable {
    /// In start order; open periods (no End yet) included.
    public var periods: [InsightPeriod]
    /// Start and End events, in the order written.
    public var events: [[UInt8]]
    /// Events stored now; those the store already held (an earlier scan) are not counted.
    public var eventsStored: Int
  }

  /// The periods in `[from, to)` (whole minutes), with their events; written into the store unless
  /// `write` is false.
  public func run(from: Date, to: Date, write: Bool = true) throws -> Result {
    let firstMinute = Int64((from.timeIntervalSince1970 / 60).rounded(.up))
    let endMinute = Int64((to.timeIntervalSince1970 / 60).rounded(.down))
    guard firstMinute < endMinute else { return Result(periods: [], events: [], eventsStored: 0) }
    let reader = try EventStore.openReader(path: context.databasePath)
    let rollups = try InsightRollups.load(
      from: reader, minutes: (firstMinute - model.baselineMinutes)...(endMinute - 1), categories: categories)
    let names = try StringNames(reader)
    let periods = try InsightDetector(model: model).periods(
      in: rollups, minutes: firstMinute..<endMinute, types: types, name: names.value)
    let events = try InsightsScan.events(of: periods, reader: reader)
    var stored = 0
    if write && !events.isEmpty {
      let intake = try RecordIntake(databasePath: context.databasePath, clock: context.clock)
      let source = "insights:scan/\(ISO8601Time.format(from))/\(ISO8601Time.format(to))/\(events.count)"
      stored = try intake.append([RecordIntake.Batch(source: source, records: events)]).eventsLoaded
    }
    return Result(periods: periods, events: events, eventsStored: stored)
  }
}

extension InsightsScan {
  /// Each period's Start event, and its End when it has closed, with attributions read from `reader`.
  static func events(of periods: [InsightPeriod], reader: SQLiteConnection) throws -> [[UInt8]] {
    let attributions = InsightAttributionReader(scanner: RecordScanner(connection: reader))
    var events: [[UInt8]] = []
    for period in periods {
      let list = try attributions.attributions(of: period)
      events.append(InsightRecord.json(period, state: .start, attributions: list))
      if period.isClosed { events.append(InsightRecord.json(period, state: .end, attributions: list)) }
    }
    return events
  }
}

/// Interned ids back to their text, each looked up once.
final class StringNames {
  private let select: SQLiteStatement
  private var cache: [Int64: String] = [:]

  init(_ connection: SQLiteConnection) throws {
    select = try connection.prepare("SELECT value FROM strings WHERE id = ?")
  }

  func value(_ id: Int64) throws -> String {
    if let known = cache[id] { return known }
    select.reset()
    // Reset after reading too: a statement left on a row holds its read transaction open, and the
    // connection would go on seeing the store as it was (live detection reads it every minute).
    defer { select.reset() }
    select.bindInt(1, id)
    let text = try select.step() ? select.text(0) ?? "" : ""
    cache[id] = text
    return text
  }
}
