/// Result rows as CSV (RFC 4180): a header record, CRLF line ends, a field quoted when it holds `,`,
/// `"`, CR or LF (or is empty), with `"` doubled. SQL NULL is an empty unquoted field, so it stays
/// apart from the empty string (`""`). Used by the delivered result files and `traildeck query`.
public enum LakeResultCSV {
  public static func text(columns: [String], rows: [[String?]]) -> String {
    var records = [columns.map { field($0) }.joined(separator: ",")]
    records += rows.map { $0.map(field).joined(separator: ",") }
    return records.map { $0 + "\r\n" }.joined()
  }

  static func field(_ value: String?) -> String {
    guard let value else { return "" }
    guard value.isEmpty || value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" })
    else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
