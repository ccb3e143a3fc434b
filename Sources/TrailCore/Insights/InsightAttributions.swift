/// The `attributions` of an Insights event (spec §7.3): for the user identity ARN, the user agent and —
/// for call rate — the error code, the values that made up the period (`insight`) and the baseline
/// (`baseline`), each with its average a minute, at most 5 a list, largest first.
public struct InsightAttribution: Sendable, Equatable {
  /// `userIdentityArn`, `userAgent` or `errorCode`.
  public var attribute: String
  public var insight: [(value: String, average: Double)]
  public var baseline: [(value: String, average: Double)]

  public static func == (a: InsightAttribution, b: InsightAttribution) -> Bool {
    a.attribute == b.attribute && a.insight.elementsEqual(b.insight, by: { $0 == $1 })
      && a.baseline.elementsEqual(b.baseline, by: { $0 == $1 })
  }
}

/// Reads the attributions of a period from the events it is about.
///
/// Unlike the baseline's rate, attributions need who called and with what, which only the records
/// hold: the period's own events are read whole; the baseline's are sampled — its newest
/// `baselineSample` events of the API (a busy API has hundreds of thousands a week), their counts
/// scaled to the baseline's total, so averages stay calls (or failure shares) a minute.
struct InsightAttributionReader {
  let scanner: RecordScanner
  var baselineSample = 2_000

  private var connection: SQLiteConnection { scanner.connection }

  /// The attributions of `period`; empty when the store no longer holds its events.
  func attributions(of period: InsightPeriod) throws -> [InsightAttribution] {
    let subject = period.subject
    guard let ids = try InsightRollups.ids(of: subject, in: connection) else { return [] }
    let isErrorRate = subject.type == .apiErrorRateInsight
    let periodMinutes = period.startMinute..<(period.lastMinute + 1)
    let baselineMinutes = (period.startMinute - period.baselineMinutes)..<period.startMinute
    // Call rate: the write calls. Error rate: the failures with the code, as shares of all calls.
    let filter = isErrorRate ? " AND error_code = \(ids.error ?? 0)" : " AND read_only = 0"
    let insightRows = try rowIDs(ids, filter: filter, minutes: periodMinutes, limit: nil).ids
    let baselineRows = try rowIDs(ids, filter: filter, minutes: baselineMinutes, limit: baselineSample)
    var insight = try tally(insightRows, withErrorCode: !isErrorRate)
    var baseline = try tally(baselineRows.ids, withErrorCode: !isErrorRate)
    // Divide counts into averages: calls a minute, or (error rate) failures per call of the API.
    let insightDivisor =
      isErrorRate ? Double(try calls(ids, minutes: periodMinutes)) : Double(periodMinutes.count)
    let baselineDivisor =
      isErrorRate ? Double(try calls(ids, minutes: baselineMinutes)) : Double(baselineMinutes.count)
    let scale = baselineRows.ids.isEmpty ? 1 : Double(baselineRows.total) / Double(baselineRows.ids.count)
    var out: [InsightAttribution] = []
    for attribute in ["userIdentityArn", "userAgent", "errorCode"]
    where attribute != "errorCode" || !isErrorRate {
      let now = Self.top(insight.removeValue(forKey: attribute) ?? [:], divisor: insightDivisor, scale: 1)
      let before = Self.top(
        baseline.removeValue(forKey: attribute) ?? [:], divisor: baselineDivisor, scale: scale)
      if now.isEmpty && before.isEmpty { continue }
      out.append(InsightAttribution(attribute: attribute, insight: now, baseline: before))
    }
    return out
  }

  /// The 5 largest averages, ties by value.
  static func top(_ counts: [String: Int], divisor: Double, scale: Double) -> [(
    value: String, average: Double
  )] {
    guard divisor > 0 else { return [] }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map {
      (value: $0.key, average: Double($0.value) * scale / divisor)
    }
  }

  private typealias IDs = (api: InsightRollups.API, error: Int64?)

  private func condition(_ ids: IDs) -> String {
    let api = ids.api
    return
      "category = \(api.category) AND account = \(api.account) AND aws_region = \(api.region) AND event_source = \(api.source) AND event_name = \(api.name)"
  }

  private func rowIDs(_ ids: IDs, filter: String, minutes: Range<Int64>, limit: Int?) throws -> (
    ids: [Int64], total: Int
  ) {
    guard !minutes.isEmpty else { return ([], 0) }
    let low = EventKey.firstRowID(atOrAfter: minutes.lowerBound * 60)
    let high = EventKey.lastRowID(atOrBefore: minutes.upperBound * 60 - 1)
    let statement = try connection.prepare(
      "SELECT id FROM events WHERE id BETWEEN \(low) AND \(high) AND \(condition(ids))\(filter) ORDER BY id DESC"
    )
    var out: [Int64] = []
    var total = 0
    while try statement.step() {
      total += 1
      if limit.map({ out.count < $0 }) ?? true { out.append(statement.int64(0)) }
    }
    return (out, total)
  }

  private func calls(_ ids: IDs, minutes: Range<Int64>) throws -> Int64 {
    let low = EventKey.firstRowID(atOrAfter: minutes.lowerBound * 60)
    let high = EventKey.lastRowID(atOrBefore: minutes.upperBound * 60 - 1)
    return try connection.scalarInt(
      "SELECT COUNT(*) FROM events WHERE id BETWEEN \(low) AND \(high) AND \(condition(ids))")
  }

  /// Counts of each attribute's values over the records of `rowIDs`.
  private func tally(_ rowIDs: [Int64], withErrorCode: Bool) throws -> [String: [String: Int]] {
    var counts: [String: [String: Int]] = [:]
    try scanner.scan(rowIDs: rowIDs) { record in
      guard let json = try? JSONValue(parsing: record.bytes) else { return }
      if case .string(let arn) = json["userIdentity"]?["arn"] {
        counts["userIdentityArn", default: [:]][arn, default: 0] += 1
      }
      if case .string(let agent) = json["userAgent"] {
        counts["userAgent", default: [:]][agent, default: 0] += 1
      }
      if withErrorCode {
        // CloudTrail's examples write a call without an error as the string "null".
        let code: String
        if case .string(let text) = json["errorCode"] { code = text } else { code = "null" }
        counts["errorCode", default: [:]][code, default: 0] += 1
      }
    }
    return counts
  }
}
