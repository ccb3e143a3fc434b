import Foundation
import Testing

/// `traildeck lookup-events`: aws-CLI-style errors with exit 254, paging, `--now`, `--region`, Insights.
@Suite("CLI lookup-events")
struct CLILookupTests {
  /// 2024-03-01T12:00:00Z + 1 day: every record of `CLIRecords.sequence` is inside the window.
  static let now = ["--now", "2024-03-02T12:00:00Z"]

  static func scratch(with records: [String]) throws -> CLIScratch {
    let scratch = try CLIScratch()
    try scratch.write("logs/events.json", CLIRecords.envelope(records))
    let result = try scratch.run(["ingest", "--quiet", scratch.folder + "/logs"])
    #expect(result.status == 0, "\(result)")
    return scratch
  }

  struct ErrorCase: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var stderr: String
    var testDescription: String { arguments.joined(separator: " ") }
  }

  static func line(_ exception: String, _ message: String) -> String {
    "\nAn error occurred (\(exception)) when calling the LookupEvents operation: \(message)\n"
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      arguments: ["--lookup-attributes", "AttributeKey=Usrname,AttributeValue=alice"],
      stderr: line(
        "InvalidLookupAttributesException",
        "Unknown AttributeKey 'Usrname'. Did you mean 'Username'? Valid keys: EventId, EventName, ReadOnly, Username, ResourceType, ResourceName, EventSource, AccessKeyId."
      )),
    ErrorCase(
      arguments: [
        "--lookup-attributes", "AttributeKey=Username,AttributeValue=alice",
        "AttributeKey=EventName,AttributeValue=RunInstances",
      ],
      stderr: line(
        "InvalidLookupAttributesException", "Only one lookup attribute is allowed per request; got 2.")),
    ErrorCase(
      arguments: ["--start-time", "2024-03-02T00:00:00Z", "--end-time", "2024-03-01T00:00:00Z"],
      stderr: line(
        "InvalidTimeRangeException",
        "Start time 2024-03-02T00:00:00Z is after end time 2024-03-01T00:00:00Z; the start time must not be later than the end time."
      )),
    ErrorCase(
      arguments: ["--max-results", "0"],
      stderr: line("InvalidMaxResultsException", "MaxResults must be between 1 and 50; got 0.")),
    ErrorCase(
      arguments: ["--max-results", "51"],
      stderr: line("InvalidMaxResultsException", "MaxResults must be between 1 and 50; got 51.")),
    ErrorCase(
      arguments: ["--next-token", "AAAA"],
      stderr: line(
        "InvalidNextTokenException", "Invalid NextToken: it was not issued for these request parameters.")),
    ErrorCase(
      arguments: ["--event-category", "management"],
      stderr: line(
        "InvalidEventCategoryException",
        "Invalid EventCategory 'management'. The only valid value is 'insight'.")),
    ErrorCase(
      arguments: [
        "--event-category", "insight", "--lookup-attributes", "AttributeKey=Username,AttributeValue=root",
      ],
      stderr: line(
        "InvalidLookupAttributesException",
        "AttributeKey Username cannot be used with EventCategory 'insight'. Use EventId, EventName or EventSource."
      )),
  ]

  @Test(arguments: errorCases)
  func lookupErrorExits254WithTheAwsLine(_ c: ErrorCase) throws {
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...3))
    let result = try scratch.run(["lookup-events"] + Self.now + c.arguments)
    #expect(result.status == 254, "\(result)")
    #expect(result.stderr == c.stderr)
    #expect(result.stdout == "")
  }

  @Test(arguments: [
    (
      ["--start-time", "yesterday"],
      "Please give --start-time as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got 'yesterday'."
    ),
    (
      ["--end-time", "soon"],
      "Please give --end-time as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got 'soon'."
    ),
    (
      ["--now", "tomorrow"],
      "Please give --now as an ISO 8601 time (2024-01-02T03:04:05Z) or 'latest'; got 'tomorrow'."
    ),
  ])
  func badTimeTextIsAUsageError(arguments: [String], message: String) throws {
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...1))
    let result = try scratch.run(["lookup-events"] + arguments)
    #expect(result.status == 252, "\(result)")
    #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(result)")
  }

  @Test func withoutMaxResultsEveryPageIsPrinted() throws {
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...120))
    let result = try scratch.run(["lookup-events"] + Self.now)
    #expect(result.status == 0, "\(result)")
    #expect(try CLIRecords.eventIDs(inJSON: result.stdout) == (1...120).reversed().map(CLIRecords.id))
    #expect(try CLIRecords.nextToken(inJSON: result.stdout) == nil)
  }

  @Test func maxResultsPrintsOnePageAndItsToken() throws {
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...120))
    let first = try scratch.run(["lookup-events", "--max-results", "50"] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: first.stdout) == (71...120).reversed().map(CLIRecords.id))
    let token = try #require(try CLIRecords.nextToken(inJSON: first.stdout))
    let second = try scratch.run(["lookup-events", "--max-results", "50", "--next-token", token] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: second.stdout) == (21...70).reversed().map(CLIRecords.id))
    let token2 = try #require(try CLIRecords.nextToken(inJSON: second.stdout))
    let third = try scratch.run(["lookup-events", "--max-results", "50", "--next-token", token2] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: third.stdout) == (1...20).reversed().map(CLIRecords.id))
    #expect(try CLIRecords.nextToken(inJSON: third.stdout) == nil)
  }

  @Test func tamperedTokenIsRefused() throws {
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...10))
    let first = try scratch.run(["lookup-events", "--max-results", "3"] + Self.now)
    var token = Array(try #require(try CLIRecords.nextToken(inJSON: first.stdout)))
    token[10] = token[10] == "x" ? "y" : "x"
    let result = try scratch.run(
      ["lookup-events", "--max-results", "3", "--next-token", String(token)] + Self.now)
    #expect(result.status == 254)
    #expect(
      result.stderr
        == Self.line(
          "InvalidNextTokenException", "Invalid NextToken: it was not issued for these request parameters."))
  }

  @Test func tokenFromAnotherDatabaseIsRefused() throws {
    let a = try Self.scratch(with: CLIRecords.sequence(1...10))
    let b = try Self.scratch(with: CLIRecords.sequence(1...10))
    let first = try a.run(["lookup-events", "--max-results", "3"] + Self.now)
    let token = try #require(try CLIRecords.nextToken(inJSON: first.stdout))
    let own = try a.run(["lookup-events", "--max-results", "3", "--next-token", token] + Self.now)
    #expect(own.status == 0, "\(own)")
    let foreign = try b.run(["lookup-events", "--max-results", "3", "--next-token", token] + Self.now)
    #expect(foreign.status == 254)
    #expect(foreign.stderr.contains("(InvalidNextTokenException)"), "\(foreign)")
  }

  @Test func tokenReplayedWithAnotherAttributeIsRefused() throws {
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...10))
    let first = try scratch.run(["lookup-events", "--max-results", "3"] + Self.now)
    let token = try #require(try CLIRecords.nextToken(inJSON: first.stdout))
    let result = try scratch.run(
      [
        "lookup-events", "--max-results", "3", "--next-token", token, "--lookup-attributes",
        "AttributeKey=Username,AttributeValue=alice",
      ] + Self.now)
    #expect(result.status == 254)
    #expect(result.stderr.contains("(InvalidNextTokenException)"), "\(result)")
  }

  @Test func nowLatestLooksBackFromTheNewestEvent() throws {
    // Records from 2017: outside the 90 days of the real clock, inside those of --now latest.
    let scratch = try Self.scratch(with: [
      CLIRecords.record(1, time: "2017-12-11T15:00:00Z"), CLIRecords.record(2, time: "2017-12-11T15:01:00Z"),
      CLIRecords.record(3, time: "2017-08-01T00:00:00Z"),
    ])
    let latest = try scratch.run(["lookup-events", "--now", "latest"])
    #expect(latest.status == 0, "\(latest)")
    #expect(try CLIRecords.eventIDs(inJSON: latest.stdout) == [2, 1].map(CLIRecords.id))
    let realClock = try scratch.run(["lookup-events"])
    #expect(realClock.status == 0, "\(realClock)")
    #expect(realClock.stdout == "{\n    \"Events\": []\n}\n")
  }

  @Test func dataEventsNeverAppear() throws {
    let scratch = try Self.scratch(with: [
      CLIRecords.record(1, time: "2024-03-01T12:00:01Z"),
      CLIRecords.record(2, time: "2024-03-01T12:00:02Z", name: "GetObject", category: "Data"),
    ])
    let result = try scratch.run(["lookup-events"] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: result.stdout) == [CLIRecords.id(1)])
  }

  @Test func regionFilter() throws {
    let scratch = try Self.scratch(
      with: CLIRecords.sequence(1...3) + CLIRecords.sequence(4...5, region: "eu-west-1"))
    let result = try scratch.run(["lookup-events", "--region", "eu-west-1"] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: result.stdout) == [5, 4].map(CLIRecords.id))
    let all = try scratch.run(["lookup-events"] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: all.stdout).count == 5)
  }

  @Test func attributeLookupFromTheCommandLine() throws {
    let scratch = try Self.scratch(with: [
      CLIRecords.record(1, time: "2024-03-01T12:00:01Z", user: "alice"),
      CLIRecords.record(2, time: "2024-03-01T12:00:02Z", name: "RunInstances", user: "bob"),
    ])
    let byUser = try scratch.run(
      ["lookup-events", "--lookup-attributes", "AttributeKey=Username,AttributeValue=bob"] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: byUser.stdout) == [CLIRecords.id(2)])
    let byName = try scratch.run(
      [
        "lookup-events", "--lookup-attributes",
        #"{"AttributeKey":"EventName","AttributeValue":"DescribeInstances"}"#,
      ]
        + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: byName.stdout) == [CLIRecords.id(1)])
  }

  @Test func insightLookup() throws {
    let insight =
      #"{"eventVersion":"1.07","eventTime":"2024-03-01T12:00:05Z","awsRegion":"us-east-1","eventID":"\#(CLIRecords.id(9))","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"12345678-1234-1234-1234-123456789012","insightDetails":{"state":"Start","eventSource":"iam.amazonaws.com","eventName":"CreateUser","insightType":"ApiCallRateInsight","insightContext":{"statistics":{"baseline":{"average":0.1},"insight":{"average":3}}}},"eventCategory":"Insight"}"#
    let scratch = try Self.scratch(with: CLIRecords.sequence(1...2) + [insight])
    let insights = try scratch.run(
      [
        "lookup-events", "--event-category", "insight", "--lookup-attributes",
        "AttributeKey=EventName,AttributeValue=CreateUser",
      ]
        + Self.now)
    #expect(insights.status == 0, "\(insights)")
    #expect(try CLIRecords.eventIDs(inJSON: insights.stdout) == [CLIRecords.id(9)])
    let management = try scratch.run(["lookup-events"] + Self.now)
    #expect(try CLIRecords.eventIDs(inJSON: management.stdout) == [2, 1].map(CLIRecords.id))
  }

  @Test func missingDatabaseExitsOne() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["lookup-events"])
    #expect(result.status == 1)
    #expect(
      scratch.relative(result.stderr) == """
        error: no TrailDeck database
          --> store.db
        reason: store.db does not exist
        help: run `traildeck ingest PATH…` or `traildeck demo` first

        """)
  }
}
