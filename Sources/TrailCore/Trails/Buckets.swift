import Foundation

/// S3 buckets as folders under the context's buckets directory.
public enum Buckets {
  /// Makes bucket `name` (`traildeck mb`).
  ///
  /// - Throws: `InvalidBucketName` (S3's naming rules) or `BucketAlreadyExists` as `ServiceError`s,
  ///   in S3's own error names.
  public static func make(_ name: String, in context: StoreContext) throws {
    do {
      try TrailRules.checkBucketName(name)
    } catch {
      throw ServiceError("InvalidBucketName", "The specified bucket is not valid: \(error.message)")
    }
    let path = context.bucketPath(name)
    guard !FileManager.default.fileExists(atPath: path) else {
      throw ServiceError(
        "BucketAlreadyOwnedByYou",
        "Your previous request to create the named bucket succeeded and you already own it.")
    }
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
}
