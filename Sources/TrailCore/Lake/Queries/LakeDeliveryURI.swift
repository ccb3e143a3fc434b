import Foundation

/// StartQuery's `DeliveryS3Uri`: `s3://bucket[/prefix]`, the bucket a folder of the buckets folder.
///
/// Checked when the query starts; `LakeResultDelivery` writes the files when it has finished.
enum LakeDeliveryURI {
  /// - Throws: `ServiceError` `InvalidS3BucketNameException`, `InvalidS3PrefixException`,
  ///   `S3BucketDoesNotExistException`, `InsufficientS3BucketPolicyException`.
  static func check(_ uri: String, context: StoreContext) throws(ServiceError) {
    guard uri.hasPrefix("s3://") else {
      throw ServiceError(
        "InvalidS3BucketNameException", "DeliveryS3Uri '\(uri)' must have the form s3://BUCKET[/PREFIX].")
    }
    let path = uri.dropFirst("s3://".count)
    let bucket = String(path.prefix { $0 != "/" })
    let prefix = path.dropFirst(bucket.count).dropFirst()
    try TrailRules.checkBucketName(bucket)
    guard uri.count <= 1024, !prefix.hasPrefix("/"), !prefix.contains("//"),
      prefix.allSatisfy({ !$0.isNewline && $0 != "\\" })
    else {
      throw ServiceError(
        "InvalidS3PrefixException",
        "The prefix of DeliveryS3Uri '\(uri)' is not valid: at most 1024 characters in all, no empty path segments, no backslashes or line breaks."
      )
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: context.bucketPath(bucket), isDirectory: &isFolder),
      isFolder.boolValue
    else {
      throw ServiceError("S3BucketDoesNotExistException", "S3 bucket \(bucket) does not exist!")
    }
    guard FileManager.default.isWritableFile(atPath: context.bucketPath(bucket)) else {
      throw ServiceError(
        "InsufficientS3BucketPolicyException",
        "Incorrect S3 bucket policy is detected for bucket: \(bucket) (TrailDeck cannot write to \(context.bucketPath(bucket)))."
      )
    }
  }
}
