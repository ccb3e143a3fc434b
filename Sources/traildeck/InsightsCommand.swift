import ArgumentParser
import Foundation
import TrailCore

/// `traildeck insights …`: Insights over the store outside the live detector.
struct InsightsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "insights",
    abstract: "CloudTrail Insights over stored history: was any API unusually busy or failing?",
    subcommands: [InsightsScanCommand.self])
}

/// `traildeck insights scan --from … --to …`: replays the detector over an imported period and writes
/// the Start and End events it finds into the store, where `lookup-events --event-category insight`,
/// the Lake and trails see them.
struct InsightsScanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Find Insights periods in stored events between two times and store their Start/End events.",
    discussion: """
      Each minute is judged against the 7 days before it (at least 36 hours of history are needed), from \
      the per-minute rollups ingest keeps: ApiCallRateInsight on write management APIs, ApiErrorRateInsight \
      on every management API and error code. Scanning the same range again stores nothing new: a \
      period's events have ids derived from it. --output events prints the Start/End records themselves \
      (JSON Lines), as CloudTrail writes them.
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    help: ArgumentHelp(
      "Start of the range judged (ISO 8601 or epoch seconds). Default: the oldest stored event.",
      valueName: "time"))
  var from: String?

  @Option(
    help: ArgumentHelp(
      "End of the range, exclusive. Default: the minute after the newest stored event.", valueName: "time"))
  var to: String?

  @Option(
    name: .customLong("insight-type"),
    help: ArgumentHelp(
      "Only this type (ApiCallRateInsight or ApiErrorRateInsight); repeatable.", valueName: "type"))
  var insightTypes: [String] = []

  @Flag(help: "Judge data events too (Insights on data events, trails only in CloudTrail).")
  var dataEvents = false

  @Flag(help: "Find and print, but store nothing.")
  var dryRun = false

  @Option(help: "Output: table, json (periods) or events (the Start/End records, JSON Lines).")
  var output: Format = .table

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case table, json, events
  }

  func validate() throws {
    for (name, value) in [("--from", from), ("--to", to)] {
      if let value, ISO8601Time.parseUserTime(value) == nil {
        throw ValidationError(
          "Please give \(name) as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got '\(value)'.")
      }
    }
    let known = InsightType.allKnown.map(\.rawValue)
    for type in insightTypes where !known.contains(type) {
      throw ValidationError("--insight-type '\(type)' is not one of \(known.joined(separator: ", ")).")
    }
  }

  func run() throws {
    let context = try store.context()
    let reader = try EventStore.openReader(path: context.databasePath)
    let statistics = try StoreStatistics.read(reader)
    guard let oldest = statistics.oldest, let newest = statistics.newest else {
      throw ValidationError("The store \(context.databasePath) holds no events to scan.")
    }
    let start = from.flatMap(ISO8601Time.parseUserTime) ?? oldest
    let end =
      to.flatMap(ISO8601Time.parseUserTime)
      ?? Date(timeIntervalSince1970: (newest.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60)
    guard start < end else {
      throw ValidationError(
        "--from (\(ISO8601Time.format(start))) must be before --to (\(ISO8601Time.format(end))).")
    }
    var scan = InsightsScan(context: context)
    if !insightTypes.isEmpty { scan.types = Set(insightTypes.map { InsightType(rawValue: $0) }) }
    if dataEvents { scan.categories.insert(.data) }
    let result = try scan.run(from: start, to: end, write: !dryRun)
    switch output {
    case .events:
      for event in result.events { print(String(decoding: event, as: UTF8.self)) }
    case .json:
      print(InsightsScanRendering.json(result).awsCLIText(), terminator: "")
    case .table:
      print(InsightsScanRendering.table(result.periods))
      let stored =
        dryRun
        ? "dry run: nothing stored"
        : "\(result.eventsStored) stored, \(result.events.count - result.eventsStored) already in the store"
      print(
        "\(result.periods.count) Insights periods from \(ISO8601Time.format(start)) to \(ISO8601Time.format(end)); \(result.events.count) events (\(stored))."
      )
    }
  }
}

/// How `insights scan` prints periods.
enum InsightsScanRendering {
  static func json(_ result: InsightsScan.Result) -> JSONValue {
    .object([
      ("Periods", .array(result.periods.map(period))),
      ("EventsFound", .integer(Int64(result.events.count))),
      ("EventsStored", .integer(Int64(result.eventsStored))),
    ])
  }

  static func period(_ p: InsightPeriod) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("InsightType", .string(p.subject.type.rawValue)),
      ("EventSource", .string(p.subject.eventSource)), ("EventName", .string(p.subject.eventName)),
    ]
    if let code = p.subject.errorCode { members.append(("ErrorCode", .string(code))) }
    members += [
      ("AccountId", .string(p.subject.accountId)), ("Region", .string(p.subject.region)),
      ("EventCategory", .string(p.subject.category == .data ? "Data" : "Management")),
      ("StartTime", .string(ISO8601Time.format(p.start))),
      ("EndTime", p.isClosed ? .string(ISO8601Time.format(p.end)) : .null),
      ("InsightDuration", .integer(p.durationMinutes)), ("BaselineDuration", .integer(p.baselineMinutes)),
      ("InsightAverage", .double(p.periodAverage)), ("BaselineAverage", .double(p.baselineAverage)),
      ("SharedEventId", .string(InsightRecord.sharedEventID(p))),
    ]
    return .object(members)
  }

  static func table(_ periods: [InsightPeriod]) -> String {
    let header = ["START", "END", "TYPE", "API", "ERROR CODE", "ACCOUNT", "REGION", "INSIGHT", "BASELINE"]
    let rows = periods.map { p -> [String] in
      let source = p.subject.eventSource.replacingOccurrences(of: ".amazonaws.com", with: "")
      return [
        ISO8601Time.format(p.start), p.isClosed ? ISO8601Time.format(p.end) : "(open)",
        p.subject.type == .apiCallRateInsight ? "call rate" : "error rate",
        "\(source):\(p.subject.eventName)",
        p.subject.errorCode ?? "-", p.subject.accountId, p.subject.region, figure(p, p.periodAverage),
        figure(p, p.baselineAverage),
      ]
    }
    let widths = header.indices.map { i in ([header] + rows).map { $0[i].count }.max() ?? 0 }
    return ([header] + rows).map { row in
      row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(
        separator: "  "
      )
      .trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
  }

  /// Calls a minute (call rate) or the failing share as a percentage (error rate).
  static func figure(_ p: InsightPeriod, _ value: Double) -> String {
    p.subject.type == .apiErrorRateInsight
      ? String(format: "%.1f %%", value * 100) : String(format: "%.2f/min", value)
  }
}
