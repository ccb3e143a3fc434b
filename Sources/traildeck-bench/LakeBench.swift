import ArgumentParser
import Foundation
import LakeSQL
import TrailCore

/// Lake's fixed query set, timed on a TrailDeck store and — in the same run, from the same logs — on
/// DuckDB, so the figures are ratios measured side by side.
struct LakeBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lake",
    abstract: "Time Lake's fixed query set on a store and on DuckDB (same logs, same run); print both.")

  @Option(help: "The TrailDeck store holding the logs (filled by `traildeck ingest`).") var db: String
  @Option(help: "The logs' folder (with AWSLogs/), for DuckDB; DuckDB is skipped without it.") var data:
    String?
  @Option(help: "A Python with the duckdb module.") var python = "/tmp/venv-duck/bin/python"
  @Option(help: "The DuckDB file to load the logs into (kept between runs).") var duckdb: String?
  @Option(help: "Timed repetitions of each query after the first.") var hot = 3
  @Option(help: "The userName of q2.") var user = "alice"
  @Option(help: "The text q4 searches for in requestParameters.") var like = "acme-backups"
  @Flag(help: "Print each query's SQLite text and SQLite's plan for it before timing it.") var sql = false
  @Option(help: "Run only these queries (comma-separated names: q1,q4).") var only: String?
  @Option(help: "Time this Lake statement over all_events instead of the set (TrailDeck only).") var query:
    String?

  struct Case {
    var name: String
    var what: String
    var lake: String
    var duck: String
  }

  func cases(w0: String, w1: String) -> [Case] {
    [
      Case(
        name: "q1", what: "top-10 eventName, last day",
        lake:
          "SELECT eventName, count(*) AS n FROM all_events WHERE eventTime >= TIMESTAMP '\(w0)' AND eventTime < TIMESTAMP '\(w1)' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        duck:
          "SELECT eventName, count(*) AS n FROM ct WHERE eventTime >= TIMESTAMPTZ '\(w0)' AND eventTime < TIMESTAMPTZ '\(w1)' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
      ),
      Case(
        name: "q2", what: "newest 50 of one user",
        lake:
          "SELECT eventTime, eventName, eventSource, eventID FROM all_events WHERE userIdentity.userName = '\(user)' ORDER BY eventTime DESC LIMIT 50",
        duck:
          "SELECT eventTime, eventName, eventSource, eventID FROM ct WHERE userIdentity.userName = '\(user)' ORDER BY eventTime DESC LIMIT 50"
      ),
      Case(
        name: "q3", what: "count per minute, whole span",
        lake:
          "SELECT date_trunc('minute', eventTime) AS m, count(*) AS n FROM all_events GROUP BY 1 ORDER BY 1",
        duck: "SELECT date_trunc('minute', eventTime) AS m, count(*) AS n FROM ct GROUP BY 1 ORDER BY 1"),
      Case(
        name: "q4", what: "text search in requestParameters",
        lake:
          "SELECT count(*) FROM all_events WHERE json_format(CAST(requestParameters AS JSON)) LIKE '%\(like)%'",
        duck: "SELECT count(*) FROM ct WHERE CAST(requestParameters AS VARCHAR) LIKE '%\(like)%'"),
      Case(
        name: "q5", what: "json_extract_scalar + group-by",
        lake:
          "SELECT json_extract_scalar(eventjson, '$.requestParameters.bucketName') AS bucket, count(*) AS n FROM all_events WHERE eventSource = 's3.amazonaws.com' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        duck:
          "SELECT json_extract_string(to_json(requestParameters), '$.bucketName') AS bucket, count(*) AS n FROM ct WHERE eventSource = 's3.amazonaws.com' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
      ),
      Case(
        name: "q6", what: "UNNEST of resources",
        lake:
          "SELECT r.type, count(*) AS n FROM all_events CROSS JOIN UNNEST(resources) AS u (r) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10",
        duck:
          "SELECT r.type, count(*) AS n FROM (SELECT unnest(resources) AS r FROM ct) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"
      ),
      Case(
        name: "q7", what: "self-join on eventID, last day",
        lake:
          "SELECT count(*) FROM all_events a JOIN all_events b ON a.eventID = b.eventID WHERE a.eventTime >= TIMESTAMP '\(w0)' AND b.eventTime >= TIMESTAMP '\(w0)'",
        duck:
          "SELECT count(*) FROM ct a JOIN ct b ON a.eventID = b.eventID WHERE a.eventTime >= TIMESTAMPTZ '\(w0)' AND b.eventTime >= TIMESTAMPTZ '\(w0)'"
      ),
    ]
  }

  func run() throws {
    let connection = try SQLiteConnection(path: db, readOnly: true)
    let newest = try connection.scalarInt("SELECT MAX(event_time) FROM events")
    let events = try connection.scalarInt("SELECT COUNT(*) FROM events")
    let w1 = LakeTime.formatTimestamp((newest + 1) * 1000).prefix(19)
    let w0 = LakeTime.formatTimestamp((newest + 1 - 86_400) * 1000).prefix(19)
    let now = Date(timeIntervalSince1970: TimeInterval(newest))
    let context = StoreContext(databasePath: db, clock: FixedClock(now))
    let engine = LakeSQLEngine { name, _, _ in
      name == "all_events" ? LakeSQLEngine.allEventsSource(arn: "all_events") : nil
    }
    let wanted = only.map { Set($0.split(separator: ",").map(String.init)) }
    let all =
      query.map { [Case(name: "sql", what: "--query", lake: $0, duck: "")] }
      ?? cases(w0: String(w0), w1: String(w1)).filter { wanted?.contains($0.name) ?? true }
    report("store: \(events) events; window \(w0) … \(w1)")
    var duck: [String: DuckResult] = [:]
    if let data, query == nil {
      duck = try runDuckDB(all, data: data, w0: String(w0), w1: String(w1))
    }
    report(
      "query  what                               rows   TrailDeck first/hot ms   DuckDB first/hot ms   hot ratio  same rows"
    )
    for c in all {
      if sql {
        let (text, steps) = try engine.plan(c.lake, connection: connection, context: context)
        report("\(c.name) SQL: \(text)")
        for step in steps { report("   plan: \(step)") }
      }
      var times: [Double] = []
      var rows: [[String?]] = []
      for _ in 0...hot {
        let started = DispatchTime.now().uptimeNanoseconds
        let prepared = try engine.prepare(c.lake, parameters: [], connection: connection, context: context)
        let output = try prepared.run(on: connection, now: now, cancellation: LakeCancellation())
        times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        rows = output.rows
      }
      let first = times[0]
      let hotMedian = median(Array(times.dropFirst()))
      let peer = duck[c.name]
      let peerText = peer.map { String(format: "%9.1f / %8.1f", $0.first, $0.hot) } ?? "        – / –       "
      let ratio = peer.map { String(format: "%8.1f×", hotMedian / max($0.hot, 0.001)) } ?? "       –"
      let same = peer.map { Self.sameRows(rows, $0.rows) ? "yes" : "NO" } ?? "–"
      report(
        "\(c.name)     " + c.what.padding(toLength: 34, withPad: " ", startingAt: 0)
          + String(format: "%5d   %9.1f / %8.1f   ", rows.count, first, hotMedian) + peerText + "   " + ratio
          + "  " + same)
      if let peer, same == "NO" {
        let mine = Set(rows.map(Self.normalized)).subtracting(peer.rows.map(Self.normalized)).prefix(3)
        let theirs = Set(peer.rows.map(Self.normalized)).subtracting(rows.map(Self.normalized)).prefix(3)
        report("   only TrailDeck: \(Array(mine))\n   only DuckDB: \(Array(theirs))")
      }
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    report("peak RSS of this process: \(usage.ru_maxrss / 1024) MB (target: under 500 MB at 10 M events)")
    report("targets: each query within 2× DuckDB hot; q1 and q4 no slower than DuckDB")
  }

  /// One query's run on DuckDB: first run and median hot time in ms, and its rows as text.
  struct DuckResult: Decodable {
    var name: String
    var first: Double
    var hot: Double
    var rows: [[String?]]
  }

  /// A row as both engines' texts can be compared: Lake's `2026-01-03 09:15:00.000` and DuckDB's
  /// timestamps (printed to the second by the script) both to the second.
  static func normalized(_ row: [String?]) -> String {
    row.map { value -> String in
      guard let value else { return "NULL" }
      if value.count == 23, value.hasSuffix(".000"), value.dropFirst(10).first == " " {
        return String(value.dropLast(4))
      }
      return value
    }.joined(separator: "|")
  }

  /// The same rows, whatever their order (ties under ORDER BY may come in either).
  static func sameRows(_ a: [[String?]], _ b: [[String?]]) -> Bool {
    a.map(normalized).sorted() == b.map(normalized).sorted()
  }

  /// Loads the logs into DuckDB (once; the file is kept) and times each query there: first run and
  /// the median of `hot` repetitions, in ms, and the rows it answered.
  func runDuckDB(_ all: [Case], data: String, w0: String, w1: String) throws -> [String: DuckResult] {
    let file = duckdb ?? (data + "/ct.duckdb")
    let script = """
      import sys, time, os, statistics, json, duckdb
      data, db, hot = sys.argv[1], sys.argv[2], int(sys.argv[3])
      queries = json.loads(sys.stdin.read())
      if not os.path.exists(db):
          con = duckdb.connect(db)
          t = time.perf_counter()
          con.execute(f"CREATE TABLE ct AS SELECT unnest(Records, max_depth := 2) FROM read_json('{data}/AWSLogs/**/*.json.gz', format='auto')")
          con.execute("CHECKPOINT")
          print("load", time.perf_counter() - t, file=sys.stderr)
          con.close()
      con = duckdb.connect(db, read_only=True)
      con.execute("SET TimeZone = 'UTC'")
      for name, q in queries:
          t = time.perf_counter(); rows = con.execute(q).fetchall(); first = time.perf_counter() - t
          ts = []
          for _ in range(hot):
              t = time.perf_counter(); con.execute(q).fetchall(); ts.append(time.perf_counter() - t)
          text = [[None if v is None else (v.strftime('%Y-%m-%d %H:%M:%S') if hasattr(v, 'strftime') else str(v)) for v in r] for r in rows]
          print(json.dumps({"name": name, "first": first * 1000, "hot": statistics.median(ts) * 1000, "rows": text}), flush=True)
      """
    let scriptPath = NSTemporaryDirectory() + "traildeck-lake-bench-duck.py"
    try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [scriptPath, data, file, String(hot)]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let queries = try JSONSerialization.data(withJSONObject: all.map { [$0.name, $0.duck] })
    input.fileHandleForWriting.write(queries)
    try input.fileHandleForWriting.close()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    var results: [String: DuckResult] = [:]
    for line in text.split(separator: "\n") {
      guard let result = try? JSONDecoder().decode(DuckResult.self, from: Data(line.utf8)) else { continue }
      results[result.name] = result
    }
    return results
  }
}
