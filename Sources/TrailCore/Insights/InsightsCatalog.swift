import Foundation

/// The Insights events the store holds for the last 90 days of the clock, read back into periods: what
/// the console's **Insights** page lists and its **Dashboard** shows the newest of.
///
/// The events are found as Event history finds them (`EventPages` with the insight category, so the
/// same 90-day window and region rule as `lookup-events --event-category insight`), then their records
/// are read in one scan; Start and End are paired by `sharedEventID`.
public struct InsightsCatalog {
  public let reader: StoreReader

  public init(_ reader: StoreReader) { self.reader = reader }

  /// The stored periods, newest start first; `region` nil means every region.
  public func periods(region: String? = nil) throws -> [StoredInsightPeriod] {
    let pages = EventPages(reader)
    let filter = HistoryFilter(region: region, isInsight: true)
    var rowIDs: [Int64] = []
    var cursor: HistoryCursor?
    while true {
      let page = try pages.summaries(filter, from: cursor, direction: .older, limit: 500)
      rowIDs += page.map(\.rowID)
      guard page.count == 500, let last = page.last else { break }
      cursor = last.cursor
    }
    var events: [InsightEventFields] = []
    try RecordScanner(connection: reader.connection).scan(rowIDs: rowIDs, categories: [.insight]) { record in
      if let fields = InsightEventFields(record) { events.append(fields) }
    }
    return Self.pair(events)
  }

  /// The stored periods grouped by API (one row per `InsightSubject`), the API with the newest start
  /// first, each API's periods newest first.
  public func activities(region: String? = nil) throws -> [InsightActivity] {
    Self.group(try periods(region: region))
  }

  /// Groups periods (newest first) by subject, keeping their order inside each group and ordering the
  /// groups by their newest period.
  public static func group(_ periods: [StoredInsightPeriod]) -> [InsightActivity] {
    var order: [InsightSubject] = []
    var bySubject: [InsightSubject: [StoredInsightPeriod]] = [:]
    for period in periods {
      if bySubject[period.subject] == nil { order.append(period.subject) }
      bySubject[period.subject, default: []].append(period)
    }
    return order.map { InsightActivity(subject: $0, periods: bySubject[$0] ?? []) }
  }

  /// Start and End events paired by `sharedEventID` into periods, newest start first.
  ///
  /// An End whose Start is gone (older than the 90 days, or never stored) still makes a period: its
  /// start is the End's time less `insightDuration`.
  static func pair(_ events: [InsightEventFields]) -> [StoredInsightPeriod] {
    var starts: [String: InsightEventFields] = [:]
    var ends: [String: InsightEventFields] = [:]
    var order: [String] = []
    for event in events {
      if starts[event.sharedEventID] == nil && ends[event.sharedEventID] == nil {
        order.append(event.sharedEventID)
      }
      if event.isStart { starts[event.sharedEventID] = event } else { ends[event.sharedEventID] = event }
    }
    let periods = order.compactMap { id -> StoredInsightPeriod? in
      let start = starts[id]
      let end = ends[id]
      guard let any = end ?? start else { return nil }
      let duration = end?.durationMinutes ?? start?.durationMinutes
      let startTime =
        start?.time ?? any.time.addingTimeInterval(-60 * Double(duration ?? 0))
      return StoredInsightPeriod(
        sharedEventID: id, subject: any.subject, start: startTime, end: end?.time,
        startEventID: start?.eventID, endEventID: end?.eventID, startRowID: start?.rowID,
        endRowID: end?.rowID, baselineAverage: any.baselineAverage, startAverage: start?.insightAverage,
        periodAverage: end?.insightAverage, durationMinutes: duration, baselineMinutes: any.baselineMinutes,
        attributions: any.attributions)
    }
    return periods.sorted {
      $0.start != $1.start
        ? $0.start > $1.start
        : ($0.subject, $0.sharedEventID) < ($1.subject, $1.sharedEventID)
    }
  }
}

/// What the catalog reads of one stored Insights event (spec §7.3): `insightDetails` names the API,
/// `insightContext` carries the statistics and attributions.
struct InsightEventFields {
  var rowID: Int64
  var time: Date
  var eventID: String
  var sharedEventID: String
  var isStart: Bool
  var subject: InsightSubject
  var baselineAverage: Double
  var insightAverage: Double
  var durationMinutes: Int64?
  var baselineMinutes: Int64
  var attributions: [InsightAttribution]

  /// Nil for a record that is not a readable Insights event (no `sharedEventID` or `insightDetails`).
  init?(_ record: StoredRecord) {
    guard let json = try? JSONValue(parsing: record.bytes),
      case .string(let shared)? = json["sharedEventID"],
      let details = json["insightDetails"],
      case .string(let state)? = details["state"],
      case .string(let source)? = details["eventSource"],
      case .string(let name)? = details["eventName"],
      case .string(let type)? = details["insightType"]
    else { return nil }
    let context = details["insightContext"]
    let statistics = context?["statistics"]
    rowID = record.rowID
    time = record.eventTime
    eventID = json["eventID"]?.insightText ?? ""
    sharedEventID = shared
    isStart = state == "Start"
    subject = InsightSubject(
      type: InsightType(rawValue: type), accountId: json["recipientAccountId"]?.insightText ?? "",
      region: json["awsRegion"]?.insightText ?? "", eventSource: source, eventName: name,
      errorCode: details["errorCode"]?.insightText)
    baselineAverage = statistics?["baseline"]?["average"]?.insightNumber ?? 0
    insightAverage = statistics?["insight"]?["average"]?.insightNumber ?? 0
    durationMinutes = statistics?["insightDuration"]?.insightNumber.map { Int64($0.rounded()) }
    baselineMinutes = statistics?["baselineDuration"]?.insightNumber.map { Int64($0.rounded()) } ?? 0
    attributions = Self.attributions(context?["attributions"])
  }

  private static func attributions(_ value: JSONValue?) -> [InsightAttribution] {
    guard case .array(let items)? = value else { return [] }
    return items.compactMap { item in
      guard let attribute = item["attribute"]?.insightText else { return nil }
      return InsightAttribution(
        attribute: attribute, insight: values(item["insight"]), baseline: values(item["baseline"]))
    }
  }

  private static func values(_ value: JSONValue?) -> [(value: String, average: Double)] {
    guard case .array(let items)? = value else { return [] }
    return items.compactMap { item in
      guard let text = item["value"]?.insightText else { return nil }
      return (value: text, average: item["average"]?.insightNumber ?? 0)
    }
  }
}

extension JSONValue {
  /// The text of a string value; nil for anything else.
  fileprivate var insightText: String? {
    if case .string(let text) = self { return text }
    return nil
  }

  /// An integer or a double as a Double; nil for anything else.
  fileprivate var insightNumber: Double? {
    switch self {
    case .integer(let value): Double(value)
    case .double(let value): value
    default: nil
    }
  }
}
