import ArgumentParser
import Foundation
import TrailCore

extension CreateDashboard: CLIOperation {
  static let abstract = "Create a Lake dashboard of widgets backed by queries, or the Highlights dashboard."
}
extension GetDashboard: CLIOperation {
  static let abstract = "Show a Lake dashboard's widgets, schedule and last refresh."
}
extension UpdateDashboard: CLIOperation {
  static let abstract = "Change a Lake dashboard's widgets, refresh schedule or termination protection."
}
extension DeleteDashboard: CLIOperation {
  static let abstract = "Delete a Lake dashboard (not while termination protection is on)."
}
extension ListDashboards: CLIOperation {
  static let abstract = "List the Lake dashboards of the account and region."
}
extension StartDashboardRefresh: CLIOperation {
  static let abstract =
    "Refresh a Lake dashboard: one query per widget; prints the RefreshId once they ended."
}

/// `traildeck start-dashboard-refresh`: CloudTrail's StartDashboardRefresh with the aws CLI's flags.
///
/// As `start-query`, the CLI is one process per call and queries run inside the process that started
/// them, so the command waits for the widgets' queries to end before it prints `{"RefreshId": …}`;
/// `describe-query --query-alias A --refresh-id R` and `get-query-results` then read them.
/// `traildeck serve` answers at once and runs them in the background.
struct StartDashboardRefreshCommand: ParsableCommand {
  static var configuration: CommandConfiguration {
    let members = CLIArguments.members(of: StartDashboardRefreshRequest.self)
    let flags = members.map { "  " + ($0.isRequired ? $0.usage : "[" + $0.usage + "]") }
    return CommandConfiguration(
      commandName: StartDashboardRefresh.commandName,
      abstract: StartDashboardRefresh.abstract,
      discussion: """
        CloudTrail's StartDashboardRefresh, as `aws cloudtrail start-dashboard-refresh`. Its options:
        \(flags.joined(separator: "\n"))
        QueryParameterValues fill the widgets' $StartTime$, $EndTime$ (ISO 8601 or epoch seconds; \
        default: the day up to the clock's minute) and $Period$ (default hour); the Highlights \
        dashboard also takes $EventDataStoreId$. TrailDeck runs the queries before it prints the \
        RefreshId. Errors print `An error occurred (…Exception) when calling the StartDashboardRefresh \
        operation: …` and exit 254.
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

  func request() throws -> StartDashboardRefreshRequest {
    do {
      return try CLIArguments(operationArguments).decode(StartDashboardRefreshRequest.self)
    } catch let error as CLIArguments.UsageError {
      throw ValidationError(error.message)
    }
  }

  func run() throws {
    let request = try request()
    try LakeQueryTimeout.install(for: store.db)
    let interrupt = QueryInterrupt()
    let response = try OperationOutput.calling(StartDashboardRefresh.name) {
      _ = try EventStore.openWriter(path: store.db)
      let services = try StoreServices(try store.context())
      let response = try StartDashboardRefresh.perform(request, with: services)
      if let id = response.refreshId {
        for query in try StartDashboardRefresh.queryIDs(ofRefresh: id, with: services) {
          QueryWait.untilEnded(StartedQuery(id: query, services: services), interrupt: interrupt)
        }
      }
      return response
    }
    try OperationOutput.printJSON(response)
  }
}
