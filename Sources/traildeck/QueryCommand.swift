import ArgumentParser
import Foundation
import TrailCore

/// `traildeck query "SQL"`: runs a Lake query for a person at a terminal and prints its rows.
struct QueryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "query",
    abstract: "Run a CloudTrail Lake SQL query and print its rows (table, CSV or JSON).",
    discussion: """
      Starts the query as StartQuery does, shows its status and elapsed time on stderr while it runs, \
      then prints its rows: an aligned table (default; NULL shows as NULL), CSV (RFC 4180; NULL is an \
      empty field, an empty string is "") or JSON (an array of objects; NULL is null).

      The table is the event data store's ID, as in Lake (`FROM EXAMPLE-f852-…`). With \
      --event-data-store, `$EDS_ID` in the statement stands for that store's ID, as the user guide \
      writes it (`SELECT eventName FROM $EDS_ID`).

      Exit status: 0 when the query finished; 254 with the aws CLI's error line when StartQuery refuses \
      the statement; 1 when the query FAILED (its ErrorMessage is printed), was CANCELLED, or TIMED_OUT \
      (its partial rows are printed first). Ctrl-C cancels the query.
      """)

  @OptionGroup var store: StoreOptions

  @Argument(help: ArgumentHelp("The SQL statement (one SELECT).", valueName: "sql"))
  var sql: String

  @Option(
    name: .customLong("event-data-store"),
    help: ArgumentHelp(
      "An event data store (ARN or ID) whose ID replaces $EDS_ID in the SQL.", valueName: "eds"))
  var eventDataStore: String?

  @Option(help: ArgumentHelp("table, csv or json.", valueName: "format"))
  var output: String = "table"

  @Option(name: .customLong("max-rows"), help: "Print at most this many rows (default 1000).")
  var maxRows: Int = 1000

  @Option(help: "Stop the query after this many seconds of the clock (default 3600, CloudTrail's hour).")
  var timeout: Double?

  static let placeholder = "$EDS_ID"

  func validate() throws {
    guard QueryResultText.Format(rawValue: output) != nil else {
      throw ValidationError("Please give --output table, csv or json; got '\(output)'.")
    }
    guard maxRows >= 1 else { throw ValidationError("Please give --max-rows 1 or more; got \(maxRows).") }
    if let timeout, timeout <= 0 { throw ValidationError("Please give --timeout above 0 seconds.") }
    if eventDataStore == nil && sql.contains(Self.placeholder) {
      throw ValidationError(
        "The statement uses \(Self.placeholder): please give --event-data-store ARN_OR_ID.")
    }
  }

  func run() throws {
    let format = QueryResultText.Format(rawValue: output) ?? .table
    try LakeQueryTimeout.install(for: store.db, timeout: timeout)
    let interrupt = QueryInterrupt()
    let query = try OperationOutput.calling(StartQuery.name) {
      _ = try EventStore.openWriter(path: store.db)
      let services = try StoreServices(try store.context())
      var statement = sql
      if let eventDataStore {
        let storeID = try services.lakeQueries.eventDataStoreID(eventDataStore)
        statement = statement.replacingOccurrences(of: Self.placeholder, with: storeID)
      }
      return try StartedQuery.start(statement, with: services)
    }
    QueryWait.untilEnded(query, interrupt: interrupt)
    let described = try OperationOutput.calling(DescribeQuery.name) { try query.describe() }
    let report = try OperationOutput.calling(GetQueryResults.name) {
      try QueryReport(query: query, described: described, format: format, maxRows: maxRows)
    }
    FileHandle.standardOutput.write(Data(report.stdout.utf8))
    FileHandle.standardError.write(Data(report.stderr.utf8))
    if report.status != 0 { throw ExitCode(report.status) }
  }
}
