import Foundation
import LakeSQL

/// The `cloudtrail` layout: the store's events as a trail would have delivered them, one
/// `{"Records":[…]}` file per account, region and 5 minutes of event time, named and placed by
/// `TrailLogFile` (spec §5.1) with the store's ARN in place of the trail's.
///
/// A file's time stamp is the end of its 5 minutes, when a trail delivering every 5 minutes would have
/// written it, so the `YYYY/MM/DD` folder is the delivery date as in a trail's bucket (the last
/// minutes of a day land in the next day's folder, as CloudTrail's do). Records are kept verbatim.
/// Insights events go to `CloudTrail-Insight`, as trail delivery puts them.
struct CloudTrailExportLayout: ExportLayoutWriter {
  let storeARN: String
  /// Seconds of event time per file: CloudTrail's delivery cadence (spec §5.2).
  static let window: Int64 = Int64(TrailDelivery.interval)

  private var currentWindow: Int64?
  private var files: [String: TrailLogFile] = [:]
  private var order: [String] = []

  init(storeARN: String) { self.storeARN = storeARN }

  mutating func add(_ record: StoredRecord, at place: ExportPlace) throws -> [ExportFile] {
    let time = EventKey.time(of: record.rowID)
    let window = LakeTime.floorDiv(time, Self.window)
    var done: [ExportFile] = []
    if let currentWindow, window != currentWindow { done = finish() }
    currentWindow = window
    let kind = record.category == .insight ? "CloudTrail-Insight" : "CloudTrail"
    let account = ExportPathComponent.encode(place.account)
    let region = ExportPathComponent.encode(place.region)
    let group = kind + "/" + account + "/" + region
    if files[group] == nil {
      order.append(group)
      files[group] = TrailLogFile(
        sourceARN: storeARN, keyPrefix: nil, organizationID: nil, account: account, region: region,
        time: Date(timeIntervalSince1970: TimeInterval((window + 1) * Self.window)), kind: kind)
    }
    files[group]!.add(record.bytes, eventTime: time)
    return done
  }

  mutating func finish() -> [ExportFile] {
    let done = order.compactMap { group -> ExportFile? in
      guard let file = files[group]?.finished(kmsKeyId: nil) else { return nil }
      return ExportFile(path: file.key, content: file.json, events: file.records.count)
    }
    files = [:]
    order = []
    return done
  }
}
