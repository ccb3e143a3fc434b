import Foundation

/// How `traildeck export` lays out an event data store's events in a folder.
public enum ExportLayout: String, CaseIterable, Sendable, Codable {
  /// CloudTrail's own S3 layout, as a trail delivers it (`AWSLogs/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/
  /// …json.gz` holding `{"Records":[…]}`): what Athena's documented CloudTrail table reads.
  case cloudtrail
  /// gzip JSON Lines of Lake's table (`LakeExportRow`) in Hive partitions
  /// `region=REGION/date=YYYY-MM-DD/part-N.json.gz`: what Trino, Spark, Athena's JSON SerDe and DuckDB
  /// read with partition pruning.
  case hive
}

/// One file an export writes: its path under the export folder, its uncompressed content, and what it
/// holds.
struct ExportFile {
  /// Relative to the export folder, `/`-separated.
  var path: String
  /// The bytes before gzip.
  var content: [UInt8]
  /// Records in it.
  var events: Int
}

/// Where an event lies, read from the store's columns beside its record.
struct ExportPlace {
  var account: String
  var region: String
  /// The stored eventID (`EventKey.eventIDText`).
  var eventID: String
}

/// A layout's writer: takes records in ascending row-id (time) order and hands back the files it has
/// completed, so that only a few minutes (cloudtrail) or one day (hive) of records are held at once.
protocol ExportLayoutWriter {
  /// Adds one record; returns the files this record completed (those of an earlier window).
  mutating func add(_ record: StoredRecord, at place: ExportPlace) throws -> [ExportFile]
  /// The files still open.
  mutating func finish() -> [ExportFile]
}

/// Path components from record values: a value that is not plain letters, digits, `-` and `_` is
/// percent-encoded (as Hive escapes partition values), so no record can name a folder outside the
/// export (`..`, `/`); an empty one is Hive's `__HIVE_DEFAULT_PARTITION__`.
enum ExportPathComponent {
  static func encode(_ value: String) -> String {
    guard !value.isEmpty else { return "__HIVE_DEFAULT_PARTITION__" }
    var out = ""
    for byte in value.utf8 {
      let c = Character(Unicode.Scalar(byte))
      if byte < 0x80 && (c.isLetter || c.isNumber || c == "-" || c == "_") {
        out.append(c)
      } else {
        out += String(format: "%%%02X", byte)
      }
    }
    return out
  }
}
