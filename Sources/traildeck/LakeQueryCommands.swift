import ArgumentParser
import Foundation
import TrailCore

extension DescribeQuery: CLIOperation {
  static let abstract = "Show a Lake query's status, statistics and error."
}
extension GetQueryResults: CLIOperation {
  static let abstract = "Print a page of a Lake query's result rows."
}
extension CancelQuery: CLIOperation {
  static let abstract = "Cancel a QUEUED or RUNNING Lake query."
}
extension ListQueries: CLIOperation {
  static let abstract = "List an event data store's Lake queries of the last 7 days."
}
extension StartQuery: CLIOperation {
  static let abstract = "Run a Lake query and print its QueryId (it has ended by then)."
}

/// Reads the timeout of Lake queries for the CLI's process: `TRAILDECK_QUERY_TIMEOUT` seconds of the
/// clock (default CloudTrail's hour), so a test or a demo at `--speed` can make it short.
enum LakeQueryTimeout {
  static let variable = "TRAILDECK_QUERY_TIMEOUT"

  /// The timeout queries run with: `timeout` when given, else the environment's, else nil (the
  /// host's default, CloudTrail's hour).
  /// - Throws: `ValidationError` when the variable is not a number of seconds above 0.
  static func seconds(
    given timeout: Double?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> Double? {
    if let timeout { return timeout }
    guard let text = environment[variable] else { return nil }
    guard let value = Double(text), value > 0 else {
      throw ValidationError("Please set \(variable) to a number of seconds above 0; got '\(text)'.")
    }
    return value
  }

  /// Installs a host with `timeout` (or the environment's) for the store at `db`.
  static func install(for db: String, timeout: Double? = nil) throws {
    guard let seconds = try seconds(given: timeout) else { return }
    LakeQueryHost.install(LakeQueryHost(settings: LakeQuerySettings(timeout: seconds)), for: db)
  }
}

/// `traildeck start-query`: CloudTrail's StartQuery with the aws CLI's flags, run in the foreground.
///
/// The CLI is one process per call and a query runs inside the process that started it, so the
/// command waits for the query to end (FINISHED, FAILED, CANCELLED by another process, or TIMED_OUT)
/// before it prints `{"QueryId": …}`; `describe-query` and `get-query-results` then read the ended
/// query. `traildeck serve` answers StartQuery at once and runs the query in the background.
struct StartQueryCommand: ParsableCommand {
  static var configuration: CommandConfiguration {
    let members = CLIArguments.members(of: StartQueryRequest.self)
    let flags = members.map { "  [" + $0.usage + "]" }
    return CommandConfiguration(
      commandName: StartQuery.commandName,
      abstract: StartQuery.abstract,
      discussion: """
        CloudTrail's StartQuery, as `aws cloudtrail start-query`. Its options:
        \(flags.joined(separator: "\n"))
        TrailDeck runs the query before it prints the QueryId, so describe-query shows it FINISHED (or \
        FAILED, CANCELLED, TIMED_OUT) afterwards; the timeout is an hour of the clock, or \
        \(LakeQueryTimeout.variable) seconds. Ctrl-C cancels the query. Errors print `An error occurred \
        (…Exception) when calling the StartQuery operation: …` and exit 254. For reading rows at a \
        terminal, see `traildeck query`.
        """)
  }

  @OptionGroup var store: StoreOptions

  @Option(name: .long, help: "The output format: json (the only one, as `aws --output json`).")
  var output: String = "json"

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The operation's options (see above).", valueName: "options"))
  var operationArguments: [String] = []

  func validate() throws {
    guard output == "json" else { throw ValidationError("Please give --output json (the only format).") }
    _ = try request()
  }

  func request() throws -> StartQueryRequest {
    do {
      return try CLIArguments(operationArguments).decode(StartQueryRequest.self)
    } catch let error as CLIArguments.UsageError {
      throw ValidationError(error.message)
    }
  }

  func run() throws {
    let request = try request()
    try LakeQueryTimeout.install(for: store.db)
    let interrupt = QueryInterrupt()
    let response = try OperationOutput.calling(StartQuery.name) {
      _ = try EventStore.openWriter(path: store.db)
      let services = try StoreServices(try store.context())
      let response = try StartQuery.perform(request, with: services)
      if let id = response.queryId {
        QueryWait.untilEnded(StartedQuery(id: id, services: services), interrupt: interrupt)
      }
      return response
    }
    try OperationOutput.printJSON(response)
  }
}
