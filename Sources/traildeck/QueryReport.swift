import Foundation
import TrailCore

/// What `traildeck query` prints once its query has ended, and the exit status: the rows (up to
/// `maxRows`) on stdout, notes on stderr, 0 for FINISHED and 1 otherwise.
struct QueryReport: Equatable {
  var stdout: String
  var stderr: String
  var status: Int32

  /// The report of ended `query` as DescribeQuery `described` it, its rows read page by page.
  /// - Throws: GetQueryResults' `ServiceError`s.
  init(
    query: StartedQuery, described: DescribeQueryResponse, format: QueryResultText.Format, maxRows: Int
  ) throws {
    let id = query.id
    let status = described.queryStatus ?? ""
    let isFinished = status == LakeQueryStatus.finished.rawValue
    let results = try query.results(upTo: maxRows)
    let (columns, rows, total) = (results.columns, results.rows, results.totalCount)
    // Without a row, the table and CSV print nothing (the note on stderr says "0 rows") and JSON an
    // empty array, so that a script reading stdout gets no header without data.
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
