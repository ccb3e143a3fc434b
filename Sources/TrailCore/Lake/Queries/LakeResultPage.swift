import Foundation

/// The stored form of result rows: one gzip member per page of rows.
///
/// Inside, each value is a varint of its UTF-8 length plus one (0 is SQL NULL) followed by the bytes,
/// row after row; the column count comes from the query's `columns`. Compact (result values repeat a
/// lot: event names, regions) and read a page at a time.
enum LakeResultPage {
  static func encode(_ rows: ArraySlice<[String?]>) -> [UInt8] {
    var bytes: [UInt8] = []
    for row in rows {
      for value in row {
        guard let value else {
          bytes.append(0)
          continue
        }
        let utf8 = Array(value.utf8)
        appendVarint(UInt64(utf8.count) + 1, to: &bytes)
        bytes += utf8
      }
    }
    return Gzip.deflate(bytes)
  }

  /// The rows of a page of `width` columns.
  static func decode(_ stored: [UInt8], width: Int) throws -> [[String?]] {
    let bytes = try Gzip.inflate(stored, path: "lake_query_pages")
    var rows: [[String?]] = []
    var index = 0
    var row: [String?] = []
    row.reserveCapacity(width)
    while index < bytes.count {
      let length = try readVarint(bytes, &index)
      if length == 0 {
        row.append(nil)
      } else {
        let end = index + Int(length - 1)
        guard end <= bytes.count else { throw LakeQueryFailure("a stored page of results is cut short") }
        row.append(String(decoding: bytes[index..<end], as: UTF8.self))
        index = end
      }
      if row.count == width {
        rows.append(row)
        row.removeAll(keepingCapacity: true)
      }
    }
    return rows
  }

  static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  static func readVarint(_ bytes: [UInt8], _ index: inout Int) throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while index < bytes.count, shift < 64 {
      let byte = bytes[index]
      index += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte & 0x80 == 0 { return value }
      shift += 7
    }
    throw LakeQueryFailure("a stored page of results is damaged")
  }

  /// Column names as a JSON array (names may hold any character).
  static func encodeColumns(_ columns: [String]) -> String {
    JSONValue.array(columns.map(JSONValue.string)).compactText()
  }

  static func decodeColumns(_ text: String) -> [String] {
    guard !text.isEmpty, case .array(let items)? = try? JSONValue(parsing: text) else { return [] }
    return items.map { if case .string(let name) = $0 { name } else { "" } }
  }
}

extension LakeQueryStore {
  /// Stores `rows` as pages of `rowsPerPage`.
  func writePages(_ id: String, rows: [[String?]], rowsPerPage: Int) throws {
    let insert = try connection.prepare(
      "INSERT OR REPLACE INTO lake_query_pages (query_id, page, rows) VALUES (?, ?, ?)")
    var page = 0
    var start = 0
    while start < rows.count {
      let end = min(rows.count, start + rowsPerPage)
      try insert.bind([.text(id), .int(Int64(page)), .blob(LakeResultPage.encode(rows[start..<end]))])
      try insert.step()
      page += 1
      start = end
    }
  }

  /// Rows `offset ..< offset + limit` of a query whose rows are `width` wide, reading only their pages.
  func rows(_ id: String, offset: Int, limit: Int, width: Int, rowsPerPage: Int) throws -> [[String?]] {
    guard limit > 0, width > 0 else { return [] }
    let first = offset / rowsPerPage
    let last = (offset + limit - 1) / rowsPerPage
    let select = try connection.prepare(
      "SELECT page, rows FROM lake_query_pages WHERE query_id = ? AND page BETWEEN ? AND ? ORDER BY page")
    try select.bind([.text(id), .int(Int64(first)), .int(Int64(last))])
    var result: [[String?]] = []
    while try select.step() {
      let page = Int(select.int64(0))
      let rows = try LakeResultPage.decode(select.blob(1), width: width)
      let base = page * rowsPerPage
      let from = max(offset, base) - base
      let to = min(offset + limit, base + rows.count) - base
      if from < to { result += rows[from..<to] }
    }
    return result
  }
}
