import Foundation
import Testing
import TrailCore

/// `traildeck export` and enable/disable-federation through the built binary, on a store the
/// simulator filled: counts agree with a Lake query, a second run replaces the first, both layouts'
/// files read back, and each bad input gets its message and exit status.
@Suite("CLI export and federation")
struct CLIExportTests {
  static let start = "2026-01-01T00:00:00Z"
  static let now = ["--now", "2026-01-01T03:00:00Z"]

  /// A store `sim` of the demo organization's management account that collected two hours of
  /// simulated events (2 regions, 1 account); its ID. A first hour seeds the organization, so that the
  /// store is its management account's, as the second demo's events are.
  static func simulatedStore(_ scratch: CLIScratch) throws -> String {
    let seeded = try scratch.run(
      [
        "demo", "--start", "2025-12-31T23:00:00Z", "--hours", "1", "--accounts", "1", "--regions", "2",
        "--no-insights", "--now", start,
      ])
    try #require(seeded.status == 0, "\(seeded)")
    let created = try scratch.run(
      ["create-event-data-store", "--name", "sim", "--no-termination-protection-enabled", "--now", start])
    try #require(created.status == 0, "\(created)")
    let object = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
    let arn = try #require(object?["EventDataStoreArn"] as? String)
    let demo = try scratch.run(
      ["demo", "--start", start, "--hours", "2", "--accounts", "1", "--regions", "2", "--no-insights"] + now)
    try #require(demo.status == 0, "\(demo)")
    return String(arn.split(separator: "/").last!)
  }

  /// `SELECT awsregion, date(eventtime), count(*)` of the store, as `region=…/date=… count` lines.
  static func lakeCounts(_ scratch: CLIScratch, _ id: String) throws -> [String] {
    let result = try scratch.run(
      [
        "query",
        "SELECT awsregion, date(eventtime), count(*) FROM $EDS_ID GROUP BY 1, 2 ORDER BY 1, 2",
        "--event-data-store", id, "--output", "csv",
      ] + now)
    try #require(result.status == 0, "\(result)")
    // RFC 4180 lines end in CRLF (one Character in Swift).
    return result.stdout.split(whereSeparator: \.isNewline).dropFirst().map { line in
      let fields = line.split(separator: ",")
      return "region=\(fields[0])/date=\(fields[1]) \(fields[2])"
    }
  }

  static func manifest(_ path: String) throws -> [String: Any] {
    let data = try #require(FileManager.default.contents(atPath: path))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Events per partition in a hive manifest, as `lakeCounts` gives them.
  static func partitionCounts(_ manifest: [String: Any]) -> [String] {
    var counts: [String: Int] = [:]
    for file in manifest["files"] as? [[String: Any]] ?? [] {
      let path = file["path"] as? String ?? ""
      let partition = path.split(separator: "/").prefix(2).joined(separator: "/")
      counts[partition, default: 0] += file["events"] as? Int ?? 0
    }
    return counts.keys.sorted().map { "\($0) \(counts[$0]!)" }
  }

  @Test func hiveExportMatchesLakeAndASecondRunReplacesIt() throws {
    let scratch = try CLIScratch()
    let id = try Self.simulatedStore(scratch)
    let folder = scratch.folder + "/out"
    let exported = try scratch.run(
      ["export", "--event-data-store", id, "--to", folder, "--layout", "hive"] + Self.now)
    #expect(exported.status == 0, "\(exported)")
    let manifestPath = folder + "/_traildeck_export_\(id).json"
    let manifest = try Self.manifest(manifestPath)
    let events = manifest["events"] as? Int ?? 0
    #expect(events > 100)
    #expect(exported.stdout.hasPrefix("export: \(events) events of arn:aws:cloudtrail:"), "\(exported)")
    #expect(exported.stdout.contains("manifest: \(manifestPath)\n"))
    #expect(manifest["isComplete"] as? Bool == true && manifest["layout"] as? String == "hive")
    let lake = try Self.lakeCounts(scratch, id)
    #expect(Self.partitionCounts(manifest) == lake)
    #expect(lake.count == 2)
    // Again: the same files, none added.
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder).sorted()
    let again = try scratch.run(
      ["export", "--event-data-store", id, "--to", folder, "--layout", "hive", "--quiet"] + Self.now)
    #expect(again.status == 0, "\(again)")
    #expect(try FileManager.default.subpathsOfDirectory(atPath: folder).sorted() == files)
    #expect(Self.partitionCounts(try Self.manifest(manifestPath)) == lake)
  }

  @Test func cloudTrailExportIsReadAsLogFiles() throws {
    let scratch = try CLIScratch()
    let id = try Self.simulatedStore(scratch)
    let folder = scratch.folder + "/ct"
    let exported = try scratch.run(
      [
        "export", "--event-data-store", id, "--to", folder, "--start-time", "2026-01-01T00:30:00Z",
        "--end-time", "2026-01-01T00:59:59Z",
      ] + Self.now)
    #expect(exported.status == 0, "\(exported)")
    let manifest = try Self.manifest(folder + "/_traildeck_export_\(id).json")
    let files = manifest["files"] as? [[String: Any]] ?? []
    // 30 minutes: six 5-minute files per region at most, stamped 00:35 … 01:00.
    let stamps = Set(files.compactMap { ($0["path"] as? String)?.split(separator: "_").dropFirst(3).first })
    #expect(
      stamps.isSubset(of: [
        "20260101T0035Z", "20260101T0040Z", "20260101T0045Z", "20260101T0050Z", "20260101T0055Z",
        "20260101T0100Z",
      ]))
    // `traildeck ingest` reads the files back as log files: the same events, already stored.
    let ingested = try scratch.run(["ingest", folder + "/AWSLogs"] + Self.now)
    #expect(ingested.status == 0, "\(ingested)")
    #expect(
      ingested.stdout.contains("0 events loaded, \(manifest["events"] as? Int ?? -1) duplicates, 0 rejected"),
      "\(ingested)")
  }

  @Test func badInputGetsItsMessageAndStatus() throws {
    let scratch = try CLIScratch()
    let id = try Self.simulatedStore(scratch)
    let unknown = try scratch.run(
      ["export", "--event-data-store", "00000000-0000-4000-8000-000000000000", "--to", scratch.folder + "/x"]
        + Self.now)
    #expect(unknown.status == 254, "\(unknown)")
    #expect(
      unknown.stderr
        == "\nAn error occurred (EventDataStoreNotFoundException) when calling the GetEventDataStore operation: The specified event data store 00000000-0000-4000-8000-000000000000 was not found.\n"
    )
    let layout = try scratch.run(["export", "--event-data-store", id, "--to", "x", "--layout", "parquet"])
    #expect(layout.status == 252)
    #expect(
      layout.stderr.contains("Please give --layout as one of cloudtrail, hive; got 'parquet'."), "\(layout)")
    let time = try scratch.run(["export", "--event-data-store", id, "--to", "x", "--start-time", "yesterday"])
    #expect(time.status == 252)
    #expect(
      time.stderr.contains(
        "Please give --start-time as ISO 8601 (2024-01-02T03:04:05Z) or epoch seconds; got 'yesterday'."),
      "\(time)")
    let file = try scratch.write("a-file", "x")
    let folder = try scratch.run(["export", "--event-data-store", id, "--to", file] + Self.now)
    #expect(folder.status == 1)
    #expect(
      scratch.relative(folder.stderr) == """
        error: cannot export into this folder
          --> a-file
        reason: it exists and is not a folder
        help: give --to a folder you can write (it is created when missing)

        """)
  }

  @Test func federationThroughTheCLI() throws {
    let scratch = try CLIScratch()
    let id = try Self.simulatedStore(scratch)
    let buckets = scratch.folder + "/buckets"
    let role = "arn:aws:iam::123456789012:role/federation"
    let enabled = try scratch.run(
      ["enable-federation", "--event-data-store", id, "--federation-role-arn", role, "--buckets", buckets]
        + Self.now)
    #expect(enabled.status == 0, "\(enabled)")
    let object = try JSONSerialization.jsonObject(with: Data(enabled.stdout.utf8)) as? [String: Any]
    #expect(object?["FederationStatus"] as? String == "ENABLED")
    #expect(object?["FederationRoleArn"] as? String == role)
    let folder = buckets + "/aws-cloudtrail-lake-federation/\(id)"
    #expect(
      Self.partitionCounts(try Self.manifest(folder + "/_traildeck_export_\(id).json"))
        == (try Self.lakeCounts(scratch, id)))
    let deleted = try scratch.run(["delete-event-data-store", "--event-data-store", id] + Self.now)
    #expect(deleted.status == 254)
    #expect(
      deleted.stderr.contains(
        "(EventDataStoreFederationEnabledException) when calling the DeleteEventDataStore"))
    let disabled = try scratch.run(
      ["disable-federation", "--event-data-store", id, "--buckets", buckets] + Self.now)
    #expect(disabled.status == 0, "\(disabled)")
    #expect(disabled.stdout.contains("\"FederationStatus\": \"DISABLED\""))
    #expect(!FileManager.default.fileExists(atPath: folder))
  }
}
