import Foundation
import Testing

@testable import TrailCore

/// The offline generator's matching: which question a prompt asks (word order, plurals and tenses
/// aside), the values read from it, and what it says when it cannot answer.
@Suite("Query generator")
struct QueryGeneratorTests {
  /// 2026-11-20T10:30:00Z.
  static let now = Date(timeIntervalSince1970: 1_795_170_600)
  let generator = QueryGenerator()

  @Test(arguments: [
    ("Who deleted the bucket my-app-logs?", "who-deleted-resource"),
    ("bucket my-app-logs: deleted by whom", "who-deleted-resource"),
    ("What did access key AKIAIOSFODNN7EXAMPLE do?", "access-key-activity"),
    ("show activity of ASIAXYZXYZXYZXYZXYZ1", "access-key-activity"),
    ("What did user alice do in the last 24 hours?", "user-activity"),
    ("actions of iam user bob", "user-activity"),
    ("What did role Admin do yesterday?", "role-activity"),
    ("Top AccessDenied callers in the past 7 days", "access-denied-callers"),
    ("which principals were denied permission", "access-denied-callers"),
    ("Console logins without MFA since 2026-11-01", "console-logins-without-mfa"),
    ("logins to the console that had no mfa", "console-logins-without-mfa"),
    ("Failed console logins yesterday", "failed-console-logins"),
    ("Who logged in to the console today?", "console-logins"),
    ("API calls from a new IP address in the last 24 hours", "new-ip-addresses"),
    ("What was done from IP 203.0.113.7?", "calls-from-ip"),
    ("Changes to security groups in the last 7 days", "security-group-changes"),
    ("who changed the IAM policies", "iam-policy-changes"),
    ("Who stopped logging on a trail?", "trail-changes"),
    ("S3 bucket policy changes in the past 30 days", "s3-bucket-policy-changes"),
    ("Root account usage in the last 90 days", "root-account-usage"),
    ("KMS key deletions scheduled this month", "kms-key-deletions"),
    ("Who created IAM users or access keys this week?", "iam-identity-creation"),
    ("Top callers in the last 24 hours", "top-callers"),
    ("Most common errors since yesterday", "top-errors"),
    ("Who terminated EC2 instances in the last 7 days?", "ec2-instance-changes"),
    ("Network ACL and route changes today", "network-changes"),
    ("Who deactivated an MFA device?", "mfa-device-changes"),
    ("Who assumed role Admin in the last 24 hours?", "assumed-roles"),
    ("Which regions had activity in the past 7 days?", "region-activity"),
    ("What happened to instance i-0123456789abcdef0?", "resource-activity"),
  ])
  func promptsPickTheirQuestion(_ prompt: String, _ name: String) throws {
    let generated = try generator.generate(prompt, store: "eds1", now: Self.now)
    #expect(generated.question.name == name, "\(prompt)")
  }

  @Test func everyExampleAsksItsOwnQuestion() throws {
    for question in InvestigationQuestion.catalogue {
      let generated = try generator.generate(
        question.example, store: "eds1", storeKind: question.storeKind, now: Self.now)
      #expect(generated.question.name == question.name, "\(question.example)")
    }
  }

  @Test func catalogueNamesAreUniqueAndValidAliases() {
    let names = InvestigationQuestion.catalogue.map(\.name)
    #expect(Set(names).count == names.count)
    #expect(names.count >= 20)
    for name in names {
      #expect(name.range(of: #"^[a-zA-Z][a-zA-Z0-9._-]*$"#, options: .regularExpression) != nil)
    }
  }

  @Test func valuesAreReadFromThePrompt() {
    let parameters = PromptParameters(
      prompt: "What did user alice do from 10.1.2.3 with key AKIAIOSFODNN7EXAMPLE to arn:aws:s3:::my-bucket?",
      now: Self.now)
    #expect(parameters.userName == "alice")
    #expect(parameters.ipAddress == "10.1.2.3")
    #expect(parameters.accessKeyId == "AKIAIOSFODNN7EXAMPLE")
    #expect(parameters.resource == "arn:aws:s3:::my-bucket")
    #expect(
      PromptParameters(prompt: "role named Deploy-Role did what", now: Self.now).roleName == "Deploy-Role")
    #expect(PromptParameters(prompt: "who deleted 'prod data'", now: Self.now).resource == "prod data")
    #expect(PromptParameters(prompt: "who deleted bucket logs-2026", now: Self.now).resource == "logs-2026")
    #expect(PromptParameters(prompt: "what did the user do", now: Self.now).userName == nil)
  }

  static func iso(_ date: Date?) -> String? { date.map(ISO8601Time.format) }

  @Test(
    arguments: [
      ("in the last 24 hours", "2026-11-19T10:30:00Z", nil),
      ("over the past 7 days", "2026-11-13T10:30:00Z", nil),
      ("last week", "2026-11-13T10:30:00Z", nil),
      ("in the last hour", "2026-11-20T09:30:00Z", nil),
      ("yesterday", "2026-11-19T00:00:00Z", "2026-11-20T00:00:00Z"),
      ("today", "2026-11-20T00:00:00Z", nil),
      ("since yesterday", "2026-11-19T00:00:00Z", nil),
      ("since 2026-11-01", "2026-11-01T00:00:00Z", nil),
      ("on 2026-11-03", "2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z"),
      ("between 2026-11-01 and 2026-11-03", "2026-11-01T00:00:00Z", "2026-11-04T00:00:00Z"),
      ("before 2026-10-01", nil, "2026-10-01T00:00:00Z"),
      ("this month", "2026-11-01T00:00:00Z", nil),
    ] as [(String, String?, String?)])
  func timeRangesResolveAgainstTheClock(_ phrase: String, _ start: String?, _ end: String?) throws {
    let range = try #require(PromptTimeRange.find(in: "root usage " + phrase, now: Self.now))
    #expect(Self.iso(range.start) == start)
    #expect(Self.iso(range.end) == end)
  }

  @Test func theStatementCarriesTheValuesAndTheRange() throws {
    let generated = try generator.generate(
      "What did user o.brien do yesterday?", store: "EXAMPLE-id", now: Self.now)
    #expect(
      generated.statement == """
        SELECT eventTime, eventSource, eventName, awsRegion, sourceIPAddress, errorCode
        FROM EXAMPLE-id
        WHERE userIdentity.userName = 'o.brien'
          AND eventTime >= '2026-11-19 00:00:00'
          AND eventTime < '2026-11-20 00:00:00'
        ORDER BY eventTime DESC
        """)
  }

  @Test func quotesInValuesAreDoubledInTheirLiterals() throws {
    let generated = try generator.generate(#"Who deleted "bob's bucket"?"#, store: "eds1", now: Self.now)
    #expect(generated.statement.contains("eventJson LIKE '%bob''s bucket%'"))
  }

  @Test func anUnknownPromptListsTheClosestQuestions() {
    #expect(throws: QueryGenerator.Failure.self) {
      try generator.generate("bake me a chocolate cake", store: "eds1", now: Self.now)
    }
    do {
      _ = try generator.generate("which lambda functions were invoked", store: "eds1", now: Self.now)
      Issue.record("a prompt about nothing in the catalogue generated a query")
    } catch {
      guard case .noMatch(let closest) = error else {
        Issue.record("expected noMatch, got \(error)")
        return
      }
      #expect(closest.count == 3)
      #expect(
        error.message.hasPrefix(
          "TrailDeck's offline query generator matched the prompt to none of its questions. Closest: '"))
      #expect(error.message.hasSuffix(". search-sample-queries lists them all."))
    }
  }

  @Test func aQuestionWithoutItsValueSaysWhatToAdd() {
    do {
      _ = try generator.generate("what did this access key do", store: "eds1", now: Self.now)
      Issue.record("generated without an access key id")
    } catch {
      #expect(
        error.message
          == "The prompt asks 'What did this access key do?', which needs an access key ID (AKIA… or ASIA…) in "
          + "the prompt, e.g. 'What did access key AKIAIOSFODNN7EXAMPLE do?'.")
    }
  }

  @Test func stemsMeetAcrossInflections() {
    #expect(PromptWords("deleted policies").contains("delete policy"))
    #expect(PromptWords("policy deletions").contains("delet"))
    #expect(PromptWords("IPs addresses").contains("ip address"))
    #expect(!PromptWords("create").contains("delete"))
  }
}
