import Foundation

/// Summarizes a trail's data events into CloudTrail's aggregated events (user guide "CloudTrail record
/// contents for aggregated events"): per 5-minute window, per account and region, one record per
/// template and group — API_ACTIVITY per API (eventSource + eventName), RESOURCE_ACCESS per resource
/// ARN, USER_ACTIONS per principal — each counting the group's events and breaking them down by the
/// template's detail dimensions.
///
/// The record, member for member as the reference and its examples write it: `eventVersion` 1.0,
/// `accountId`, `eventId`, `eventCategory` Aggregated, `eventType` AwsAggregatedEvent, `awsRegion`,
/// `eventSource`, `timeWindow` (`windowStart` inclusive, `windowEnd` exclusive, `windowSize` PT5M) and
/// `summary` (`primaryDimension` with one statistic, the group and its count, then `details`).
///
/// TrailDeck's choices where the reference is silent:
/// - Every record has one `eventSource`, so RESOURCE_ACCESS and USER_ACTIONS group by source too: a
///   principal calling S3 and Lambda in a window has a record for each.
/// - A detail lists its 10 most frequent values (count descending, then name), and is left out when no
///   event of the group has a value for it (no `errorCodes` when nothing failed).
/// - `eventId` is derived (a UUID from SHA-256 of trail, account, region, window, template, source and
///   group), so delivering a window again writes the same records.
/// - Records come by account, region, window, template (API_ACTIVITY, RESOURCE_ACCESS, USER_ACTIONS),
///   source and group, so a file's bytes follow from its events.
struct AggregatedEvents {
  /// Aggregation windows last 5 minutes, aligned on the clock's 5-minute marks (UTC).
  static let windowSeconds: Int64 = 300
  /// How many values a detail dimension lists.
  static let detailLimit = 10

  let trailARN: String
  let templates: [AggregationTemplate]
  private var tallies: [Group: Tally] = [:]

  init(trailARN: String, templates: [AggregationTemplate]) {
    self.trailARN = trailARN
    self.templates = AggregationTemplate.allCases.filter(templates.contains)
  }

  /// One record's group.
  struct Group: Hashable, Comparable {
    var account: String
    var region: String
    var windowStart: Int64
    var templateOrder: Int
    var eventSource: String
    var primary: String

    static func < (a: Group, b: Group) -> Bool {
      (a.account, a.region, a.windowStart, a.templateOrder, a.eventSource, a.primary)
        < (b.account, b.region, b.windowStart, b.templateOrder, b.eventSource, b.primary)
    }
  }

  struct Tally {
    var count: Int64 = 0
    var details: [AggregationDimension: [String: Int64]] = [:]
  }

  /// The start (epoch seconds) of the window holding `eventTime`.
  static func windowStart(of eventTime: Int64) -> Int64 {
    eventTime >= 0
      ? eventTime / windowSeconds * windowSeconds
      : (eventTime - windowSeconds + 1) / windowSeconds * windowSeconds
  }

  var isEmpty: Bool { tallies.isEmpty }

  /// Counts one data event of `eventTime` (epoch seconds) under each template.
  mutating func add(_ facts: AggregatedEventFacts, eventTime: Int64) {
    let window = Self.windowStart(of: eventTime)
    for template in templates {
      guard let primary = facts.value(of: template.primaryDimension) else { continue }
      let group = Group(
        account: facts.account, region: facts.region, windowStart: window,
        templateOrder: AggregationTemplate.allCases.firstIndex(of: template) ?? 0,
        eventSource: facts.eventSource, primary: primary)
      var tally = tallies[group] ?? Tally()
      tally.count += 1
      for dimension in template.detailDimensions {
        if let value = facts.value(of: dimension) {
          tally.details[dimension, default: [:]][value, default: 0] += 1
        }
      }
      tallies[group] = tally
    }
  }

  /// The records, in the order above, each with the place and window it belongs to.
  func records() -> [(account: String, region: String, windowStart: Int64, json: [UInt8])] {
    tallies.keys.sorted().map { group in
      (group.account, group.region, group.windowStart, Array(json(group, tallies[group]!).utf8))
    }
  }

  private func json(_ group: Group, _ tally: Tally) -> String {
    let template = AggregationTemplate.allCases[group.templateOrder]
    let start = group.windowStart
    let id = StableUUID.from(
      "aggregated|\(trailARN)|\(group.account)|\(group.region)|\(start)|\(template.rawValue)|\(group.eventSource)|\(group.primary)"
    )
    var out = "{\"eventVersion\":\"1.0\""
    out += ",\"accountId\":\(quoted(group.account))"
    out += ",\"eventId\":\(quoted(id))"
    out += ",\"eventCategory\":\"Aggregated\",\"eventType\":\"AwsAggregatedEvent\""
    out += ",\"awsRegion\":\(quoted(group.region))"
    out += ",\"eventSource\":\(quoted(group.eventSource))"
    out += ",\"timeWindow\":{\"windowStart\":\(quoted(ISO8601Time.format(start)))"
    out += ",\"windowEnd\":\(quoted(ISO8601Time.format(start + Self.windowSeconds)))"
    out += ",\"windowSize\":\"PT5M\"}"
    out += ",\"summary\":{\"primaryDimension\":"
    out += dimension(template.primaryDimension, [(group.primary, tally.count)])
    let details = template.detailDimensions.compactMap { dimension -> String? in
      guard let counts = tally.details[dimension], !counts.isEmpty else { return nil }
      let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .prefix(Self.detailLimit).map { ($0.key, $0.value) }
      return self.dimension(dimension, top)
    }
    out += ",\"details\":[" + details.joined(separator: ",") + "]}}"
    return out
  }

  private func dimension(_ dimension: AggregationDimension, _ statistics: [(String, Int64)]) -> String {
    "{\"dimension\":\(quoted(dimension.rawValue)),\"statistics\":["
      + statistics.map { "{\"name\":\(quoted($0.0)),\"value\":\($0.1)}" }.joined(separator: ",")
      + "],\"aggregationType\":\"Count\"}"
  }

  private func quoted(_ text: String) -> String { JSONValue.string(text).compactText() }
}
