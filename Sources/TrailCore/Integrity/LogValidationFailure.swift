/// A failure that ends validate-logs as an exception ends the aws CLI: the message on stderr between
/// blank lines, exit status 255. Invalid digests and log files are not failures; they are reported and
/// counted.
public struct LogValidationFailure: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text the aws CLI prints (its exception's `str`).
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }

  /// botocore's text for an S3 error raised by `operation`.
  static func s3(_ error: BucketError, operation: String) -> LogValidationFailure {
    LogValidationFailure(
      "An error occurred (\(error.code)) when calling the \(operation) operation: \(error.message)")
  }
}
