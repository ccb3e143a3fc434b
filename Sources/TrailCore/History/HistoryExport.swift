import Foundation

/// Writes history results for people and programs: CSV as the console downloads it (columns from
/// `EventColumn`), and a `{"Records":[…]}` file of the verbatim records (which `traildeck ingest` reads back).
public enum HistoryExport {
  /// CSV columns (`EventColumn.csv`): the console's table columns first, then the fields an
  /// investigator pivots on.
  public static let csvColumns = EventColumn.csv.map(\.title)

  public static var csvHeader: String { csvColumns.map(csvField).joined(separator: ",") }

  public static func csvLine(_ e: EventSummary) -> String {
    EventColumn.csv.map { csvField($0.value(of: e) ?? "") }.joined(separator: ",")
  }

  /// First characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
  /// return, hide one behind them): OWASP's list for CSV injection.
  public static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// One CSV cell: neutralised against formula injection, then quoted as RFC 4180 asks.
  ///
  /// Record values come from whoever made the API call (a user agent, a session name, a request's
  /// bucket name), so a downloaded history must not run `=HYPERLINK(…)` when opened in a spreadsheet.
  /// A value starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`, as OWASP
  /// recommends — every such value, a lone `-` or a negative number too: TrailDeck's columns hold no
  /// numbers to keep computable, and one rule is easier to trust than a list of exceptions. Then
  /// fields with commas, quotes or line breaks are quoted and their quotes doubled.
  ///
  /// `=SUM(A1)` → `'=SUM(A1)`; `-1,5` → `"'-1,5"`; `a,b` → `"a,b"`.
  ///
  /// Both checks read Unicode scalars, not `Character`s: Swift makes `"\r\n"` one character, equal
  /// neither to `"\r"` nor to `"\n"`.
  public static func csvField(_ value: String) -> String {
    var value = value
    if let first = value.unicodeScalars.first, formulaTriggers.contains(first) { value = "'" + value }
    let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Streams every page of `filter` to `write` in `format`, reporting progress (events written so far).
  /// Used by the TUI's download; all pages, never only what is on screen.
  ///
  /// `isCancelled` is asked before each page (500 events) is read, so a cancelled download stops
  /// within a page's work rather than after the whole result.
  /// - Throws: `CancellationError` once `isCancelled` answers true (what was written stays written:
  ///   the caller decides what to do with the partial output), or whatever `service` or `write` throw.
  public static func download(
    _ filter: HistoryFilter, format: DownloadFormat, from service: any HistoryQuerying,
    write: (String) throws -> Void, progress: (Int) -> Void, isCancelled: () -> Bool = { false }
  ) throws -> Int {
    var cursor: HistoryCursor?
    var count = 0
    switch format {
    case .csv: try write(csvHeader + "\n")
    case .json: try write("{\"Records\":[\n")
    }
    while true {
      if isCancelled() { throw CancellationError() }
      let page = try service.summaries(filter, from: cursor, direction: .older, limit: 500)
      for row in page {
        switch format {
        case .csv: try write(csvLine(row) + "\n")
        case .json: try write((count == 0 ? "" : ",\n") + (try service.record(rowID: row.rowID)))
        }
        count += 1
      }
      progress(count)
      guard page.count == 500, let last = page.last else { break }
      cursor = last.cursor
    }
    if format == .json { try write("\n]}\n") }
    return count
  }

  /// Writes `download`'s output to the file at `path` (created or emptied), buffered, and returns the
  /// number of events written.
  ///
  /// A cancelled download removes its file before rethrowing: half a CSV looks like a complete,
  /// smaller result to whoever opens it later. The file is removed only once this call created it,
  /// so a path that could not be created (say, a folder) is never touched.
  /// - Throws: `Diagnostic` `DownloadFailed` when the file cannot be created, `CancellationError`
  ///   when `isCancelled` answered true, or what reading and writing threw.
  public static func downloadFile(
    _ filter: HistoryFilter, format: DownloadFormat, from service: any HistoryQuerying, to path: String,
    progress: (Int) -> Void, isCancelled: () -> Bool = { false }
  ) throws -> Int {
    guard FileManager.default.createFile(atPath: path, contents: nil) else {
      throw Diagnostic(
        code: "DownloadFailed", summary: "cannot write the download", location: .init(path: path),
        reason: "cannot create the file", help: "check that the folder exists and is writable")
    }
    do {
      let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      var buffer: [UInt8] = []
      let count = try download(
        filter, format: format, from: service,
        write: { text in
          buffer.append(contentsOf: text.utf8)
          if buffer.count >= 1 << 16 {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
          }
        },
        progress: progress, isCancelled: isCancelled)
      try handle.write(contentsOf: buffer)
      return count
    } catch let error as CancellationError {
      try? FileManager.default.removeItem(atPath: path)
      throw error
    }
  }

  public enum DownloadFormat: String, Sendable, CaseIterable {
    case csv, json
  }
}
