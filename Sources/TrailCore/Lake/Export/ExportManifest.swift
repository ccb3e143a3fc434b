import Foundation
import LakeSQL

/// What one export of an event data store wrote into its folder: `_traildeck_export_STOREID.json`
/// beside the data (the leading `_` hides it from Hive, Trino, Athena and Spark, which skip files
/// starting with `_` or `.`).
///
/// The manifest is how an export replaces the previous one instead of adding to it: the files the last
/// manifest lists and this export does not write again are removed. While an export runs, its manifest
/// is rewritten after each batch with `isComplete` false, listing the previous files and those written
/// so far, so that an export cut short is replaced as cleanly by the next run.
public struct ExportManifest: Codable, Equatable, Sendable {
  /// One data file: its path under the folder, its records and its gzip size.
  public struct Entry: Codable, Equatable, Sendable {
    public var path: String
    public var events: Int
    public var bytes: Int
  }

  public var eventDataStoreArn: String
  public var layout: ExportLayout
  /// The clock's now when the export ran (ISO 8601).
  public var exportTime: String
  /// The time range asked for (ISO 8601, inclusive), when one was.
  public var startTime: String?
  public var endTime: String?
  /// False while the export runs (or after it was cut short).
  public var isComplete: Bool
  public var events: Int
  public var files: [Entry]

  /// The manifest's file name for store `id`.
  public static func fileName(storeID: String) -> String { "_traildeck_export_\(storeID).json" }
  static let namePrefix = "_traildeck_export_"

  /// The day (since 1970) of a `hive` file's `date=YYYY-MM-DD` partition.
  static func day(ofHivePath path: String) -> Int64? {
    let parts = path.split(separator: "/")
    guard parts.count >= 2, parts[1].hasPrefix("date=") else { return nil }
    return LakeTime.parseDate(String(parts[1].dropFirst(5)))
  }

  /// Events per day of a `hive` export's files.
  var eventsPerDay: [Int64: Int64] {
    var days: [Int64: Int64] = [:]
    for file in files {
      if let day = Self.day(ofHivePath: file.path) { days[day, default: 0] += Int64(file.events) }
    }
    return days
  }

  func encoded() throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
  }
}
