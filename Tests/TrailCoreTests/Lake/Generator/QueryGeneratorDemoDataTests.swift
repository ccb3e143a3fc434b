import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// GenerateQuery over the demo's stores of configuration items and evidence: the store's kind picks
/// the questions, each question's statement finds rows in the simulator's data, and a question about
/// another kind of store is refused naming the store's kind and the questions that fit it.
@Suite("Query generator on the demo's configuration-item and evidence stores", .serialized)
struct QueryGeneratorDemoDataTests {
  func generate(_ prompt: String, on arn: String, _ demo: DemoLakeStores) throws -> GenerateQueryResponse {
    try GenerateQuery.perform(
      GenerateQueryRequest(eventDataStores: [arn], prompt: prompt), with: demo.services())
  }

  /// A prompt per question, with values the demo has (a real security group for the history).
  func prompt(for question: InvestigationQuestion, _ demo: DemoLakeStores) throws -> String {
    guard question.name == "configuration-history" else { return question.example }
    let group = try demo.rows(
      """
      SELECT eventData.resourceId FROM \(demo.table(.configurationItem))
      WHERE eventData.resourceType = 'AWS::EC2::SecurityGroup' LIMIT 1
      """)
    return "Configuration history of security group \(try #require(group.first?.first ?? nil))"
  }

  @Test(
    arguments: (InvestigationQuestion.configurationItemQuestions + InvestigationQuestion.evidenceQuestions)
      .map(
        \.name))
  func questionIsGeneratedForItsStoreAndFindsRows(_ name: String) throws {
    let demo = try DemoLakeStores.shared.get()
    let question = try #require(InvestigationQuestion.catalogue.first { $0.name == name })
    let arn = question.storeKind == .evidence ? demo.evidenceARN : demo.configItemsARN
    let prompt = try prompt(for: question, demo)
    let generated = try generate(prompt, on: arn, demo)
    let statement = try #require(generated.queryStatement)
    #expect(statement.contains("FROM \(demo.table(question.storeKind))"))
    // The generated statement is the question's.
    let expected = QueryGenerator().statement(
      of: question, prompt: prompt, store: demo.table(question.storeKind), now: demo.fixture.clock.now())
    #expect(statement == expected, "\(prompt) did not ask \(name)")
    #expect(!(try demo.rows(statement)).isEmpty, "\(name) found nothing:\n\(statement)")
  }

  @Test func aCloudTrailQuestionOfAConfigurationItemStoreNamesItsKindAndTheQuestionsThatFit() throws {
    let demo = try DemoLakeStores.shared.get()
    let id = demo.table(.configurationItem)
    do {
      _ = try generate("Who made the most API calls?", on: demo.configItemsARN, demo)
      Issue.record("a CloudTrail question was generated over a store of configuration items")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "GenerateResponseException")
      #expect(
        error.message
          == "The prompt asks 'Who made the most API calls?', a question about AWS events, but the event data "
          + "store \(id) holds ConfigurationItem events. Questions for it: 'What is the configuration history "
          + "of this resource?' (e.g. 'Configuration history of security group sg-0123456789abcdef0'); "
          + "'Which resources were deleted?' (e.g. 'Which resources were deleted this week?'); 'Which "
          + "resources changed?' (e.g. 'Which resources changed in the last 24 hours?').")
    }
  }

  @Test func anEvidenceQuestionOfACloudTrailStoreNamesItsKind() throws {
    let demo = try DemoLakeStores.shared.get()
    do {
      _ = try generate("Which compliance checks failed?", on: demo.cloudTrailARN, demo)
      Issue.record("an evidence question was generated over a store of CloudTrail events")
    } catch let error as ServiceError {
      #expect(error.exceptionName == "GenerateResponseException")
      #expect(error.message.contains("a question about Evidence events"))
      #expect(error.message.contains("holds AWS events. Questions for it: "))
    }
  }
}
