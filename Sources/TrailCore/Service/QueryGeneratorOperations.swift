import Foundation
import LakeSQL

/// `GenerateQuery`: Lake SQL for a prompt, from TrailDeck's offline catalogue of investigation
/// questions (`QueryGenerator`), over the one event data store named; the statement is kept under the
/// returned QueryAlias for `StartQuery`.
/// - Throws: `ServiceError` `InvalidParameterException` (Prompt not 3–500 printable characters,
///   EventDataStores not exactly one), the store's `EventDataStoreARNInvalidException`,
///   `EventDataStoreNotFoundException`, `InactiveEventDataStoreException`, and
///   `GenerateResponseException` naming the closest questions when the prompt matches none, or the
///   store's kind and the questions that fit it when the prompt asks about another kind of store.
public enum GenerateQuery: ServiceOperation {
  public static let name = "GenerateQuery"

  public static func perform(_ request: GenerateQueryRequest, with services: StoreServices) throws
    -> GenerateQueryResponse
  {
    let prompt = request.prompt
    guard (3...500).contains(prompt.count) else {
      throw ServiceError.invalidParameter("The prompt has \(prompt.count) characters; it must have 3 to 500.")
    }
    guard prompt.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) || $0 == "\n" }) else {
      throw ServiceError.invalidParameter("The prompt must be printable ASCII (and newlines).")
    }
    guard request.eventDataStores.count == 1 else {
      throw ServiceError.invalidParameter(
        "EventDataStores names \(request.eventDataStores.count) event data stores; give exactly one.")
    }
    let context = services.context
    let arn = try LakeEventDataStores.checkedARN(
      request.eventDataStores[0], connection: services.connection, context: context)
    // The store's kind picks the questions: configuration items and evidence have columns of their own.
    let kind =
      try EventDataStoreCatalog.find(arn, connection: services.connection)?.tableSchema ?? .cloudTrail
    let generated: (question: InvestigationQuestion, statement: String)
    do {
      generated = try QueryGenerator().generate(
        prompt, store: LakeEventDataStores.id(ofARN: arn), storeKind: kind, now: context.clock.now())
    } catch {
      throw ServiceError("GenerateResponseException", error.message)
    }
    let alias = try GeneratedQueries.record(prompt: prompt, statement: generated.statement, context: context)
    let owner = arn.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(
      String.init)
    return GenerateQueryResponse(
      queryStatement: generated.statement, queryAlias: alias, eventDataStoreOwnerAccountId: owner)
  }
}

/// `SearchSampleQueries`: the console's sample queries and the generator's questions that match a
/// phrase, most relevant first (`SampleQuerySearch`).
/// - Throws: `ServiceError` `InvalidParameterException` (SearchPhrase not 2–1000 characters,
///   MaxResults not 1–50, a NextToken not issued for this phrase).
public enum SearchSampleQueries: ServiceOperation {
  public static let name = "SearchSampleQueries"

  public static func perform(_ request: SearchSampleQueriesRequest, with services: StoreServices) throws
    -> SearchSampleQueriesResponse
  {
    try SampleQuerySearch(now: services.context.clock.now()).search(request)
  }
}
