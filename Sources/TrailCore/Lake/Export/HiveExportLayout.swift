import Foundation
import LakeSQL

/// The `hive` layout: Lake's table as gzip JSON Lines (`LakeExportRow`, one row a line) in Hive
/// partitions `region=AWSREGION/date=YYYY-MM-DD/part-N.json.gz`, by the event's `awsRegion` and the UTC
/// date of its `eventTime`.
///
/// A partition's rows are cut into parts of at most `partBytes` uncompressed bytes (part-0, part-1, …
/// in time order), so a day of a busy region is several files engines read in parallel, and the memory
/// an export holds stays bounded: records arrive in time order, so a day's partitions are complete
/// once a later day's record comes, and are written then.
struct HiveExportLayout: ExportLayoutWriter {
  /// Uncompressed bytes of one part at most (some 16 000 records; about 3 MB gzip).
  var partBytes: Int

  private var currentDay: Int64?
  private var buffers: [String: (lines: [UInt8], events: Int)] = [:]
  private var parts: [String: Int] = [:]

  /// The store's enriched events' context (nil: the store has no context key selectors).
  var enrichment: EventContextReader?
  /// The columns of the store's table (CloudTrail's, or a configuration-item store's, …).
  var schema: LakeTableSchema

  init(
    partBytes: Int = 32 << 20, enrichment: EventContextReader? = nil, schema: LakeTableSchema = .cloudTrail
  ) {
    self.partBytes = partBytes
    self.enrichment = enrichment
    self.schema = schema
  }

  /// `region=R/date=D` of `region` on `day` (days since 1970).
  static func partition(region: String, day: Int64) -> String {
    "region=\(ExportPathComponent.encode(region))/date=\(LakeTime.formatDate(day))"
  }

  mutating func add(_ record: StoredRecord, at place: ExportPlace) throws -> [ExportFile] {
    let time = EventKey.time(of: record.rowID)
    let day = LakeTime.floorDiv(time, 86_400)
    var done: [ExportFile] = []
    if let currentDay, day != currentDay { done = finish() }
    currentDay = day
    let partition = Self.partition(region: place.region, day: day)
    let row = try LakeExportRow.json(
      record: record.bytes, eventTime: time, eventID: place.eventID, eventContext: enrichment?.context,
      schema: schema)
    // Appended in place: a copy taken out of the dictionary would copy the whole part per record.
    buffers[partition, default: ([], 0)].lines.append(contentsOf: row.compactText().utf8)
    buffers[partition]!.lines.append(UInt8(ascii: "\n"))
    buffers[partition]!.events += 1
    if buffers[partition]!.lines.count >= partBytes {
      done.append(part(partition, buffers.removeValue(forKey: partition)!))
    }
    return done
  }

  mutating func finish() -> [ExportFile] {
    let done = buffers.keys.sorted().map { part($0, buffers[$0]!) }
    buffers = [:]
    return done
  }

  /// The next part of `partition`.
  private mutating func part(_ partition: String, _ buffer: (lines: [UInt8], events: Int)) -> ExportFile {
    let number = parts[partition, default: 0]
    parts[partition] = number + 1
    return ExportFile(
      path: "\(partition)/part-\(number).json.gz", content: buffer.lines, events: buffer.events)
  }
}
