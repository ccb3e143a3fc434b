import Foundation
import LakeSQL
import Testing

@testable import TrailCore

/// The generator's questions over configuration items and evidence: a prompt picks among the
/// questions of the named store's kind, reads the values those questions use (resource type,
/// control), and the same words asked of another kind of store answer that kind's question.
@Suite("Query generator by store kind")
struct QueryGeneratorStoreKindTests {
  /// 2026-11-20T10:30:00Z.
  static let now = Date(timeIntervalSince1970: 1_795_170_600)
  let generator = QueryGenerator()

  @Test(arguments: [
    ("Configuration history of security group sg-0123456789abcdef0", "configuration-history"),
    ("timeline of bucket my-app-logs", "configuration-history"),
    ("Which resources changed in the last 24 hours?", "changed-resources"),
    ("resources modified yesterday", "changed-resources"),
    ("Which resources were deleted this week?", "deleted-resources"),
    ("Who deleted this resource?", "deleted-resources"),
    ("Which resources are non-compliant?", "non-compliant-resources"),
    ("config rule compliance", "non-compliant-resources"),
    ("How many resources of type AWS::EC2::Instance by account and region?", "resources-by-type"),
    ("resource inventory", "resources-by-type"),
  ])
  func configurationItemPromptsPickTheirQuestion(_ prompt: String, _ name: String) throws {
    let generated = try generator.generate(prompt, store: "cfg", storeKind: .configurationItem, now: Self.now)
    #expect(generated.question.name == name, "\(prompt)")
    #expect(generated.question.storeKind == .configurationItem)
  }

  @Test(arguments: [
    ("Which compliance checks failed yesterday?", "failed-compliance-checks"),
    ("non-compliant resources", "failed-compliance-checks"),
    ("Evidence for control S3.14 in the last 7 days", "control-evidence"),
    ("show evidence of control [KMS.4]", "control-evidence"),
  ])
  func evidencePromptsPickTheirQuestion(_ prompt: String, _ name: String) throws {
    let generated = try generator.generate(prompt, store: "ev", storeKind: .evidence, now: Self.now)
    #expect(generated.question.name == name, "\(prompt)")
  }

  @Test func theSameWordsAnswerTheStoresOwnQuestion() throws {
    let prompt = "Who deleted this resource?"
    #expect(try generator.generate(prompt, store: "t", now: Self.now).question.name == "who-deleted-resource")
    #expect(
      try generator.generate(prompt, store: "c", storeKind: .configurationItem, now: Self.now).question.name
        == "deleted-resources")
  }

  @Test func valuesForConfigurationItemsAndEvidenceAreReadFromThePrompt() {
    let typed = PromptParameters(prompt: "resources of type AWS::S3::Bucket per region", now: Self.now)
    #expect(typed.resourceType == "AWS::S3::Bucket")
    #expect(typed.resource == nil)
    let control = PromptParameters(prompt: "evidence for control [S3.14] today", now: Self.now)
    #expect(control.controlName == "S3.14")
    #expect(control.resource == nil)
    #expect(PromptParameters(prompt: "evidence for the controls", now: Self.now).controlName == nil)
  }

  @Test func theStatementsUseTheValues() throws {
    let typed = try generator.generate(
      "How many resources of type AWS::EC2::Instance by account and region?", store: "cfg",
      storeKind: .configurationItem, now: Self.now)
    #expect(typed.statement.contains("WHERE eventData.resourceType = 'AWS::EC2::Instance'"))
    let control = try generator.generate(
      "Evidence for control S3.14", store: "ev", storeKind: .evidence, now: Self.now)
    #expect(control.statement.contains("eventData.controlName LIKE '%S3.14%'"))
    let history = try generator.generate(
      "configuration history of 'web-sg' in the last 7 days", store: "cfg", storeKind: .configurationItem,
      now: Self.now)
    #expect(history.statement.contains("eventData.resourceName = 'web-sg'"))
    #expect(history.statement.contains("eventTime >= '2026-11-13 10:30:00'"))
  }

  @Test func aControlQuestionWithoutAControlSaysWhatToAdd() {
    do {
      _ = try generator.generate("evidence by control", store: "ev", storeKind: .evidence, now: Self.now)
      Issue.record("generated without a control")
    } catch {
      #expect(
        error.message
          == "The prompt asks 'What evidence is there for this control?', which needs a control (control NAME, e.g. "
          + "control S3.14) in the prompt, e.g. 'Evidence for control S3.14 in the last 7 days'.")
    }
  }

  @Test func aQuestionOfAnotherKindIsRefusedNamingTheStoresKind() {
    do {
      _ = try generator.generate("Which resources are non-compliant?", store: "t1", now: Self.now)
      Issue.record("a configuration-item question was generated over CloudTrail events")
    } catch {
      guard case .wrongStoreKind(let asked, let store, let kind, let fitting) = error else {
        Issue.record("\(error.message)")
        return
      }
      #expect(asked.name == "non-compliant-resources")
      #expect(store == "t1" && kind == .cloudTrail)
      #expect(fitting.count == 3 && fitting.allSatisfy { $0.storeKind == .cloudTrail })
      #expect(
        error.message.hasPrefix(
          "The prompt asks 'Which resources are non-compliant?', a question about "
            + "ConfigurationItem events, but the event data store t1 holds AWS events. Questions for it: "))
    }
  }
}
