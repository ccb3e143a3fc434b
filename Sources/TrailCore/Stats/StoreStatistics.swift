import Foundation

/// What the store holds, for `traildeck stats` and the status bar.
public struct StoreStatistics: Sendable, Equatable {
  /// Distinct stored events (duplicates are never stored).
  public var events: Int
  public var eventsByCategory: [RankedValue]
  public var eventsByRegion: [RankedValue]
  public var eventsByAccount: [RankedValue]
  public var oldest: Date?
  public var newest: Date?
  /// Journal rows: files whose ingest committed (event files, digests and rejected files alike).
  public var files: Int
  public var digestFiles: Int
  public var rejectedFiles: Int
  public var duplicatesSeen: Int
  /// Rejected records and files, as recorded by ingest.
  public var rejectedInputs: Int
  public var databaseBytes: Int

  /// Reads the figures (counts come from the rollups where they can, so this stays fast).
  public static func read(_ db: SQLiteConnection) throws -> StoreStatistics {
    func ranked(_ sql: String) throws -> [RankedValue] {
      let statement = try db.prepare(sql)
      var values: [RankedValue] = []
      while try statement.step() {
        values.append(RankedValue(statement.text(0) ?? "", Int(statement.int64(1))))
      }
      return values
    }
    let byCategory = try db.prepare(
      "SELECT category, SUM(count) FROM rollup_minute GROUP BY category ORDER BY 2 DESC")
    var categories: [RankedValue] = []
    while try byCategory.step() {
      let category = EventCategory(rawValue: Int(byCategory.int64(0))) ?? .other
      categories.append(RankedValue(category.recordValue, Int(byCategory.int64(1))))
    }
    let oldestID = try db.scalarInt("SELECT COALESCE(MIN(id), -1) FROM events")
    let newestID = try db.scalarInt("SELECT COALESCE(MAX(id), -1) FROM events")
    let pageCount = try db.scalarInt("PRAGMA page_count")
    let pageSize = try db.scalarInt("PRAGMA page_size")
    return StoreStatistics(
      events: Int(try db.scalarInt("SELECT COALESCE(SUM(count), 0) FROM rollup_minute")),
      eventsByCategory: categories,
      eventsByRegion: try ranked(
        """
        SELECT s.value, SUM(r.count) FROM rollup_minute r JOIN strings s ON s.id = r.aws_region
        GROUP BY r.aws_region ORDER BY 2 DESC
        """),
      eventsByAccount: try ranked(
        """
        SELECT s.value, SUM(r.count) FROM rollup_minute r JOIN strings s ON s.id = r.account
        GROUP BY r.account ORDER BY 2 DESC
        """),
      oldest: oldestID < 0 ? nil : Date(timeIntervalSince1970: TimeInterval(EventKey.time(of: oldestID))),
      newest: newestID < 0 ? nil : Date(timeIntervalSince1970: TimeInterval(EventKey.time(of: newestID))),
      files: Int(try db.scalarInt("SELECT COUNT(*) FROM ingested_files")),
      digestFiles: Int(try db.scalarInt("SELECT COUNT(*) FROM ingested_files WHERE kind = 'digest'")),
      rejectedFiles: Int(try db.scalarInt("SELECT COUNT(*) FROM ingested_files WHERE kind = 'rejected'")),
      duplicatesSeen: Int(try db.scalarInt("SELECT COALESCE(SUM(duplicates), 0) FROM ingested_files")),
      rejectedInputs: Int(try db.scalarInt("SELECT COUNT(*) FROM rejections")),
      databaseBytes: Int(pageCount * pageSize))
  }

  /// The newest stored event's time (for `--now latest`).
  public static func newestEventTime(_ db: SQLiteConnection) throws -> Date? {
    let newestID = try db.scalarInt("SELECT COALESCE(MAX(id), -1) FROM events")
    return newestID < 0 ? nil : Date(timeIntervalSince1970: TimeInterval(EventKey.time(of: newestID)))
  }
}
