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
    let response = try OperationOutput.calling(LookupEvents.name) {
      let request = LookupEventsRequest(
        lookupAttributes: lookupAttributes.isEmpty
          ? nil
          : try lookupAttributes.map { text throws(ServiceError) in try LookupValidation.parseAttribute(text)
          },
        startTime: startTime.flatMap(ISO8601Time.parseUserTime),
        endTime: endTime.flatMap(ISO8601Time.parseUserTime), eventCategory: eventCategory,
        maxResults: maxResults, nextToken: nextToken)
      let services = try StoreServices(try store.context())
      // Without --max-results (and without a token) the aws CLI follows NextToken through every page
      // and prints one merged result.
      guard maxResults == nil && nextToken == nil else {
        return try LookupEvents.perform(request, with: services)
      }
      var merged = LookupEventsResponse(events: [])
      var next: LookupEventsRequest? = request
      while let pageRequest = next {
        let page = try LookupEvents.perform(pageRequest, with: services)
        merged.events! += page.events ?? []
        next = page.nextToken.map { token in
          var following = request
          following.nextToken = token
          return following
        }
      }
      return merged
    }
    switch output {
    case .json: try OperationOutput.printJSON(response)
    case .table, .csv:
      let events = (response.events ?? []).map(EventSummary.init)
      let text = output == .csv ? CSVRendering.text(events) : TableRendering.text(events)
      FileHandle.standardOutput.write(Data(text.utf8))
      if let token = response.nextToken {
        FileHandle.standardError.write(Data("NextToken: \(token)\n".utf8))
      }
    }
  }
}

extension EventSummary {
  /// The columns of a LookupEvents `Event`, for the table and CSV renderings (the fields Event history
  /// shows beyond LookupEvents' — source IP, region, account — are read from `CloudTrailEvent`).
  init(_ event: TrailEvent) {
    let record =
      (try? JSONSerialization.jsonObject(with: Data((event.cloudTrailEvent ?? "{}").utf8))) as? [String: Any]
      ?? [:]
    self.init(
      rowID: 0, eventId: event.eventId ?? "", eventName: event.eventName ?? "",
      eventSource: event.eventSource ?? "", eventTime: event.eventTime ?? Date(timeIntervalSince1970: 0),
      readOnly: event.readOnly.map { $0 == "true" }, username: event.username,
      accessKeyId: event.accessKeyId,
      resources: (event.resources ?? []).map {
        EventResource(type: $0.resourceType, name: $0.resourceName ?? "")
      },
      errorCode: record["errorCode"] as? String, awsRegion: record["awsRegion"] as? String ?? "",
      sourceIPAddress: record["sourceIPAddress"] as? String,
      recipientAccountId: record["recipientAccountId"] as? String,
      eventType: record["eventType"] as? String ?? "", eventCategory: record["eventCategory"] as? String ?? ""
    )
  }
}

/// `--output csv`: the CSV download's columns (`EventColumn.csv`).
enum CSVRendering {
  static func text(_ events: [EventSummary]) -> String {
    ([HistoryExport.csvHeader] + events.map(HistoryExport.csvLine)).joined(separator: "\n") + "\n"
  }
}

/// `--output table`: the console's columns (`EventColumn.table`), each as wide as its widest value
/// (at most 40 cells; longer values end in `…`), as the aws CLI sizes its tables.
enum TableRendering {
  static let maximumWidth = 40

  static func text(_ events: [EventSummary]) -> String {
    let columns = EventColumn.table
    let rows = events.map { event in columns.map { $0.value(of: event) ?? $0.placeholder } }
    let widths = columns.indices.map { index in
      min(maximumWidth, rows.reduce(columns[index].title.count) { max($0, $1[index].count) })
    }
    return ([line(columns.map(\.title), widths)] + rows.map { line($0, widths) })
      .joined(separator: "\n") + "\n"
  }

  static func line(_ cells: [String], _ widths: [Int]) -> String {
    zip(cells, widths).map { cell, width in
      cell.count > width
        ? String(cell.prefix(width - 1)) + "…" : cell.padding(toLength: width, withPad: " ", startingAt: 0)
    }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
  }
}
