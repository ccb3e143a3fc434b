import Crypto
import Foundation

/// One log file of a delivery: a trail's records of one account and region, as CloudTrail writes it.
///
/// Key (spec §5.1): `[prefix/]AWSLogs/[o-id/]ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/`
/// `ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE16.json.gz`, the stamp being the delivery time
/// (minute precision) and the 16 letters and digits derived from the trail, the place and the time,
/// so that a delivery made again (after a failure) writes the same names. Insights events go the same
/// way with `CloudTrail-Insight` in place of `CloudTrail` (folder and name; spec §5.1, OPEN: the
/// name is inferred by analogy).
struct TrailLogFile {
  let trailARN: String
  let key: String
  let account: String
  let region: String
  /// `{"Records":[…]}` with each record's bytes verbatim.
  private(set) var json: [UInt8] = Array(#"{"Records":["#.utf8)
  private(set) var newest: Int64?
  private(set) var oldest: Int64?
  private(set) var metadata = ObjectMetadata()
  /// Where each record lies in `json`, with its event time (epoch seconds): CloudWatch Logs gets them
  /// one by one.
  private(set) var records: [(range: Range<Int>, eventTime: Int64)] = []
  private var count = 0

  init(
    trail: TrailRecord, organizationID: String?, account: String, region: String, time: Date,
    kind: String = "CloudTrail"
  ) {
    self.init(
      sourceARN: trail.arn, keyPrefix: trail.s3KeyPrefix, organizationID: organizationID, account: account,
      region: region, time: time, kind: kind)
  }

  /// A file of records from `sourceARN` (a trail, or an event data store that `traildeck export`
  /// writes in a trail's layout), whose unique part is derived from that ARN.
  init(
    sourceARN: String, keyPrefix: String?, organizationID: String?, account: String, region: String,
    time: Date, kind: String = "CloudTrail"
  ) {
    trailARN = sourceARN
    self.account = account
    self.region = region
    let stamp = ISO8601Time.format(time).filter { $0 != "-" && $0 != ":" }
    let minute = String(stamp.prefix(13)) + "Z"
    let folders = "\(stamp.prefix(4))/\(stamp.dropFirst(4).prefix(2))/\(stamp.dropFirst(6).prefix(2))"
    var key = "AWSLogs/"
    if let organizationID { key += organizationID + "/" }
    key += "\(account)/\(kind)/\(region)/\(folders)/\(account)_\(kind)_\(region)_\(minute)_"
    key +=
      Self.unique(sourceARN + (kind == "CloudTrail" ? "" : "|" + kind), account, region, time) + ".json.gz"
    if let keyPrefix, !keyPrefix.isEmpty { key = keyPrefix + "/" + key }
    self.key = key
  }

  mutating func add(_ record: UnsafeRawBufferPointer, eventTime: Int64) {
    if count > 0 { json.append(UInt8(ascii: ",")) }
    let start = json.count
    json.append(contentsOf: record)
    records.append((start..<json.count, eventTime))
    count += 1
    newest = max(newest ?? eventTime, eventTime)
    oldest = min(oldest ?? eventTime, eventTime)
  }

  /// The file closed, with the metadata S3 would hold for it (SSE-KMS when the trail has a key, whose
  /// full ARN `kmsKeyId` is, as the trail keeps it).
  func finished(kmsKeyId: String?) -> TrailLogFile {
    var file = self
    file.json += Array("]}".utf8)
    file.metadata = ObjectMetadata(
      contentType: "application/json", contentEncoding: "gzip",
      serverSideEncryption: kmsKeyId == nil ? "AES256" : "aws:kms", kmsKeyID: kmsKeyId)
    return file
  }

  /// The digest's entry for this file (SHA-256 of the uncompressed bytes).
  func digestEntry(bucket: String) -> DeliveredLogFile {
    DeliveredLogFile(
      bucket: bucket, key: key,
      sha256Hex: SHA256.hash(data: json).hex,
      newestEventTime: newest.map { Date(timeIntervalSince1970: TimeInterval($0)) },
      oldestEventTime: oldest.map { Date(timeIntervalSince1970: TimeInterval($0)) })
  }

  /// 16 letters and digits, the same for the same trail, place and delivery time.
  static func unique(_ arn: String, _ account: String, _ region: String, _ time: Date) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    let digest = SHA256.hash(data: Data("\(arn)|\(account)|\(region)|\(time.timeIntervalSince1970)".utf8))
    return String(digest.prefix(16).map { alphabet[Int($0) % alphabet.count] })
  }
}
