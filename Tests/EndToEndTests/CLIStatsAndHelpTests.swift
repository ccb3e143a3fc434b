import Foundation
import Testing

/// `traildeck stats --output json` and what `--help` tells a user.
@Suite("CLI stats and help")
struct CLIStatsAndHelpTests {
  @Test func statsJSONHasTheTopLevelKeys() throws {
    let scratch = try CLIScratch()
    try scratch.write("logs/a.json", CLIRecords.envelope(CLIRecords.sequence(1...4)))
    try scratch.write("logs/b.json", CLIRecords.envelope(CLIRecords.sequence(4...6)))
    #expect(try scratch.run(["ingest", "--quiet", scratch.folder + "/logs"]).status == 0)
    let result = try scratch.run(["stats", "--output", "json"])
    #expect(result.status == 0, "\(result)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["events"] as? Int == 6)
    #expect(object["files"] as? Int == 2)
    #expect(object["oldest"] as? String == "2024-03-01T12:00:01Z")
    #expect(object["newest"] as? String == "2024-03-01T12:00:06Z")
    #expect(object["duplicatesSeen"] as? Int == 1)
  }

  @Test func statsOfAnEmptyStoreHasNullTimes() throws {
    let scratch = try CLIScratch()
    try scratch.write("logs/none.json", #"{"Records":[]}"#)
    #expect(try scratch.run(["ingest", "--quiet", scratch.folder + "/logs"]).status == 0)
    let result = try scratch.run(["stats", "--output", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["events"] as? Int == 0)
    #expect(object["files"] as? Int == 1)
    #expect(object["oldest"] is NSNull)
    #expect(object["newest"] is NSNull)
  }

  @Test(arguments: [
    (["--help"], ["ingest", "lookup-events", "stats"]),
    (
      ["ingest", "--help"], ["PATH[:record N]: reason", "journal", "--db", "--quiet", "exit", "status is 1"]
    ),
    (
      ["lookup-events", "--help"],
      [
        "--lookup-attributes", "--max-results", "--next-token", "--event-category", "--region", "--now",
        "254",
        "90 days",
      ]
    ),
    (["stats", "--help"], ["--output", "--db"]),
    (
      ["serve", "--help"],
      [
        "--query-timeout <seconds>", "store's clock", "TIMED_OUT", "3600", "$TRAILDECK_QUERY_TIMEOUT",
        "--threads <n>", "twice the processors",
      ]
    ),
    (["--help"], ["ui (default)", "no subcommand", "seeding the demo account", "7 days"]),
    (
      ["ui", "--help"],
      [
        "--db", "--now", "--theme", "--region", "--no-live", "--no-color", "--rate", "--demo-days",
        "as of", "NO_COLOR", "FILE:LINE: reason",
      ]
    ),
  ])
  func helpMentions(arguments: [String], mentions: [String]) throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(arguments, db: false)
    #expect(result.status == 0, "\(result)")
    // Help text is wrapped to the terminal: compare with line breaks and runs of spaces folded.
    let folded = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for mention in mentions {
      #expect(folded.contains(mention), "\(arguments) should mention \(mention)")
    }
  }

  @Test func unknownSubcommandIsAUsageError() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["lookup-event"], db: false)
    #expect(result.status == 252, "\(result)")
  }
}
