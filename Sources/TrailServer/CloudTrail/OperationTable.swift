import Foundation
import TrailCore

/// The CloudTrail operations the server answers, by the model's name, each as "decode the request
/// from JSON, perform it with the engine, encode the response as JSON 1.1": the same `perform` the CLI
/// calls.
struct OperationTable: Sendable {
  /// One operation, type-erased.
  struct Entry: Sendable {
    /// Decodes and performs the request in `body`; returns the JSON response.
    var call: @Sendable (_ body: JSONValue, _ services: StoreServices) throws -> JSONValue
  }

  private(set) var entries: [String: Entry] = [:]

  /// Adds `operation`.
  mutating func add<Operation: ServiceOperation & SendableMetatype>(_ operation: Operation.Type) {
    entries[Operation.name] = Entry { body, services in
      let request: Operation.Request
      do {
        request = try ShapeDecoder().decode(Operation.Request.self, from: body)
      } catch let error as DecodingError {
        throw Self.serviceError(error)
      }
      let response = try Operation.perform(request, with: services)
      return try ShapeEncoder(.epochSeconds).encode(response)
    }
  }

  subscript(name: String) -> Entry? { entries[name] }

  /// Every CloudTrail operation TrailDeck implements so far (the Lake and Insights issues add theirs).
  static let cloudTrail: OperationTable = {
    var table = OperationTable()
    table.add(LookupEvents.self)
    table.add(ListPublicKeys.self)
    table.add(CreateTrail.self)
    table.add(UpdateTrail.self)
    table.add(DeleteTrail.self)
    table.add(GetTrail.self)
    table.add(DescribeTrails.self)
    table.add(ListTrails.self)
    table.add(GetTrailStatus.self)
    table.add(StartLogging.self)
    table.add(StopLogging.self)
    table.add(AddTags.self)
    table.add(RemoveTags.self)
    table.add(ListTags.self)
    table.add(RegisterOrganizationDelegatedAdmin.self)
    table.add(DeregisterOrganizationDelegatedAdmin.self)
    table.add(PutEventSelectors.self)
    table.add(GetEventSelectors.self)
    table.add(PutInsightSelectors.self)
    table.add(GetInsightSelectors.self)
    table.add(ListInsightsMetricData.self)
    table.add(ListInsightsData.self)
    // CloudTrail Lake: event data stores and imports (StartImport answers first and runs on a thread).
    table.add(CreateEventDataStore.self)
    table.add(GetEventDataStore.self)
    table.add(UpdateEventDataStore.self)
    table.add(ListEventDataStores.self)
    table.add(DeleteEventDataStore.self)
    table.add(RestoreEventDataStore.self)
    table.add(StartEventDataStoreIngestion.self)
    table.add(StopEventDataStoreIngestion.self)
    table.add(EnableFederation.self)
    table.add(DisableFederation.self)
    table.add(BackgroundStartImport.self)
    table.add(GetImport.self)
    table.add(ListImports.self)
    table.add(ListImportFailures.self)
    table.add(StopImport.self)
    // Lake queries: StartQuery answers at once; the query runs on a worker of the server's process.
    table.add(StartQuery.self)
    table.add(DescribeQuery.self)
    table.add(GetQueryResults.self)
    table.add(CancelQuery.self)
    table.add(ListQueries.self)
    // Lake channels and resource policies (PutAuditEvents is cloudtrail-data's, `CloudTrailDataHandler`).
    table.add(CreateChannel.self)
    table.add(GetChannel.self)
    table.add(ListChannels.self)
    table.add(UpdateChannel.self)
    table.add(DeleteChannel.self)
    table.add(PutResourcePolicy.self)
    table.add(GetResourcePolicy.self)
    table.add(DeleteResourcePolicy.self)
    table.add(PutEventConfiguration.self)
    table.add(GetEventConfiguration.self)
    // The offline query generator and the sample queries.
    table.add(GenerateQuery.self)
    table.add(SearchSampleQueries.self)
    // Lake dashboards: StartDashboardRefresh answers at once; the widgets' queries run on its workers.
    table.add(CreateDashboard.self)
    table.add(GetDashboard.self)
    table.add(UpdateDashboard.self)
    table.add(DeleteDashboard.self)
    table.add(ListDashboards.self)
    table.add(StartDashboardRefresh.self)
    return table
  }()

  /// The exception for a request that does not decode: SerializationException, except where the
  /// operation has its own exception for the member (an unknown lookup `AttributeKey` is
  /// InvalidLookupAttributesException, in the words the CLI uses).
  static func serviceError(_ error: DecodingError) -> ServiceError {
    if case .dataCorrupted(let context) = error,
      let unknown = context.underlyingError as? UnknownLookupAttributeKey
    {
      let names = LookupAttributeKey.allCases.map(\.rawValue)
      let suggestion = Suggestions.nearest(to: unknown.key, in: names).map { " Did you mean '\($0)'?" } ?? ""
      return ServiceError(
        "InvalidLookupAttributesException",
        "Unknown AttributeKey '\(unknown.key)'.\(suggestion) Valid keys: \(names.joined(separator: ", ")).")
    }
    return ServiceError("SerializationException", describe(error))
  }

  /// A decoding failure as a sentence naming the member's path.
  static func describe(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.isEmpty
        ? "the request"
        : "'"
          + keys.map { $0.intValue.map { "\($0 + 1)" } ?? $0.stringValue }
          .joined(separator: ".") + "'"
    }
    switch error {
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return "Cannot read \(path(context.codingPath)): \(context.debugDescription)"
    case .keyNotFound(let key, let context):
      return "Cannot read \(path(context.codingPath + [key])): the member is missing."
    @unknown default:
      return "Cannot read the request: \(error)"
    }
  }
}
