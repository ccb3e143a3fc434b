import Crypto
import Foundation

/// Writes a finished query's results where StartQuery's `DeliveryS3Uri` asked: `result_1.csv.gz`
/// (gzip CSV, `LakeResultCSV`) and `result_sign.json` under
/// `PREFIX/AWSLogs/ACCOUNT/CloudTrail-Lake/Query/YYYY/MM/DD/QUERY-ID/` (G:SIGNF).
///
/// The sign file holds each file's SHA-256 (of the compressed bytes) and a SHA256withRSA signature of
/// those hashes joined by spaces, made with the region's digest-signing key (`SigningKeyRing`), so
/// `aws cloudtrail verify-query-results` can check them against ListPublicKeys. One result file: the
/// 1 TB split of CloudTrail is far beyond what TrailDeck keeps.
struct LakeResultDelivery {
  let context: StoreContext

  /// The DeliveryStatus after delivering `output` of query `id`, finished at `completed`.
  func deliver(_ output: LakeQueryOutput, query id: String, to uri: String, completed: Date) -> String {
    let path = uri.dropFirst("s3://".count)
    let bucket = String(path.prefix { $0 != "/" })
    var prefix = String(path.dropFirst(bucket.count).drop { $0 == "/" })
    if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
    let day = ISO8601Time.format(Int64(completed.timeIntervalSince1970.rounded(.down)))
    let (year, month, date) = (day.prefix(4), day.dropFirst(5).prefix(2), day.dropFirst(8).prefix(2))
    let folder = "\(prefix)AWSLogs/\(context.account)/CloudTrail-Lake/Query/\(year)/\(month)/\(date)/\(id)/"
    let bytes = Gzip.deflate(Array(LakeResultCSV.text(columns: output.columns, rows: output.rows).utf8))
    let buckets = BucketFolder(context)
    do {
      try buckets.put(
        bucket: bucket, key: folder + "result_1.csv.gz", bytes: bytes,
        metadata: ObjectMetadata(contentType: "application/x-gzip"))
    } catch {
      return error.code == "NoSuchBucket"
        ? "RESOURCE_NOT_FOUND" : error.code == "AccessDenied" ? "ACCESS_DENIED" : "FAILED"
    }
    do {
      let sign = try signFile(files: [("result_1.csv.gz", bytes)], completed: completed)
      try buckets.put(
        bucket: bucket, key: folder + "result_sign.json", bytes: Array(sign.awsCLIText().utf8),
        metadata: ObjectMetadata(contentType: "application/json"))
    } catch {
      return "FAILED_SIGNING_FILE"
    }
    return "SUCCESS"
  }

  /// The sign file for `files` (name, compressed bytes), in G:SIGNF's member order.
  func signFile(files: [(name: String, bytes: [UInt8])], completed: Date) throws -> JSONValue {
    let hashes = files.map { Self.hex(Array(SHA256.hash(data: $0.bytes))) }
    let key = try SigningKeyRing(databasePath: context.databasePath, clock: context.clock)
      .currentKey(region: context.callerRegion)
    let signature = try key.sign(Array(hashes.joined(separator: " ").utf8))
    return .object([
      ("version", .string("1.0")),
      ("region", .string(context.callerRegion)),
      (
        "files",
        .array(
          zip(files, hashes).map {
            .object([("fileHashValue", .string($1)), ("fileName", .string($0.name))])
          })
      ),
      ("hashAlgorithm", .string("SHA-256")),
      ("signatureAlgorithm", .string("SHA256withRSA")),
      (
        "queryCompleteTime",
        .string(ISO8601Time.format(Int64(completed.timeIntervalSince1970.rounded(.down))))
      ),
      ("hashSignature", .string(Self.hex(signature))),
      ("publicKeyFingerprint", .string(key.publicKey.fingerprint)),
    ])
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
  }
}
