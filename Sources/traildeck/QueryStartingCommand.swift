import ArgumentParser
import Foundation
import TrailCore

/// An operation that starts Lake queries: StartQuery (one) and StartDashboardRefresh (one per widget).
protocol QueryStartingOperation: CLIOperation {
  /// What the command's help says after the flags: what it waits for, how to read the results.
  static var waitingNote: String { get }
  /// The queries `response` started, to wait for.
  static func startedQueries(of response: Response, with services: StoreServices) throws -> [String]
}

/// An operation that starts Lake queries, with the aws CLI's flags, run in the foreground.
///
/// The CLI is one process per call and a query runs inside the process that started it, so the
/// command waits for its queries to end (FINISHED, FAILED, CANCELLED by another process, or TIMED_OUT)
/// before it prints the response; `describe-query` and `get-query-results` then read the ended
/// queries. `traildeck serve` answers at once and runs them in the background. Ctrl-C cancels them.
struct QueryStartingCommand<Operation: QueryStartingOperation>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let members = CLIArguments.members(of: Operation.Request.self)
    let flags = members.map { "  " + ($0.isRequired ? $0.usage : "[" + $0.usage + "]") }
    return CommandConfiguration(
      commandName: Operation.commandName,
      abstract: Operation.abstract,
      discussion: """
        CloudTrail's \(Operation.name), as `aws cloudtrail \(Operation.commandName)`. Its options:
        \(flags.joined(separator: "\n"))
        \(Operation.waitingNote) Errors print `An error occurred (…Exception) when calling the \
        \(Operation.name) operation: …` and exit 254.
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

  func request() throws -> Operation.Request {
    do {
      return try CLIArguments(operationArguments).decode(Operation.Request.self)
    } catch let error as CLIArguments.UsageError {
      throw ValidationError(error.message)
    }
  }

  func run() throws {
    let request = try request()
    try LakeQueryTimeout.install(for: store.db)
    let interrupt = QueryInterrupt()
    let response = try OperationOutput.calling(Operation.name) {
      _ = try EventStore.openWriter(path: store.db)
      let services = try StoreServices(try store.context())
      let response = try Operation.perform(request, with: services)
      for query in try Operation.startedQueries(of: response, with: services) {
        QueryWait.untilEnded(StartedQuery(id: query, services: services), interrupt: interrupt)
      }
      return response
    }
    try OperationOutput.printJSON(response)
  }
}

extension StartQuery: QueryStartingOperation {
  static let waitingNote = """
    TrailDeck runs the query before it prints the QueryId, so describe-query shows it FINISHED (or \
    FAILED, CANCELLED, TIMED_OUT) afterwards; the timeout is an hour of the clock, or \
    \(LakeQueryTimeout.variable) seconds. Ctrl-C cancels the query. For reading rows at a terminal, see \
    `traildeck query`.
    """
  static func startedQueries(of response: StartQueryResponse, with services: StoreServices) throws -> [String]
  {
    response.queryId.map { [$0] } ?? []
  }
}

extension StartDashboardRefresh: QueryStartingOperation {
  static let waitingNote = """
    QueryParameterValues fill the widgets' $StartTime$, $EndTime$ (ISO 8601 or epoch seconds; default: \
    the day up to the clock's minute) and $Period$ (default hour); the Highlights dashboard also takes \
    $EventDataStoreId$. TrailDeck runs the widgets' queries before it prints the RefreshId; \
    describe-query --query-alias A --refresh-id R and get-query-results then read them.
    """
  static func startedQueries(of response: StartDashboardRefreshResponse, with services: StoreServices) throws
    -> [String]
  {
    guard let id = response.refreshId else { return [] }
    return try StartDashboardRefresh.queryIDs(ofRefresh: id, with: services)
  }
}
