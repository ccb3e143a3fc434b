import Foundation
import Testing

@testable import TrailCore

@Suite("History export")
struct HistoryExportTests {
  @Test func csvQuotesFieldsWithCommasQuotesAndLineBreaks() {
    #expect(HistoryExport.csvField("plain") == "plain")
    #expect(HistoryExport.csvField("a,b") == "\"a,b\"")
    #expect(HistoryExport.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(HistoryExport.csvField("two\nlines") == "\"two\nlines\"")
  }

  /// Every page, not only the first, and the JSON download is a log file `ingest` reads back.
  @Test func downloadWritesEveryPageAndItsJSONReIngestsAsDuplicates() throws {
    let store = try TestStore()
    let records = (0..<1234).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)) }
    try store.write("a.json", records: records)
    _ = try store.ingest()
    let history = try store.history()

    var csv = ""
    var reported: [Int] = []
    let rows = try HistoryExport.download(
      HistoryFilter(), format: .csv, from: history, write: { csv += $0 }, progress: { reported.append($0) })
    #expect(rows == 1234)
    #expect(reported.last == 1234)
    let lines = csv.split(separator: "\n")
    #expect(lines.first.map(String.init) == HistoryExport.csvHeader)
    #expect(lines.count == 1235)
    #expect(lines[1].hasPrefix(TestRecord.id(1233) + ","))

    var json = ""
    _ = try HistoryExport.download(
      HistoryFilter(), format: .json, from: history, write: { json += $0 }, progress: { _ in })
    let exported = try store.write("export.json", text: json)
    let again = try store.ingest([exported])
    #expect(again.summary.line == "1 files, 0 events loaded, 1234 duplicates, 0 rejected")
  }
}
