import Foundation
import TrailCore

/// What `traildeck query` prints once its query has ended, and the exit status: the rows (up to
/// `maxRows`) on stdout, notes on stderr, 0 for FINISHED and 1 otherwise.
struct QueryReport: Equatable {
  var stdout: String
  var stderr: String
  var status: Int32

  /// The report of ended query `id` as DescribeQuery `described` it, its rows read page by page.
  /// - Throws: GetQueryResults' `ServiceError`s.
  init(
    query id: String, described: DescribeQueryResponse, services: StoreServices,
    format: QueryResultText.Format,
    maxRows: Int
  ) throws {
    let status = described.queryStatus ?? ""
    let isFinished = status == LakeQueryStatus.finished.rawValue
    var rows: [[String?]] = []
    var columns: [String] = []
    var total = 0
    var token: String?
    repeat {
      let page = try GetQueryResults.perform(
        GetQueryResultsRequest(
          queryId: id, nextToken: token, maxQueryResults: min(1000, maxRows - rows.count)),
        with: services)
      for row in page.queryResultRows ?? [] {
        if columns.isEmpty { columns = row.map(\.name) }
        rows.append(row.map(\.value))
      }
      total = page.queryStatistics?.totalResultsCount ?? rows.count
      token = page.nextToken
    } while token != nil && rows.count < maxRows
    // Without a row there are no column names (GetQueryResults has none to give): JSON still prints
    // an empty array, the table and CSV nothing.
    if !rows.isEmpty {
      stdout = QueryResultText.render(columns: columns, rows: rows, as: format)
    } else {
      stdout = format == .json && isFinished ? "[]\n" : ""
    }
    var notes: [String] = []
    if total > rows.count {
      notes.append("\(total - rows.count) more rows not shown (--max-rows \(maxRows))")
    }
    if !isFinished {
      notes.append("query \(id) \(status)" + (described.errorMessage.map { ": " + $0 } ?? ""))
    } else if format == .table {
      notes.append("\(total) row\(total == 1 ? "" : "s")")
    }
    stderr = notes.map { $0 + "\n" }.joined()
    self.status = isFinished ? 0 : 1
  }
}
