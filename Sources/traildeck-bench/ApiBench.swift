import ArgumentParser
import Foundation
import TrailCore

/// `traildeck-bench api`: LookupEvents end to end over loopback, through the real `traildeck serve`
/// (the binary beside this one) and the `wrk` load generator with a Lua script of request bodies.
struct ApiBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "api",
    abstract:
      "Time LookupEvents over HTTP through `traildeck serve` with wrk: p50/p99 at 8 clients, requests/s at 64."
  )

  @Option(
    help:
      "The TrailDeck database to serve, copied first (the server records its calls); its clock is set to its newest event."
  ) var db: String
  @Option(help: "Seconds each wrk run lasts.") var seconds = 15
  @Option(help: "Runs of each measurement (the median is reported).") var runs = 3
  @Flag(
    help: """
      Sample attribute values from every region, not only the caller's (us-east-1): values of other \
      regions find nothing there, after walking all their postings.
      """)
  var crossRegion = false

  func run() throws {
    guard let wrk = Self.which("wrk") else {
      throw ValidationError("wrk is not on PATH: install it (Debian: apt-get install wrk).")
    }
    let clock = FixedClock(
      try StoreStatistics.newestEventTime(EventStore.openReader(path: db)) ?? SystemClock().now())
    let services = try StoreServices(databasePath: db, clock: clock)
    report("store: \(try services.eventCount()) events, clock as of \(ISO8601Time.format(clock.now()))")
    let scratch = NSTemporaryDirectory() + "traildeck-api-bench-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }

    // One body per sampled attribute value (every attribute, and none), as LookupBench samples them,
    // from the region the (unsigned) requests are answered for, as a CloudTrail user asks their region.
    let pool = try LookupBench.samplePool(services, region: crossRegion ? nil : StoreContext.defaultRegion)
    var bodies: [String] = []
    for (n, row) in pool.enumerated() {
      let key = ([nil] + LookupAttributeKey.allCases)[n % (LookupAttributeKey.allCases.count + 1)]
      guard let key else {
        bodies.append(#"{"MaxResults":50}"#)
        continue
      }
      let value = LookupBench.value(of: key, in: row).replacingOccurrences(of: "\"", with: "\\\"")
      bodies.append(
        #"{"LookupAttributes":[{"AttributeKey":"\#(key.rawValue)","AttributeValue":"\#(value)"}],"MaxResults":50}"#
      )
    }
    let mixed = scratch + "/mixed.lua"
    let onePage = scratch + "/one-page.lua"
    try Self.script(bodies: bodies).write(toFile: mixed, atomically: true, encoding: .utf8)
    try Self.script(bodies: [#"{"MaxResults":50}"#]).write(toFile: onePage, atomically: true, encoding: .utf8)

    // The server records every call it answers as an event of its newest minutes (as CloudTrail
    // records its own API calls), tens of thousands a run: served in place, each run would measure a
    // store the runs before had grown, its newest day ever denser. A copy keeps the store as given.
    // Whatever a WAL beside it still holds goes into the file first, so the copy has every event.
    try SQLiteConnection(path: db).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let served = scratch + "/store.db"
    try FileManager.default.copyItem(atPath: db, toPath: served)
    // Written out before the runs: the kernel writing 5 GB back during the first run slowed it.
    let copy = try FileHandle(forUpdating: URL(fileURLWithPath: served))
    try copy.synchronize()
    try copy.close()
    let server = try ServedStore(database: served, buckets: scratch + "/buckets")
    defer { server.stop() }
    report("serving on \(server.url); wrk \(seconds) s a run, \(runs) runs, \(bodies.count) distinct bodies")

    var p50s: [Double] = []
    var p99s: [Double] = []
    var rates: [Double] = []
    for run in 1...runs {
      let latency = try Self.wrk(wrk, url: server.url, script: mixed, connections: 8, seconds: seconds)
      p50s.append(latency.p50)
      p99s.append(latency.p99)
      let load = try Self.wrk(wrk, url: server.url, script: onePage, connections: 64, seconds: seconds)
      rates.append(load.requestsPerSecond)
      report(
        String(
          format:
            "run %d: 8 clients p50 %.2f ms p99 %.2f ms (%d errors); 64 clients one page: %.0f requests/s (%d errors)",
          run, latency.p50, latency.p99, latency.errors, load.requestsPerSecond, load.errors))
    }
    report(
      String(
        format: "median: LookupEvents p50 %.2f ms, p99 %.2f ms at 8 clients; %.0f requests/s at 64 clients",
        median(p50s), median(p99s), median(rates)))
    report("target: p99 < 20 ms end to end at 10 million events stored with 8 concurrent clients")
  }

  /// A wrk script cycling through `bodies` as LookupEvents requests.
  static func script(bodies: [String]) -> String {
    let table = bodies.map { "[==[" + $0 + "]==]" }.joined(separator: ",\n")
    return """
      local bodies = {
      \(table)
      }
      local i = 0
      wrk.method = "POST"
      wrk.headers["Content-Type"] = "application/x-amz-json-1.1"
      wrk.headers["X-Amz-Target"] = "CloudTrail_20131101.LookupEvents"
      request = function()
        i = i % #bodies + 1
        return wrk.format(nil, "/", nil, bodies[i])
      end
      """
  }

  struct WrkResult {
    var p50: Double
    var p99: Double
    var requestsPerSecond: Double
    var errors: Int
    /// Requests answered in the run (wrk's "N requests in …").
    var completed: Int = 0
  }

  /// Runs wrk and reads its latency distribution, rate and non-2xx count.
  static func wrk(_ wrk: String, url: String, script: String, connections: Int, seconds: Int) throws
    -> WrkResult
  {
    let output = try Self.capture(
      wrk, ["-t", "2", "-c", String(connections), "-d", "\(seconds)s", "--latency", "-s", script, url])
    func milliseconds(_ label: String) -> Double {
      guard
        let line = output.split(separator: "\n").first(where: {
          $0.trimmingCharacters(in: .whitespaces).hasPrefix(label)
        }),
        let text = line.split(separator: " ").last
      else { return .nan }
      let number = Double(text.dropLast(text.hasSuffix("ms") || text.hasSuffix("us") ? 2 : 1)) ?? .nan
      if text.hasSuffix("us") { return number / 1000 }
      if text.hasSuffix("ms") { return number }
      return number * 1000
    }
    let rate =
      output.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }
      .flatMap { Double($0.split(separator: " ").last ?? "") } ?? .nan
    let errors =
      output.split(separator: "\n").first { $0.contains("Non-2xx or 3xx responses:") }
      .flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    let completed =
      output.split(separator: "\n").first { $0.contains(" requests in ") }
      .flatMap { Int($0.trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "") } ?? 0
    return WrkResult(
      p50: milliseconds("50%"), p99: milliseconds("99%"), requestsPerSecond: rate, errors: errors,
      completed: completed)
  }

  static func which(_ name: String) -> String? {
    for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  static func capture(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}

/// `traildeck serve` on a free loopback port over a store, its clock at the store's newest event (or
/// `now`).
final class ServedStore {
  let process = Process()
  let url: String

  init(database: String, buckets: String, now: String = "latest") throws {
    let binary = siblingTraildeck()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "serve", "--db", database, "--buckets", buckets, "--now", now, "--listen", "127.0.0.1:0",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8)
    {
      line.append(byte)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard text.hasPrefix("listening on ") else {
      process.terminate()
      throw ValidationError("\(binary) serve did not start (it printed '\(text)').")
    }
    url = String(text.dropFirst("listening on ".count))
  }

  func stop() {
    process.terminate()
    process.waitUntilExit()
  }
}
