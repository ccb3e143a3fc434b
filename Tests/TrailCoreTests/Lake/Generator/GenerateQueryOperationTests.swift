import Foundation
import Testing

@testable import TrailCore

/// GenerateQuery and SearchSampleQueries as operations: the model's limits, the generated alias that
/// StartQuery runs, and every catalogue question's statement running FINISHED over a simulated store.
@Suite("GenerateQuery and SearchSampleQueries", .serialized)
struct GenerateQueryOperationTests {
  /// A store seeded by the simulator, then an event data store that collects an hour of live
  /// simulated events (stores collect from their creation on).
  final class SimulatedLake {
    let store: TestStore
    let clock: ManualClock
    let context: StoreContext
    let storeARN: String

    init() throws {
      store = try TestStore()
      let end = Date(timeIntervalSince1970: 1_795_168_800)  // 2026-11-20T10:00:00Z
      clock = ManualClock(end)
      let simulator = DemoSimulator(
        configuration: DemoConfiguration(seed: 7, days: 1, accounts: 1, regions: 2, end: end))
      let loader = try DemoLoader(databasePath: store.dbPath, clock: clock)
      _ = try loader.seed(simulator)
      context = StoreContext(
        databasePath: store.dbPath, clock: clock, bucketsDirectory: store.folder + "/buckets",
        account: simulator.configuration.accountIds[0])
      let created = try CreateEventDataStore.perform(
        CreateEventDataStoreRequest(name: "simulated"), with: StoreServices(context))
      storeARN = try #require(created.eventDataStoreArn)
      _ = try loader.appendLive(simulator, from: end, to: end.addingTimeInterval(3_600), rate: 1)
      clock.advance(by: 3_600)
    }

    func services() throws -> StoreServices { try StoreServices(context) }

    func generate(_ prompt: String) throws -> GenerateQueryResponse {
      try GenerateQuery.perform(
        GenerateQueryRequest(eventDataStores: [storeARN], prompt: prompt), with: services())
    }

    /// Starts a query and waits for its end; DescribeQuery's answer.
    func run(_ request: StartQueryRequest) throws -> DescribeQueryResponse {
      let services = try services()
      let id = try #require(try StartQuery.perform(request, with: services).queryId)
      LakeQueryHost.host(for: store.dbPath).waitUntilEnded(id)
      return try DescribeQuery.perform(DescribeQueryRequest(queryId: id), with: services)
    }
  }

  @Test func everyCatalogueQuestionRunsFinishedOverASimulatedStore() throws {
    let lake = try SimulatedLake()
    let id = LakeEventDataStores.id(ofARN: lake.storeARN)
    let generator = QueryGenerator()
    // Questions over configuration items and evidence run on the demo's stores of those kinds
    // (QueryGeneratorDemoDataTests).
    for question in InvestigationQuestion.cloudTrailQuestions {
      for prompt in [question.example, question.example + " in the last 7 days"] {
        let statement = generator.statement(of: question, prompt: prompt, store: id, now: lake.clock.now())
        let described = try lake.run(StartQueryRequest(queryStatement: statement))
        #expect(
          described.queryStatus == "FINISHED",
          "\(question.name): \(described.errorMessage ?? "")\n\(statement)")
      }
    }
  }

  @Test func theGeneratedAliasRunsTheGeneratedStatement() throws {
    let lake = try SimulatedLake()
    let generated = try lake.generate("Top callers in the last 24 hours")
    let alias = try #require(generated.queryAlias)
    #expect(alias.hasPrefix("generated-"))
    #expect(generated.eventDataStoreOwnerAccountId == lake.context.account)
    let statement = try #require(generated.queryStatement)
    #expect(statement.contains("FROM \(LakeEventDataStores.id(ofARN: lake.storeARN))"))
    #expect(try lake.generate("Top callers in the last 24 hours").queryAlias == alias)

    let described = try lake.run(StartQueryRequest(queryAlias: alias))
    #expect(described.queryStatus == "FINISHED", "\(described.errorMessage ?? "")")
    #expect(described.queryString == statement)
    // Another account's caller does not see the alias.
    var other = lake.context
    other.account = "999999999999"
    #expect(
      exceptionName {
        _ = try StartQuery.perform(StartQueryRequest(queryAlias: alias), with: StoreServices(other))
      } == "InvalidParameterException")
  }

  @Test(arguments: [
    ("ab", 1, "InvalidParameterException"),
    (String(repeating: "a", count: 501), 1, "InvalidParameterException"),
    ("who deleted things", 0, "InvalidParameterException"),
    ("who deleted things", 2, "InvalidParameterException"),
    ("bake me a chocolate cake", 1, "GenerateResponseException"),
  ])
  func refusals(_ prompt: String, _ stores: Int, _ exception: String) throws {
    let fixture = try LakeFixture()
    let arn = try #require(try fixture.create("one").eventDataStoreArn)
    let request = GenerateQueryRequest(eventDataStores: Array(repeating: arn, count: stores), prompt: prompt)
    #expect(
      fixture.exception { _ = try GenerateQuery.perform(request, with: fixture.services()) } == exception)
  }

  @Test func anUnknownStoreIsNotFound() throws {
    let fixture = try LakeFixture()
    let request = GenerateQueryRequest(
      eventDataStores: ["EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE"], prompt: "Top callers today")
    #expect(
      fixture.exception { _ = try GenerateQuery.perform(request, with: fixture.services()) }
        == "EventDataStoreNotFoundException")
  }

  @Test func searchFindsQuestionsAndSamplesAndPages() throws {
    let fixture = try LakeFixture()
    let services = try fixture.services()
    let first = try SearchSampleQueries.perform(
      SearchSampleQueriesRequest(searchPhrase: "console login", maxResults: 2), with: services)
    let results = try #require(first.searchResults)
    #expect(results.count == 2)
    #expect(results.allSatisfy { ($0.relevance ?? 0) > 0 && ($0.relevance ?? 2) <= 1 })
    #expect(results.allSatisfy { $0.sql?.contains("FROM $EDS_ID") == true })
    let token = try #require(first.nextToken)
    let second = try SearchSampleQueries.perform(
      SearchSampleQueriesRequest(searchPhrase: "console login", maxResults: 50, nextToken: token),
      with: services)
    let rest = try #require(second.searchResults)
    #expect(!rest.isEmpty)
    #expect(second.nextToken == nil)
    let names = (results + rest).compactMap(\.name)
    #expect(names.contains("Which console logins did not use MFA?"))
    #expect(names.contains("Console logins"))
    #expect(Set(names).count == names.count)
    // A token of another phrase, a page size out of range.
    #expect(
      fixture.exception {
        _ = try SearchSampleQueries.perform(
          SearchSampleQueriesRequest(searchPhrase: "root", nextToken: token), with: services)
      } == "InvalidParameterException")
    #expect(
      fixture.exception {
        _ = try SearchSampleQueries.perform(
          SearchSampleQueriesRequest(searchPhrase: "root", maxResults: 51), with: services)
      } == "InvalidParameterException")
    #expect(
      try SearchSampleQueries.perform(SearchSampleQueriesRequest(searchPhrase: "zzzz qqqq"), with: services)
        .searchResults == [])
  }
}
