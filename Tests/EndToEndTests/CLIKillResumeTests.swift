import Foundation
import Testing

/// A `traildeck ingest` killed with SIGKILL at any moment can simply be run again: the result is the
/// same store an uninterrupted run makes (same events, no duplicates, every file journaled once).
@Suite("CLI kill and resume")
struct CLIKillResumeTests {
  /// Ingest commits about 256 files per transaction, so more than 512 files give at least three commits:
  /// a kill can land after some of them.
  static let fileCount = 700
  static let eventsPerFile = 8
  static var total: Int { fileCount * eventsPerFile }

  /// `fileCount` gzipped deliveries, named as CloudTrail names them, five minutes apart.
  static func writeDeliveries(into scratch: CLIScratch) throws -> String {
    let logs = scratch.folder + "/logs"
    for file in 0..<fileCount {
      let minute = file * 5
      let stamp = String(format: "202403%02dT%02d%02dZ", 1 + minute / 1440, minute / 60 % 24, minute % 60)
      let records = (0..<eventsPerFile).map { k -> String in
        let n = file * eventsPerFile + k + 1
        return CLIRecords.record(n, time: CLIRecords.time(secondsAfterBase: minute * 60 + k - 43_200))
      }
      try scratch.write(
        "logs/111122223333_CloudTrail_us-east-1_\(stamp)_f\(file).json", CLIRecords.envelope(records))
    }
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -r -1 '\(logs)'"]
    try gzip.run()
    gzip.waitUntilExit()
    #expect(gzip.terminationStatus == 0)
    return logs
  }

  static func statistics(_ scratch: CLIScratch, db: String) throws -> [String: Any] {
    let result = try CLIProcess.run(["stats", "--output", "json", "--db", db], home: scratch.folder)
    #expect(result.status == 0, "\(result)")
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
  }

  /// Every visible eventID, read through `lookup-events --output csv` (all pages).
  static func eventIDs(_ scratch: CLIScratch, db: String) throws -> [String] {
    let result = try CLIProcess.run(
      ["lookup-events", "--now", "latest", "--output", "csv", "--db", db], home: scratch.folder)
    #expect(result.status == 0, "\(result)")
    return result.stdout.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
  }

  @Test func killedIngestResumesToTheSameStore() throws {
    let scratch = try CLIScratch()
    let logs = try Self.writeDeliveries(into: scratch)

    let referenceDB = scratch.folder + "/reference.db"
    let started = Date()
    let reference = try CLIProcess.run(
      ["ingest", "--quiet", "--db", referenceDB, logs], home: scratch.folder)
    let fullRun = Date().timeIntervalSince(started)
    #expect(reference.status == 0, "\(reference)")
    #expect(
      reference.stdout.hasPrefix(
        "\(Self.fileCount) files, \(Self.total) events loaded, 0 duplicates, 0 rejected in "))
    let expectedIDs = try Self.eventIDs(scratch, db: referenceDB)
    #expect(expectedIDs.count == Self.total)
    #expect(Set(expectedIDs).count == Self.total)

    // Kill moments aimed between two commits. The window moves with the machine's load (tests run in
    // parallel), so each kill narrows it: a kill before anything was committed moves later ones
    // later, one after everything was moves them earlier. Every killed run is resumed and checked.
    var early = 0.0
    var late = fullRun * 1.5
    let fractions = [0.5, 0.3, 0.7, 0.4, 0.6, 0.5, 0.25, 0.75, 0.45, 0.55, 0.35, 0.65, 0.5, 0.5]
    var midRunKills = 0
    for (attempt, fraction) in fractions.enumerated() where midRunKills < 2 {
      let moment = early + (late - early) * fraction
      let db = scratch.folder + "/attempt-\(attempt).db"
      let running = try CLIProcess.Running(["ingest", "--quiet", "--db", db, logs], home: scratch.folder)
      Thread.sleep(forTimeInterval: moment)
      kill(running.pid, SIGKILL)
      let killed = try running.finish()
      guard killed.wasKilled else {  // it finished first: nothing to resume
        late = min(late, moment)
        continue
      }
      guard FileManager.default.fileExists(atPath: db) else {  // killed before creating the store
        early = max(early, moment)
        continue
      }

      let before = try Self.statistics(scratch, db: db)
      let eventsBefore = before["events"] as? Int ?? -1
      let filesBefore = before["files"] as? Int ?? -1
      #expect(eventsBefore >= 0 && eventsBefore <= Self.total)
      #expect(eventsBefore == filesBefore * Self.eventsPerFile, "a file is committed whole or not at all")
      if eventsBefore <= 0 {
        early = max(early, moment)
      } else if eventsBefore >= Self.total {
        late = min(late, moment)
      } else {
        midRunKills += 1
      }

      let resumed = try CLIProcess.run(["ingest", "--quiet", "--db", db, logs], home: scratch.folder)
      #expect(resumed.status == 0, "\(resumed)")
      let skipped = filesBefore > 0 ? " (\(filesBefore) already ingested)" : ""
      #expect(
        resumed.stdout.hasPrefix(
          "\(Self.fileCount) files, \(Self.total - eventsBefore) events loaded, 0 duplicates, 0 rejected\(skipped) in "
        ), "\(resumed)")

      let after = try Self.statistics(scratch, db: db)
      #expect(after["events"] as? Int == Self.total)
      #expect(after["files"] as? Int == Self.fileCount)
      #expect(after["duplicatesSeen"] as? Int == 0)
      let ids = try Self.eventIDs(scratch, db: db)
      #expect(ids.count == Self.total)
      #expect(Set(ids) == Set(expectedIDs))
      #expect(ids == expectedIDs, "same order, newest first")
    }
    #expect(
      midRunKills >= 1,
      "no kill landed between two commits; the run took \(fullRun) s, the window narrowed to \(early)–\(late) s"
    )
  }
}
