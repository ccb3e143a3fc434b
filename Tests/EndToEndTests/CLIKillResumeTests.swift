import Foundation
import Testing
import TrailCore

/// A `traildeck ingest` killed with SIGKILL at any moment can simply be run again: the result is the
/// same store an uninterrupted run makes (same events, no duplicates, every file journaled once).
@Suite("CLI kill and resume")
struct CLIKillResumeTests {
  /// Ingest commits at most 256 files per transaction, so 1 300 files give at least six commits: a kill
  /// can land after some of them.
  static let fileCount = 1_300
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

  /// Files the store at `db` shows as committed, or nil while it cannot be read yet (being created).
  static func committedFiles(_ db: String) -> Int? {
    guard let store = try? SQLiteConnection(path: db, readOnly: true) else { return nil }
    return (try? store.scalarInt("SELECT count(*) FROM ingested_files")).map { Int($0) }
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

    // Kills aimed by watching the store, not the clock: a timed kill missed the window between two
    // commits whenever the machine was loaded (the run's pace moves with the load). The first attempt
    // kills as soon as the store file appears (mid-migration or before any commit), the others once
    // the first commit, then half the files, are visible. A run that finishes before its kill lands is
    // retried; every killed run is resumed and checked.
    let triggers: [(name: String, killWhen: (Int?) -> Bool)] = [
      ("store file created", { _ in true }),
      ("first commit visible", { ($0 ?? 0) >= 1 }),
      ("half the files committed", { ($0 ?? 0) >= Self.fileCount / 2 }),
    ]
    var midRunKills = 0
    var attempt = 0
    for trigger in triggers {
      var landed = false
      for _ in 0..<5 where !landed {
        attempt += 1
        let db = scratch.folder + "/attempt-\(attempt).db"
        let running = try CLIProcess.Running(["ingest", "--quiet", "--db", db, logs], home: scratch.folder)
        while running.process.isRunning {
          if FileManager.default.fileExists(atPath: db), trigger.killWhen(Self.committedFiles(db)) { break }
          usleep(200)
        }
        kill(running.pid, SIGKILL)
        let killed = try running.finish()
        landed = killed.wasKilled
        if !landed { continue }  // it finished first: nothing to resume
        if !FileManager.default.fileExists(atPath: db) { continue }
        let before = try Self.statistics(scratch, db: db)
        let eventsBefore = before["events"] as? Int ?? -1
        let filesBefore = before["files"] as? Int ?? -1
        #expect(eventsBefore >= 0 && eventsBefore <= Self.total)
        #expect(eventsBefore == filesBefore * Self.eventsPerFile, "a file is committed whole or not at all")
        if eventsBefore > 0 && eventsBefore < Self.total { midRunKills += 1 }

        let resumed = try CLIProcess.run(["ingest", "--quiet", "--db", db, logs], home: scratch.folder)
        #expect(resumed.status == 0, "killed at \(trigger.name): \(resumed)")
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
    }
    #expect(midRunKills >= 1, "no kill landed between two commits; an uninterrupted run took \(fullRun) s")
  }
}
