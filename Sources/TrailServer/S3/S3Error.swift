import Foundation
import TrailCore

/// An S3 error as S3 answers it: the error code, the HTTP status S3 uses for it, a message, and the
/// bucket and key concerned, rendered as S3's `<Error>` document.
struct S3Error: Error, Equatable, Sendable {
  var code: String
  var status: Int
  var message: String
  var bucket: String?
  var key: String?

  init(_ code: String, status: Int, _ message: String, bucket: String? = nil, key: String? = nil) {
    self.code = code
    self.status = status
    self.message = message
    self.bucket = bucket
    self.key = key
  }

  /// The `<Error>` document S3 sends, with `requestID`.
  func xml(requestID: String) -> String {
    var writer = S3XMLWriter()
    writer.open("Error")
    writer.element("Code", code)
    writer.element("Message", message)
    if let key { writer.element("Key", key) }
    if let bucket { writer.element("BucketName", bucket) }
    writer.element("RequestId", requestID)
    writer.close("Error")
    return writer.text
  }

  static func noSuchBucket(_ bucket: String) -> S3Error {
    S3Error("NoSuchBucket", status: 404, "The specified bucket does not exist", bucket: bucket)
  }

  static func noSuchKey(_ bucket: String, _ key: String) -> S3Error {
    S3Error("NoSuchKey", status: 404, "The specified key does not exist.", bucket: bucket, key: key)
  }

  static func notImplemented(_ what: String) -> S3Error {
    S3Error(
      "NotImplemented", status: 501,
      "A header or query you provided implies functionality that is not implemented: \(what).")
  }

  static func methodNotAllowed(_ method: String, _ resource: String) -> S3Error {
    S3Error(
      "MethodNotAllowed", status: 405,
      "The specified method is not allowed against this resource: \(method) \(resource).")
  }

  /// The S3 error for a failure of TrailCore's bucket folders: S3's own codes keep their statuses, a key
  /// a folder cannot hold (`..`, `.`, empty segments, sidecar names) is `InvalidArgument`, and a KMS
  /// failure keeps KMS's code as S3 reports it (`KMS.NotFoundException`).
  init(_ error: BucketError) {
    let key = error.key
    switch error.code {
    case "NoSuchBucket": self = .noSuchBucket(error.bucket)
    case "NoSuchKey": self = .noSuchKey(error.bucket, key ?? "")
    case "InvalidBucketName":
      self.init("InvalidBucketName", status: 400, "The specified bucket is not valid.", bucket: error.bucket)
    case "InvalidObjectName":
      self.init(
        "InvalidArgument", status: 400,
        "The key cannot be stored: it is empty or has an empty, '.', '..' or '.metadata.json' segment.",
        bucket: error.bucket, key: key)
    case "AccessDenied":
      self.init("AccessDenied", status: 403, error.message, bucket: error.bucket, key: key)
    case let code where code.hasPrefix("KMS."):
      self.init(code, status: 400, error.message, bucket: error.bucket, key: key)
    default:
      self.init("InternalError", status: 500, error.message, bucket: error.bucket, key: key)
    }
  }
}
