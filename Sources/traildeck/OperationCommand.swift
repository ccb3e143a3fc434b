import ArgumentParser
import Foundation
import TrailCore

/// A CloudTrail operation the CLI offers as a subcommand: its aws CLI name and one line of help.
protocol CLIOperation: ServiceOperation {
  /// One line for `traildeck --help`.
  static var abstract: String { get }
  /// The aws CLI's service command: `cloudtrail`, or `cloudtrail-data` for PutAuditEvents.
  static var awsService: String { get }
  /// Whether the operation starts Lake queries (StartQuery, StartDashboardRefresh): the command then
  /// waits for them, since a query runs inside the process that started it.
  static var startsQueries: Bool { get }
  /// What the help says of the started queries (empty for other operations).
  static var waitingNote: String { get }
  /// The queries `response` started, to wait for before printing it.
  static func startedQueries(of response: Response, with services: StoreServices) throws -> [String]
}

extension CLIOperation {
  /// The aws CLI's name for the operation (`CreateTrail` → `create-trail`).
  static var commandName: String { CLIArguments.flagName(name) }
  static var awsService: String { "cloudtrail" }
  static var startsQueries: Bool { false }
  static var waitingNote: String { "" }
  static func startedQueries(of response: Response, with services: StoreServices) throws -> [String] { [] }
}

/// Any CloudTrail operation as a subcommand with the aws CLI's name and flags, derived from its
/// request shape by `CLIArguments` (`--s3-bucket-name`, `--is-multi-region-trail | --no-…`, JSON or
/// shorthand for structures, `file://PATH`), printing the response as `aws --output json` does.
///
/// An operation that starts Lake queries runs them in the foreground: the CLI is one process per call
/// and a query runs inside the process that started it, so the command waits for its queries to end
/// (FINISHED, FAILED, CANCELLED by another process, or TIMED_OUT; Ctrl-C cancels them) before it
/// prints the response; `describe-query` and `get-query-results` then read the ended queries.
/// `traildeck serve` answers at once and runs them in the background.
struct OperationCommand<Operation: CLIOperation>: ParsableCommand {
  static var configuration: CommandConfiguration {
    let members = CLIArguments.members(of: Operation.Request.self)
    let flags = members.map { "  " + ($0.isRequired ? $0.usage : "[" + $0.usage + "]") }
    return CommandConfiguration(
      commandName: Operation.commandName,
      abstract: Operation.abstract,
      discussion: """
        CloudTrail's \(Operation.name), as `aws \(Operation.awsService) \(Operation.commandName)`. Its options:
        \(flags.isEmpty ? "  (none)" : flags.joined(separator: "\n"))
        Structures take JSON (inline or file://PATH) or the aws CLI's shorthand (Key=k,Value=v).\(
          Operation.waitingNote.isEmpty ? "" : "\n" + Operation.waitingNote) Errors print
        `An error occurred (…Exception) when calling the \(Operation.name) operation: …` and exit 254.
        """)
  }

  @OptionGroup var store: StoreOptions

  @Option(name: .long, help: "The output format: json (the only one so far, as `aws --output json`).")
  var output: String = "json"

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp("The operation's options (see above).", valueName: "options"))
  var operationArguments: [String] = []

  func validate() throws {
    guard output == "json" else {
      throw ValidationError("Please give --output json (the only format so far).")
    }
    _ = try request()
  }

  /// The request the arguments describe; a mistake is a usage error (exit 252).
  func request() throws -> Operation.Request {
    do {
      return try CLIArguments(operationArguments).decode(Operation.Request.self)
    } catch let error as CLIArguments.UsageError {
      throw ValidationError(error.message)
    }
  }

  func run() throws {
    let request = try request()
    if Operation.startsQueries { try LakeQueryTimeout.install(for: store.db) }
    let interrupt = Operation.startsQueries ? QueryInterrupt() : nil
    let response = try OperationOutput.calling(Operation.name) {
      // Configuration operations work on a fresh machine: the account exists before any event does.
      _ = try EventStore.openWriter(path: store.db)
      let services = try StoreServices(try store.context())
      let response = try Operation.perform(request, with: services)
      if let interrupt {
        for query in try Operation.startedQueries(of: response, with: services) {
          QueryWait.untilEnded(StartedQuery(id: query, services: services), interrupt: interrupt)
        }
      }
      return response
    }
    try OperationOutput.printJSON(response)
  }
}

extension CreateTrail: CLIOperation {
  static let abstract =
    "Create a trail (it does not log until start-logging), like `aws cloudtrail create-trail`."
}
extension UpdateTrail: CLIOperation {
  static let abstract = "Change a trail's settings, in its home region."
}
extension DeleteTrail: CLIOperation {
  static let abstract = "Delete a trail (its bucket and log files stay)."
}
extension GetTrail: CLIOperation {
  static let abstract = "Show one trail's settings."
}
extension DescribeTrails: CLIOperation {
  static let abstract = "Show the settings of the region's trails (or those named)."
}
extension ListTrails: CLIOperation {
  static let abstract = "List the account's trails with their home regions."
}
extension GetTrailStatus: CLIOperation {
  static let abstract = "Show whether a trail logs and what its deliveries last did."
}
extension StartLogging: CLIOperation {
  static let abstract = "Start a trail's logging."
}
extension StopLogging: CLIOperation {
  static let abstract = "Stop a trail's logging."
}
extension AddTags: CLIOperation {
  static let abstract = "Add or overwrite tags on a trail."
}
extension RemoveTags: CLIOperation {
  static let abstract = "Remove tags from a trail."
}
extension ListTags: CLIOperation {
  static let abstract = "List the tags of trails."
}
extension RegisterOrganizationDelegatedAdmin: CLIOperation {
  static let abstract = "Make a member account a delegated administrator of the organization's trails."
}
extension DeregisterOrganizationDelegatedAdmin: CLIOperation {
  static let abstract = "Remove a delegated administrator."
}
extension PutEventSelectors: CLIOperation {
  static let abstract = "Set a trail's basic or advanced event selectors (JSON or file://PATH)."
}
extension GetEventSelectors: CLIOperation {
  static let abstract = "Show a trail's event selectors."
}
extension PutInsightSelectors: CLIOperation {
  static let abstract = "Turn a trail's Insights on (or off with [])."
}
extension GetInsightSelectors: CLIOperation {
  static let abstract = "Show a trail's Insights selectors."
}
extension ListInsightsMetricData: CLIOperation {
  static let abstract =
    "Per-minute, 5-minute or hourly counts of an API's calls or errors, as Insights judge them."
}
extension ListInsightsData: CLIOperation {
  static let abstract = "List the Insights events of a trail."
}
extension CreateChannel: CLIOperation {
  static let abstract =
    "Create a Lake channel: events from outside AWS into ActivityAuditLog event data stores."
}
extension GetChannel: CLIOperation {
  static let abstract = "Show a channel, with the time and event of its latest ingestion."
}
extension ListChannels: CLIOperation {
  static let abstract = "List the channels of the account and region."
}
extension UpdateChannel: CLIOperation {
  static let abstract = "Rename a channel or change its destination event data stores."
}
extension DeleteChannel: CLIOperation {
  static let abstract = "Delete a channel (its events stay in their event data stores)."
}
extension PutResourcePolicy: CLIOperation {
  static let abstract = "Attach a resource policy to a channel or event data store (who may put events)."
}
extension GetResourcePolicy: CLIOperation {
  static let abstract = "Show the resource policy of a channel or event data store."
}
extension DeleteResourcePolicy: CLIOperation {
  static let abstract = "Remove the resource policy of a channel or event data store."
}
extension PutAuditEvents: CLIOperation {
  static let abstract =
    "Put 1-100 events from outside AWS into a channel (aws cloudtrail-data put-audit-events)."
  static let awsService = "cloudtrail-data"
}
extension PutEventConfiguration: CLIOperation {
  static let abstract =
    "Set an event data store's MaxEventSize and context keys, or a trail's aggregation of data events."
}
extension GetEventConfiguration: CLIOperation {
  static let abstract =
    "Show an event data store's MaxEventSize and context keys, or a trail's aggregation templates."
}
extension GenerateQuery: CLIOperation {
  static let abstract =
    "Write Lake SQL for a question in English, from TrailDeck's offline catalogue of investigation questions."
}
extension SearchSampleQueries: CLIOperation {
  static let abstract = "Search the sample Lake queries and the query generator's questions."
}
