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

  /// OWASP's rule for CSV injection: a cell a spreadsheet would read as a formula gets a leading `'`,
  /// and RFC 4180 quoting still applies to the neutralised text.
  @Test(arguments: [
    ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
    ("+1", "'+1"),
    ("-", "'-"),
    ("-42", "'-42"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "\"'\r=1\""),
    ("\r\n=1", "\"'\r\n=1\""),
    ("=1,2", "\"'=1,2\""),
    ("a=b", "a=b"),
    ("", ""),
    ("two\r\nlines", "\"two\r\nlines\""),
  ])
  func csvNeutralisesFormulaTriggers(_ value: String, _ cell: String) {
    #expect(HistoryExport.csvField(value) == cell)
  }

  @Test func csvLinesNeutraliseRecordValues() {
    let event = EventSummary(
      rowID: 1, eventId: "e1", eventName: "CreateBucket", eventSource: "s3.amazonaws.com",
      eventTime: Date(timeIntervalSince1970: 0), readOnly: false, username: "=cmd|' /C calc'!A0",
      accessKeyId: nil, resources: [], errorCode: nil, awsRegion: "us-east-1", sourceIPAddress: nil,
      recipientAccountId: "123456789012", eventType: "AwsApiCall", eventCategory: "Management")
    #expect(HistoryExport.csvLine(event).contains(",'=cmd|' /C calc'!A0,"))
  }

  /// The flag is read between pages: a download cancelled after its first page stops there.
  @Test func cancelledDownloadStopsBetweenPagesAndReportsCancellation() throws {
    let store = try TestStore()
    let records = (0..<1234).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)) }
    try store.write("a.json", records: records)
    _ = try store.ingest()
    let history = try store.history()
    var csv = ""
    var reported: [Int] = []
    #expect(throws: CancellationError.self) {
      _ = try HistoryExport.download(
        HistoryFilter(), format: .csv, from: history, write: { csv += $0 },
        progress: { reported.append($0) }, isCancelled: { !reported.isEmpty })
    }
    #expect(reported == [500])
    #expect(csv.split(separator: "\n").count == 501)
  }

  /// The UI's download writes a file; a cancelled one leaves none behind, a finished one every row.
  @Test func cancelledFileDownloadRemovesItsPartialFile() throws {
    let store = try TestStore()
    let records = (0..<1234).map { TestRecord(TestRecord.id($0), at: TestTime.base + Int64($0)) }
    try store.write("a.json", records: records)
    _ = try store.ingest()
    let history = try store.history()
    let path = NSTemporaryDirectory() + "traildeck-export-\(UUID().uuidString).csv"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var pages = 0
    #expect(throws: CancellationError.self) {
      _ = try HistoryExport.downloadFile(
        HistoryFilter(), format: .csv, from: history, to: path, progress: { _ in pages += 1 },
        isCancelled: { pages == 2 })
    }
    #expect(pages == 2)
    #expect(!FileManager.default.fileExists(atPath: path))

    let count = try HistoryExport.downloadFile(
      HistoryFilter(), format: .csv, from: history, to: path, progress: { _ in })
    #expect(count == 1234)
    #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 1235)
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
