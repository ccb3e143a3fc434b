import Foundation

@testable import TrailCore

/// A scratch buckets folder, a store and a manual clock for the integrity tests.
final class IntegrityScratch {
  let store: TestStore
  let clock: ManualClock
  let folder: BucketFolder
  let ring: SigningKeyRing
  static let bucket = "trail-bucket"
  /// 2024-03-01T12:07:28Z: digests run hourly at a fixed offset, as AWS's do.
  static let origin = Date(timeIntervalSince1970: 1_709_294_848)

  init() throws {
    store = try TestStore()
    clock = ManualClock(Self.origin)
    folder = BucketFolder(directory: store.folder + "/buckets")
    try FileManager.default.createDirectory(
      atPath: folder.directory + "/" + Self.bucket, withIntermediateDirectories: true)
    ring = try SigningKeyRing(databasePath: store.dbPath, clock: clock)
  }

  var writer: DigestWriter { DigestWriter(folder: folder, keyRing: ring) }

  static let trail = DigestTrail(
    accountID: "111122223333", trailName: "management", homeRegion: "us-east-1", bucket: bucket)

  /// Delivers a gzipped log file of `count` records ending at `time` under the trail's log key layout.
  @discardableResult
  func deliverLog(at time: Date, records count: Int = 2, unique: String = "A6kvhMoVeCsc7v8U") throws
    -> DeliveredLogFile
  {
    let stamp = DigestKeys.compactStamp(time)
    let minute = String(stamp.prefix(13)) + "Z"
    let day = "\(stamp.prefix(4))/\(stamp.dropFirst(4).prefix(2))/\(stamp.dropFirst(6).prefix(2))"
    let key =
      "AWSLogs/111122223333/CloudTrail/us-east-1/\(day)/111122223333_CloudTrail_us-east-1_\(minute)_\(unique).json.gz"
    let seconds = Int64(time.timeIntervalSince1970)
    let records = (0..<count).map { n in
      TestRecord("\(seconds)-\(n)", at: seconds - Int64(60 * (count - 1 - n))).json
    }
    let json = Array(#"{"Records":[\#(records.joined(separator: ","))]}"#.utf8)
    try folder.put(
      bucket: Self.bucket, key: key, bytes: Gzip.deflate(json),
      metadata: ObjectMetadata(contentType: "application/json", contentEncoding: "gzip"))
    return try DeliveredLogFile(bucket: Self.bucket, key: key, in: folder)
  }
}
