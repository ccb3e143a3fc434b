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
    // Totals from the packed rollups (see `Rollups`), summed here.
    var total = 0
    var byCategory: [Int64: Int] = [:]
    var byRegion: [Int64: Int] = [:]
    var byAccount: [Int64: Int] = [:]
    try Rollups.forEach(in: db) { key, stored in
      let count = Int(stored)
      total += count
      byCategory[key.category, default: 0] += count
      byRegion[key.region, default: 0] += count
      byAccount[key.account, default: 0] += count
    }
    let categories = RankedValue.ordered(
      byCategory.map { category, count in
        RankedValue((EventCategory(rawValue: Int(category)) ?? .other).recordValue, count)
      })
    let oldestID = try db.scalarInt("SELECT COALESCE(MIN(id), -1) FROM events")
    let newestID = try db.scalarInt("SELECT COALESCE(MAX(id), -1) FROM events")
    let pageCount = try db.scalarInt("PRAGMA page_count")
    let pageSize = try db.scalarInt("PRAGMA page_size")
    return StoreStatistics(
      events: total,
      eventsByCategory: categories,
      eventsByRegion: try RankedValue.ranked(byRegion, names: db),
      eventsByAccount: try RankedValue.ranked(byAccount, names: db),
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
