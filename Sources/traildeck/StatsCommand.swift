import ArgumentParser
import Foundation
import TrailCore

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Show what the store holds: events by category, region and account, time span, files, rejects.")

  @OptionGroup var store: StoreOptions

  @Option(name: .long, help: "Output format: text or json.")
  var output: StatsFormat = .text

  enum StatsFormat: String, ExpressibleByArgument {
    case text, json
  }

  func run() throws {
    let reader = try EventStore.openReader(path: store.db)
    let stats = try StoreStatistics.read(reader)
    switch output {
    case .json: print(StatsRendering.json(stats))
    case .text: print(StatsRendering.text(stats, path: store.db))
    }
  }
}

enum StatsRendering {
  static func json(_ s: StoreStatistics) -> String {
    func object(_ values: [RankedValue]) -> [String: Int] {
      Dictionary(values.map { ($0.value, $0.count) }, uniquingKeysWith: +)
    }
    let body: [String: Any] = [
      "events": s.events,
      "files": s.files,
      "oldest": s.oldest.map { ISO8601Time.format($0) } ?? NSNull(),
      "newest": s.newest.map { ISO8601Time.format($0) } ?? NSNull(),
      "eventsByCategory": object(s.eventsByCategory),
      "eventsByRegion": object(s.eventsByRegion),
      "eventsByAccount": object(s.eventsByAccount),
      "digestFiles": s.digestFiles,
      "rejectedFiles": s.rejectedFiles,
      "duplicatesSeen": s.duplicatesSeen,
      "rejectedInputs": s.rejectedInputs,
      "databaseBytes": s.databaseBytes,
    ]
    let data = try! JSONSerialization.data(withJSONObject: body, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }

  static func text(_ s: StoreStatistics, path: String) -> String {
    var lines = ["Database      \(path) (\(s.databaseBytes / 1_048_576) MiB)"]
    lines.append("Events        \(s.events)")
    func list(_ title: String, _ values: [RankedValue]) {
      guard !values.isEmpty else { return }
      let shown = values.prefix(10).map { "\($0.value.isEmpty ? "(none)" : $0.value) \($0.count)" }
      lines.append(
        title.padding(toLength: 14, withPad: " ", startingAt: 0) + shown.joined(separator: ", ")
          + (values.count > 10 ? ", … (\(values.count) in all)" : ""))
    }
    list("  by category", s.eventsByCategory)
    list("  by region", s.eventsByRegion)
    list("  by account", s.eventsByAccount)
    lines.append("Oldest        \(s.oldest.map { ISO8601Time.format($0) } ?? "-")")
    lines.append("Newest        \(s.newest.map { ISO8601Time.format($0) } ?? "-")")
    lines.append("Files         \(s.files) ingested (\(s.digestFiles) digest, \(s.rejectedFiles) rejected)")
    lines.append("Duplicates    \(s.duplicatesSeen) skipped")
    lines.append("Rejected      \(s.rejectedInputs) inputs")
    return lines.joined(separator: "\n")
  }
}
