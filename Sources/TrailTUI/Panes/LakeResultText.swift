import Foundation

/// Pure helpers over a Lake result: fitted widths, sorting, CSV and the statistics line.
public enum LakeResultText {
  /// How NULL shows in the grid (the console leaves the cell empty; a dash tells it from '').
  public static let null = "∅"

  /// Lake's query price: $0.005 per GB of data scanned. AWS CloudTrail pricing
  /// (https://aws.amazon.com/cloudtrail/pricing/) says Lake's "data querying … charges are based on the
  /// amount of data scanned by your queries"; the copy of that page we could consult did not show the
  /// figure itself, so $0.005/GB is the published analysis rate as of writing — check the page if it moves.
  public static let pricePerGB = 0.005

  /// Each column's width: the widest of its title and values, at most `limit`.
  public static func fittedWidths(_ result: LakeResult, limit: Int = LakeState.maxColumnWidth) -> [Int] {
    result.columns.indices.map { index in
      var width = displayWidth(of: result.columns[index]) + 2  // room for the sort arrow
      for row in result.rows where index < row.count {
        width = max(width, displayWidth(of: row[index] ?? null))
        if width >= limit { break }
      }
      return min(limit, max(1, width))
    }
  }

  /// The columns whose non-NULL values (there is at least one) all read as numbers.
  public static func numericColumns(_ result: LakeResult) -> Set<Int> {
    Set(
      result.columns.indices.filter { index in
        let values = result.rows.compactMap { index < $0.count ? $0[index] : nil }
        return !values.isEmpty && values.allSatisfy { Double($0) != nil }
      })
  }

  /// The rows sorted by `column`: numerically when both values are numbers, else as text; NULLs last.
  public static func sorted(_ rows: [[String?]], by column: Int, ascending: Bool) -> [[String?]] {
    rows.enumerated().sorted { a, b in
      let x = column < a.element.count ? a.element[column] : nil
      let y = column < b.element.count ? b.element[column] : nil
      switch (x, y) {
      case (nil, nil): return a.offset < b.offset
      case (nil, _): return false
      case (_, nil): return true
      case (let x?, let y?):
        if x == y { return a.offset < b.offset }
        let less: Bool
        if let dx = Double(x), let dy = Double(y) { less = dx < dy } else { less = x < y }
        return ascending ? less : !less
      }
    }.map(\.element)
  }

  /// RFC 4180 CSV: a header line, CRLF line ends, fields with a comma, quote or line break quoted
  /// (quotes doubled); NULL is an empty field.
  public static func csv(_ result: LakeResult) -> String {
    func field(_ value: String?) -> String {
      guard let value else { return "" }
      if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
      }
      return value
    }
    var lines = [result.columns.map { field($0) }.joined(separator: ",")]
    for row in result.rows { lines.append(row.map(field).joined(separator: ",")) }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// `1536` → `1.5 KB` (decimal units, as Lake's console shows bytes scanned).
  public static func bytes(_ n: Int64) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var value = Double(n)
    var unit = 0
    while value >= 1000, unit < units.count - 1 {
      value /= 1000
      unit += 1
    }
    return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
  }

  /// What a scan of `bytes` costs at `pricePerGB`, in dollars with enough digits to be non-zero.
  public static func cost(bytes: Int64) -> String {
    let dollars = Double(bytes) / 1_000_000_000 * pricePerGB
    if dollars == 0 { return "$0" }
    if dollars >= 0.01 { return String(format: "$%.2f", dollars) }
    return String(format: "$%.8f", dollars)
  }

  /// `12 rows · 1,234 events scanned · 1.2 MB · 0.42 s · $0.00000600`.
  public static func statistics(_ result: LakeResult) -> String {
    let rows = result.rows.count == 1 ? "1 row" : "\(groupThousands(result.rows.count)) rows"
    return
      "\(rows) · \(groupThousands(Int(result.eventsScanned))) events scanned · \(bytes(result.bytesScanned))"
      + " · \(String(format: "%.2f", result.elapsed)) s · \(cost(bytes: result.bytesScanned))"
  }
}
