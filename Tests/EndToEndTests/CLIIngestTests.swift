import Foundation
import Testing

/// `traildeck ingest` as a user runs it: stderr lines, the summary on stdout, exit 0 or 1.
@Suite("CLI ingest")
struct CLIIngestTests {
  @Test func goodFilesExitZeroWithTheSummary() throws {
    let scratch = try CLIScratch()
    try scratch.write("logs/a.json", CLIRecords.envelope(CLIRecords.sequence(1...3)))
    try scratch.write("logs/b.json", CLIRecords.envelope(CLIRecords.sequence(3...5)))
    let result = try scratch.run(["ingest", scratch.folder + "/logs"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr == "")
    #expect(result.stdout.hasPrefix("2 files, 5 events loaded, 1 duplicates, 0 rejected in "), "\(result)")
    #expect(result.stdout.hasSuffix(" events/s)\n"))
  }

  @Test func badInputIsNamedOnStderrTheRestLoadsAndTheExitIs1() throws {
    let scratch = try CLIScratch()
    let missingID = CLIRecords.record(2, time: "2024-03-01T12:00:02Z").replacingOccurrences(
      of: #""eventID":"\#(CLIRecords.id(2))","#, with: "")
    let numberTime = CLIRecords.record(3, time: "x").replacingOccurrences(
      of: #""eventTime":"x""#, with: #""eventTime":1709294403"#)
    try scratch.write(
      "logs/a.json",
      CLIRecords.envelope([CLIRecords.record(1, time: "2024-03-01T12:00:01Z"), missingID, numberTime]))
    try scratch.write("logs/b.json", "not json")
    try scratch.write("logs/c.json", CLIRecords.envelope(CLIRecords.sequence(4...6)))
    let result = try scratch.run(["ingest", scratch.folder + "/logs"])
    #expect(result.status == 1, "\(result)")
    #expect(
      scratch.relative(result.stderr) == """
        logs/a.json:record 2: missing eventID
        logs/a.json:record 3: field eventTime: expected a string, found a number
        logs/b.json: not valid JSON at line 1, column 1: expected '{' or '[' at the start, found 'n'

        """)
    #expect(result.stdout.hasPrefix("3 files, 4 events loaded, 0 duplicates, 3 rejected in "), "\(result)")

    let stats = try scratch.run(["stats", "--output", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    #expect(object["events"] as? Int == 4)
  }

  @Test func rerunSkipsFilesTheJournalHas() throws {
    let scratch = try CLIScratch()
    try scratch.write("a.json", CLIRecords.envelope(CLIRecords.sequence(1...4)))
    _ = try scratch.run(["ingest", scratch.folder + "/a.json"])
    let again = try scratch.run(["ingest", "--quiet", scratch.folder + "/a.json"])
    #expect(again.status == 0)
    #expect(
      again.stdout.hasPrefix("1 files, 0 events loaded, 0 duplicates, 0 rejected (1 already ingested) in "),
      "\(again)")
  }

  @Test func missingPathExitsOneWithTheLongForm() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["ingest", scratch.folder + "/nope"])
    #expect(result.status == 1)
    #expect(
      scratch.relative(result.stderr) == """
        error: cannot ingest
          --> nope
        reason: no such file or folder

        """)
    #expect(result.stdout == "")
  }

  @Test func noPathIsAUsageError() throws {
    let scratch = try CLIScratch()
    let result = try scratch.run(["ingest"])
    #expect(result.status == 252)
    #expect(result.stderr.contains("Error: Missing expected argument '<path> ...'"), "\(result)")
  }

  @Test func plainAndGzippedDeliveryLoadOnce() throws {
    let scratch = try CLIScratch()
    let name = "111122223333_CloudTrail_us-east-1_20240301T1205Z_abcd.json"
    let path = try scratch.write("logs/" + name, CLIRecords.envelope(CLIRecords.sequence(1...6)))
    try FileManager.default.copyItem(atPath: path, toPath: path + ".copy")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c '\(path).copy' > '\(path).gz' && rm '\(path).copy'"]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    let result = try scratch.run(["ingest", scratch.folder + "/logs"])
    #expect(result.status == 0, "\(result)")
    #expect(result.stdout.hasPrefix("2 files, 6 events loaded, 6 duplicates, 0 rejected in "), "\(result)")
  }
}
