import Foundation
import Testing

/// What `traildeck ui` says about itself and refuses before any terminal is touched.
@Suite("UI command line")
struct UICommandLineTests {
  @Test(arguments: [
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
    let folded = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    for mention in mentions {
      #expect(folded.contains(mention), "\(arguments) should mention \(mention)")
    }
  }

  @Test func liveWithAFixedClockIsAUsageError() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["ui", "--live", "--now", "2024-01-02T03:04:05Z"])
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("Please drop --live or --now"), "\(result)")
  }
}
