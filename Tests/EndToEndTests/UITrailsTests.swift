import Foundation
import Testing

/// The Trails pane against the real binary: a trail made in the form, started with `s`, delivers on
/// the UI's own scheduler and the delivery shows up in the pane's live log.
@Suite(
  .enabled(if: TmuxSession.isAvailable, "tmux is not installed; the UI end-to-end tests need it"),
  .timeLimit(.minutes(2)))
struct UITrailsTests {
  static let bucket = "ui-trail-logs"

  @Test func aTrailCreatedInTheFormDeliversIntoThePane() throws {
    let program = try #require(BuiltProducts.path(of: "traildeck"))
    let ui = try UIHarness(
      arguments: { db, folder in
        // An hour of clock a real second: the 5-minute deliveries come several times a second.
        [
          "ui", "--db", db, "--buckets", folder.appendingPathComponent("buckets").path, "--speed", "3600",
          "--live", "--rate", "0.1",
        ]
      },
      prepare: { folder in
        // The test's own home, as the UI gets: nothing lands in the developer's.
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment["XDG_DATA_HOME"] = folder.appendingPathComponent("data").path
        let made = try CommandRunner.run(
          program, ["mb", "s3://" + Self.bucket, "--buckets", folder.appendingPathComponent("buckets").path],
          environment: environment, timeout: 30)
        #expect(made.status == 0, "\(made.standardError)")
      })
    defer { ui.close() }
    let session = ui.session
    try session.waitFor(UIWalkthroughTests.dashboardTitle, timeout: 20)
    session.sendKeys("3")
    try session.waitFor("No trails", timeout: 10)

    session.sendKeys("n")
    try session.waitFor("New trail")
    session.sendLiteral("ui-trail")
    session.sendKeys("Tab")
    // A bucket that is not there first: the form shows CloudTrail's error next to the bucket.
    session.sendLiteral("no-such-bucket")
    session.sendKeys("Enter")
    try session.waitFor("✗ S3BucketDoesNotExistException")
    for _ in 0..<"no-such-bucket".count { session.sendKeys("BSpace") }
    session.sendLiteral(Self.bucket)
    session.sendKeys("Enter")
    try session.waitFor("Created trail ui-trail")

    session.sendKeys("s")
    try session.waitFor("Logging started for ui-trail")
    try session.waitFor("● on")
    try session.waitFor("log file: delivered to s3://\(Self.bucket)/", timeout: 60)
    session.sendKeys("q")
    #expect(try session.waitForExit() == 0)
  }
}
