import Foundation
import TrailCore

/// A trail's bucket holding hourly digests over small log files, written by TrailCore as a trail delivers
/// them, for validate-logs to read: digest `n` (from 1) covers `[origin + (n-1) h, origin + n h]` and lists
/// the logs delivered 10 and 40 minutes into its hour, except hour 2, which is empty.
final class DigestedBucket {
  static let bucket = "trail-bucket"
  static let arn = "arn:aws:cloudtrail:us-east-1:111122223333:trail/management"
  /// 2024-03-01T12:07:28Z: AWS's digests run hourly at an offset, not on the hour.
  static let origin = Date(timeIntervalSince1970: 1_709_294_848)
  static let trail = DigestTrail(
    accountID: "111122223333", trailName: "management", homeRegion: "us-east-1", bucket: bucket)

  let scratch: CLIScratch
  let folder: BucketFolder
  private(set) var digests: [DigestChainState?] = []
  private(set) var logs: [DeliveredLogFile] = []

  var buckets: String { scratch.folder + "/buckets" }

  /// Writes `hours` digests; when `stoppedHour` is given no digest covers that hour and the next one
  /// starts a new chain (null links), as after StopLogging and StartLogging.
  init(hours: Int = 4, stoppedHour: Int? = nil) throws {
    scratch = try CLIScratch()
    folder = BucketFolder(directory: scratch.folder + "/buckets")
    try FileManager.default.createDirectory(
      atPath: folder.directory + "/" + Self.bucket, withIntermediateDirectories: true)
    let clock = ManualClock(Self.origin)
    let writer = DigestWriter(
      folder: folder, keyRing: try SigningKeyRing(databasePath: scratch.db, clock: clock))
    var previous: DigestChainState?
    for hour in 1...hours {
      let start = Self.origin.addingTimeInterval(TimeInterval(hour - 1) * 3600)
      let end = start.addingTimeInterval(3600)
      var delivered: [DeliveredLogFile] = []
      if hour != 2 {
        for minutes in [10, 40] {
          delivered.append(
            try deliverLog(at: start.addingTimeInterval(TimeInterval(minutes * 60)), hour: hour))
        }
      }
      logs += delivered
      clock.set(end)
      if hour == stoppedHour {
        digests.append(nil)
        previous = nil
        continue
      }
      previous = try writer.write(
        trail: Self.trail, previous: previous, start: start, end: end, logFiles: delivered)
      digests.append(previous)
    }
  }

  /// A log file of three records, the newest at `time`, at CloudTrail's log key for that minute.
  private func deliverLog(at time: Date, hour: Int) throws -> DeliveredLogFile {
    let stamp = DigestKeys.compactStamp(time)
    let day = "\(stamp.prefix(4))/\(stamp.dropFirst(4).prefix(2))/\(stamp.dropFirst(6).prefix(2))"
    let unique = "H\(hour)M\(stamp.dropFirst(11).prefix(2))vhMoVeCsc7v8U".prefix(16)
    let key =
      "AWSLogs/111122223333/CloudTrail/us-east-1/\(day)/111122223333_CloudTrail_us-east-1_"
      + "\(stamp.prefix(13))Z_\(unique).json.gz"
    let seconds = Int(time.timeIntervalSince1970)
    let records = (0..<3).map { n in
      CLIRecords.record(hour * 100 + n, time: ISO8601Time.format(Int64(seconds - 60 * (2 - n))))
    }
    let json = Array(CLIRecords.envelope(records).utf8)
    try folder.put(
      bucket: Self.bucket, key: key, bytes: Gzip.deflate(json),
      metadata: ObjectMetadata(contentType: "application/json", contentEncoding: "gzip"))
    return try DeliveredLogFile(bucket: Self.bucket, key: key, in: folder)
  }

  /// Replaces an object's bytes, keeping its metadata.
  func rewrite(_ key: String, _ change: ([UInt8]) throws -> [UInt8]) throws {
    let object = try folder.get(bucket: Self.bucket, key: key)
    try folder.put(bucket: Self.bucket, key: key, bytes: try change(object.bytes), metadata: object.metadata)
  }

  /// Replaces an object's metadata, keeping its bytes.
  func remeta(_ key: String, _ change: (inout ObjectMetadata) -> Void) throws {
    let object = try folder.get(bucket: Self.bucket, key: key)
    var metadata = object.metadata
    change(&metadata)
    try folder.put(bucket: Self.bucket, key: key, bytes: object.bytes, metadata: metadata)
  }

  func delete(_ key: String) throws { try folder.delete(bucket: Self.bucket, key: key) }
}
