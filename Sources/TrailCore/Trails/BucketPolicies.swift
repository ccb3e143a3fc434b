import Foundation

/// The S3 bucket policies of the buckets folder: one JSON file per bucket, `NAME.json` in
/// `StoreContext.s3PoliciesDirectory` (beside the buckets, so a bucket's folder holds only objects).
///
/// The S3 view stores them (PutBucketPolicy), and CreateTrail/UpdateTrail read them: CloudTrail
/// refuses a bucket whose policy does not let it write (`allowsCloudTrail`).
public struct BucketPolicies: Sendable {
  /// The folder of policy files.
  public var directory: String

  public init(directory: String) { self.directory = directory }

  /// The policies of `context`'s buckets (`context.s3PoliciesDirectory`).
  public init(_ context: StoreContext) { self.init(directory: context.s3PoliciesDirectory) }

  /// The policies of the buckets in `bucketsDirectory` (`s3-policies/` beside it).
  public init(bucketsDirectory: String) {
    self.init(directory: StoreContext.servicesDirectory(buckets: bucketsDirectory) + "/s3-policies")
  }

  /// The file of `bucket`'s policy.
  public func path(of bucket: String) -> String { directory + "/" + bucket + ".json" }

  /// The policy of `bucket` as it was put, or nil when it has none.
  public func policy(of bucket: String) -> String? {
    FileManager.default.contents(atPath: path(of: bucket)).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Sets `bucket`'s policy to `text` (already checked by the caller), replacing any other.
  public func setPolicy(_ text: String, for bucket: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: URL(fileURLWithPath: path(of: bucket)), options: .atomic)
  }

  /// Removes `bucket`'s policy; returns whether it had one.
  @discardableResult
  public func deletePolicy(of bucket: String) -> Bool {
    (try? FileManager.default.removeItem(atPath: path(of: bucket))) != nil
  }

  /// Whether `policy` lets CloudTrail deliver a trail's logs to `bucket` under `prefix` for `account`,
  /// as CloudTrail checks before it accepts the bucket: an `Allow` statement for the service principal
  /// `cloudtrail.amazonaws.com` must grant `s3:GetBucketAcl` on `arn:aws:s3:::BUCKET`, and one must
  /// grant `s3:PutObject` on a resource matching `arn:aws:s3:::BUCKET/PREFIX/AWSLogs/ACCOUNT/*`; a
  /// matching `Deny` statement wins over both (`PolicyDocument`).
  public static func allowsCloudTrail(
    _ policy: JSONValue, bucket: String, prefix: String?, account: String
  ) -> Bool {
    let prefixPath = prefix.flatMap { $0.isEmpty ? nil : $0 + "/" } ?? ""
    let document = PolicyDocument(policy)
    return document.allowsCloudTrail("s3:GetBucketAcl", on: "arn:aws:s3:::\(bucket)")
      && document.allowsCloudTrail(
        "s3:PutObject", on: "arn:aws:s3:::\(bucket)/\(prefixPath)AWSLogs/\(account)/*")
  }
}
