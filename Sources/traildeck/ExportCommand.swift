import ArgumentParser
import Foundation
import TrailCore

/// `traildeck export`: an event data store's events into a folder that Athena, Trino, Spark or DuckDB
/// read (`EventDataStoreExport`).
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export an event data store's events into a folder for Athena, Trino, Spark or DuckDB.",
    discussion: """
      TrailDeck's own command (CloudTrail has none): the store's events within its retention (and
      --start-time..--end-time, inclusive) go into --to, in one of two layouts:
        cloudtrail  AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/…json.gz as a trail delivers them
                    ({"Records":[…]}, one file per account, region and 5 minutes), which Athena's
                    CloudTrail table reads.
        hive        region=REGION/date=YYYY-MM-DD/part-N.json.gz: gzip JSON Lines of Lake's table
                    (lower-case columns, eventtime as 2024-01-02 03:04:05.000), for JSON SerDe tables
                    and DuckDB's read_json(…, hive_partitioning = true).
      Running it again replaces the folder's previous export of the store (listed in its manifest
      _traildeck_export_STOREID.json) instead of adding to it; _traildeck_tables_STOREID.sql holds the
      CREATE TABLE statements. An unknown store prints the aws CLI's GetEventDataStore error (exit 254);
      a folder that cannot be written exits 1.
      """)

  @OptionGroup var store: StoreOptions

  @Option(name: .customLong("event-data-store"), help: "The event data store's ARN or ID.")
  var eventDataStore: String

  @Option(
    name: .customLong("to"),
    help: ArgumentHelp("The folder to write (created when missing).", valueName: "dir"))
  var folder: String

  @Option(name: .long, help: "The layout: cloudtrail or hive.")
  var layout: String = ExportLayout.cloudtrail.rawValue

  @Option(
    name: .customLong("start-time"), help: "Only events at or after this time (ISO 8601 or epoch seconds).")
  var startTime: String?

  @Option(
    name: .customLong("end-time"), help: "Only events at or before this time (ISO 8601 or epoch seconds).")
  var endTime: String?

  @Flag(name: .long, help: "No progress line on stderr.")
  var quiet = false

  func validate() throws {
    guard ExportLayout(rawValue: layout) != nil else {
      throw ValidationError(
        "Please give --layout as one of \(ExportLayout.allCases.map(\.rawValue).joined(separator: ", ")); got '\(layout)'."
      )
    }
    for (flag, value) in [("--start-time", startTime), ("--end-time", endTime)] {
      if let value, ISO8601Time.parseUserTime(value) == nil {
        throw ValidationError(
          "Please give \(flag) as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got '\(value)'.")
      }
    }
    guard !folder.isEmpty else { throw ValidationError("Please give --to a folder.") }
    if let start = startTime.flatMap(ISO8601Time.parseUserTime),
      let end = endTime.flatMap(ISO8601Time.parseUserTime),
      start > end
    {
      throw ValidationError(
        "Please give --start-time at or before --end-time; got \(startTime!) after \(endTime!).")
    }
  }

  func run() throws {
    let request = EventDataStoreExportRequest(
      eventDataStore: eventDataStore, folder: folder, layout: ExportLayout(rawValue: layout)!,
      startTime: startTime.flatMap(ISO8601Time.parseUserTime),
      endTime: endTime.flatMap(ISO8601Time.parseUserTime))
    let bar = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
    let services = try OperationOutput.calling(GetEventDataStore.name) {
      try StoreServices(try store.context())
    }
    // Finding the store is GetEventDataStore's work: its errors print as the aws CLI prints them.
    _ = try OperationOutput.calling(GetEventDataStore.name) {
      try GetEventDataStore.perform(GetEventDataStoreRequest(eventDataStore: eventDataStore), with: services)
    }
    let summary: ExportSummary
    do {
      summary = try EventDataStoreExport.run(request, with: services) { progress in
        bar.showText(
          "export: \(progress.eventsDone)/\(progress.eventsTotal) events, \(progress.filesWritten) files")
      }
    } catch {
      bar.clear()
      // Export is no CloudTrail operation: what remains (a store pending deletion, a folder that
      // cannot be written) prints as TrailDeck's own errors do.
      let diagnostic = (error as? Diagnostic) ?? (error as? ServiceError)?.diagnostic
      guard var diagnostic else { throw error }
      if diagnostic.summary == "the request failed" { diagnostic.summary = "cannot export \(eventDataStore)" }
      FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
      throw ExitCode(1)
    }
    bar.clear()
    var line =
      "export: \(summary.events) events of \(summary.storeARN) into \(summary.filesWritten) files under \(folder) (\(layout) layout)"
    if summary.filesRemoved > 0 { line += "; \(summary.filesRemoved) files of the previous export removed" }
    print(line)
    print("manifest: \(summary.manifestPath)")
    print("tables: \(summary.tablesPath)")
  }
}
