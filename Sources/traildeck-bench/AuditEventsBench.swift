import ArgumentParser
import Foundation
import TrailCore

/// `traildeck-bench audit-events`: sustained PutAuditEvents through `traildeck serve` (the binary
/// beside this one) with wrk: 50 connections each putting 100-event calls into one channel, events/s
/// and latency per run, then the store's count against what was acknowledged.
struct AuditEventsBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit-events",
    abstract:
      "Time PutAuditEvents over HTTP through `traildeck serve` with wrk: events/s at 50 callers (100 a call)."
  )

  @Option(help: "Seconds each wrk run lasts.") var seconds = 15
  @Option(help: "Runs (the median is reported).") var runs = 3
  @Option(help: "Concurrent callers (wrk connections).") var connections = 50

  static let account = StoreContext.defaultAccount
  static let now = "2026-01-01T00:00:00Z"

  func run() throws {
    guard let wrk = ApiBench.which("wrk") else {
      throw ValidationError("wrk is not on PATH: install it (Debian: apt-get install wrk).")
    }
    let scratch = NSTemporaryDirectory() + "traildeck-audit-bench-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: scratch + "/buckets", withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let database = scratch + "/store.db"
    let channel = try Self.makeChannel(database: database, buckets: scratch + "/buckets")
    let script = scratch + "/put.lua"
    try Self.script(channel: channel).write(toFile: script, atomically: true, encoding: .utf8)
    let server = try ServedStore(database: database, buckets: scratch + "/buckets", now: Self.now)
    report(
      "serving on \(server.url); wrk \(seconds) s a run, \(runs) runs, \(connections) callers, 100 events a call"
    )
    var rates: [Double] = []
    var p50s: [Double] = []
    var p99s: [Double] = []
    var acknowledged = 0
    for run in 1...runs {
      let result = try ApiBench.wrk(
        wrk, url: server.url, script: script, connections: connections, seconds: seconds)
      rates.append(result.requestsPerSecond * 100)
      p50s.append(result.p50)
      p99s.append(result.p99)
      acknowledged += result.completed - result.errors
      report(
        String(
          format: "run %d: %.0f events/s (%.0f calls/s), p50 %.2f ms, p99 %.2f ms, %d errors", run,
          result.requestsPerSecond * 100, result.requestsPerSecond, result.p50, result.p99, result.errors))
    }
    server.stop()
    // Events from outside AWS only: the server also records each call as a data event of its channel.
    let count = try EventStore.openReader(path: database).prepare(
      "SELECT count(*) FROM events WHERE category = \(EventCategory.activityAuditLog.rawValue)")
    let stored = try count.step() ? Int(count.int64(0)) : 0
    report(
      String(
        format: "median: %.0f events/s, call p50 %.2f ms, p99 %.2f ms; stored %d events for %d acknowledged",
        median(rates), median(p50s), median(p99s), stored, acknowledged * 100))
    report("target: sustained 5 000 events/s; every acknowledged event stored once")
  }

  /// A store with an ActivityAuditLog event data store and a Custom channel into it; the channel's ARN.
  static func makeChannel(database: String, buckets: String) throws -> String {
    _ = try EventStore.openWriter(path: database)
    let context = StoreContext(
      databasePath: database, clock: FixedClock(ISO8601Time.parseUserTime(now)!), bucketsDirectory: buckets,
      account: account, region: StoreContext.defaultRegion)
    let services = try StoreServices(context)
    let store = try CreateEventDataStore.perform(
      CreateEventDataStoreRequest(
        name: "bench-events",
        advancedEventSelectors: [
          AdvancedEventSelector(
            fieldSelectors: [AdvancedFieldSelector(field: "eventCategory", equals: ["ActivityAuditLog"])])
        ], multiRegionEnabled: false), with: services)
    let channel = try CreateChannel.perform(
      CreateChannelRequest(
        name: "bench", source: "Custom",
        destinations: [Destination(type: "EVENT_DATA_STORE", location: store.eventDataStoreArn ?? "")]),
      with: services)
    return channel.channelArn ?? ""
  }

  /// A wrk script putting 100 events a call (unsigned: the server without --credentials takes them
  /// as its default account's).
  static func script(channel: String) -> String {
    let events = (0..<100).map { n in
      let data =
        #"{"version":"1.0","userIdentity":{"type":"CustomUser","principalId":"user-\#(n % 7)"},"userAgent":"bench/1.0","eventSource":"bench.example.com","eventName":"Call\#(n % 5)","eventTime":"2026-01-01T00:00:00","UID":"uid-\#(n)","requestParameters":{"n":\#(n),"path":"/items/\#(n)"},"sourceIPAddress":"192.0.2.\#(n % 250)","recipientAccountId":"\#(account)"}"#
      // eventData is a JSON string holding the event's JSON.
      return #"{"id":"e\#(n)","eventData":\#(JSONValue.string(data).compactText())}"#
    }
    let body = #"{"auditEvents":["# + events.joined(separator: ",") + "]}"
    let query = channel.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? channel
    return """
      wrk.method = "POST"
      wrk.path = "/PutAuditEvents?channelArn=\(query)"
      wrk.headers["Content-Type"] = "application/json"
      wrk.body = [==[\(body)]==]
      """
  }
}
