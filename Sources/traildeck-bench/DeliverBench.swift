import ArgumentParser
import Foundation
import TrailCore

struct DeliverBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deliver",
    abstract:
      "Deliver a simulated day through a logging trail (log files + digests) against gzip -6 of the same JSON; validate it against the aws CLI's validator.",
    discussion: """
      Seeds a scratch store with one simulated day (1 account, 8 regions, management events only, so
      every stored event is one the trail delivers), then RUNS times: a fresh multi-region trail with
      log file validation into a fresh bucket, `TrailDelivery.runDue(upTo: end of day)` timed, and
      `gzip -6` of the delivered files' JSON timed right after it. Then times `traildeck validate-logs`
      (the binary next to this one) and the aws CLI's validator (awscli_validate.py) over the last
      delivered bucket, once per region, RUNS times each.
      """)

  @Option(help: "Events in the simulated day (about: the simulator's rhythm decides the exact count).")
  var events = 1_000_000

  @Option(help: "Timed runs of each (medians are quoted).")
  var runs = 3

  @Option(help: "Where the scratch store and buckets go.")
  var scratch = NSTemporaryDirectory()

  @Option(help: "The aws CLI validator wrapper (run from the package root by default).")
  var awscliScript = "Tests/EndToEndTests/Support/awscli_validate.py"

  @Flag(help: "Keep the scratch folder (to look at the delivered bucket).")
  var keep = false

  /// A Thursday: the simulator's weekly rhythm makes weekdays busier than its average day.
  static let dayStart = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

  func run() throws {
    let root = (scratch as NSString).appendingPathComponent("traildeck-bench-deliver-\(getpid())")
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }
    let db = root + "/store.db"
    let buckets = root + "/buckets"
    let start = Self.dayStart
    let end = start.addingTimeInterval(86_400)

    // Management events only: default selectors deliver exactly those, so stored = delivered. Account
    // 1 of the simulator runs at 1.4× the per-account rate.
    let simulation = DemoConfiguration(
      seed: 1, start: start, duration: 86_400, accounts: 1, regions: 8,
      eventsPerAccountDay: Int(Double(events) / 1.4), dataEventsPerAccountDay: 0,
      networkEventsPerAccountDay: 0)
    let account = simulation.accountIds[0]
    var started = DispatchTime.now().uptimeNanoseconds
    let seeded = try DemoLoader(databasePath: db, clock: FixedClock(end)).seed(
      DemoSimulator(configuration: simulation))
    report(
      String(
        format: "seeded: %d events (1 account, 8 regions, %@) in %.1f s", seeded.eventsLoaded,
        ISO8601Time.format(start), seconds(since: started)))

    // A warm-up trail over the last hour makes every region's signing key first: a key is made once per
    // region and 30 days, so a steady day's delivery never pays for RSA key generation.
    try trail("warm-up", logging: end.addingTimeInterval(-3600), db: db, buckets: buckets, account: account)
    try TrailDelivery(context: context(db, buckets, account, end)).runDue(upTo: end)
    try deleteTrail("warm-up", db: db, buckets: buckets, account: account)

    var deliveries: [Double] = []
    var peers: [Double] = []
    var ratios: [Double] = []
    var json = ""
    var arn = ""
    var bucket = ""
    for run in 1...runs {
      // A fresh trail and bucket per run (the previous trail deleted: 5 trails per region at most), so
      // each run delivers the whole day from the start.
      if run > 1 { try deleteTrail("bench-\(run - 1)", db: db, buckets: buckets, account: account) }
      bucket = "bench-\(run)"
      arn = try trail(bucket, logging: start, db: db, buckets: buckets, account: account)
      let delivery = try TrailDelivery(context: context(db, buckets, account, end))
      started = DispatchTime.now().uptimeNanoseconds
      let occurrences = try delivery.runDue(upTo: end)
      let elapsed = seconds(since: started)
      if run == 1 {
        json = root + "/delivered.json"
        let logs = try logFiles(buckets + "/" + bucket)
        try shell(
          "find '\(buckets)/\(bucket)' -path '*/CloudTrail/*' -name '*.json.gz' -print0 | xargs -0 cat | gzip -dc > '\(json)'"
        )
        try describe(logs: logs, json: json, delivery: elapsed, occurrences: occurrences)
      }
      // The peer right after each delivery, as a pair: this host's speed drifts within minutes.
      let peer = try timeShell("gzip -6 -c '\(json)' > /dev/null")
      deliveries.append(elapsed)
      peers.append(peer)
      ratios.append(elapsed / peer)
      report(
        String(
          format:
            "run %d: delivery (runDue to end of day, %d occurrences) %.2f s; gzip -6 of the same JSON %.2f s; ratio %.2f",
          run, occurrences, elapsed, peer, elapsed / peer))
    }
    report(
      String(
        format:
          "delivery: median %.2f s; gzip -6: median %.2f s; delivery / gzip -6, median of the pairs: %.2f (target ≤ 1.0)",
        median(deliveries), median(peers), median(ratios)))

    try validation(db: db, buckets: buckets, bucket: bucket, arn: arn, start: start, end: end)
  }

  // MARK: Validation

  /// `traildeck validate-logs` against the aws CLI's validator on the same bucket, each once per
  /// region (both validate one region's digests per run, the trail's home region by default).
  private func validation(db: String, buckets: String, bucket: String, arn: String, start: Date, end: Date)
    throws
  {
    let binary = siblingTraildeck()
    guard FileManager.default.isExecutableFile(atPath: binary) else {
      report("validate-logs: not measured (needs the traildeck binary next to traildeck-bench)")
      return
    }
    guard FileManager.default.fileExists(atPath: awscliScript) else {
      report(
        "validate-logs: not measured (no \(awscliScript); run from the package root or give --awscli-script)")
      return
    }
    let range =
      "--trail-arn '\(arn)' --start-time \(ISO8601Time.format(start)) --end-time \(ISO8601Time.format(end))"
    let regions = DemoConfiguration.regionOrder
    var ours: [Double] = []
    var theirs: [Double] = []
    var ratios: [Double] = []
    for run in 1...runs {
      var traildeckSeconds = 0.0
      var awscliSeconds = 0.0
      for region in regions {
        let a = root(buckets) + "/validate-\(region).traildeck"
        let b = root(buckets) + "/validate-\(region).awscli"
        traildeckSeconds += try timeShell(
          "'\(binary)' validate-logs --db '\(db)' --buckets '\(buckets)' --now \(ISO8601Time.format(end)) --region \(region) \(range) > '\(a)' 2>&1"
        )
        awscliSeconds += try timeShell(
          "python3 '\(awscliScript)' --traildeck '\(binary)' --db '\(db)' --buckets '\(buckets)' --region \(region) -- \(range) --s3-bucket \(bucket) > '\(b)' 2>&1"
        )
        if run == 1 {
          let mine = (try? String(contentsOfFile: a, encoding: .utf8)) ?? ""
          let aws = (try? String(contentsOfFile: b, encoding: .utf8)) ?? ""
          let summary = mine.split(separator: "\n").filter { $0.contains("valid") }.joined(separator: "; ")
          report("  \(region): \(summary)\(mine == aws ? "" : " — DIFFERS from the aws CLI's output")")
        }
      }
      ours.append(traildeckSeconds)
      theirs.append(awscliSeconds)
      ratios.append(awscliSeconds / traildeckSeconds)
      report(
        String(
          format:
            "run %d: traildeck validate-logs %.2f s, aws CLI validator %.2f s (8 regions each); %.1f× faster",
          run, traildeckSeconds, awscliSeconds, awscliSeconds / traildeckSeconds))
    }
    report(
      String(
        format:
          "validate-logs: median %.2f s; aws CLI: median %.2f s; aws CLI / TrailDeck, median of the pairs: %.1f× (target ≥ 3×)",
        median(ours), median(theirs), median(ratios)))
  }

  private func root(_ buckets: String) -> String { (buckets as NSString).deletingLastPathComponent }

  // MARK: Trails

  private func context(_ db: String, _ buckets: String, _ account: String, _ now: Date) -> StoreContext {
    StoreContext(
      databasePath: db, clock: FixedClock(now), bucketsDirectory: buckets, account: account,
      region: "us-east-1")
  }

  /// Makes bucket `name` and a multi-region trail `name` with log file validation into it, logging from
  /// `logging`; returns its ARN.
  @discardableResult
  private func trail(_ name: String, logging: Date, db: String, buckets: String, account: String) throws
    -> String
  {
    let context = context(db, buckets, account, logging)
    try Buckets.make(name, in: context)
    let services = try StoreServices(context)
    let created = try CreateTrail.perform(
      CreateTrailRequest(
        name: name, s3BucketName: name, isMultiRegionTrail: true, enableLogFileValidation: true),
      with: services)
    _ = try StartLogging.perform(StartLoggingRequest(name: name), with: services)
    return created.trailARN ?? ""
  }

  private func deleteTrail(_ name: String, db: String, buckets: String, account: String) throws {
    let services = try StoreServices(context(db, buckets, account, Self.dayStart))
    _ = try DeleteTrail.perform(DeleteTrailRequest(name: name), with: services)
  }

  // MARK: What was delivered

  private func logFiles(_ bucket: String) throws -> [String] {
    let all = FileManager.default.enumerator(atPath: bucket)?.allObjects as? [String] ?? []
    return all.filter { $0.hasSuffix(".json.gz") && $0.contains("/CloudTrail/") }.map { bucket + "/" + $0 }
  }

  /// The data set, and where delivery's time goes as far as this can tell from outside: zlib at level 6
  /// over the same files' JSON, in this process (delivery compresses each file so, on one thread).
  private func describe(logs: [String], json: String, delivery: Double, occurrences: Int) throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: json))
    let records = count(#""eventID":"#, in: bytes)
    let gzBytes = try logs.reduce(0) {
      $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? NSNumber)?.intValue ?? 0)
    }
    report(
      String(
        format: "delivered: %d log files, %d records, %.1f MB JSON (%.0f B/record), %.1f MB gzip",
        logs.count, records, Double(bytes.count) / 1e6, Double(bytes.count) / Double(max(1, records)),
        Double(gzBytes) / 1e6))
    var files: [[UInt8]] = []
    for path in logs {
      files.append(try Gzip.inflate(Array(try Data(contentsOf: URL(fileURLWithPath: path))), path: path))
    }
    let started = DispatchTime.now().uptimeNanoseconds
    var compressed = 0
    for file in files { compressed += Gzip.deflate(file).count }
    let deflate = seconds(since: started)
    report(
      String(
        format:
          "  compressing the same %d files' JSON one after another (Gzip.deflate, libdeflate level 6), in process: %.2f s (%.0f %% of this delivery's time; delivery spreads it over the cores)",
        files.count, deflate, deflate / delivery * 100))
  }

  /// Occurrences of `needle` (one per record: each has one `"eventID":"`). memchr for the first byte,
  /// then a compare: Glibc's memmem is a GNU extension Swift does not import.
  private func count(_ needle: String, in data: Data) -> Int {
    let pattern = Array(needle.utf8)
    return data.withUnsafeBytes { raw -> Int in
      guard let base = raw.baseAddress, !pattern.isEmpty else { return 0 }
      var n = 0
      var offset = 0
      while offset + pattern.count <= raw.count,
        let hit = memchr(base + offset, Int32(pattern[0]), raw.count - offset)
      {
        let at = base.distance(to: UnsafeRawPointer(hit))
        guard at + pattern.count <= raw.count else { break }
        if memcmp(base + at, pattern, pattern.count) == 0 {
          n += 1
          offset = at + pattern.count
        } else {
          offset = at + 1
        }
      }
      return n
    }
  }

  // MARK: Processes

  private func shell(_ command: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ValidationError("failed (\(process.terminationStatus)): \(command)")
    }
  }

  /// Wall seconds of a shell command (a fresh process, as a user would run it).
  private func timeShell(_ command: String) throws -> Double {
    let started = DispatchTime.now().uptimeNanoseconds
    try shell(command)
    return seconds(since: started)
  }

  private func seconds(since started: UInt64) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
  }
}
