import ArgumentParser
import Foundation
import TrailCore

/// Insights detection measured on the simulator's injected incidents: recall, start delay, false
/// periods per account-region per week, the nightly job never flagged, and the detector's time.
struct InsightsBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "insights",
    abstract: "Detect Insights over seeded simulations; print recall, start delay, false periods and time.",
    discussion: """
      For each seed: a scratch store with DAYS simulated days of ACCOUNTS accounts in REGIONS regions
      (the simulator's call-rate bursts, error storms and nightly batch job included), then
      `InsightsScan` over the whole span without writing, RUNS times (the median is quoted). Each
      burst must be found by an ApiCallRateInsight period on its API, account and region starting
      within it, each storm by an ApiErrorRateInsight period with its error code. A period no incident
      explains is false; false periods are counted per account-region per week of judged traffic
      (the span after the first 36 hours).

      With --db, times detection on an existing store instead (its rollups already built by ingest or \
      demo): a scan of its last day, a scan of its whole span, and live detection's first tick (which \
      reads the 7-day baseline) and a following one, RUNS times each, medians quoted.
      """)

  @Option(help: "Seeds to simulate (comma-separated).") var seeds = "1,7,42,99,2026"
  @Option(help: "Simulated days per seed.") var days = 14
  @Option(help: "Accounts.") var accounts = 3
  @Option(help: "Regions.") var regions = 3
  @Option(help: "Timed detection runs per seed.") var runs = 3
  @Option(help: "Where the scratch stores go.") var scratch = NSTemporaryDirectory()
  @Flag(help: "Print every period found and every incident missed.") var verbose = false
  @Option(help: "Time detection on this store instead of seeding simulations.") var db: String?

  static let end = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z

  func run() throws {
    if let db { return try timeStore(db) }
    var allDelays: [Double] = []
    var found = 0
    var injected = 0
    var falseCount = 0
    var weeks = 0.0
    var jobFlags = 0
    for seedText in seeds.split(separator: ",") {
      guard let seed = UInt64(seedText.trimmingCharacters(in: .whitespaces)) else {
        throw ValidationError("--seeds: '\(seedText)' is not a number")
      }
      let root = (scratch as NSString).appendingPathComponent("traildeck-bench-insights-\(getpid())-\(seed)")
      try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: root) }
      let configuration = DemoConfiguration(
        seed: seed, days: days, accounts: accounts, regions: regions, end: Self.end)
      let simulator = DemoSimulator(configuration: configuration)
      let clock = FixedClock(Self.end)
      let db = root + "/store.db"
      let seeded = try DemoLoader(databasePath: db, clock: clock).seed(simulator)
      let scan = InsightsScan(context: StoreContext(databasePath: db, clock: clock))
      let span = configuration.span
      var times: [Double] = []
      var result: InsightsScan.Result?
      for _ in 0..<max(1, runs) {
        let started = DispatchTime.now().uptimeNanoseconds
        result = try scan.run(from: span.start, to: span.end, write: false)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
      }
      let periods = result?.periods ?? []
      let evaluation = InsightsEvaluation(
        periods: periods, incidents: simulator.incidents, jobs: simulator.recurringJobs)
      let judgedWeeks = (span.duration - 36 * 3600) / (7 * 86_400) * Double(accounts * regions)
      let delays = evaluation.startDelays
      let hits = evaluation.matches.filter { $0.period != nil }.count
      report(
        "seed \(seed): \(seeded.eventsLoaded) events, \(evaluation.matches.count) incidents, found \(hits)"
          + ", start delay median \(fmt(median(delays))) max \(fmt(delays.max() ?? 0)) min"
          + ", \(evaluation.falsePeriods.count) false (\(fmt(Double(evaluation.falsePeriods.count) / judgedWeeks)) per account-region-week)"
          + ", \(evaluation.classicPeriods.count) on classic incidents, \(evaluation.recurringJobPeriods.count) on the nightly job"
          + ", detection median \(fmt(median(times) * 1000)) ms")
      if verbose {
        for match in evaluation.matches {
          let what =
            "\(match.incident.kind.rawValue) \(match.incident.eventName ?? "") \(match.incident.errorCode ?? "")"
          let place =
            "\(match.incident.accountId) \(match.incident.region) \(ISO8601Time.format(match.incident.start))"
          report(
            "  \(match.period == nil ? "MISSED" : "found ") \(what) \(place) delay \(fmt(match.startDelayMinutes ?? -1))"
          )
        }
        for period in evaluation.falsePeriods + evaluation.recurringJobPeriods {
          report(
            "  false  \(period.subject) \(ISO8601Time.format(period.start)) \(period.durationMinutes) min avg \(fmt(period.periodAverage)) base \(fmt(period.baselineAverage))"
          )
        }
      }
      allDelays += delays
      found += hits
      injected += evaluation.matches.count
      falseCount += evaluation.falsePeriods.count
      jobFlags += evaluation.recurringJobPeriods.count
      weeks += judgedWeeks
    }
    report(
      "all seeds: recall \(found)/\(injected) (\(fmt(100 * Double(found) / Double(max(1, injected)))) %)"
        + ", start delay median \(fmt(median(allDelays))) p90 \(fmt(percentile(allDelays, 0.9))) max \(fmt(allDelays.max() ?? 0)) min"
        + ", false periods \(falseCount) = \(fmt(Double(falseCount) / max(weeks, 1e-9))) per account-region-week"
        + ", nightly job flagged \(jobFlags) times")
  }

  /// Detection times on an existing store.
  func timeStore(_ path: String) throws {
    let reader = try EventStore.openReader(path: path)
    let statistics = try StoreStatistics.read(reader)
    guard let oldest = statistics.oldest, let newest = statistics.newest else {
      throw ValidationError("The store \(path) holds no events.")
    }
    let end = Date(timeIntervalSince1970: (newest.timeIntervalSince1970 / 60).rounded(.down) * 60)
    let clock = FixedClock(end)
    let context = StoreContext(databasePath: path, clock: clock)
    report(
      "store: \(statistics.events) events from \(ISO8601Time.format(oldest)) to \(ISO8601Time.format(newest))"
    )
    func time(_ label: String, _ body: () throws -> String) throws {
      var times: [Double] = []
      var note = ""
      for _ in 0..<max(1, runs) {
        let started = DispatchTime.now().uptimeNanoseconds
        note = try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
      }
      report(
        "\(label): median \(fmt(median(times) * 1000)) ms (\(times.map { fmt($0 * 1000) }.joined(separator: ", "))); \(note)"
      )
    }
    let scan = InsightsScan(context: context)
    try time("scan of the last day") {
      let result = try scan.run(from: end.addingTimeInterval(-86_400), to: end, write: false)
      return "\(result.periods.count) periods"
    }
    try time("scan of the whole span") {
      let result = try scan.run(from: oldest, to: end, write: false)
      return "\(result.periods.count) periods"
    }
    try time("live: first tick (reads the week) and one more minute") {
      let live = try InsightsLive(context: context)
      // No writes: a scope whose periods all start after the end.
      live.fixedScope = .everything(since: end.addingTimeInterval(86_400))
      let first = DispatchTime.now().uptimeNanoseconds
      try live.detect(at: end.addingTimeInterval(-60))
      let middle = DispatchTime.now().uptimeNanoseconds
      try live.detect(at: end)
      let last = DispatchTime.now().uptimeNanoseconds
      return "first \(fmt(Double(middle - first) / 1e6)) ms, next \(fmt(Double(last - middle) / 1e6)) ms"
    }
  }

  private func fmt(_ value: Double) -> String { String(format: "%.2f", value) }
}
