import ArgumentParser
import Foundation
import TrailCore

@main
struct TrailDeckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "traildeck",
    abstract: "AWS CloudTrail on one machine: ingest log files, look up events, watch a live dashboard.",
    discussion: """
      With no subcommand, opens the terminal UI (`ui`) on the default database, seeding the demo account
      first when it holds no events (7 days × 3 accounts × 3 regions) and adding live simulated events
      at 2 events/s while it runs.
      """,
    subcommands: [
      UICommand.self, IngestCommand.self, LookupEventsCommand.self, StatsCommand.self, DemoCommand.self,
      InsightsCommand.self, ResourceTimelineCommand.self,
      MakeBucketCommand.self, CreateKeyCommand.self, DeliverCommand.self, ServeCommand.self,
      CreateTopicCommand.self, ListTopicsCommand.self, DeleteTopicCommand.self,
      PutKeyPolicyCommand.self, GetKeyPolicyCommand.self,
      // Organizations and IAM: the state organization trails depend on.
      DescribeOrganizationCommand.self, CreateOrganizationCommand.self, EnableAllFeaturesCommand.self,
      EnableServiceAccessCommand.self, DisableServiceAccessCommand.self, ListServiceAccessCommand.self,
      ListAccountsCommand.self, CloseAccountCommand.self, CreateServiceLinkedRoleCommand.self,
      DeleteServiceLinkedRoleCommand.self,
      // CloudTrail operations, one line each: name, flags and output come from the operation's shapes.
      OperationCommand<CreateTrail>.self, OperationCommand<UpdateTrail>.self,
      OperationCommand<DeleteTrail>.self,
      OperationCommand<GetTrail>.self, OperationCommand<DescribeTrails>.self,
      OperationCommand<ListTrails>.self,
      OperationCommand<GetTrailStatus>.self, OperationCommand<StartLogging>.self,
      OperationCommand<StopLogging>.self, OperationCommand<AddTags>.self, OperationCommand<RemoveTags>.self,
      OperationCommand<ListTags>.self, OperationCommand<RegisterOrganizationDelegatedAdmin>.self,
      OperationCommand<DeregisterOrganizationDelegatedAdmin>.self, OperationCommand<PutEventSelectors>.self,
      OperationCommand<GetEventSelectors>.self, OperationCommand<PutInsightSelectors>.self,
      OperationCommand<GetInsightSelectors>.self, OperationCommand<ListInsightsMetricData>.self,
      OperationCommand<ListInsightsData>.self,
      // CloudTrail Lake: event data stores and imports.
      OperationCommand<CreateEventDataStore>.self, OperationCommand<GetEventDataStore>.self,
      OperationCommand<UpdateEventDataStore>.self, OperationCommand<ListEventDataStores>.self,
      OperationCommand<DeleteEventDataStore>.self, OperationCommand<RestoreEventDataStore>.self,
      OperationCommand<StartEventDataStoreIngestion>.self, OperationCommand<StopEventDataStoreIngestion>.self,
      OperationCommand<StartImport>.self, OperationCommand<GetImport>.self,
      OperationCommand<ListImports>.self,
      OperationCommand<ListImportFailures>.self, OperationCommand<StopImport>.self,
      OperationCommand<EnableFederation>.self, OperationCommand<DisableFederation>.self, ExportCommand.self,
      ListPublicKeysCommand.self, ValidateLogsCommand.self, VerifyQueryResultsCommand.self,
      // CloudTrail Lake queries: the five operations, and `query` for people at a terminal.
      OperationCommand<StartQuery>.self, OperationCommand<DescribeQuery>.self,
      OperationCommand<GetQueryResults>.self,
      OperationCommand<CancelQuery>.self, OperationCommand<ListQueries>.self, QueryCommand.self,
      // CloudTrail Lake: channels for events from outside AWS, resource policies, PutAuditEvents.
      OperationCommand<CreateChannel>.self, OperationCommand<GetChannel>.self,
      OperationCommand<ListChannels>.self, OperationCommand<UpdateChannel>.self,
      OperationCommand<DeleteChannel>.self, OperationCommand<PutResourcePolicy>.self,
      OperationCommand<GetResourcePolicy>.self, OperationCommand<DeleteResourcePolicy>.self,
      OperationCommand<PutAuditEvents>.self,
      OperationCommand<PutEventConfiguration>.self, OperationCommand<GetEventConfiguration>.self,
      OperationCommand<GenerateQuery>.self, OperationCommand<SearchSampleQueries>.self,
      // CloudTrail Lake dashboards.
      OperationCommand<CreateDashboard>.self, OperationCommand<GetDashboard>.self,
      OperationCommand<UpdateDashboard>.self, OperationCommand<DeleteDashboard>.self,
      OperationCommand<ListDashboards>.self, OperationCommand<StartDashboardRefresh>.self,
    ],
    defaultSubcommand: UICommand.self
  )

  /// The aws CLI's exit statuses: a usage error (unknown option, bad value) is 252, where
  /// ArgumentParser would exit 64; a service error is 254 (`OperationOutput`); help and success 0.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(usageErrorStatus)
      }
      exit(withError: error)
    }
  }

  /// What the aws CLI exits with when its arguments are wrong.
  static let usageErrorStatus: Int32 = 252
}
