import Foundation

/// Writes an Insights period's Start and End events exactly as CloudTrail records them (spec §7.3, the
/// examples under the user guide's `insights/`): member order, `eventVersion` 1.07, whole-minute
/// eventTimes, `sharedEventID` linking the pair, `eventCategory` Insight, no top-level userIdentity,
/// eventSource or eventName.
///
/// Event ids are derived from the period (type, API, account, region, error code, start minute), so
/// detecting the same period again — live after a restart, or a `scan` over the same history — writes
/// the same events, which the store keeps once.
///
/// Statistics: Start carries `baseline.average`, `insight.average` (the first unusual minute) and
/// `baselineDuration`, plus `insightDuration` when the period had already ended when it was written
/// (as the user guide's event-reference example does); End carries all four, `insight.average` over
/// the whole period. Averages are written with at most 10 decimals, never in exponent form
/// (`0.0000882145`, `664`), as CloudTrail writes them.
public enum InsightRecord {
  /// `Start` or `End`.
  public enum State: String, Sendable { case start = "Start", end = "End" }

  /// The event's JSON (compact UTF-8).
  public static func json(
    _ period: InsightPeriod, state: State, attributions: [InsightAttribution]
  ) -> [UInt8] {
    let subject = period.subject
    let minute = state == .start ? period.startMinute : period.lastMinute + 1
    var out = "{"
    out += "\"eventVersion\":\"1.07\""
    out +=
      ",\"eventTime\":\(quoted(ISO8601Time.format(Date(timeIntervalSince1970: TimeInterval(minute * 60)))))"
    out += ",\"awsRegion\":\(quoted(subject.region))"
    out += ",\"eventID\":\(quoted(eventID(period, state: state)))"
    out += ",\"eventType\":\"AwsCloudTrailInsight\""
    out += ",\"recipientAccountId\":\(quoted(subject.accountId))"
    out += ",\"sharedEventID\":\(quoted(sharedEventID(period)))"
    out += ",\"insightDetails\":{\"state\":\(quoted(state.rawValue))"
    out += ",\"eventSource\":\(quoted(subject.eventSource)),\"eventName\":\(quoted(subject.eventName))"
    out += ",\"insightType\":\(quoted(subject.type.rawValue))"
    if let code = subject.errorCode { out += ",\"errorCode\":\(quoted(code))" }
    out += ",\"insightContext\":{\"statistics\":{\"baseline\":{\"average\":\(number(period.baselineAverage))}"
    let average = state == .start ? period.startAverage : period.periodAverage
    out += ",\"insight\":{\"average\":\(number(average))}"
    if state == .end || period.isClosed { out += ",\"insightDuration\":\(period.durationMinutes)" }
    out += ",\"baselineDuration\":\(period.baselineMinutes)}"
    if !attributions.isEmpty {
      out += ",\"attributions\":["
      out += attributions.map { attribution in
        "{\"attribute\":\(quoted(attribution.attribute)),\"insight\":\(values(attribution.insight)),\"baseline\":\(values(attribution.baseline))}"
      }.joined(separator: ",")
      out += "]"
    }
    out += "}},\"eventCategory\":\"Insight\"}"
    return Array(out.utf8)
  }

  /// The Start or End event's id.
  public static func eventID(_ period: InsightPeriod, state: State) -> String {
    StableUUID.from("\(key(period))|\(state.rawValue)")
  }

  /// The id both events of the period share.
  public static func sharedEventID(_ period: InsightPeriod) -> String { StableUUID.from(key(period)) }

  private static func key(_ period: InsightPeriod) -> String {
    let s = period.subject
    return
      "insight|\(s.type.rawValue)|\(s.category.rawValue)|\(s.accountId)|\(s.region)|\(s.eventSource)|\(s.eventName)|\(s.errorCode ?? "")|\(period.startMinute)"
  }

  private static func quoted(_ text: String) -> String { JSONValue.string(text).compactText() }

  private static func values(_ list: [(value: String, average: Double)]) -> String {
    "["
      + list.map { "{\"value\":\(quoted($0.value)),\"average\":\(number($0.average))}" }.joined(
        separator: ",") + "]"
  }

  /// `664`, `0.6`, `85.4202380952`, `0.0000882145`: at most 10 decimals, no exponent.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let rounded = (value * 1e10).rounded() / 1e10
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    var text = String(format: "%.10f", rounded)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
