import Foundation

/// Writes history results for people and programs: the aws CLI's JSON, CSV as the console downloads
/// it, and a `{"Records":[…]}` file of the verbatim records (which `traildeck ingest` reads back).
public enum HistoryExport {
  /// CSV columns. The console's exact download columns are not documented (spec §2.5 OPEN); TrailDeck
  /// writes the console's table columns first, then the fields an investigator pivots on.
  public static let csvColumns = [
    "Event ID", "Event time", "User name", "Event name", "Event source", "Resource type", "Resource name",
    "AWS access key", "Read-only", "Error code", "Source IP address", "AWS region", "Account ID",
  ]

  public static var csvHeader: String { csvColumns.map(csvField).joined(separator: ",") }

  public static func csvLine(_ e: EventSummary) -> String {
    let fields = [
      e.eventId, ISO8601Time.format(e.eventTime), e.username ?? "", e.eventName, e.eventSource,
      e.resources.map { $0.type ?? "" }.joined(separator: ", "),
      e.resources.map(\.name).joined(separator: ", "),
      e.accessKeyId ?? "", e.readOnly.map { $0 ? "true" : "false" } ?? "", e.errorCode ?? "",
      e.sourceIPAddress ?? "", e.awsRegion, e.recipientAccountId ?? "",
    ]
    return fields.map(csvField).joined(separator: ",")
  }

  /// RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled.
  public static func csvField(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// A JSON string literal as Python's `json.dumps(ensure_ascii=False)` writes it (the aws CLI's output).
  public static func jsonString(_ value: String) -> String {
    var out = "\""
    out.reserveCapacity(value.utf8.count + 2)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// The aws CLI prints timestamps as ISO 8601 with a `+00:00` offset.
  public static func awsCLITime(_ date: Date) -> String {
    String(ISO8601Time.format(date).dropLast()) + "+00:00"
  }

  /// One `Event` object of the LookupEvents response, indented as the aws CLI indents it (4 spaces).
  public static func eventJSON(_ event: LookedUpEvent, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    let inner = pad + "    "
    let e = event.summary
    var members: [String] = [
      "\(inner)\"EventId\": \(jsonString(e.eventId))", "\(inner)\"EventName\": \(jsonString(e.eventName))",
    ]
    if let readOnly = e.readOnly { members.append("\(inner)\"ReadOnly\": \"\(readOnly)\"") }
    if let key = e.accessKeyId { members.append("\(inner)\"AccessKeyId\": \(jsonString(key))") }
    members.append("\(inner)\"EventTime\": \"\(awsCLITime(e.eventTime))\"")
    members.append("\(inner)\"EventSource\": \(jsonString(e.eventSource))")
    if let user = e.username { members.append("\(inner)\"Username\": \(jsonString(user))") }
    if e.resources.isEmpty {
      members.append("\(inner)\"Resources\": []")
    } else {
      let items = e.resources.map { r -> String in
        var fields: [String] = []
        if let type = r.type { fields.append("\(inner)        \"ResourceType\": \(jsonString(type))") }
        fields.append("\(inner)        \"ResourceName\": \(jsonString(r.name))")
        return "\(inner)    {\n" + fields.joined(separator: ",\n") + "\n\(inner)    }"
      }
      members.append("\(inner)\"Resources\": [\n" + items.joined(separator: ",\n") + "\n\(inner)]")
    }
    members.append("\(inner)\"CloudTrailEvent\": \(jsonString(event.cloudTrailEvent))")
    return "\(pad){\n" + members.joined(separator: ",\n") + "\n\(pad)}"
  }

  /// Streams every page of `filter` to `write` in `format`, reporting progress (events written so far).
  /// Used by the TUI's download; all pages, never only what is on screen.
  public static func download(
    _ filter: HistoryFilter, format: DownloadFormat, from service: HistoryService,
    write: (String) throws -> Void, progress: (Int) -> Void
  ) throws -> Int {
    var cursor: HistoryCursor?
    var count = 0
    switch format {
    case .csv: try write(csvHeader + "\n")
    case .json: try write("{\"Records\":[\n")
    }
    while true {
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

  public enum DownloadFormat: String, Sendable, CaseIterable {
    case csv, json
  }
}
