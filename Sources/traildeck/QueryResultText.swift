import Foundation
import TrailCore
import TrailTUI

/// Result rows of `traildeck query` as text for people: an aligned table, CSV or JSON.
///
/// SQL NULL is `NULL` in the table, an empty unquoted field in CSV (an empty string is `""`, so the
/// two stay apart) and `null` in JSON, as GetQueryResults sends it.
enum QueryResultText {
  enum Format: String, CaseIterable {
    case table, csv, json
  }

  static func render(columns: [String], rows: [[String?]], as format: Format) -> String {
    switch format {
    case .table: table(columns: columns, rows: rows)
    case .csv: csv(columns: columns, rows: rows)
    case .json: json(columns: columns, rows: rows)
    }
  }

  /// Columns padded to their widest cell (display width: CJK and emoji take two), a rule under the
  /// header, line breaks inside values shown as `⏎`.
  static func table(columns: [String], rows: [[String?]]) -> String {
    let cells = rows.map { row in row.map { ($0 ?? "NULL").replacingOccurrences(of: "\n", with: "⏎") } }
    var widths = columns.map { displayWidth(of: $0) }
    for row in cells {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = max(widths[index], displayWidth(of: cell))
      }
    }
    func line(_ values: [String]) -> String {
      zip(values, widths).map { pad($0, toWidth: $1) }.joined(separator: "  ")
        .replacingOccurrences(of: #"\s+$"#, with: "", options: .regularExpression)
    }
    var lines = [line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    lines += cells.map(line)
    return lines.joined(separator: "\n") + "\n"
  }

  /// RFC 4180 (`LakeResultCSV`, as the delivered result files are written).
  static func csv(columns: [String], rows: [[String?]]) -> String {
    LakeResultCSV.text(columns: columns, rows: rows)
  }

  /// A JSON array of one object per row, members in select order.
  static func json(columns: [String], rows: [[String?]]) -> String {
    let value = JSONValue.array(
      rows.map { row in
        .object(zip(columns, row).map { (key: $0, value: $1.map(JSONValue.string) ?? .null) })
      })
    return value.awsCLIText()
  }
}
