import ArgumentParser
import Foundation
import TrailCore

struct LookupEventsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lookup-events",
    abstract: "Look up management events of the last 90 days, like `aws cloudtrail lookup-events`.",
    discussion: """
      CloudTrail's LookupEvents: at most one lookup attribute (EventId, EventName, ReadOnly, Username,
      ResourceType, ResourceName, EventSource, AccessKeyId; exact, case-sensitive match), an inclusive time
      range inside the last 90 days of the clock (--now), newest first. Without --max-results every page
      is fetched and printed as one result, as the aws CLI does; with it, one page and its NextToken.
      Errors use CloudTrail's exception names and exit with status 254, like the aws CLI.
      TrailDeck differences: one store may hold several regions; without --region all are searched.
      Username and ResourceName are derived by TrailDeck's documented rules (AWS does not publish its own).
      """)

  @OptionGroup var store: StoreOptions

  @Option(
    name: .customLong("lookup-attributes"), parsing: .upToNextOption,
    help: ArgumentHelp("AttributeKey=KEY,AttributeValue=VALUE (at most one).", valueName: "attribute"))
  var lookupAttributes: [String] = []

  @Option(name: .customLong("start-time"), help: "Inclusive start (ISO 8601 or epoch seconds).")
  var startTime: String?

  @Option(name: .customLong("end-time"), help: "Inclusive end (ISO 8601 or epoch seconds).")
  var endTime: String?

  @Option(name: .customLong("event-category"), help: "'insight' to look up Insights events instead.")
  var eventCategory: String?

  @Option(name: .customLong("max-results"), help: "Events per page, 1–50 (default 50); prints one page.")
  var maxResults: Int?

  @Option(name: .customLong("next-token"), help: "The NextToken of a previous page.")
  var nextToken: String?

  @Option(name: .long, help: "Only this region's events (default: all regions in the store).")
  var region: String?

  @Option(name: .long, help: "json (the API response, aws CLI style), table or csv.")
  var output: OutputFormat = .json

  enum OutputFormat: String, ExpressibleByArgument {
    case json, table, csv
  }

  func validate() throws {
    if let startTime, ISO8601Time.parseUserTime(startTime) == nil {
      throw ValidationError(
        "Please give --start-time as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got '\(startTime)'.")
    }
    if let endTime, ISO8601Time.parseUserTime(endTime) == nil {
      throw ValidationError(
        "Please give --end-time as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got '\(endTime)'.")
    }
  }

  func run() throws {
    do {
      let attributes = try lookupAttributes.map { text throws(LookupError) in
        try LookupValidation.parseAttribute(text)
      }
      let request = LookupRequest(
        lookupAttributes: attributes, startTime: startTime.flatMap(ISO8601Time.parseUserTime),
        endTime: endTime.flatMap(ISO8601Time.parseUserTime), eventCategory: eventCategory,
        maxResults: maxResults,
        nextToken: nextToken, region: region)
      let service = try HistoryService(databasePath: store.db, clock: try store.clock())
      try print(service: service, request: request)
    } catch let error as LookupError {
      FileHandle.standardError.write(Data(("\n" + error.awsCLIMessage + "\n").utf8))
      throw ExitCode(254)
    } catch let diagnostic as Diagnostic {
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
      throw ExitCode(1)
    }
  }

  private func print(service: HistoryService, request: LookupRequest) throws {
    let out = OutputStream()
    // Without --max-results (and without a token) the aws CLI follows NextToken through every page.
    let followsPages = maxResults == nil && nextToken == nil
    var page = try service.lookupEvents(request)
    var count = 0
    switch output {
    case .json: out.write("{\n    \"Events\": [")
    case .csv: out.write(HistoryExport.csvHeader + "\n")
    case .table: out.write(TableRendering.header + "\n")
    }
    while true {
      for event in page.events {
        switch output {
        case .json: out.write((count == 0 ? "\n" : ",\n") + HistoryExport.eventJSON(event, indent: 8))
        case .csv: out.write(HistoryExport.csvLine(event.summary) + "\n")
        case .table: out.write(TableRendering.line(event.summary) + "\n")
        }
        count += 1
      }
      guard followsPages, let token = page.nextToken else { break }
      page = try service.lookupEvents(request.continuing(from: token))
    }
    if output == .json {
      out.write(count == 0 ? "]" : "\n    ]")
      if !followsPages, let token = page.nextToken {
        out.write(",\n    \"NextToken\": \(HistoryExport.jsonString(token))")
      }
      out.write("\n}\n")
    } else if !followsPages, let token = page.nextToken {
      FileHandle.standardError.write(Data("NextToken: \(token)\n".utf8))
    }
    out.flush()
  }
}

/// Buffered stdout: result sets can be large.
final class OutputStream {
  private var buffer = [UInt8]()
  func write(_ text: String) {
    buffer.append(contentsOf: text.utf8)
    if buffer.count > 1 << 16 { flush() }
  }
  func flush() {
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}

/// `--output table`: the console's columns, aligned.
enum TableRendering {
  static let widths = [20, 24, 28, 22, 30, 26, 9, 22, 20]
  static let titles = [
    "Event time", "User name", "Event name", "Resource type", "Resource name", "Event source", "Read-only",
    "AWS access key", "Error code",
  ]
  static var header: String { row(titles) }

  static func line(_ e: EventSummary) -> String {
    row([
      ISO8601Time.format(e.eventTime), e.username ?? "-", e.eventName, e.resources.first?.type ?? "-",
      e.resources.first?.name ?? "-", e.eventSource, e.readOnly.map { $0 ? "true" : "false" } ?? "-",
      e.accessKeyId ?? "-", e.errorCode ?? "",
    ])
  }

  static func row(_ cells: [String]) -> String {
    zip(cells, widths).map { cell, width in
      cell.count > width
        ? String(cell.prefix(width - 1)) + "…" : cell.padding(toLength: width, withPad: " ", startingAt: 0)
    }.joined(separator: " ").trimmingCharacters(in: .whitespaces)
  }
}
